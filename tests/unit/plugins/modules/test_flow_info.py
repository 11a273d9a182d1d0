"""The _info modules' whole flow, in-process against the emulator: every page read, the filters applied, nothing
changed, and a list that cannot be read whole failing the task (fixtures: conftest.py)."""

import pytest

from flow_support import PROJECT_ID, assert_no_secret

OLD = "2020-01-01T00:00:00Z"
SUB_JOBS = "/v2/%s/workspace-sub-jobs" % PROJECT_ID


def test_cce_job_info_filters_by_status_name_and_age_and_changes_nothing(cloud):
    cloud.seed(cce_jobs=[
        {"project_id": PROJECT_ID, "id": "old-web", "status": "Success", "resource_name": "web-1", "created": OLD},
        {"project_id": PROJECT_ID, "id": "new-web", "status": "Success", "resource_name": "web-2"},
        {"project_id": PROJECT_ID, "id": "old-db", "status": "Success", "resource_name": "db-1", "created": OLD},
        {"project_id": PROJECT_ID, "id": "old-failed", "status": "Failed", "resource_name": "web-3", "created": OLD}])
    for check_mode in (False, True):
        ran = cloud.run("cce_job_info", check_mode=check_mode, status=["success"], name_pattern="web-*", older_than="30d")
        assert ran.code == 0 and ran["changed"] is False
        assert [(job["id"], job["status"], job["metadata"]["uid"]) for job in ran["jobs"]] == [("old-web", "Success", "old-web")]
        assert "missing_parents" not in ran.result
    assert [request[:2] for request in cloud.requests()] == [
        ("GET", "/v3/projects"), ("GET", "/api/v2/projects/%s/jobs" % PROJECT_ID)] * 2
    assert cloud.state("cce_jobs") == ["new-web", "old-db", "old-failed", "old-web"]
    assert_no_secret(ran)


def test_a_job_whose_list_entry_names_no_resource_never_matches_a_name_pattern(cloud):
    unnamed = {"kind": "Job", "metadata": {"uid": "unnamed"}, "spec": {"type": "CreateNode"}, "status": {"status": "Success"}}
    named = dict(unnamed, metadata={"uid": "named"}, spec={"type": "CreateNode", "resourceName": "web-1"})  # the v3 spelling
    cloud.admin.replies(routes=[{"method": "GET", "route": "/api/v2/projects/{project_id}/jobs", "status": 200,
                                 "body": [unnamed, named]}])
    ran = cloud.run("cce_job_info", project_id=PROJECT_ID, name_pattern="*")
    assert ran.code == 0 and [job["id"] for job in ran["jobs"]] == ["named"]


def test_workspace_sub_job_info_leaves_one_status_to_the_api_and_says_what_can_be_deleted(cloud):
    cloud.seed(workspace_sub_jobs=[
        {"project_id": PROJECT_ID, "id": "s1", "status": "SUCCESS"},
        {"project_id": PROJECT_ID, "id": "v1", "status": "SUCCESS", "job_type": "changeAccessVpc"},
        {"project_id": PROJECT_ID, "id": "r1", "status": "RUNNING"}])
    one = cloud.run("workspace_sub_job_info", status=["Success"], project_id=PROJECT_ID)
    assert one.code == 0 and sorted((job["id"], job["deletable"]) for job in one["sub_jobs"]) == [("s1", True), ("v1", False)]
    assert [entry["query"] for entry in cloud.log()] == ["limit=1000&offset=0&status=SUCCESS"]
    every = cloud.run("workspace_sub_job_info", project_id=PROJECT_ID, status=["SUCCESS", "RUNNING"])
    assert sorted((job["id"], job["deletable"], job["undeletable_reason"]) for job in every["sub_jobs"]) == [
        ("r1", False, "Workspace sub-job r1 is RUNNING: only SUCCESS or FAILED ones can be deleted"), ("s1", True, None),
        ("v1", False, "Workspace sub-job v1 is of type changeAccessVpc, which the service cannot delete")]
    assert [entry["query"] for entry in cloud.log()] == ["limit=1000&offset=0"]  # two statuses: filtered here


def test_codearts_build_job_info_reads_every_page(cloud):
    jobs = [{"project_id": "cp-1", "id": "%032d" % number, "name": "job-%03d" % number} for number in range(150)]
    cloud.seed(codearts_build_jobs=jobs + [{"project_id": "cp-2", "id": "f" * 32, "name": "elsewhere"}])
    ran = cloud.run("codearts_build_job_info", codearts_project_id="cp-1", name_pattern="job-1*")
    assert ran.code == 0 and sorted(job["job_name"] for job in ran["jobs"]) == ["job-%03d" % n for n in range(100, 150)]
    assert [entry["query"] for entry in cloud.log()] == ["page_index=0&page_size=100", "page_index=1&page_size=100"]


def test_a_page_shorter_than_asked_before_the_total_fails_the_task_instead_of_reading_short(cloud):
    cloud.seed(codearts_build_jobs=[{"project_id": "cp-1", "id": "%032d" % number, "name": "job"} for number in range(60)])
    cloud.admin.replies(page_caps={"codearts_build": 50})  # page numbers of a capped size cannot be continued
    ran = cloud.run("codearts_build_job_info", codearts_project_id="cp-1")
    assert ran.failed and "jobs" not in ran.result
    assert ran["msg"] == ("GET /v3/cp-1/jobs answered 50 item(s) for page_size=100 on page 0, before its total 60: the "
                          "list cannot be read whole")


