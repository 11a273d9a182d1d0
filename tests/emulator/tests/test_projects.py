# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IAM projects: the ``projects`` seed kind, GET /v3/auth/projects, /v3/projects, /v3/projects/{id}, and who may act
in which project (a credential in its own and every enabled seeded project of its account, a token in its scope)."""

import pytest

from emulator.harness import AdminError
from emulator.seeding import DEFAULT_DOMAIN_ID
from support.measure import password_token

from .clients import signed, token_get

HOME = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"  # the demo's first credential and user, region eu-de
OTHER = "7f6e5d4c3b2a19081726354453627180"  # the demo's second credential, eu-nl
CI = "11111111111111111111111111111111"
PROD = "22222222222222222222222222222222"
OFF = "33333333333333333333333333333333"
MOS = "44444444444444444444444444444444"
FOREIGN = "55555555555555555555555555555555"
FOREIGN_DOMAIN = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0"
PROJECTS = [
    {"id": CI, "name": "eu-de_ci", "parent_id": HOME},
    {"id": PROD, "name": "eu-de_prod", "parent_id": HOME},
    {"id": OFF, "name": "ap-southeast-1_old", "enabled": False},
    {"id": MOS, "name": "MOS"},
    {"id": FOREIGN, "name": "eu-de_other", "domain_id": FOREIGN_DOMAIN},
]
# research: huaweicloudsdkiam 3.1.219 v3/model/auth_project_result.py and project_result.py (same eight fields)
PROJECT_FIELDS = {"id", "name", "domain_id", "parent_id", "enabled", "is_domain", "description", "links"}


@pytest.fixture
def projects(admin, demo):
    admin.seed({"projects": PROJECTS})
    return demo


def _names(response):
    assert response.status_code == 200, response.text
    return sorted(project["name"] for project in response.json()["projects"])


def test_seeded_projects_default_and_show_in_the_state(admin):
    admin.seed({"projects": [{"id": CI, "name": "eu-de_ci"}, {"id": OFF, "name": "eu-de_off", "enabled": False}]})
    state = sorted(admin.state()["projects"], key=lambda project: project["id"])
    assert state == [{"id": CI, "name": "eu-de_ci", "enabled": True}, {"id": OFF, "name": "eu-de_off", "enabled": False}]


@pytest.mark.parametrize("record, message", [
    ({"id": CI, "name": "eu-de_ci", "enabled": "yes"}, "projects[0].enabled must be true or false, got 'yes'"),
    ({"id": CI}, "projects[0] is missing the required field 'name'"),
    ({"id": CI, "name": "x", "region": "eu-de"}, "unknown field(s) region"),
])
def test_a_bad_project_seed_is_refused_naming_the_value(admin, record, message):
    with pytest.raises(AdminError) as refused:
        admin.seed({"projects": [record]})
    assert message in str(refused.value)


def test_auth_projects_lists_the_own_and_every_seeded_project_of_the_account(base_url, projects):
    response = signed("GET", base_url, "/v3/auth/projects", projects["credentials"][0])
    assert _names(response) == ["MOS", "ap-southeast-1_old", "eu-de", "eu-de_ci", "eu-de_prod", "eu-de_production"]
    body = response.json()
    assert body["links"] == {"self": "/v3/auth/projects"}  # LinksSelf: no paging
    listed = dict((project["id"], project) for project in body["projects"])
    assert all(set(project) == PROJECT_FIELDS for project in listed.values())
    assert listed[HOME]["parent_id"] == DEFAULT_DOMAIN_ID and listed[HOME]["domain_id"] == DEFAULT_DOMAIN_ID
    assert listed[CI]["parent_id"] == HOME and listed[CI]["enabled"] is True
    assert listed[OFF]["enabled"] is False
    assert OTHER not in listed and FOREIGN not in listed  # another credential's project; another account's
    other = signed("GET", base_url, "/v3/auth/projects", projects["credentials"][1])
    assert _names(other) == ["MOS", "ap-southeast-1_old", "eu-de_ci", "eu-de_prod", "eu-de_production", "eu-nl"]


def test_auth_projects_with_a_token_lists_the_users_projects_whatever_its_scope(base_url, projects):
    token = password_token(base_url, projects["users"][0], {"id": CI}).headers["X-Subject-Token"]
    assert _names(token_get(base_url, "/v3/auth/projects", token)) == ["MOS", "ap-southeast-1_old", "eu-de", "eu-de_ci", "eu-de_prod", "eu-de_production"]


def test_projects_lists_the_account_with_the_filters_and_pages(base_url, projects):
    credential = projects["credentials"][0]
    every = signed("GET", base_url, "/v3/projects", credential)
    assert _names(every) == ["MOS", "ap-southeast-1_old", "eu-de", "eu-de_ci", "eu-de_prod", "eu-de_production", "eu-nl"]
    assert every.json()["links"] == {"self": "/v3/projects", "previous": None, "next": None}
    assert _names(signed("GET", base_url, "/v3/projects", credential, params={"name": "eu-de"})) == ["eu-de"]
    assert _names(signed("GET", base_url, "/v3/projects", credential, params={"name": "eu-de_ci"})) == ["eu-de_ci"]
    assert _names(signed("GET", base_url, "/v3/projects", credential, params={"parent_id": HOME})) == ["eu-de_ci", "eu-de_prod", "eu-de_production"]
    assert "ap-southeast-1_old" not in _names(signed("GET", base_url, "/v3/projects", credential, params={"enabled": "true"}))
    pages = [_names(signed("GET", base_url, "/v3/projects", credential, params={"page": page, "per_page": 4})) for page in (1, 2)]
    assert sorted(pages[0] + pages[1]) == _names(every) and len(pages[0]) == 4
    assert signed("GET", base_url, "/v3/projects", credential, params={"page": 1}).status_code == 400


def test_show_project_of_the_account_else_404(base_url, projects):
    credential = projects["credentials"][0]
    shown = signed("GET", base_url, "/v3/projects/" + CI, credential)
    assert shown.status_code == 200
    assert shown.json()["project"]["name"] == "eu-de_ci" and set(shown.json()["project"]) == PROJECT_FIELDS
    assert signed("GET", base_url, "/v3/projects/" + HOME, credential).json()["project"]["name"] == "eu-de"
    for unknown in (FOREIGN, "no-such-project"):
        refused = signed("GET", base_url, "/v3/projects/" + unknown, credential)
        assert refused.status_code == 404
        assert refused.json()["error"]["code"] == 404 and unknown in refused.json()["error"]["message"]


@pytest.mark.parametrize("project, status", [(CI, 200), (PROD, 200), (MOS, 200), (HOME, 200), (OFF, 403), (FOREIGN, 403), (OTHER, 403)])
def test_aksk_acts_in_its_own_and_every_enabled_seeded_project_of_its_account(base_url, projects, project, status):
    response = signed("GET", base_url, "/api/v2/projects/%s/jobs" % project, projects["credentials"][0])
    assert response.status_code == status


@pytest.mark.parametrize("scope, project_id, name", [
    ({"id": CI}, CI, "eu-de_ci"), ({"name": "eu-de_prod"}, PROD, "eu-de_prod"), ({"name": "eu-de"}, HOME, "eu-de")])
def test_a_password_token_scoped_to_a_seeded_project_acts_there_only(base_url, projects, scope, project_id, name):
    response = password_token(base_url, projects["users"][0], scope)
    assert response.status_code == 201, response.text
    assert response.json()["token"]["project"]["id"] == project_id
    assert response.json()["token"]["project"]["name"] == name
    token = response.headers["X-Subject-Token"]
    assert token_get(base_url, "/api/v2/projects/%s/jobs" % project_id, token).status_code == 200
    for elsewhere in {HOME, CI, PROD} - {project_id}:
        assert token_get(base_url, "/api/v2/projects/%s/jobs" % elsewhere, token).status_code == 403


@pytest.mark.parametrize("scope", [{"id": OFF}, {"id": FOREIGN}, {"id": OTHER}, {"name": "eu-nl"}, {"id": CI, "name": "eu-de"}])
def test_a_token_for_a_disabled_foreign_or_mismatched_project_is_refused(base_url, projects, scope):
    response = password_token(base_url, projects["users"][0], scope)
    assert response.status_code == 401
    assert "X-Subject-Token" not in response.headers
