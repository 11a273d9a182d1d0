# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IAM: password tokens (POST /v3/auth/tokens) and the project list (GET /v3/projects)."""

import hmac
import secrets
from datetime import timedelta

from .protocol import ApiError, Response, utc_now
from .routing import Route
from .seeding import DEFAULT_DOMAIN_ID, format_time

TOKEN_LIFETIME = timedelta(hours=24)


def _keystone_error(status, title, message):
    # research: IAM's Keystone-compatible API answers {"error": {"code", "message", "title"}}; the exact
    # messages are from memory of https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0001.html
    return ApiError(status, {"error": {"code": status, "message": message, "title": title}})


def _bad_request(message):
    return _keystone_error(400, "Bad Request", message)


def _unauthorized():
    return _keystone_error(401, "Unauthorized", "The username or password is wrong.")


def _password_identity(body):
    try:
        identity = body["auth"]["identity"]
        user = identity["password"]["user"]
        if "password" not in identity["methods"]:
            raise KeyError("methods")
        return user["name"], user["password"], user["domain"]["name"], body["auth"].get("scope", {}).get("project")
    except (KeyError, TypeError):
        raise _bad_request("The request body must hold auth.identity.password.user {name, password, domain.name} "
                           "with methods [\"password\"]") from None


def create_token(request, store):
    try:
        body = request.json_body()
    except ValueError:
        raise _bad_request("The request body is not JSON.") from None
    name, password, domain_name, scope = _password_identity(body)
    if not isinstance(scope, dict) or not (scope.get("id") or scope.get("name")):
        raise _bad_request("auth.scope.project must give the project id or name")
    user = store.get("users", domain_name, name)
    if user is None or not hmac.compare_digest(str(password), user["password"]):
        raise _unauthorized()
    if scope.get("id") not in (None, user["project_id"]) or scope.get("name") not in (None, user["region"]):
        raise _keystone_error(401, "Unauthorized", "The user has no access to the requested project.")
    domain = {"id": user.get("domain_id", DEFAULT_DOMAIN_ID), "name": domain_name}
    now = utc_now()
    token = "MIIT" + secrets.token_urlsafe(96)
    record = {"token": token, "project_id": user["project_id"], "region": user["region"], "domain_id": domain["id"],
              "expires_at": format_time(now + TOKEN_LIFETIME)}
    store.mutate("tokens", lambda table: table.__setitem__((token,), record))
    project = {"id": user["project_id"], "name": user["region"], "domain": domain}
    return Response(201, {"token": {
        "expires_at": record["expires_at"],
        "issued_at": format_time(now),
        "methods": ["password"],
        "project": project,
        "user": {"id": secrets.token_hex(16), "name": name, "domain": domain, "password_expires_at": ""},
        "roles": [{"id": "0", "name": "op_service"}],
        "catalog": [],
    }}, {"X-Subject-Token": token})


def list_projects(request, store):
    """The projects of the caller's account: every project a credential or user of that account names."""
    domain_id = request.caller.domain_id
    projects = {}
    for kind in ("credentials", "users"):
        for record in store.records(kind):
            if record.get("domain_id", DEFAULT_DOMAIN_ID) == domain_id:
                projects[record["project_id"]] = record["region"]
    wanted = request.query_value("name")
    listed = [{"id": project_id, "name": name, "domain_id": domain_id, "parent_id": domain_id, "enabled": True,
               "is_domain": False, "description": "", "links": {"self": "/v3/projects/" + project_id}}
              for project_id, name in sorted(projects.items()) if wanted in (None, name)]
    return Response(200, {"projects": listed, "links": {"self": "/v3/projects", "previous": None, "next": None}})


ROUTES = [
    Route("iam", "POST", "/v3/auth/tokens", create_token, False, None),
    Route("iam", "GET", "/v3/projects", list_projects, True, None),
]
