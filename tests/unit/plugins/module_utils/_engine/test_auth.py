"""The IAM side of auth.py: a project's region from its name, the project lists' parsing, finding and filtering."""

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ConfigurationError, ReplyError
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import (
    check_enabled, find_project, parse_projects, project_facts, region_of, select_projects)

DOMAIN = "d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f"


def listed(project_id, name, enabled=True):
    """A project as GET /v3/auth/projects lists it (huaweicloudsdkiam AuthProjectResult)."""
    return {"id": project_id, "name": name, "domain_id": DOMAIN, "parent_id": DOMAIN, "enabled": enabled,
            "is_domain": False, "description": "", "links": {"self": "https://iam.example/v3/projects/" + project_id}}


@pytest.mark.parametrize("name, region", [
    ("eu-west-101", "eu-west-101"), ("eu-west-101_ci", "eu-west-101"), ("eu-west-101_prod_blue", "eu-west-101"),
    ("ap-southeast-1_team", "ap-southeast-1"), ("eu-de", "eu-de"), ("cn-north-4_IAMProject", "cn-north-4"),
    ("MOS", None), ("", None), (None, None), ("eu-de_", None), ("_ci", None), ("Eu-De_ci", None), ("eu-de ci", None),
])
def test_the_region_is_the_name_or_the_part_before_the_first_underscore(name, region):
    assert region_of(name) == region


def test_project_facts_of_a_listed_project_and_of_a_token_project():
    assert project_facts(listed("p1", "eu-de_ci", enabled=False)) == {
        "id": "p1", "name": "eu-de_ci", "region": "eu-de", "domain_id": DOMAIN, "enabled": False}
    token_project = {"id": "p2", "name": "eu-nl", "domain": {"id": DOMAIN, "name": "my-account"}}
    assert project_facts(token_project) == {"id": "p2", "name": "eu-nl", "region": "eu-nl", "domain_id": DOMAIN, "enabled": True}


def test_a_disabled_project_is_refused_naming_it_and_why():
    enabled = project_facts(listed("p1", "eu-de_ci"))
    assert check_enabled(enabled) is enabled
    with pytest.raises(ConfigurationError) as disabled:
        check_enabled(project_facts(listed("p2", "eu-de_retired", enabled=False)))
    assert str(disabled.value).startswith("project eu-de_retired (p2) is disabled in IAM (enabled: false): no service acts")
    assert "HTTP 403" in str(disabled.value)


def test_parse_projects_reads_the_vendor_shape():
    body = {"links": {"self": "https://iam.example/v3/auth/projects"}, "projects": [listed("p1", "eu-de"), listed("p2", "MOS")]}
    assert [(project["id"], project["region"]) for project in parse_projects(body)] == [("p1", "eu-de"), ("p2", None)]
    assert parse_projects({"projects": [], "links": {"self": "x", "previous": None, "next": None}}) == []


@pytest.mark.parametrize("body, message", [
    ({"projects": [listed("p1", "eu-de")], "links": {"next": "https://iam.example/v3/auth/projects?page=2"}},
     "answered a next page \\(https://iam.example/v3/auth/projects\\?page=2\\)"),
    ({"project": {}}, "without a list of projects"),
    ([], "without a list of projects"),
    (None, "without a list of projects"),
    ({"projects": [{"name": "eu-de"}]}, "without a list of projects with ids"),
])
def test_a_body_that_cannot_be_read_whole_is_refused(body, message):
    with pytest.raises(ReplyError, match=message):
        parse_projects(body)


def test_find_project_by_id_or_name_the_id_and_what_is_there():
    projects = parse_projects({"projects": [listed("p1", "eu-de"), listed("p2", "eu-de_ci")]})
    assert find_project(projects, "p2")["name"] == "eu-de_ci"
    with pytest.raises(ConfigurationError) as missing:
        find_project(projects, "p9")
    assert str(missing.value).startswith("project_id 'p9' is not among the 2 project(s) this credential can access")
    assert "eu-de (p1), eu-de_ci (p2)" in str(missing.value)
    with pytest.raises(ConfigurationError, match="'p9' is not among the 0 project.*: none"):
        find_project([], "p9")


PROJECTS = parse_projects({"projects": [
    listed("a", "eu-west-101"), listed("b", "eu-west-101_ci"), listed("c", "eu-west-101_prod"),
    listed("d", "ap-southeast-1_team"), listed("e", "MOS"), listed("f", "ap-southeast-1_old", enabled=False),
    listed("g", "not a region")]})


@pytest.mark.parametrize("regions, pattern, names", [
    (None, None, ["eu-west-101", "eu-west-101_ci", "eu-west-101_prod", "ap-southeast-1_team"]),
    ([], None, ["eu-west-101", "eu-west-101_ci", "eu-west-101_prod", "ap-southeast-1_team"]),
    (["ap-southeast-1"], None, ["ap-southeast-1_team"]),
    (["eu-west-101", "eu-de"], "*_*", ["eu-west-101_ci", "eu-west-101_prod"]),
    (None, "*_prod", ["eu-west-101_prod"]),
    (None, "*_PROD", []),
    (None, "MOS", []),
    (None, "*old", []),
])
def test_select_keeps_enabled_region_projects_of_the_regions_matching_the_pattern(regions, pattern, names):
    assert [project["name"] for project in select_projects(PROJECTS, regions, pattern)] == names


@pytest.mark.parametrize("exclude_patterns, names", [
    ((), ["eu-west-101", "eu-west-101_ci", "eu-west-101_prod", "ap-southeast-1_team"]),
    (["*_prod"], ["eu-west-101", "eu-west-101_ci", "ap-southeast-1_team"]),
    (["*_PROD"], ["eu-west-101", "eu-west-101_ci", "ap-southeast-1_team"]),  # what leaves out matches regardless of case
    (["*_prod", "ap-*"], ["eu-west-101", "eu-west-101_ci"]),
    (["*"], []),
])
def test_exclude_patterns_leave_out_every_project_any_of_them_matches(exclude_patterns, names):
    assert [project["name"] for project in select_projects(PROJECTS, exclude_patterns=exclude_patterns)] == names


def test_exclude_patterns_apply_after_the_regions_and_the_name_pattern():
    assert [project["name"] for project in select_projects(PROJECTS, ["eu-west-101"], "*_*", ["*_ci"])] == ["eu-west-101_prod"]


@pytest.mark.parametrize("count", [0, 2])
def test_the_project_named_after_the_region_must_be_exactly_one(httpserver, count):
    import json

    import requests

    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import TokenAuth
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import project_by_region
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.transport import Transport

    projects = [listed("p%d" % number, "eu-de") for number in range(count)]
    httpserver.expect_request("/v3/projects", query_string="name=eu-de").respond_with_data(
        json.dumps({"projects": projects}), content_type="application/json")
    with pytest.raises(ApiError, match="expected exactly one project named 'eu-de', found %d; set project_id" % count):
        project_by_region(Transport(requests, 5, 0), httpserver.url_for("").rstrip("/"), TokenAuth("t"), "eu-de")
