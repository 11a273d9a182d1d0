"""hwc.cleanup.auth and hwc.cleanup.project_info, whole, in-process against the emulator's IAM: which IAM calls they
make, what they return, and how a refused credential or a project out of reach fails (fixtures: conftest.py)."""

import pytest

from flow_support import AKSK, PASSWORD, PASSWORD_LOGIN, PROJECT_ID, REGION, TOKEN, assert_no_secret

DOMAIN_ID = "d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f"  # the emulator's account of credentials seeded without a domain_id
SUB_PROJECT = {"id": "9d8c7b6a5f4e3d2c1b0a99887766554f", "name": "eu-de_ci"}
RETIRED_PROJECT = {"id": "11112222333344445555666677778888", "name": "eu-de_retired", "enabled": False}
NO_AKSK = dict.fromkeys(AKSK)


def facts(project_id, name, region, enabled=True):
    return {"id": project_id, "name": name, "region": region, "domain_id": DOMAIN_ID, "enabled": enabled}


HOME = facts(PROJECT_ID, REGION, REGION)


def test_auth_with_a_password_returns_a_token_that_later_tasks_use_without_iam(cloud):
    cloud.seed(cce_jobs=[{"project_id": PROJECT_ID, "id": "job-1", "status": "Success"}])
    ran = cloud.run("auth", iam_endpoint=cloud.base_url + "/v3", **dict(NO_AKSK, **PASSWORD_LOGIN))
    assert ran.code == 0 and ran["changed"] is False and ran["auth_method"] == "password"
    assert ran["project_id"] == PROJECT_ID and ran["expires_at"].endswith("Z")
    token = ran["auth_token"]
    assert token.startswith("MIIT") and token not in ("", "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER")
    assert cloud.requests() == [("POST", "/v3/auth/tokens", 201)]
    assert PASSWORD not in ran.out
    # module_defaults would hand these on: the next task sends the token and asks IAM nothing.
    deleted = cloud.run("cce_job", job_id="job-1", auth_token=token, project_id=ran["project_id"], **NO_AKSK)
    assert deleted.code == 0 and deleted["deleted"] == ["job-1"]
    assert [(entry["method"], entry["auth"]) for entry in cloud.log()] == [("DELETE", "token")]


def test_auth_with_aksk_looks_the_project_up_once_and_returns_no_token(cloud):
    ran = cloud.run("auth")
    assert ran.code == 0 and (ran["auth_method"], ran["auth_token"], ran["expires_at"]) == ("aksk", None, None)
    assert ran["project_id"] == PROJECT_ID
    assert [(entry["method"], entry["path"], entry["query"]) for entry in cloud.log()] == [("GET", "/v3/projects", "name=" + REGION)]
    assert_no_secret(ran)


def test_auth_hands_a_given_token_on_as_it_is(cloud):
    ran = cloud.run("auth", auth_token=TOKEN, project_id=PROJECT_ID, **NO_AKSK)
    assert ran.code == 0 and (ran["auth_method"], ran["auth_token"], ran["project_id"]) == ("token", TOKEN, PROJECT_ID)
    assert cloud.requests() == []


def test_auth_with_a_wrong_password_fails_naming_the_scope_and_never_the_password(cloud):
    ran = cloud.run("auth", password="not-" + PASSWORD, **dict(NO_AKSK, username=PASSWORD_LOGIN["username"],
                                                               domain_name=PASSWORD_LOGIN["domain_name"]))
    request_id = cloud.log()[0]["request_id"]
    assert ran.failed and (ran["status_code"], ran["request_id"]) == (401, request_id)
    assert ran["msg"] == ("POST /v3/auth/tokens failed: HTTP 401: The username or password is wrong. (request id %s); the "
                          "token was asked for the project with name 'eu-de'" % request_id)
    assert PASSWORD not in ran.out