def test_dcs_background_task_info_pages_by_offset_through_a_capped_service(cloud):
    cloud.seed(dcs_tasks=[{"project_id": PROJECT_ID, "instance_id": "inst-1", "id": "t%03d" % number, "status": "SUCCESS"}
                          for number in range(130)])
    cloud.admin.replies(page_caps={"dcs": 60})
    ran = cloud.run("dcs_background_task_info", instance_id="inst-1", status=["success"], project_id=PROJECT_ID)
    assert ran.code == 0 and len(ran["tasks"]) == 130 and ran["missing_parents"] == []
    assert [entry["query"] for entry in cloud.log()] == ["limit=100&offset=0", "limit=100&offset=60", "limit=100&offset=120"]


def test_dcs_background_task_info_of_a_missing_instance_warns_and_lists_nothing(cloud):
    ran = cloud.run("dcs_background_task_info", instance_id="inst-9", project_id=PROJECT_ID, absent_error_codes=["DCS.4133"])
    assert ran.code == 0 and ran["tasks"] == []
    assert ran["missing_parents"] == [{"option": "instance_id", "value": "inst-9"}]
    assert ran.warnings == ["instance_id inst-9: the service says it does not exist (so none of its tasks exists either); "
                            "check the instance_id"]
    assert ran.deprecations == ["absent_error_codes has no effect on an _info module since 2.0.0: a list is read whole or "
                                "the task fails"]


@pytest.mark.parametrize("reply, message", [
    ({"body": {"jobs": []}}, "GET %s answered without its total_count: the list cannot be known to be whole" % SUB_JOBS),
    ({"body": {"total_count": 3, "jobs": [{"id": "a"}]}}, "GET %s ended after 1 item(s) although its total_count says 3: "
                                                          "the list was read short" % SUB_JOBS),
    ({"body": {"total_count": "many", "jobs": []}}, "GET %s answered a total_count that is not a number: 'many'" % SUB_JOBS),
    ({}, "GET %s answered without its list of items (jobs): None" % SUB_JOBS),  # a 200 with no body at all
])
def test_a_list_reply_that_cannot_be_whole_fails_the_info_task(cloud, reply, message):
    route = {"method": "GET", "route": "/v2/{project_id}/workspace-sub-jobs", "status": 200}
    cloud.admin.replies(routes=[dict(route, count=1, **reply), dict(route, body={"total_count": 3, "jobs": []})])
    ran = cloud.run("workspace_sub_job_info", project_id=PROJECT_ID)
    assert ran.failed and ran["msg"] == message and "sub_jobs" not in ran.result


def test_a_refused_list_fails_the_info_task_with_the_services_facts(cloud):
    cloud.seed(workspace_not_enabled=[{"project_id": PROJECT_ID, "error_code": "WKS.00170312"}])
    ran = cloud.run("workspace_sub_job_info", project_id=PROJECT_ID)
    request_id = cloud.log()[0]["request_id"]
    assert ran.failed and (ran["status_code"], ran["error_code"], ran["request_id"]) == (400, "WKS.00170312", request_id)
    assert ran["msg"] == ("GET %s failed: HTTP 400 WKS.00170312: The tenant(Workspace service) not exist. (request id %s); "
                          "Workspace does not seem to be enabled in this project: check project and region"
                          % (SUB_JOBS, request_id))


@pytest.mark.parametrize("module, options, message", [
    ("cce_job_info", {"status": ["Done"]}, "status: 'Done' is not among the statuses the service documents: Initializing, "
                                           "Running, Failed, Success"),
    ("cce_job_info", {"older_than": "a week"}, "older_than 'a week' is not a duration such as 7d, 12h, 1w2d or 90m"),
    ("dcs_background_task_info", {"instance_id": "inst 1"}, "instance_id: 'inst 1' is not a valid id (1 to 128 letters, "
                                                            "digits, '_' or '-')"),
    ("codearts_build_job_info", {"codearts_project_id": "cp-1", "timeout": 0}, "timeout 0.0 must be more than 0 seconds"),
    # Before the list is read, not when the cutoff is computed after it.
    ("cce_job_info", {"older_than": "99999999w"}, "older_than '99999999w' is longer than 100 years"),
    ("workspace_sub_job_info", {"older_than": "9999999999999w"}, "older_than '9999999999999w' is longer than 100 years"),
    ("cce_job_info", {"name_pattern": ""}, "name_pattern: '' is not a shell-style name pattern such as 'ci-*'"),
    ("dcs_background_task_info", {"instance_id": "inst-1", "name_pattern": "  "}, "name_pattern: '  ' is not a shell-style "
                                                                                  "name pattern such as 'ci-*'"),
    ("codearts_build_job_info", {"codearts_project_id": "cp-1", "deadline": "inf"}, "deadline inf must be a finite number "
                                                                                    "of seconds, at most 3155760000 (100 years)"),
    ("cce_job_info", {"endpoint": "https://127.0.0.1:0"}, "endpoint 'https://127.0.0.1:0' has the port '0', not a number "
                                                          "from 1 to 65535"),
])
def test_a_bad_filter_or_parent_fails_before_any_request_naming_the_value(cloud, module, options, message):
    ran = cloud.run(module, project_id=PROJECT_ID, **options)
    assert ran.failed and ran["msg"] == message and cloud.requests() == []
