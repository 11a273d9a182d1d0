# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IAM: password tokens (POST /v3/auth/tokens), the project lists (GET /v3/projects, GET /v3/auth/projects) and one
project (GET /v3/projects/{project_id}); who may act in which project (may_act_in)."""

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


def _project(project_id, name, domain_id, record=None):
    """A project as IAM lists it.

    research: huaweicloudsdkiam 3.1.219 v3/model/project_result.py and auth_project_result.py (is_domain,
    description, links, enabled, id, parent_id, domain_id, name); parent_id is the account id for a region's own
    project and the region project's id for a sub-project (same files).
    """
    record = record or {}
    return {"id": project_id, "name": name, "domain_id": domain_id, "parent_id": record.get("parent_id", domain_id),
            "enabled": record.get("enabled", True), "is_domain": False, "description": "",
            "links": {"self": "/v3/projects/" + project_id}}


def seeded_projects(store, domain_id):
    """{id: project} of the ``projects`` seed kind in an account."""
    return {record["id"]: _project(record["id"], record["name"], domain_id, record)
            for record in store.records("projects") if record.get("domain_id", DEFAULT_DOMAIN_ID) == domain_id}


def account_projects(store, domain_id):
    """{id: project} of an account: every project a credential or user names (named after its region), then the
    seeded projects (which win for the same id)."""
    projects = {}
    for kind in ("credentials", "users"):
        for record in store.records(kind):
            if record.get("domain_id", DEFAULT_DOMAIN_ID) == domain_id:
                projects[record["project_id"]] = _project(record["project_id"], record["region"], domain_id)
    projects.update(seeded_projects(store, domain_id))
    return projects


def accessible_projects(store, domain_id, home_project_id, home_region):
    """{id: project} a credential or user can access: its own project, then every seeded project of its account."""
    home = account_projects(store, domain_id).get(home_project_id) or _project(home_project_id, home_region or "", domain_id)
    projects = {home_project_id: home}
    projects.update(seeded_projects(store, domain_id))
    return projects


def may_act_in(store, caller, project_id):
    """A token acts in the project it is scoped to; AK/SK also in every enabled seeded project of its account."""
    if project_id == caller.project_id:
        return True
    project = seeded_projects(store, caller.domain_id).get(project_id) if caller.kind == "aksk" else None
    return bool(project and project["enabled"])


def _scoped_project(projects, scope):
    """The project the scope names by id, by name or both (the user's own project first), or None."""
    for project in projects.values():
        if scope.get("id") in (None, project["id"]) and scope.get("name") in (None, project["name"]):
            return project
    return None


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
    domain = {"id": user.get("domain_id", DEFAULT_DOMAIN_ID), "name": domain_name}
    project = _scoped_project(accessible_projects(store, domain["id"], user["project_id"], user["region"]), scope)
    if project is None or not project["enabled"]:
        raise _keystone_error(401, "Unauthorized", "The user has no access to the requested project.")
    now = utc_now()
    token = "MIIT" + secrets.token_urlsafe(96)
    record = {"token": token, "project_id": project["id"], "region": project["name"].partition("_")[0],
              "domain_id": domain["id"], "expires_at": format_time(now + TOKEN_LIFETIME),
              "home_project_id": user["project_id"], "home_region": user["region"]}
    store.mutate("tokens", lambda table: table.__setitem__((token,), record))
    return Response(201, {"token": {
        "expires_at": record["expires_at"],
        "issued_at": format_time(now),
        "methods": ["password"],
        "project": {"id": project["id"], "name": project["name"], "domain": domain},
        "user": {"id": secrets.token_hex(16), "name": name, "domain": domain, "password_expires_at": ""},
        "roles": [{"id": "0", "name": "op_service"}],
        "catalog": [],
    }}, {"X-Subject-Token": token})


def _flag(request, name):
    value = request.query_value(name)
    if value not in (None, "true", "false"):
        raise _bad_request("%s must be true or false" % name)
    return None if value is None else value == "true"


def _page(request, projects):
    """research: https://support.huaweicloud.com/intl/en-us/api-iam/iam_06_0001.html (page >= 1 and per_page
    1..5000, "must be used together"); what IAM answers to one without the other is unverified (here: 400)."""
    page, per_page = request.query_value("page"), request.query_value("per_page")
    if page is None and per_page is None:
        return projects
    try:
        page, per_page = int(page), int(per_page)
    except (TypeError, ValueError):
        raise _bad_request("page and per_page must be given together, as integers") from None
    if page < 1 or not 1 <= per_page <= 5000:
        raise _bad_request("page must be at least 1 and per_page from 1 to 5000")
    return projects[(page - 1) * per_page:page * per_page]


def list_projects(request, store):
    """GET /v3/projects: the projects of the caller's account, filtered by name, domain_id, parent_id, enabled.

    research: huaweicloudsdkiam 3.1.219 v3/model/keystone_list_projects_request.py (the query parameters) and
    keystone_list_projects_response.py ({links: {self, previous, next}, projects}).
    """
    domain_id = request.caller.domain_id
    enabled = _flag(request, "enabled")
    wanted = {"name": request.query_value("name"), "domain_id": request.query_value("domain_id"),
              "parent_id": request.query_value("parent_id")}
    listed = [project for _id, project in sorted(account_projects(store, domain_id).items())
              if all(value in (None, project[field]) for field, value in wanted.items())
              and enabled in (None, project["enabled"])]
    return Response(200, {"projects": _page(request, listed), "links": {"self": "/v3/projects", "previous": None, "next": None}})


def list_auth_projects(request, store):
    """GET /v3/auth/projects: the projects the caller can access, in one reply.

    research: huaweicloudsdkiam 3.1.219 v3/model/keystone_list_auth_projects_request.py (no parameter: no paging)
    and keystone_list_auth_projects_response.py ({links: LinksSelf {self}, projects: [AuthProjectResult]});
    https://support.huaweicloud.com/intl/en-us/api-iam/iam_06_0003.html documents an X-Auth-Token, the SDK's
    IamClient signs the call with AK/SK too (GlobalCredentials), so both are accepted.
    """
    caller = request.caller
    projects = accessible_projects(store, caller.domain_id, caller.home_project_id, caller.home_region)
    return Response(200, {"projects": [project for _id, project in sorted(projects.items())],
                          "links": {"self": "/v3/auth/projects"}})


def show_project(request, store):
    """GET /v3/projects/{project_id}: {"project": ..} of the caller's account, else 404.

    research: huaweicloudsdkiam 3.1.219 v3/model/keystone_show_project_response.py ({project: ProjectResult}); the
    404 body and message are unverified (Keystone's shape and words).
    """
    project_id = request.params["project_id"]
    project = account_projects(store, request.caller.domain_id).get(project_id)
    if project is None:
        raise _keystone_error(404, "Not Found", "Could not find project: %s." % project_id)
    return Response(200, {"project": project})


ROUTES = [
    Route("iam", "POST", "/v3/auth/tokens", create_token, False, None),
    Route("iam", "GET", "/v3/auth/projects", list_auth_projects, True, None),
    Route("iam", "GET", "/v3/projects", list_projects, True, None),
    Route("iam", "GET", "/v3/projects/{project_id}", show_project, True, None),
]
