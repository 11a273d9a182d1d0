"""The delete modules' whole flow, in-process against the emulator: options -> session -> deletion -> transport ->
verdict -> result, as a playbook task gets it (fixtures: conftest.py)."""

import json
import sys

import pytest
from werkzeug.wrappers import Response

from flow_support import ACCESS_KEY, AKSK, OTHER_PROJECT_ID, PASSWORD_LOGIN, PROJECT_ID, REGION, TOKEN, assert_no_secret

CCE_JOBS = "/api/v2/projects/%s/jobs/" % PROJECT_ID
DCS_TASKS = "/v2/%s/instances/inst-1/tasks" % PROJECT_ID
SUB_JOBS = "/v2/%s/workspace-sub-jobs" % PROJECT_ID
BUILD_JOB = "0123456789abcdef0123456789ABCDEF"
GONE_BUILD_JOB = "fedcba9876543210fedcba9876543210"


def cce_jobs(*ids, **fields):
    return [dict({"project_id": PROJECT_ID, "id": job_id, "status": "Success"}, **fields) for job_id in ids]


def dcs_tasks(*ids):
    return [{"project_id": PROJECT_ID, "instance_id": "inst-1", "id": task_id, "status": "SUCCESS"} for task_id in ids]


def sub_jobs(**statuses):
    """{id: status or (status, job_type)} as seeded Workspace sub-jobs."""
    jobs = []
    for job_id, status in sorted(statuses.items()):
        status, job_type = status if isinstance(status, tuple) else (status, "createDesktops")
        jobs.append({"project_id": PROJECT_ID, "id": job_id, "status": status, "job_type": job_type})
    return jobs


# CCE: one request per id, the project looked up once ---------------------------------------------------------------

def test_a_cce_delete_looks_the_project_up_once_then_deletes_each_id_and_a_rerun_changes_nothing(cloud):
    cloud.seed(cce_jobs=cce_jobs("job-1", "job-2", "keep-me"))
    ran = cloud.run("cce_job", job_ids=["job-1", "gone", "job-2", "job-1"], verbosity=1)
    assert ran.code == 0 and ran["changed"] is True
    assert ran.ids() == (["job-1", "job-2"], ["gone"], [])  # in the order given, the duplicate once
    log = cloud.log()
    assert [(entry["method"], entry["path"], entry["query"]) for entry in log[:1]] == [("GET", "/v3/projects", "name=" + REGION)]
    assert sorted((entry["method"], entry["path"], entry["status"]) for entry in log[1:]) == [
        ("DELETE", CCE_JOBS + "gone", 404), ("DELETE", CCE_JOBS + "job-1", 204), ("DELETE", CCE_JOBS + "job-2", 204)]
    assert {(entry["auth"], entry.get("access_key")) for entry in log} == {("aksk", ACCESS_KEY)}
    assert ran["retries"] == {"requests": 4, "throttled": 0, "server_error": 0, "timeout": 0, "connection_error": 0,
                              "reauthenticated": 0}
    assert ran["msg"] == "4 request(s) for 3 id(s)"  # the -v summary
    assert "diff" not in ran.result and cloud.state("cce_jobs") == ["keep-me"]
    assert_no_secret(ran)

    again = cloud.run("cce_job", job_ids=["job-1", "job-2"], project_id=PROJECT_ID)
    assert again.code == 0 and again["changed"] is False and again.ids() == ([], ["job-1", "job-2"], [])
    assert "msg" not in again.result  # no summary without -v
    assert [request[0] for request in cloud.requests()] == ["DELETE", "DELETE"]  # project_id given: no IAM call


