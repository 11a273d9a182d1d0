# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The credential strategies: chosen from the options (docs/authentication.md), checked before any request,
then applied to each request. The IAM calls themselves are iam.py's."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.hwc.cleanup.plugins.module_utils import iam, signing
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
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
    """The kind of credential the options give, in the documented order; an error before any request if none."""
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

    def __init__(self, transport, iam_url, username, password, domain_name, project_id=None, region=None):
        self._transport = transport
        self._iam_url = iam_url
        self._user = (username, password, domain_name)
        self._scope = {"id": project_id} if project_id else {"name": region}
        self._lock = threading.Lock()
        self._token = None
        self.project_id = project_id
        self.project = None  # the token's project {id, name, domain}, once issued
        self.expires_at = None

    def token(self):
        with self._lock:
            if self._token is None:
                self._issue()
            return self._token

    def _issue(self):
        username, password, domain_name = self._user
        self._token, self.project, self.expires_at = iam.password_token(
            self._transport, self._iam_url, username, password, domain_name, self._scope)
        self.project_id = self.project.get("id") or self.project_id

    def apply(self, method, host, path, query, headers, body, project_id=None):
        headers["X-Auth-Token"] = self.token()

    def refresh(self, used_headers):
        """A fresh token after a 401. Single flight: workers that sent the same stale token wait for one IAM call."""
        with self._lock:
            if self._token == used_headers.get("X-Auth-Token"):
                self._issue()
        return True


def credential(kind, params, transport, iam_url):
    """The strategy of ``kind`` (from choose_credential) for this run; a password credential gets its token now."""
    if kind == "token":
        return TokenAuth(params["auth_token"])
    if kind == "aksk":
        return AkSkAuth(params["access_key"], params["secret_key"], params["security_token"])
    password = PasswordAuth(transport, iam_url, params["username"], params["password"], params["domain_name"],
                            params["project_id"], params["region"])
    password.token()
    return password