@pytest.mark.parametrize("options, message", [
    (NO_AKSK, "no credentials: give auth_token, or access_key and secret_key (optionally security_token), or username, "
              "password and domain_name. Looked for the options and the environment variables auth_token (HWC_AUTH_TOKEN, "),
    (dict(NO_AKSK, access_key="AK"), "access_key given without secret_key (HWC_SECRET_KEY, HUAWEICLOUD_SDK_SK, "),
    ({"region": None}, "region is required to find the project id; or set project_id"),
    ({"iam_endpoint": "http://iam.example.com"}, "iam_endpoint uses plain http to iam.example.com, which is not a loopback"),
    ({"auth_token": TOKEN}, "project_id is required with auth_token"),
    # The endpoints are given: the region names the project IAM is asked for, or a password token's scope.
    ({"region": "eu-de&name=eu-nl"}, "region 'eu-de&name=eu-nl' is not a region name such as 'eu-de' or 'cn-north-4'"),
    (dict(NO_AKSK, region="../../x", **PASSWORD_LOGIN), "region '../../x' is not a region name"),
    ({"timeout": "nan"}, "timeout nan must be a finite number of seconds, at most 3155760000 (100 years)"),
    ({"deadline": "nan"}, "deadline nan must be a finite number of seconds"),
    ({"timeout": "1e400"}, "timeout inf must be a finite number of seconds"),
    ({"iam_endpoint": "http://127.0.0.1:99999"}, "iam_endpoint 'http://127.0.0.1:99999' has the port '99999', not a number"),
])
def test_auth_refuses_what_cannot_work_before_any_request(cloud, options, message):
    ran = cloud.run("auth", **options)
    assert ran.failed and ran["msg"].startswith(message) and cloud.requests() == []


def test_auth_reads_its_credential_from_the_environment_as_documented(cloud, monkeypatch):
    monkeypatch.setenv("HWC_ACCESS_KEY", AKSK["access_key"])
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", AKSK["secret_key"])
    monkeypatch.setenv("HWC_PROJECT_ID", "")  # empty, as AWX injects a blank field: no value, not an invalid one
    monkeypatch.setenv("OS_PROJECT_ID", PROJECT_ID)
    ran = cloud.run("auth", **NO_AKSK)
    assert ran.code == 0 and ran["auth_method"] == "aksk" and ran["project_id"] == PROJECT_ID
    assert cloud.requests() == []  # the project came from the environment too
    assert_no_secret(ran)


def test_project_info_finds_the_project_named_after_the_region_as_a_delete_module_would(cloud):
    ran = cloud.run("project_info")
    assert ran.code == 0 and ran["changed"] is False and ran["project"] == HOME
    assert "accessible_projects" not in ran.result
    assert [request[:2] for request in cloud.requests()] == [("GET", "/v3/projects")]


def test_project_info_with_a_password_takes_the_tokens_project(cloud):
    ran = cloud.run("project_info", **dict(NO_AKSK, **PASSWORD_LOGIN))
    assert ran.code == 0 and ran["project"] == HOME
    assert cloud.requests() == [("POST", "/v3/auth/tokens", 201)]


def test_project_info_lists_every_accessible_project_on_request(cloud):
    cloud.seed(projects=[SUB_PROJECT, RETIRED_PROJECT])
    ran = cloud.run("project_info", list_accessible=True)
    assert ran.code == 0 and ran["project"] == HOME
    assert sorted(ran["accessible_projects"], key=lambda project: project["name"]) == [
        HOME, facts(SUB_PROJECT["id"], "eu-de_ci", REGION), facts(RETIRED_PROJECT["id"], "eu-de_retired", REGION, False)]
    assert sorted(request[:2] for request in cloud.requests()) == [("GET", "/v3/auth/projects"), ("GET", "/v3/projects")]


def test_project_info_checks_a_given_project_against_the_accessible_ones(cloud):
    cloud.seed(projects=[SUB_PROJECT])
    found = cloud.run("project_info", project_id=SUB_PROJECT["id"])
    assert found.code == 0 and found["project"] == facts(SUB_PROJECT["id"], "eu-de_ci", REGION)
    assert cloud.requests() == [("GET", "/v3/auth/projects", 200)]  # one call reads the list and checks the id
    missing = cloud.run("project_info", project_id="00000000000000000000000000000000")
    assert missing.failed and missing["msg"] == (
        "project_id '00000000000000000000000000000000' is not among the 2 project(s) this credential can access (GET "
        "/v3/auth/projects): eu-de (%s), eu-de_ci (%s)" % (PROJECT_ID, SUB_PROJECT["id"]))


def test_project_info_refuses_a_disabled_project(cloud):
    cloud.seed(projects=[RETIRED_PROJECT])
    ran = cloud.run("project_info", project_id=RETIRED_PROJECT["id"])
    assert ran.failed and ran["msg"].startswith("project eu-de_retired (%s) is disabled in IAM (enabled: false)"
                                                % RETIRED_PROJECT["id"])


def test_project_info_with_a_refused_credential_fails_with_iams_facts(cloud):
    ran = cloud.run("project_info", secret_key="wrong-secret", project_id=PROJECT_ID)
    request_id = cloud.log()[0]["request_id"]
    assert ran.failed and (ran["status_code"], ran["error_code"], ran["request_id"]) == (401, "APIGW.0301", request_id)
    assert ran["msg"].startswith("GET /v3/auth/projects failed: HTTP 401 APIGW.0301: Incorrect IAM authentication information")
    assert "wrong-secret" not in ran.out