def test_check_mode_reads_each_cce_job_deletes_nothing_and_shows_the_diff(cloud):
    cloud.seed(cce_jobs=cce_jobs("job-1", "job-2"))
    ran = cloud.run("cce_job", check_mode=True, diff=True, job_ids=["job-1", "gone"], project_id=PROJECT_ID)
    assert ran.code == 0 and ran["changed"] is True and ran.ids() == (["job-1"], ["gone"], [])
    assert ran["diff"] == {"before": {"ids": ["job-1"]}, "after": {"ids": []}}
    assert sorted(cloud.requests()) == [("GET", CCE_JOBS + "gone", 404), ("GET", CCE_JOBS + "job-1", 200)]
    assert cloud.state("cce_jobs") == ["job-1", "job-2"]


@pytest.mark.parametrize("check_mode, method, before, after", [
    (False, "DELETE", ["locked", "job-1"], ["locked"]),  # a failed delete leaves the id there
    (True, "GET", ["job-1"], []),  # a failed read says nothing about the id: only what a read found was there
])
def test_the_diff_of_a_run_with_an_error_shows_what_is_known_to_be_there(cloud, check_mode, method, before, after):
    cloud.seed(cce_jobs=cce_jobs("job-1"))
    cloud.admin.replies(routes=[{"method": method, "route": "/api/v2/projects/{project_id}/jobs/{job_id}", "status": 403,
                                 "body": {"errorCode": "CCE.01403001", "errorMessage": "Forbidden."}, "count": 1}])
    ran = cloud.run("cce_job", check_mode=check_mode, diff=True, job_ids=["locked", "job-1"], project_id=PROJECT_ID,
                    concurrency=1)
    assert ran.failed and ran.ids() == (["job-1"], [], ["locked"]) and ran["error_code"] == "CCE.01403001"
    assert ran["diff"] == {"before": {"ids": before}, "after": {"ids": after}}


def test_a_forbidden_id_fails_the_task_after_every_other_id_was_tried_with_the_facts_of_the_first(cloud):
    ran = cloud.run("cce_job", job_ids=["a", "b"], project_id=OTHER_PROJECT_ID)
    assert ran.failed and ran["changed"] is False and ran["deleted"] == [] and ran["already_absent"] == []
    request_ids = dict((entry["path"].rsplit("/", 1)[1], entry["request_id"]) for entry in cloud.log())
    assert sorted(request_ids) == ["a", "b"]  # a 403 of the service does not stop the other ids
    first = ran["errors"][0]
    assert [error["id"] for error in ran["errors"]] == ["a", "b"]
    assert first == {"id": "a", "status_code": 403, "error_code": "CCE.01403001", "request_id": request_ids["a"],
                     "error_msg": "Access denied: the token's project does not own this resource.", "msg": first["msg"]}
    assert ran["msg"] == ("DELETE /api/v2/projects/%s/jobs/a failed: HTTP 403 CCE.01403001: Access denied: the token's "
                          "project does not own this resource. (request id %s) (and 1 more error(s), see errors)"
                          % (OTHER_PROJECT_ID, request_ids["a"]))
    assert dict((key, ran[key]) for key in ("status_code", "error_code", "error_msg", "request_id")) == dict(
        (key, first[key]) for key in ("status_code", "error_code", "error_msg", "request_id"))


def test_a_password_login_asks_iam_once_and_deletes_with_the_token_in_its_project(cloud):
    cloud.seed(cce_jobs=cce_jobs("job-1"))
    ran = cloud.run("cce_job", job_id="job-1", access_key=None, secret_key=None, **PASSWORD_LOGIN)
    assert ran.code == 0 and ran.ids() == (["job-1"], [], [])
    log = cloud.log()
    assert [(entry["method"], entry["path"], entry["auth"]) for entry in log] == [
        ("POST", "/v3/auth/tokens", "none"), ("DELETE", CCE_JOBS + "job-1", "token")]
    assert_no_secret(ran)


def test_a_given_token_and_project_need_no_iam_call(cloud):
    cloud.seed(cce_jobs=cce_jobs("job-1"))
    ran = cloud.run("cce_job", job_ids=["job-1"], access_key=None, secret_key=None, auth_token=TOKEN, project_id=PROJECT_ID)
    assert ran.code == 0 and ran.ids() == (["job-1"], [], [])
    assert [entry["auth"] for entry in cloud.log()] == ["token"]
    assert_no_secret(ran)


