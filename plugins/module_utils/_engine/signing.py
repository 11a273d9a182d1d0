# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""SDK-HMAC-SHA256 request signing, byte for byte as huaweicloudsdkcore's Signer does it.

Pure standard library, no Ansible import: the test emulator loads this very file to verify
signatures, so signer and verifier cannot disagree on the canonical form.
"""

import hashlib
import hmac
import re
from datetime import datetime, timezone
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()
# A path of unreserved characters only is its own canonical form: nothing to decode or encode.
PLAIN_PATH = re.compile(r"[A-Za-z0-9/_.~-]*")


def sdk_date(now=None):
    """X-Sdk-Date value: always UTC, whatever the controller's time zone."""
    return (now or datetime.now(timezone.utc)).strftime(DATE_FORMAT)


def _encode(text):
    # The SDK quotes with safe='~': only RFC 3986 unreserved characters stay literal.
    return quote(text, safe="~")


def canonical_uri(path):
    """Each segment decoded then re-encoded; always ends with '/' (the SDK's rule)."""
    uri = path if PLAIN_PATH.fullmatch(path) else "/".join(_encode(segment) for segment in unquote(path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(params):
    """Sorted, encoded query string. It is also the query string that must be sent."""
    items = params.items() if isinstance(params, dict) else params
    pairs = []
    for key, value in sorted(items, key=lambda item: item[0]):
        values = sorted(value) if isinstance(value, (list, tuple)) else [value]
        for one in values:
            if isinstance(one, bool):
                one = str(one).lower()
            pairs.append("%s=%s" % (_encode(str(key)), _encode(str(one))))
    return "&".join(pairs)


def canonical_request(method, path, query, headers, signed_headers, body):
    """The canonical request text.

    ``query`` is the canonical query string, ``headers`` a dict of the headers to sign
    (any case), ``signed_headers`` their lower-case names, sorted, ``body`` bytes.
    """
    lowered = dict((name.lower(), value) for name, value in headers.items())
    header_lines = "".join("%s:%s\n" % (name, lowered[name].strip()) for name in signed_headers)
    return "\n".join([
        method.upper(),
        canonical_uri(path),
        query,
        header_lines,
        ";".join(signed_headers),
        hashlib.sha256(body).hexdigest() if body else EMPTY_BODY_SHA256,
    ])


def string_to_sign(canonical, date):
    return "%s\n%s\n%s" % (ALGORITHM, date, hashlib.sha256(canonical.encode("utf-8")).hexdigest())


def signature(secret_key, text):
    return hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def authorization(method, path, query, headers, body, access_key, secret_key):
    """The Authorization header for a request whose every header in ``headers`` is signed.

    ``headers`` must already hold ``Host`` and ``X-Sdk-Date`` (and ``X-Project-Id`` /
    ``X-Security-Token`` when used): the gateway rejects a request that does not sign them.
    """
    signed = sorted(name.lower() for name in headers)
    date = next(value for name, value in headers.items() if name.lower() == "x-sdk-date")
    canonical = canonical_request(method, path, query, headers, signed, body)
    return "%s Access=%s, SignedHeaders=%s, Signature=%s" % (
        ALGORITHM, access_key, ";".join(signed), signature(secret_key, string_to_sign(canonical, date)))
