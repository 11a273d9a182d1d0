# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who is calling: AK/SK signatures (SDK-HMAC-SHA256) and IAM tokens, verified like the API gateway does.

The canonical form comes from the collection's own signer, loaded by file path (it has no
Ansible import), so signer and verifier cannot drift apart; the official SDK clients in the
tests check that both agree with the real thing.
"""

import hmac
import importlib.util
import os
import re
import threading
import time
from collections import namedtuple
from datetime import datetime, timedelta, timezone

from .protocol import ApiError, gateway_error, utc_now
from .seeding import DEFAULT_DOMAIN_ID, format_time, parse_time

SIGNING_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugins", "module_utils", "_engine",
                            "signing.py")
MAX_CLOCK_SKEW = timedelta(minutes=15)
AUTHORIZATION_PATTERN = re.compile(
    r"^SDK-HMAC-SHA256\s+Access=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-fA-F]+)$")

# kind: "aksk" or "token"; project_id: the project the caller acts in (a token's scope); home_project_id, home_region:
# the project the credential or the token's user is seeded with (see iam.accessible_projects).
Caller = namedtuple("Caller", "kind access_key project_id domain_id region home_project_id home_region")


def _load_signing():
    spec = importlib.util.spec_from_file_location("hwc_cleanup_signing", os.path.normpath(SIGNING_PATH))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


signing = _load_signing()


def _header(request, name):
    return request.headers.get(name)


def _verify_signature(request, store, authorization):
    match = AUTHORIZATION_PATTERN.match(authorization)
    if not match:
        raise gateway_error(request, "bad_signature", "malformed Authorization header")
    signed_headers = match.group("signed").lower().split(";")
    if "host" not in signed_headers or "x-sdk-date" not in signed_headers:
        raise gateway_error(request, "bad_signature", "SignedHeaders must include host and x-sdk-date")
    missing = [name for name in signed_headers if _header(request, name) is None]
    if missing:
        raise gateway_error(request, "bad_signature", "signed header(s) missing from the request: %s" % ", ".join(missing))
    try:
        date = datetime.strptime(_header(request, "x-sdk-date"), signing.DATE_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        raise gateway_error(request, "bad_signature", "X-Sdk-Date is not in the form 20240315T101500Z") from None
    if abs(utc_now() - date) > MAX_CLOCK_SKEW:
        raise gateway_error(request, "expired_date")
    credential = store.get("credentials", match.group("access"))
    if credential is None:
        raise gateway_error(request, "bad_signature")
    # The SDK sorts the (key, value) pairs; canonical_query sorts by key only, so sort first to agree on repeated keys.
    query = signing.canonical_query(sorted(request.query_pairs))
    headers = dict((name, _header(request, name)) for name in signed_headers)
    canonical = signing.canonical_request(request.method, request.path, query, headers, sorted(signed_headers), request.body)
    expected = signing.signature(credential["secret_key"], signing.string_to_sign(canonical, _header(request, "x-sdk-date")))
    if not hmac.compare_digest(expected, match.group("signature").lower()):
        raise gateway_error(request, "bad_signature")
    _verify_security_token(request, credential, signed_headers)
    # The credential's project governs; an X-Project-Id header (the SDK sends one) does not widen it.
    return Caller("aksk", credential["access_key"], credential["project_id"],
                  credential.get("domain_id", DEFAULT_DOMAIN_ID), credential["region"], credential["project_id"],
                  credential["region"])


def _verify_security_token(request, credential, signed_headers):
    """Temporary credentials are valid only with their security token, and the token must be signed."""
    expected = credential.get("security_token")
    sent = _header(request, "x-security-token")
    if expected is None and sent is None:
        return
    if expected is None:
        raise gateway_error(request, "bad_signature", "X-Security-Token sent for a permanent access key")
    if sent is None or "x-security-token" not in signed_headers or not hmac.compare_digest(sent, expected):
        raise gateway_error(request, "bad_signature", "temporary access key needs its signed X-Security-Token")


def _verify_token(request, store, token):
    record = store.get("tokens", token)
    if record is None or ("expires_at" in record and parse_time(record["expires_at"]) <= utc_now()):
        raise gateway_error(request, "bad_token")
    return Caller("token", None, record["project_id"], record.get("domain_id", DEFAULT_DOMAIN_ID), record.get("region"),
                  record.get("home_project_id", record["project_id"]), record.get("home_region", record.get("region")))


def presented(request):
    """(kind, access key) of the credentials a request presents, valid or not: "aksk", "token" or "none"."""
    match = AUTHORIZATION_PATTERN.match(_header(request, "authorization") or "")
    if match:
        return "aksk", match.group("access")
    return ("token", None) if _header(request, "x-auth-token") else ("none", None)


def _signature_header(request):
    """The Authorization header when it is an AK/SK signature (which takes precedence over a token), else None."""
    authorization = _header(request, "authorization")
    return authorization if authorization and authorization.startswith(signing.ALGORITHM) else None


def token_of(request):
    """The IAM token the request is authenticated with (X-Auth-Token, no AK/SK signature), valid or not; else None."""
    if _signature_header(request):
        return None
    return _header(request, "x-auth-token") or None


def revoke_token(store, token):
    """Forget an IAM token (the token_expired fault): every later request with it gets 401 bad_token."""
    store.mutate("tokens", lambda table: table.pop((token,), None) is not None)


class AkLockout:
    """The gateway's lock of an access key: ``failures`` refused AK/SK authentications in a row (a bad signature, an
    unknown key, a missing signed header, a bad security token, a skewed X-Sdk-Date) lock the key for ``seconds``;
    meanwhile every request signed with it, a correct one too, gets GATEWAY_ERRORS["ak_locked"]. A verified
    signature ends the run of failures; a refused request of a locked key is not counted and does not extend the lock.

    The limits come from POST /_emulator/replies (``ak_lockout``; None: no lockout); ``lockouts()`` lists every lock
    since the last reset. Thread-safe; ``clock`` is monotonic seconds (tests pass a fake one).
    """

    def __init__(self, clock=time.monotonic):
        self._lock = threading.Lock()
        self._clock = clock
        self._limit = None
        self.reset()

    def reset(self):
        with self._lock:
            self._failures = {}  # access key -> refused authentications in a row
            self._until = {}  # access key -> clock time its lock ends
            self._lockouts = []

    def configure(self, limit):
        """``{"failures": N, "seconds": S}`` or None (off). Runs of failures and locks in force are kept."""
        with self._lock:
            self._limit = None if limit is None else dict(limit)

    def locked(self, access_key):
        with self._lock:
            until = self._until.get(access_key)
            if until is not None and self._clock() >= until:
                del self._until[access_key]
                until = None
            return until is not None and self._limit is not None

    def count(self, access_key, refused):
        """Count one AK/SK authentication of ``access_key``: refused, or verified."""
        with self._lock:
            failures = self._failures.pop(access_key, 0) + 1
            if not refused or self._limit is None:
                return
            if failures < self._limit["failures"]:
                self._failures[access_key] = failures
                return
            self._until[access_key] = self._clock() + self._limit["seconds"]
            now = utc_now()
            self._lockouts.append({"access_key": access_key, "failures": failures, "locked_at": format_time(now),
                                   "until": format_time(now + timedelta(seconds=self._limit["seconds"]))})

    def lockouts(self):
        """Every lock since the last reset: [{"access_key", "failures", "locked_at", "until"}]."""
        with self._lock:
            return [dict(lockout) for lockout in self._lockouts]


def _authenticate_signature(request, store, authorization, lockout):
    _kind, access_key = presented(request)
    if access_key is None:  # a malformed Authorization header names no key to count
        return _verify_signature(request, store, authorization)
    if lockout.locked(access_key):
        raise gateway_error(request, "ak_locked")
    try:
        caller = _verify_signature(request, store, authorization)
    except ApiError:
        lockout.count(access_key, refused=True)
        raise
    lockout.count(access_key, refused=False)
    return caller


def authenticate(request, store, lockout):
    """The Caller, or an ApiError with the gateway's 401; ``lockout``: the AkLockout that AK/SK requests count in."""
    authorization = _signature_header(request)
    if authorization:
        return _authenticate_signature(request, store, authorization, lockout)
    token = token_of(request)
    if token:
        return _verify_token(request, store, token)
    raise gateway_error(request, "bad_signature", "no Authorization header and no X-Auth-Token")