def test_a_wrong_secret_key_costs_one_request_not_one_per_id(cloud):
    ran = cloud.run("cce_job", job_ids=["a", "b", "c", "d"], secret_key="wrong-secret", project_id=PROJECT_ID)
    assert ran.failed and ran["deleted"] == [] and sorted(ran.ids()[2]) == ["a", "b", "c", "d"]
    assert len(cloud.requests()) == 1  # the gate of the first reply: one 401 stops the task's sending
    assert ran["status_code"] == 401 and ran["error_code"] == "APIGW.0301"
    assert [error["status_code"] for error in ran["errors"]] == [401] * 4
    not_sent = [error["msg"] for error in ran["errors"] if "not sent" in error["msg"]]
    assert len(not_sent) == 3 and all("showed that every request would fail" in msg for msg in not_sent)
    assert cloud.admin.state()["ak_lockouts"] == []
    assert "wrong-secret" not in ran.out


def test_a_wrong_endpoint_is_a_failure_never_already_absent(cloud):
    ran = cloud.run("cce_job", job_ids=["a", "b"], project_id=PROJECT_ID, endpoint=cloud.base_url + "/cce/")
    assert ran.failed and ran["already_absent"] == [] and ran.ids()[2] == ["a", "b"] and ran["error_code"] == "APIGW.0101"
    assert all("the API itself was not found: check endpoint, cloud and region" in error["msg"] for error in ran["errors"])
    sent = cloud.requests()  # the first reply stops the task's sending, whichever id went first
    assert len(sent) == 1 and sent[0][0::2] == ("DELETE", 404) and sent[0][1].startswith("/cce/api/v2/projects/")


def test_a_reply_lost_after_the_delete_counts_as_deleted_when_the_retry_finds_the_job_gone(cloud):
    cloud.seed(cce_jobs=cce_jobs("job-1"))
    cloud.admin.faults(fault_rate=1.0, kinds=["lost_reply"], count=1, methods=["DELETE"])
    ran = cloud.run("cce_job", job_id="job-1", project_id=PROJECT_ID, retries=1)
    assert ran.code == 0 and ran["changed"] is True and ran.ids() == (["job-1"], [], [])
    assert cloud.requests() == [("DELETE", CCE_JOBS + "job-1", 204), ("DELETE", CCE_JOBS + "job-1", 404)]
    assert ran["retries"]["connection_error"] == 1 and ran["retries"]["requests"] == 2


@pytest.mark.parametrize("projects, options, message", [
    ([{"id": "1234567890abcdef1234567890abcdef", "name": REGION}], {},
     "GET /v3/projects failed: expected exactly one project named 'eu-de', found 2; set project_id"),
    ([], {"secret_key": "wrong-secret"}, "GET /v3/projects failed: HTTP 401 APIGW.0301: Incorrect IAM authentication"),
])
def test_a_project_lookup_that_fails_is_an_error_for_every_id_and_deletes_nothing(cloud, projects, options, message):
    cloud.seed(cce_jobs=cce_jobs("job-1"), projects=projects)
    ran = cloud.run("cce_job", job_ids=["job-1", "job-2"], **options)
    assert ran.failed and ran.ids() == ([], [], ["job-1", "job-2"])
    assert ran["msg"].startswith(message) and [error["msg"] for error in ran["errors"]] == [ran["errors"][0]["msg"]] * 2
    assert [request[:2] for request in cloud.requests()] == [("GET", "/v3/projects")]
    assert cloud.state("cce_jobs") == ["job-1"]


def test_a_token_without_project_fails_before_any_request_naming_what_is_missing(cloud):
    ran = cloud.run("cce_job", job_ids=["a"], access_key=None, secret_key=None, auth_token=TOKEN)
    assert ran.failed and ran["msg"].startswith("project_id is required with auth_token")
    assert ran["errors"] == [] and set(ran["retries"].values()) == {0} and cloud.requests() == []


