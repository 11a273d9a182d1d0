# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IAM calls the collection makes: a password token, the project named after a region, and the projects a
credential can access; and what a project's name says about its region."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch
import re

from ansible_collections.hwc.cleanup.plugins.module_utils.endpoints import REGION_PATTERN
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError, ConfigurationError, ReplyError

TOKENS_PATH = "/v3/auth/tokens"
PROJECTS_PATH = "/v3/projects"
AUTH_PROJECTS_PATH = "/v3/auth/projects"

# research: huaweicloudsdkiam 3.1.219 v3/model/keystone_create_project_option.py (name: "must start with an
# existing region ID and '_'", e.g. cn-north-1_IAMProject, at most 64 characters) and
# https://support.huaweicloud.com/intl/en-us/usermanual-iam/iam_05_0001.html (letters, digits, '-' and '_'):
# a region's own project is named after the region, a sub-project "{region}_{suffix}".
SUB_PROJECT = re.compile(r"^([^_]+)_.+$")


def password_token(transport, iam_url, username, password, domain_name, scope):
    """(token, the token's project {id, name, domain}, expires_at) from POST /v3/auth/tokens.

    ``scope`` is {"id": ..} or {"name": region}.
    """
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": username, "password": password, "domain": {"name": domain_name}}}},
        "scope": {"project": scope},
    }}
    reply = transport.request("POST", iam_url + TOKENS_PATH, json_body=body)
    token = reply.headers.get("X-Subject-Token")
    if reply.status_code != 201 or not token:
        # The scope named, so that a project the user cannot access is told from a wrong password.
        raise reply.api_error(hint="the token was asked for the project with %s %r" % next(iter(scope.items())))
    issued = (reply.json() or {}).get("token") or {}
    return token, issued.get("project") or {}, issued.get("expires_at")


def project_by_region(transport, iam_url, auth, region):
    """The one project named after the region (AK/SK), by a signed GET /v3/projects?name=, as project_facts."""
    reply = transport.request("GET", iam_url + PROJECTS_PATH, params={"name": region}, auth=auth)
    if reply.status_code != 200:
        raise reply.api_error()
    projects = (reply.json() or {}).get("projects") or []
    if len(projects) != 1:
        raise ApiError("GET", PROJECTS_PATH, error_msg="expected exactly one project named %r, found %d; set project_id"
                       % (region, len(projects)))
    return project_facts(projects[0])


def accessible_projects(transport, iam_url, auth):
    """Every project the credential can access (GET /v3/auth/projects), as project_facts.

    research: huaweicloudsdkiam 3.1.219 v3/model/keystone_list_auth_projects_request.py has no parameter and
    keystone_list_auth_projects_response.py {links: LinksSelf (self only), projects: [AuthProjectResult]}: the
    list has no paging, so one call reads it all. A reply that names a next page is refused rather than read
    in part: a project left out would be one no teardown ever sees.
    """
    reply = transport.request("GET", iam_url + AUTH_PROJECTS_PATH, auth=auth)
    if reply.status_code != 200:
        raise reply.api_error()
    return parse_projects(reply.json())


def parse_projects(data):
    """The projects of a GET /v3/auth/projects body, as project_facts; ReplyError for a body of another shape."""
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, list) or not all(isinstance(project, dict) and project.get("id") for project in projects):
        raise ReplyError("GET %s answered a body without a list of projects with ids: %.200r" % (AUTH_PROJECTS_PATH, data))
    if (data.get("links") or {}).get("next"):
        raise ReplyError("GET %s answered a next page (%s); the collection reads one page only, please report this"
                         % (AUTH_PROJECTS_PATH, data["links"]["next"]))
    return [project_facts(project) for project in projects]


def project_facts(project):
    """{id, name, region, domain_id, enabled} of a project of IAM's lists or of a token's ``project``.

    research: huaweicloudsdkiam 3.1.219 v3/model/auth_project_result.py, project_result.py (id, name, domain_id,
    parent_id, enabled, is_domain, description, links) and token_project_result.py (id, name, domain {id, name}).
    A token names no ``enabled``: IAM scopes tokens to enabled projects only (research: unverified, Keystone's rule).
    """
    name = project.get("name")
    return {
        "id": project.get("id"),
        "name": name,
        "region": region_of(name),
        "domain_id": project.get("domain_id") or (project.get("domain") or {}).get("id"),
        "enabled": project.get("enabled", True) is True,
    }


def region_of(name):
    """The region a project's name says: 'eu-west-101' and 'eu-west-101_ci' give 'eu-west-101'; 'MOS' and names
    that are no region give None.

    research: https://support.huaweicloud.com/intl/zh-cn/my-kualalumpur-1-api-iam/en-us_topic_0057845595.html (and
    T Cloud Public's copy of the page): every account lists the project "MOS", "Default project name of OBS",
    which belongs to no region.
    """
    if not isinstance(name, str):
        return None
    sub_project = SUB_PROJECT.match(name)
    region = sub_project.group(1) if sub_project else name
    return region if REGION_PATTERN.fullmatch(region) else None


def find_project(projects, project_id):
    """The project with this id among ``projects``; ConfigurationError naming the id when it is not there."""
    for project in projects:
        if project["id"] == project_id:
            return project
    raise ConfigurationError("project_id %r is not among the %d project(s) this credential can access (GET %s): %s"
                             % (project_id, len(projects), AUTH_PROJECTS_PATH,
                                ", ".join("%s (%s)" % (project["name"], project["id"]) for project in projects) or "none"))


def check_enabled(project):
    """The project, unless IAM says it is disabled: no service acts in it, and every later request would fail with a
    403 that looks like a bad credential."""
    if not project["enabled"]:
        raise ConfigurationError("project %s (%s) is disabled in IAM (enabled: false): no service acts in a disabled "
                                 "project, so every request in it would fail with HTTP 403; enable it, or choose another "
                                 "project" % (project["name"], project["id"]))
    return project


def select_projects(projects, regions=None, name_pattern=None, exclude_patterns=()):
    """The enabled projects of a region (or a region's sub-projects), of one of ``regions`` when given, whose name
    matches the shell-style ``name_pattern`` (case-sensitive) when given and none of ``exclude_patterns``. Projects
    without a region (MOS) never."""
    return [project for project in projects
            if project["enabled"] and project["region"]
            and (not regions or project["region"] in regions)
            and (name_pattern is None or fnmatch.fnmatchcase(project["name"], name_pattern))
            and not any(fnmatch.fnmatchcase(project["name"], pattern) for pattern in exclude_patterns)]
