# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Choosing the credential (SPEC section 2) and applying it to each request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.hwc.cleanup.plugins.module_utils import signing
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError, ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.options import CREDENTIAL_ENV


def _named(option):
    return "%s (%s)" % (option, ", ".join(CREDENTIAL_ENV[option]))


def _require_together(params, options):
    given = [name for name in options if params.get(name)]
    if given and len(given) < len(options):
        missing = [name for name in options if not params.get(name)]
        raise ConfigurationError("%s given without %s" % (" and ".join(given), " and ".join(_named(m) for m in missing)))
    return bool(given)


def choose_credential(params):
    """The kind of credential the options give, in SPEC order; an error before any request if none."""
    if params.get("auth_token"):
        return "token"
    if _require_together(params, ("access_key", "secret_key")):
        return "aksk"
    if _require_together(params, ("username", "password", "domain_name")):
        return "password"
    raise ConfigurationError(
        "no credentials: give auth_token, or access_key and secret_key (optionally security_token), "
        "or username, password and domain_name. Looked for the options and the environment variables "
        + "; ".join(_named(option) for option in ("auth_token", "access_key", "secret_key", "username", "password", "domain_name")))


class TokenAuth:
    kind = "token"

    def __init__(self, token):
        self._token = token

    def apply(self, method, host, path, query, headers, body, project_id=None):
        headers["X-Auth-Token"] = self._token

    def refresh(self, used_headers):
        return False


class AkSkAuth:
    """Signs every request as huaweicloudsdkcore does, afresh per attempt (X-Sdk-Date moves)."""

    kind = "aksk"

    def __init__(self, access_key, secret_key, security_token=None):
        self._access_key = access_key
        self._secret_key = secret_key
        self._security_token = security_token

    def apply(self, method, host, path, query, headers, body, project_id=None):
        signed = {"Content-Type": headers["Content-Type"], "Host": host, "X-Sdk-Date": signing.sdk_date()}
        if project_id:
            signed["X-Project-Id"] = project_id
        if self._security_token:
            signed["X-Security-Token"] = self._security_token
        signed["Authorization"] = signing.authorization(method, path, query, signed, body, self._access_key, self._secret_key)
        headers.update(signed)

    def refresh(self, used_headers):
        return False


class PasswordAuth:
    """One IAM password call per module run; a 401 later gets one fresh token, however many workers saw it."""

    kind = "password"
    TOKENS_PATH = "/v3/auth/tokens"

    def __init__(self, transport, iam_url, username, password, domain_name, project_id=None, region=None):
        self._transport = transport
        self._url = iam_url + self.TOKENS_PATH
        self._username = username
        self._password = password
        self._domain_name = domain_name
        self._scope = {"id": project_id} if project_id else {"name": region}
        self._lock = threading.Lock()
        self._token = None
        self.project_id = project_id
        self.expires_at = None

    def token(self):
        with self._lock:
            if self._token is None:
                self._issue()
            return self._token

    def _issue(self):
        body = {"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": self._username, "password": self._password, "domain": {"name": self._domain_name}}}},
            "scope": {"project": self._scope},
        }}
        reply = self._transport.request("POST", self._url, json_body=body)
        token = reply.headers.get("X-Subject-Token")
        if reply.status_code != 201 or not token:
            raise reply.api_error()
        data = reply.json() or {}
        self._token = token
        self.project_id = ((data.get("token") or {}).get("project") or {}).get("id") or self.project_id
        self.expires_at = (data.get("token") or {}).get("expires_at")

    def apply(self, method, host, path, query, headers, body, project_id=None):
        headers["X-Auth-Token"] = self.token()

    def refresh(self, used_headers):
        """A fresh token after a 401. Single flight: workers that sent the same stale token wait for one IAM call."""
        with self._lock:
            if self._token == used_headers.get("X-Auth-Token"):
                self._issue()
        return True


def project_id_by_region(transport, iam_url, auth, region):
    """AK/SK: the one project named after the region, by a signed IAM call."""
    reply = transport.request("GET", iam_url + "/v3/projects", params={"name": region}, auth=auth)
    if reply.status_code != 200:
        raise reply.api_error()
    projects = (reply.json() or {}).get("projects") or []
    if len(projects) != 1:
        raise ApiError("GET", "/v3/projects", error_msg="expected exactly one project named %r, found %d; set project_id"
                       % (region, len(projects)))
    return projects[0]["id"]