def test_a_host_without_requests_gets_ansibles_missing_library_message(cloud, monkeypatch):
    monkeypatch.setitem(sys.modules, "requests", None)  # import requests raises ImportError
    ran = cloud.run("cce_job", job_ids=["a"], project_id=PROJECT_ID)
    assert ran.failed and "requests" in ran["msg"] and "Failed to import the required Python library" in ran["msg"]
    assert cloud.requests() == []


# CodeArts Build: its own id rule, a status envelope, no project in its routes -----------------------------------

def test_a_codearts_build_delete_reads_the_documented_not_found_as_absent(cloud):
    cloud.seed(codearts_build_jobs=[{"project_id": "codearts-project", "id": BUILD_JOB, "name": "nightly"}])
    ran = cloud.run("codearts_build_job", job_ids=[BUILD_JOB, GONE_BUILD_JOB])
    assert ran.code == 0 and ran.ids() == ([BUILD_JOB], [GONE_BUILD_JOB], [])
    assert sorted(cloud.requests()) == [("POST", "/v3/jobs/%s/delete" % BUILD_JOB, 200),
                                        ("POST", "/v3/jobs/%s/delete" % GONE_BUILD_JOB, 422)]  # no IAM call at all
    assert cloud.state("codearts_build_jobs") == []


def test_codearts_build_check_mode_queries_each_job(cloud):
    cloud.seed(codearts_build_jobs=[{"project_id": "codearts-project", "id": BUILD_JOB, "name": "nightly"}])
    ran = cloud.run("codearts_build_job", check_mode=True, job_ids=[GONE_BUILD_JOB, BUILD_JOB])
    assert ran.code == 0 and ran.ids() == ([BUILD_JOB], [GONE_BUILD_JOB], [])
    assert sorted(cloud.requests()) == [("GET", "/v3/jobs/%s/query" % BUILD_JOB, 200),
                                        ("GET", "/v3/jobs/%s/query" % GONE_BUILD_JOB, 422)]
    assert cloud.state("codearts_build_jobs") == [BUILD_JOB]


def test_a_codearts_build_id_off_its_rule_is_refused_before_any_request(cloud):
    ran = cloud.run("codearts_build_job", job_id="0123-not-32")
    assert ran.failed and ran["msg"] == "job_id: '0123-not-32' is not a valid id (32 letters and digits)"
    assert cloud.requests() == []


def test_a_200_that_is_no_codearts_success_envelope_is_an_error_not_a_deletion(cloud):
    cloud.seed(codearts_build_jobs=[{"project_id": "codearts-project", "id": BUILD_JOB, "name": "nightly"}])
    cloud.admin.replies(routes=[{"method": "POST", "route": "/v3/jobs/{job_id}/delete", "status": 200,
                                 "raw": "<html>Sign in</html>", "content_type": "text/html"}])
    ran = cloud.run("codearts_build_job", job_id=BUILD_JOB)
    assert ran.failed and ran.ids() == ([], [], [BUILD_JOB]) and ran["status_code"] == 200
    assert 'not with its success reply (empty, or a JSON object with "status": "success")' in ran["msg"]


@pytest.mark.parametrize("seeded, absent, message", [
    (False, [BUILD_JOB], None),
    (True, [], "the service answered so but GET /v3/jobs/%s/query still finds it" % BUILD_JOB),
])
def test_a_code_the_user_lists_as_absent_is_believed_only_when_a_read_confirms_it(cloud, seeded, absent, message):
    if seeded:
        cloud.seed(codearts_build_jobs=[{"project_id": "codearts-project", "id": BUILD_JOB, "name": "nightly"}])
    cloud.admin.replies(routes=[{"method": "POST", "route": "/v3/jobs/{job_id}/delete", "status": 400,
                                 "body": {"error_code": "CB.10001234", "error_msg": "Job gone."}}])
    ran = cloud.run("codearts_build_job", job_ids=[BUILD_JOB], absent_error_codes=["CB.10001234"])
    assert ran["deleted"] == [] and ran["already_absent"] == absent
    assert [request[:2] for request in cloud.requests()] == [("POST", "/v3/jobs/%s/delete" % BUILD_JOB),
                                                             ("GET", "/v3/jobs/%s/query" % BUILD_JOB)]
    if message:
        assert ran.failed and ran["msg"].endswith(message) and ran["error_code"] == "CB.10001234"
    else:
        assert ran.code == 0 and ran["changed"] is False


