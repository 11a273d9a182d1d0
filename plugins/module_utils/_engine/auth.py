# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""How a request carries the credential (TokenAuth, AkSkAuth, PasswordAuth; which one the options give is
session.choose_credential's to say), and the IAM calls the collection makes: a password token, the project named
after a region, and the projects a credential can access; and what a project's name says about its region."""

import fnmatch
import re
import threading

from ansible_collections.hwc.cleanup.plugins.module_utils._engine import signing
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import (
    URL_USERINFO, ApiError, ConfigurationError, ReplyError, secret_forms)

# The options no output may show (no_log); secrets_of adds what a run learns.
SECRET_OPTIONS = frozenset(("auth_token", "secret_key", "security_token", "password"))


def secrets_of(params, credential=None):
    """Every secret of a run in each form an output may carry it: the secret options, a password written into an
    endpoint URL, and the tokens IAM issued to the run's credential."""
    secrets = [params.get(name) for name in SECRET_OPTIONS]
    for name in ("endpoint", "iam_endpoint"):
        userinfo = URL_USERINFO.match(params.get(name) or "")
        secrets.append(userinfo and userinfo.group(2).partition(":")[2])
    secrets.extend(credential.secrets() if credential is not None else ())
    return set().union(*(secret_forms(secret) for secret in secrets))


# A region's name: it becomes part of a host name (session.check_region), and IAM names a region's project after it.
REGION_PATTERN = re.compile(r"^[a-z]{2}(-[a-z0-9]+){1,3}$")


class TokenAuth:
    kind = "token"

    def __init__(self, token):
        self._token = token

    def apply(self, method, host, path, query, headers, body, project_id=None):
        headers["X-Auth-Token"] = self._token

    def refresh(self, used_headers):
        return False

    def secrets(self):
        return (self._token,)


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

    def secrets(self):
        return (self._secret_key, self._security_token)


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
        self._issued = []  # every token of the run: one a service echoes back after its renewal is a secret still
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
        self._token, self.project, self.expires_at = password_token(
            self._transport, self._iam_url, username, password, domain_name, self._scope)
        self._issued.append(self._token)
        self.project_id = self.project.get("id") or self.project_id

    def apply(self, method, host, path, query, headers, body, project_id=None):
        headers["X-Auth-Token"] = self.token()

    def refresh(self, used_headers):
        """A fresh token after a 401. Single flight: workers that sent the same stale token wait for one IAM call."""
        with self._lock:
            if self._token == used_headers.get("X-Auth-Token"):
                self._issue()
        return True

    def secrets(self):
        return [self._user[1]] + self._issued


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


# The IAM calls, each through the run's transport.
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
    matches the shell-style ``name_pattern`` (case-sensitive) when given and none of ``exclude_patterns``, which match
    regardless of case: what leaves a project out errs on the side of leaving out (IAM's names are lower case, so a
    *_PROD exclusion would otherwise exclude nothing). Projects without a region (MOS) never."""
    return [project for project in projects
            if project["enabled"] and project["region"]
            and (not regions or project["region"] in regions)
            and (name_pattern is None or fnmatch.fnmatchcase(project["name"], name_pattern))
            and not any(fnmatch.fnmatchcase(project["name"].lower(), pattern.lower()) for pattern in exclude_patterns)]
