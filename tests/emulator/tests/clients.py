# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Raw HTTP clients for the tests: AK/SK-signed requests (with deliberate flaws on demand) and token-authenticated GETs.

IAM tokens: support.measure.password_token.
"""

import json
from datetime import datetime, timezone
from urllib.parse import urlsplit

import requests

from emulator.auth import signing

DEFAULT_TIMEOUT = 10


def signed(method, base_url, path, credential, params=None, json_body=None, extra_headers=None,
           unsigned=(), date=None, secret_key=None, timeout=DEFAULT_TIMEOUT, session=None):
    """Send ``method path`` signed with ``credential`` (a seed record).

    ``unsigned``: header names left out of SignedHeaders; ``date``: the X-Sdk-Date moment;
    ``secret_key``: sign with this key instead of the credential's.
    """
    body = b"" if json_body is None else json.dumps(json_body).encode("utf-8")
    query = signing.canonical_query(params or {})
    headers = {"Host": urlsplit(base_url).netloc, "X-Sdk-Date": signing.sdk_date(date or datetime.now(timezone.utc))}
    if json_body is not None:
        headers["Content-Type"] = "application/json"
    headers.update(extra_headers or {})
    names = sorted(name.lower() for name in headers if name.lower() not in unsigned)
    canonical = signing.canonical_request(method, path, query, headers, names, body)
    text = signing.string_to_sign(canonical, headers["X-Sdk-Date"])
    headers["Authorization"] = "%s Access=%s, SignedHeaders=%s, Signature=%s" % (
        signing.ALGORITHM, credential["access_key"], ";".join(names), signing.signature(secret_key or credential["secret_key"], text))
    url = base_url + path + ("?" + query if query else "")
    return (session or requests).request(method, url, headers=headers, data=body or None, timeout=timeout)


def token_get(base_url, path, token, params=None, timeout=DEFAULT_TIMEOUT):
    return requests.get(base_url + path, params=params, headers={"X-Auth-Token": token}, timeout=timeout)