def test_a_read_that_was_to_confirm_a_listed_code_and_got_no_reply_leaves_the_id_an_error(cloud):
    cloud.admin.replies(routes=[{"method": "POST", "route": "/v3/jobs/{job_id}/delete", "status": 400,
                                 "body": {"error_code": "CB.10001234", "error_msg": "Job gone."}}])
    cloud.admin.faults(fault_rate=1.0, kinds=["reset"], methods=["GET"])
    ran = cloud.run("codearts_build_job", job_id=BUILD_JOB, absent_error_codes=["CB.10001234"], retries=0)
    assert ran.failed and ran.ids() == ([], [], [BUILD_JOB]) and ran["error_code"] == "CB.10001234"
    assert "; and the read that was to confirm it failed: GET /v3/jobs/%s/query failed: connection error (" % BUILD_JOB in ran["msg"]


# DCS: an undocumented 404 is confirmed by the list; a missing instance ---------------------------------------------

def test_a_dcs_404_that_nothing_documents_is_believed_once_the_list_confirms_it(cloud):
    cloud.seed(dcs_tasks=dcs_tasks("task-1", "task-2"))
    ran = cloud.run("dcs_background_task", instance_id="inst-1", task_ids=["task-1", "gone"], project_id=PROJECT_ID)
    assert ran.code == 0 and ran.ids() == (["task-1"], ["gone"], []) and ran["missing_parents"] == []
    assert sorted(cloud.requests()) == [("DELETE", DCS_TASKS + "/gone", 404), ("DELETE", DCS_TASKS + "/task-1", 200),
                                        ("GET", DCS_TASKS, 200)]
    assert cloud.state("dcs_tasks") == ["task-2"]


def test_a_dcs_404_for_a_task_the_service_still_lists_is_an_error_naming_both_replies(cloud):
    cloud.seed(dcs_tasks=dcs_tasks("task-1"))
    cloud.admin.replies(routes=[{"method": "DELETE", "route": "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}",
                                 "status": 404, "body": {"error_code": "DCS.4134", "error_msg": "Not found."}}])
    ran = cloud.run("dcs_background_task", instance_id="inst-1", task_id="task-1", project_id=PROJECT_ID)
    assert ran.failed and ran.ids() == ([], [], ["task-1"])
    assert ran["msg"].endswith("the service answered so but still lists task-1 (GET %s)" % DCS_TASKS)


def test_a_dcs_404_whose_confirming_list_is_unreadable_is_an_error(cloud):
    cloud.admin.replies(routes=[{"method": "GET", "route": "/v2/{project_id}/instances/{instance_id}/tasks", "status": 200,
                                 "body": {"task_count": "1"}}])
    cloud.seed(dcs_tasks=dcs_tasks("task-1"))
    ran = cloud.run("dcs_background_task", instance_id="inst-1", task_id="gone", project_id=PROJECT_ID)
    assert ran.failed and ran.ids() == ([], [], ["gone"])
    assert "and the list that was to confirm it failed: GET %s answered without its list of items (tasks)" % DCS_TASKS in ran["msg"]


