# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The two IAM calls the collection makes: a password token, and the project named after a region."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError

TOKENS_PATH = "/v3/auth/tokens"
PROJECTS_PATH = "/v3/projects"


def password_token(transport, iam_url, username, password, domain_name, scope):
    """(token, project id, expires_at) from POST /v3/auth/tokens; ``scope`` is {"id": ..} or {"name": region}."""
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": username, "password": password, "domain": {"name": domain_name}}}},
        "scope": {"project": scope},
    }}
    reply = transport.request("POST", iam_url + TOKENS_PATH, json_body=body)
    token = reply.headers.get("X-Subject-Token")
    if reply.status_code != 201 or not token:
        raise reply.api_error()
    issued = (reply.json() or {}).get("token") or {}
    return token, (issued.get("project") or {}).get("id"), issued.get("expires_at")


def project_by_region(transport, iam_url, auth, region):
    """The one project named after the region (AK/SK), by a signed GET /v3/projects?name=."""
    reply = transport.request("GET", iam_url + PROJECTS_PATH, params={"name": region}, auth=auth)
    if reply.status_code != 200:
        raise reply.api_error()
    projects = (reply.json() or {}).get("projects") or []
    if len(projects) != 1:
        raise ApiError("GET", PROJECTS_PATH, error_msg="expected exactly one project named %r, found %d; set project_id"
                       % (region, len(projects)))
    return projects[0]["id"]