@pytest.mark.parametrize("error_code", ["DCS.3022", "111404022"])  # the named code and its numeric twin
def test_a_missing_dcs_instance_makes_every_task_absent_with_a_warning(cloud, error_code):
    cloud.admin.replies(errors=[{"service": "dcs", "kind": "instance_not_found", "status": 404, "error_code": error_code,
                                 "error_msg": "This DCS instance does not exist."}])
    ran = cloud.run("dcs_background_task", instance_id="inst-9", task_ids=["t1", "t2"], project_id=PROJECT_ID)
    assert ran.code == 0 and ran["changed"] is False and ran.ids() == ([], ["t1", "t2"], [])
    assert ran["missing_parents"] == [{"option": "instance_id", "value": "inst-9"}]
    assert ran.warnings == ["instance_id inst-9: the service says it does not exist (so none of its tasks exists either); "
                            "check the instance_id"]


def test_dcs_check_mode_plans_from_the_list(cloud):
    cloud.seed(dcs_tasks=dcs_tasks("task-1", "task-2"))
    ran = cloud.run("dcs_background_task", check_mode=True, diff=True, instance_id="inst-1", task_ids=["task-2", "gone"],
                    project_id=PROJECT_ID)
    assert ran.code == 0 and ran.ids() == (["task-2"], ["gone"], [])
    assert ran["diff"] == {"before": {"ids": ["task-2"]}, "after": {"ids": []}}
    assert cloud.requests() == [("GET", DCS_TASKS, 200)] and cloud.state("dcs_tasks") == ["task-1", "task-2"]


def test_dcs_check_mode_of_a_missing_instance_warns_too(cloud):
    ran = cloud.run("dcs_background_task", check_mode=True, instance_id="inst-9", task_ids=["t1"], project_id=PROJECT_ID)
    assert ran.code == 0 and ran.ids() == ([], ["t1"], [])
    assert ran["missing_parents"] == [{"option": "instance_id", "value": "inst-9"}] and len(ran.warnings) == 1


@pytest.mark.parametrize("options, message", [
    ({"job_id": "0ff9bb51-0944-4e0c-9dfb-369b\u0430b13dfae"}, "job_id: '0ff9bb51-0944-4e0c-9dfb-369b\u0430b13dfae' is not a "
     "valid id (1 to 128 letters, digits, '_' or '-'): it contains '\u0430' (U+0430), not an ASCII character"),
    ({"job_ids": ["ok", "0ff9bb51\u20130944"]}, "job_ids[1]: '0ff9bb51\u20130944' is not a valid id (1 to 128 letters, "
     "digits, '_' or '-'): it contains '\u2013' (U+2013), not an ASCII character"),
    ({"job_id": "a", "endpoint": "https://127.0.0.1:abc"}, "endpoint 'https://127.0.0.1:abc' has the port 'abc', not a "
     "number from 1 to 65535"),
    ({"job_id": "a", "endpoint": "https://h\x00x"}, "endpoint 'https://h\\x00x' contains '\\x00' (U+0000), which is not a "
     "printable ASCII character"),
    ({"job_id": "a", "endpoint": "https://user:p/ss@host"}, "endpoint 'https://***@host' contains '@' (a user or "
     "password?): credentials go in their own options, never in the URL"),
    ({"job_id": "a", "endpoint": "user:URLPASS@host"}, "endpoint '***@host' contains '@'"),
    ({"job_id": "a", "endpoint": "https://127.0.0.1:1", "ca_path": "/nonexistent/ca.pem"},
     "ca_path '/nonexistent/ca.pem', the CA bundle that TLS certificates are verified against, is not a readable file or "
     "directory"),
    ({"job_id": "a", "region": "eu-de\nx"}, "region 'eu-de\\nx' is not a region name such as 'eu-de' or 'cn-north-4'"),
    ({"job_id": "a", "deadline": "nan"}, "deadline nan must be a finite number of seconds"),
])
def test_bad_input_fails_before_any_request_naming_the_option_and_value_with_the_delete_result_keys(cloud, options, message):
    ran = cloud.run("cce_job", **options)
    assert ran.failed and ran["msg"].startswith(message) and cloud.requests() == []
    assert (ran["deleted"], ran["already_absent"], ran["errors"], ran["retries"]["requests"]) == ([], [], [], 0)
    assert "URLPASS" not in ran["msg"] and "p/ss" not in ran["msg"]


def test_a_bad_instance_id_is_refused_before_any_request_with_the_delete_result_keys(cloud):
    ran = cloud.run("dcs_background_task", instance_id="../inst", task_ids=["t1"])
    assert ran.failed and ran["msg"].startswith("instance_id: '../inst' is not a valid id")
    assert (ran["deleted"], ran["missing_parents"]) == ([], []) and cloud.requests() == []


# Workspace: list first, then batches; only SUCCESS and FAILED sub-jobs can go -----------------------------------

def test_workspace_deletes_the_deletable_ids_in_one_batch_and_fails_for_a_running_one(cloud):
    cloud.seed(workspace_sub_jobs=sub_jobs(s1="SUCCESS", f1="FAILED", r1="RUNNING", keep="SUCCESS"))
    ran = cloud.run("workspace_sub_jobs", job_ids=["s1", "r1", "gone", "f1"], project_id=PROJECT_ID)
    assert ran.failed and ran.ids() == (["s1", "f1"], ["gone"], ["r1"]) and ran["changed"] is True
    assert ran["msg"] == "Workspace sub-job r1 is RUNNING: only SUCCESS or FAILED ones can be deleted"
    assert ran["status_code"] is None and ran["undeletable"] == []
    assert [request[:2] for request in cloud.requests()] == [("GET", SUB_JOBS), ("POST", SUB_JOBS + "/batch-delete")]
    assert cloud.state("workspace_sub_jobs") == ["keep", "r1"]


def test_workspace_deletes_more_ids_than_a_batch_takes_in_several_batches(cloud):
    ids = ["job-%02d" % number for number in range(12)]
    cloud.seed(workspace_sub_jobs=sub_jobs(**dict((job_id, "SUCCESS") for job_id in ids)))
    ran = cloud.run("workspace_sub_jobs", job_ids=ids, project_id=PROJECT_ID)
    assert ran.code == 0 and ran["deleted"] == ids
    assert [request[0] for request in cloud.requests()] == ["GET", "POST", "POST"]  # at most 10 ids a batch
    assert cloud.state("workspace_sub_jobs") == []


def test_workspace_by_status_spares_the_types_the_service_cannot_delete(cloud):
    cloud.seed(workspace_sub_jobs=sub_jobs(f1="FAILED", f2="FAILED", v1=("FAILED", "applyWorkspace"), s1="SUCCESS"))
    ran = cloud.run("workspace_sub_jobs", delete_by_status="FAILED", project_id=PROJECT_ID, diff=True, verbosity=1)
    assert ran["msg"] == "2 request(s) for 3 id(s)"  # the ids the status selected, not the none the user listed
    assert ran.code == 0 and sorted(ran["deleted"]) == ["f1", "f2"] and ran["errors"] == []
    assert ran["undeletable"] == [{"id": "v1", "reason": "Workspace sub-job v1 is of type applyWorkspace, which the "
                                                         "service cannot delete"}]
    assert ran["diff"]["after"] == {"ids": ["v1"]} and sorted(ran["diff"]["before"]["ids"]) == ["f1", "f2", "v1"]
    assert "skipped" not in ran.result
    assert cloud.state("workspace_sub_jobs") == ["s1", "v1"]
    assert [entry["query"] for entry in cloud.log() if entry["method"] == "GET"] == ["limit=1000&offset=0&status=FAILED"]


def test_workspace_check_mode_lists_and_sends_no_delete(cloud):
    cloud.seed(workspace_sub_jobs=sub_jobs(s1="SUCCESS", f1="FAILED"))
    ran = cloud.run("workspace_sub_jobs", check_mode=True, delete_by_status="SUCCESS", project_id=PROJECT_ID)
    assert ran.code == 0 and ran["changed"] is True and ran.ids() == (["s1"], [], [])
    assert [request[0] for request in cloud.requests()] == ["GET"] and cloud.state("workspace_sub_jobs") == ["f1", "s1"]


def test_a_refused_workspace_batch_is_an_error_for_each_of_its_ids(cloud):
    cloud.seed(workspace_sub_jobs=sub_jobs(s1="SUCCESS", s2="SUCCESS"))
    cloud.admin.replies(routes=[{"method": "POST", "route": "/v2/{project_id}/workspace-sub-jobs/batch-delete",
                                 "status": 400, "body": {"error_code": "WKS.0001", "error_msg": "Invalid request."}}])
    ran = cloud.run("workspace_sub_jobs", job_ids=["s1", "s2"], project_id=PROJECT_ID)
    assert ran.failed and ran.ids() == ([], [], ["s1", "s2"]) and ran["error_code"] == "WKS.0001"
    assert cloud.state("workspace_sub_jobs") == ["s1", "s2"]


def test_a_workspace_batch_that_gets_no_reply_is_an_error_for_each_of_its_ids(cloud):
    cloud.seed(workspace_sub_jobs=sub_jobs(s1="SUCCESS", s2="SUCCESS"))
    cloud.admin.faults(fault_rate=1.0, kinds=["reset"], methods=["POST"])
    ran = cloud.run("workspace_sub_jobs", job_ids=["s1", "s2"], project_id=PROJECT_ID, retries=0)
    assert ran.failed and ran.ids() == ([], [], ["s1", "s2"]) and ran["status_code"] is None
    assert ran["msg"].startswith("POST %s/batch-delete failed: connection error (" % SUB_JOBS)
    assert cloud.state("workspace_sub_jobs") == ["s1", "s2"]


def test_a_workspace_sub_job_the_list_moved_out_of_reach_is_deleted_not_reported_absent(run_module, httpserver):
    # 1001 sub-jobs; another client deletes sub-0003 between the two pages of the list: with offset paging sub-1000
    # moves to page 1 after it was read, and page 2 is empty with a total that agrees.
    jobs = [{"id": "sub-%04d" % number, "status": "SUCCESS", "job_type": "createDesktops"} for number in range(1001)]
    lists, deletes = [], []

    def listing(request):
        lists.append(request.args["offset"])
        if len(lists) == 2:
            del jobs[3]
        offset, limit = int(request.args["offset"]), int(request.args["limit"])
        return Response(json.dumps({"total_count": len(jobs), "jobs": jobs[offset:offset + limit]}), 200,
                        content_type="application/json")

    def batch_delete(request):
        deletes.append(json.loads(request.get_data())["job_ids"])
        return Response("", 200)

    httpserver.expect_request(SUB_JOBS).respond_with_handler(listing)
    httpserver.expect_request(SUB_JOBS + "/batch-delete").respond_with_handler(batch_delete)
    ran = run_module("workspace_sub_jobs", dict(AKSK, endpoint=httpserver.url_for("/").rstrip("/"),
                                                project_id=PROJECT_ID, job_ids=["sub-1000", "gone"]))
    assert ran.code == 0 and ran.ids() == (["sub-1000"], ["gone"], [])
    assert lists == ["0", "1000", "0"] and deletes == [["sub-1000"]]


def test_workspace_not_enabled_fails_with_a_hint_whether_ids_or_a_status_were_given(cloud):
    cloud.seed(workspace_not_enabled=[{"project_id": PROJECT_ID}])
    by_id = cloud.run("workspace_sub_jobs", job_ids=["s1", "s2"], project_id=PROJECT_ID)
    assert by_id.failed and by_id.ids() == ([], [], ["s1", "s2"]) and by_id["status_code"] == 403
    hint = "Workspace does not seem to be enabled in this project: check project and region"
    assert by_id["msg"].endswith(hint + " (and 1 more error(s), see errors)")
    by_status = cloud.run("workspace_sub_jobs", delete_by_status="FAILED", project_id=PROJECT_ID)
    assert by_status.failed and by_status["msg"].endswith(hint) and by_status["error_code"] == "WKS.00010099"
    assert (by_status["deleted"], by_status["errors"], by_status["undeletable"]) == ([], [], [])
