# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The four services: routes, shapes, not-found answers, paging and Workspace's deletion rules."""

import pytest
import requests

from emulator.protocol import GATEWAY_ERRORS
from emulator.services import MAX_BATCH_JOB_IDS, SERVICES, UNDELETABLE_JOB_TYPES, go_time

from .clients import signed

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"


@pytest.fixture(name="call")
def signed_call(base_url, demo):
    """call(method, path, **signed_kwargs): a request signed with the demo project's credential."""
    return lambda method, path, **kwargs: signed(method, base_url, path, demo["credentials"][0], **kwargs)


def _project_records(demo, kind, **match):
    return [record for record in demo[kind]
            if record["project_id"] == match.pop("project_id", PROJECT) and all(record.get(k) == v for k, v in match.items())]


@pytest.mark.parametrize("method, path", [
    ("GET", "/"),
    ("GET", "/v3/nothing-here"),
    ("POST", "/api/v2/projects/%s/clusters" % PROJECT),
    ("PUT", "/v2/%s/instances/i/tasks/t" % PROJECT),
    # A known path with another method: the gateway answers APIGW.0101 as well.
    ("GET", "/v3/jobs/0123/delete"),
    ("POST", "/api/v2/projects/%s/jobs/some-job" % PROJECT),
    ("DELETE", "/v2/%s/workspace-sub-jobs" % PROJECT),
])
def test_unknown_routes_answer_apigw_0101(base_url, demo, method, path):
    for response in (requests.request(method, base_url + path, timeout=10),
                     signed(method, base_url, path, demo["credentials"][0])):
        assert response.status_code == 404
        body = response.json()
        assert set(body) == {"error_code", "error_msg", "request_id"}
        assert body["error_code"] == "APIGW.0101"
        assert body["error_msg"] == "The API does not exist or has not been published in the environment"
        assert body["request_id"] == response.headers["X-Request-Id"]


def test_gateway_codes_are_the_cloud_gateways():
    """APIGW.* of the API Request Signing Guide's table; no invented APIG.0202 for 503."""
    assert {kind: (status, code) for kind, (status, code, _message) in GATEWAY_ERRORS.items()} == {
        "no_route": (404, "APIGW.0101"), "bad_signature": (401, "APIGW.0301"), "ak_locked": (401, "APIGW.0301"),
        "expired_date": (401, "APIGW.0303"), "bad_token": (401, "APIGW.0301"), "throttled": (429, "APIGW.0308"),
        "bad_gateway": (502, "APIGW.0201"), "unavailable": (503, "APIGW.0613"), "gateway_timeout": (504, "APIGW.0201")}
    assert "token expires" in GATEWAY_ERRORS["bad_token"][2]
    assert "AK access failed to reach the limit" in GATEWAY_ERRORS["ak_locked"][2]
    assert GATEWAY_ERRORS["unavailable"][2] == "The IAM service is currently unavailable."


def test_service_error_table_uses_each_services_own_codes():
    prefixes = {"codearts_build": ("CB.", "DEVCB."), "cce": ("CCE.",), "workspace": ("WKS.",), "dcs": ("DCS.",)}
    for service, row in SERVICES.items():
        for kind, (status, code, message) in row.errors.items():
            assert code.startswith(prefixes[service]), (service, kind, code)
            assert 400 <= status < 600 and message
    # Codes that mean something else must not be used for the emulator's cases.
    used = {code for row in SERVICES.values() for _status, code, _message in row.errors.values()}
    assert not used & {"WKS.00081102", "WKS.00211102", "WKS.00211401", "DCS.4010", "DCS.4003", "CB.00060500"}
    assert SERVICES["dcs"].errors["url_not_found"][:2] == (404, "DCS.4001")
    # The DCS error-code table: 404 DCS.3022 is the missing instance, DCS.4022 a 400 about engines, DCS.1004 a 401.
    assert SERVICES["dcs"].errors["instance_not_found"][:2] == (404, "DCS.3022")
    assert SERVICES["dcs"].errors["engine_mismatch"][:2] == (400, "DCS.4022")
    assert SERVICES["dcs"].errors["project_mismatch"][:2] == (401, "DCS.1004")
    assert SERVICES["codearts_build"].errors["throttled"][:2] == (500, "CB.00060211")
    assert SERVICES["dcs"].errors["not_found"][1] not in ("DCS.4001", SERVICES["dcs"].errors["instance_not_found"][1])


@pytest.mark.parametrize("iso, go", [
    ("2025-09-02T10:23:38.987955Z", "2025-09-02 10:23:38.987955 +0000 UTC"),
    ("2025-09-02T10:23:38.980Z", "2025-09-02 10:23:38.98 +0000 UTC"),
    ("2025-09-02T12:23:38+02:00", "2025-09-02 10:23:38 +0000 UTC"),
])
def test_cce_timestamps_are_gos_time_string(iso, go):
    assert go_time(iso) == go


def test_every_response_has_a_fresh_request_id(base_url, call):
    responses = [call("GET", "/api/v2/projects/%s/jobs" % PROJECT), call("GET", "/nowhere"),
                 requests.get(base_url + "/api/v2/projects/%s/jobs" % PROJECT, timeout=10),
                 requests.get(base_url + "/_emulator/state", timeout=10)]
    ids = [response.headers["X-Request-Id"] for response in responses]
    assert all(len(request_id) == 32 and int(request_id, 16) >= 0 for request_id in ids)
    assert len(set(ids)) == len(ids)


def test_cce_job_show_list_delete(call, demo, admin):
    job = _project_records(demo, "cce_jobs")[0]
    path = "/api/v2/projects/%s/jobs/%s" % (PROJECT, job["id"])
    shown = call("GET", path).json()
    # The V2Job of huaweicloudsdkcce v3/model/v2_job*.py: lowercase spec keys, status.status, Go timestamps.
    assert (shown["kind"], shown["apiVersion"]) == ("Job", "v2")
    assert shown["metadata"] == {"uid": job["id"], "creationTimestamp": go_time(job["created"]),
                                 "updateTimestamp": go_time(job["updated"])}
    assert shown["metadata"]["creationTimestamp"].endswith(" +0000 UTC")
    assert set(shown["spec"]) == {"type", "clusteruid", "resourceid", "resourcename", "extendparam", "subjobs"}
    assert (shown["spec"]["type"], shown["spec"]["resourcename"], shown["spec"]["clusteruid"]) == (
        job["type"], job["resource_name"], job["cluster_id"])
    assert set(shown["status"]) == {"status", "reason", "completionTime"}
    assert shown["status"]["status"] == job["status"]
    listed = call("GET", "/api/v2/projects/%s/jobs" % PROJECT).json()
    assert isinstance(listed, list) and len(listed) == len(_project_records(demo, "cce_jobs"))
    assert shown in listed

    deleted = call("DELETE", path)
    assert deleted.status_code == 204 and deleted.content == b""
    again = call("DELETE", path)
    assert again.status_code == 404
    body = again.json()
    assert (body["errorCode"], body["error_code"]) == ("CCE.01404001", "CCE.01404001") and body["errorMessage"]
    assert (body["kind"], body["status"], body["code"], body["reason"]) == ("Status", "Failure", 404, "NotFound")
    assert call("GET", path).status_code == 404
    assert job["id"] not in [record["id"] for record in admin.state()["cce_jobs"]]


def test_cce_unfinished_job_has_no_completion_time(call, admin):
    admin.seed({"cce_jobs": [{"project_id": PROJECT, "id": "job-running", "status": "Running",
                              "created": "2026-01-02T03:04:05Z"}]})
    shown = call("GET", "/api/v2/projects/%s/jobs/job-running" % PROJECT).json()
    assert shown["status"] == {"status": "Running", "reason": "", "completionTime": ""}
    assert shown["metadata"]["creationTimestamp"] == "2026-01-02 03:04:05 +0000 UTC"


def test_codearts_build_job_show_and_missing_job(call, demo):
    job = demo["codearts_build_jobs"][0]
    shown = call("GET", "/v3/jobs/%s/query" % job["id"]).json()
    assert shown["status"] == "success" and shown["error"] is None
    # ListJobConfigResponse.result is the job's configuration (CreateBuildJobRequestBody): no "id" field.
    assert "id" not in shown["result"]
    assert (shown["result"]["job_name"], shown["result"]["project_id"]) == (job["name"], job["project_id"])
    deleted = call("POST", "/v3/jobs/%s/delete" % job["id"])
    assert deleted.json() == {"status": "success", "result": {"job_id": job["id"], "project_id": job["project_id"]}}
    for method, path in (("POST", "/v3/jobs/%s/delete" % job["id"]), ("GET", "/v3/jobs/%s/query" % job["id"])):
        missing = call(method, path)
        assert missing.status_code == 422
        assert missing.json() == {"error_code": "CB.00031006", "error_msg": "The build job does not exist or has been deleted."}


def test_dcs_not_found_answers(call, demo, admin):
    task = demo["dcs_tasks"][0]
    path = "/v2/%s/instances/%s/tasks/%s" % (PROJECT, task["instance_id"], task["id"])
    deleted = call("DELETE", path)
    assert deleted.status_code == 200 and deleted.json() == {"message": ""}
    missing_task = call("DELETE", path)
    unknown_instance = call("DELETE", "/v2/%s/instances/%s/tasks/%s" % (PROJECT, "no-such-instance", task["id"]))
    listed_unknown = call("GET", "/v2/%s/instances/no-such-instance/tasks" % PROJECT)
    for response in (missing_task, unknown_instance, listed_unknown):
        assert response.status_code == 404
        assert response.json()["error_code"] not in ("DCS.4001", "APIGW.0101")
        assert set(response.json()) == {"error_code", "error_msg", "error_ext_msg"}
    assert unknown_instance.json()["error_code"] == listed_unknown.json()["error_code"] == "DCS.3022"
    assert missing_task.json()["error_code"] not in ("DCS.3022", "DCS.4022")
    # The instance outlives its last task.
    for other in _project_records(demo, "dcs_tasks", instance_id=task["instance_id"])[1:]:
        assert call("DELETE", "/v2/%s/instances/%s/tasks/%s" % (PROJECT, task["instance_id"], other["id"])).status_code == 200
    emptied = call("GET", "/v2/%s/instances/%s/tasks" % (PROJECT, task["instance_id"]))
    assert emptied.json() == {"task_count": "0", "tasks": []}
    assert not [other for other in admin.state()["dcs_tasks"] if other["instance_id"] == task["instance_id"]]
    assert {"project_id": PROJECT, "instance_id": task["instance_id"]} in admin.state()["dcs_instances"]


def _page_through(call, path, page_params, items_key, page_size):
    seen, page = [], 0
    while True:
        body = call("GET", path, params=page_params(page, page_size)).json()
        items = body[items_key]
        seen += [item["id"] for item in items]
        if len(items) < page_size:
            return seen, body
        page += 1


@pytest.mark.parametrize("page_size", [1, 3, 100])
def test_codearts_paging_starts_at_page_index_0(call, demo, page_size):
    project = demo["codearts_build_jobs"][0]["project_id"]
    seen, body = _page_through(call, "/v3/%s/jobs" % project, lambda page, size: {"page_index": page, "page_size": size},
                               "jobs", page_size)
    assert body["total"] == len(demo["codearts_build_jobs"])
    assert sorted(seen) == sorted(job["id"] for job in demo["codearts_build_jobs"])
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("page_size", [1, 5, 1000])
def test_workspace_paging_with_offset_and_limit(call, demo, page_size):
    seen, body = _page_through(call, "/v2/%s/workspace-sub-jobs" % PROJECT,
                               lambda page, size: {"offset": page * size, "limit": size}, "jobs", page_size)
    assert body["total_count"] == len(_project_records(demo, "workspace_sub_jobs"))
    assert sorted(seen) == sorted(job["id"] for job in _project_records(demo, "workspace_sub_jobs"))


@pytest.mark.parametrize("page_size", [1, 3, 1000])
def test_dcs_paging_with_offset_and_limit(call, demo, page_size):
    instance = demo["dcs_tasks"][0]["instance_id"]
    seen, body = _page_through(call, "/v2/%s/instances/%s/tasks" % (PROJECT, instance),
                               lambda page, size: {"offset": page * size, "limit": size}, "tasks", page_size)
    expected = sorted(task["id"] for task in _project_records(demo, "dcs_tasks", instance_id=instance))
    assert body["task_count"] == str(len(expected))
    assert sorted(seen) == expected


def test_dcs_default_limit_is_10(call, admin):
    admin.seed({"dcs_tasks": [{"project_id": PROJECT, "instance_id": "busy", "id": "task-%02d" % n, "status": "SUCCESS"}
                              for n in range(12)]})
    body = call("GET", "/v2/%s/instances/busy/tasks" % PROJECT).json()
    assert (body["task_count"], len(body["tasks"])) == ("12", 10)


@pytest.mark.parametrize("path, params, code", [
    ("/v3/{codearts}/jobs", {"page_index": 0, "page_size": 101}, "CB.00060200"),
    ("/v3/{codearts}/jobs", {"page_index": -1, "page_size": 10}, "CB.00060200"),
    ("/v2/%s/workspace-sub-jobs" % PROJECT, {"limit": 1001}, "WKS.0001"),
    ("/v2/%s/workspace-sub-jobs" % PROJECT, {"offset": "x"}, "WKS.0001"),
    ("/v2/%s/instances/{instance}/tasks" % PROJECT, {"limit": 0}, "DCS.4800"),
])
def test_paging_limits_are_enforced(call, demo, path, params, code):
    path = path.format(codearts=demo["codearts_build_jobs"][0]["project_id"], instance=demo["dcs_tasks"][0]["instance_id"])
    response = call("GET", path, params=params)
    assert response.status_code == 400
    assert response.json()["error_code"] == code


def test_list_filters(call, demo):
    running = call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT, params={"status": "RUNNING"}).json()
    assert {job["status"] for job in running["jobs"]} == {"RUNNING"}
    assert running["total_count"] == len(_project_records(demo, "workspace_sub_jobs", status="RUNNING"))
    parent = demo["workspace_sub_jobs"][0]["job_id"]
    children = call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT, params={"job_id": parent}).json()["jobs"]
    assert sorted(job["id"] for job in children) == sorted(job["id"] for job in _project_records(demo, "workspace_sub_jobs", job_id=parent))


BATCH_DELETE = "/v2/%s/workspace-sub-jobs/batch-delete" % PROJECT


def _workspace_ids(admin):
    return sorted(job["id"] for job in admin.state()["workspace_sub_jobs"] if job["project_id"] == PROJECT)


def _deletable(demo, **match):
    return [job["id"] for job in _project_records(demo, "workspace_sub_jobs", **match)
            if job["status"] in ("SUCCESS", "FAILED") and job.get("job_type") not in UNDELETABLE_JOB_TYPES]


def test_workspace_batch_delete_by_ids_ignores_unknown_ids(call, demo, admin):
    done = _deletable(demo)[:3]
    response = call("POST", BATCH_DELETE, json_body={"job_ids": done + ["ff8080828f1a2b3c018f1a2b3c4d9999"]})
    assert response.status_code == 200 and response.content == b""
    assert not set(done) & set(_workspace_ids(admin))


def _seed_done_sub_jobs(admin, count):
    ids = ["ff8080828f1a2b3c018f1a2b3c4f%04d" % n for n in range(count)]
    admin.seed({"workspace_sub_jobs": [{"project_id": PROJECT, "id": job_id, "status": "SUCCESS", "job_type": "createDesktops"}
                                       for job_id in ids]})
    return ids


def test_workspace_batch_delete_takes_at_most_10_job_ids(call, admin):
    assert MAX_BATCH_JOB_IDS == 10
    before = set(_workspace_ids(admin))
    ids = _seed_done_sub_jobs(admin, 11)
    refused = call("POST", BATCH_DELETE, json_body={"job_ids": ids})
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "WKS.0001" and "at most 10" in refused.json()["error_msg"]
    assert set(_workspace_ids(admin)) == before | set(ids)
    assert call("POST", BATCH_DELETE, json_body={"job_ids": ids[:10]}).status_code == 200
    assert set(_workspace_ids(admin)) == before | {ids[10]}


@pytest.mark.parametrize("job_type", ["changeAccessVpc", "cancelWorkspace", "applyWorkspace"])
def test_workspace_undeletable_job_types_refuse_the_batch(call, admin, demo, job_type):
    admin.reset()  # only the two sub-jobs below, and the demo credentials
    admin.seed({"credentials": demo["credentials"]})
    admin.seed({"workspace_sub_jobs": [
        {"project_id": PROJECT, "id": "sub-special", "status": "SUCCESS", "job_type": job_type},
        {"project_id": PROJECT, "id": "sub-plain", "status": "FAILED", "job_type": "deleteDesktops"}]})
    refused = call("POST", BATCH_DELETE, json_body={"job_ids": ["sub-plain", "sub-special"]})
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "WKS.0001"
    assert "sub-special" in refused.json()["error_msg"] and job_type in refused.json()["error_msg"]
    assert "sub-plain" not in refused.json()["error_msg"]
    assert _workspace_ids(admin) == ["sub-plain", "sub-special"]
    # delete_by_status leaves them alone.
    for status in ("SUCCESS", "FAILED"):
        assert call("POST", BATCH_DELETE, json_body={"delete_by_status": status}).status_code == 200
    assert _workspace_ids(admin) == ["sub-special"]


def test_workspace_demo_has_an_undeletable_apply_workspace_sub_job(call, demo):
    listed = call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT, params={"job_type": "applyWorkspace"}).json()
    assert [(job["job_type"], job["status"]) for job in listed["jobs"]] == [("applyWorkspace", "SUCCESS")]


def test_workspace_batch_delete_refuses_running_or_waiting_and_deletes_nothing(call, demo, admin):
    before = _workspace_ids(admin)
    for status in ("RUNNING", "WAITING"):
        busy = _project_records(demo, "workspace_sub_jobs", status=status)[0]["id"]
        done = _deletable(demo, status="SUCCESS")[0]
        response = call("POST", BATCH_DELETE, json_body={"job_ids": [done, busy]})
        assert response.status_code == 400
        assert busy in response.json()["error_msg"] and done not in response.json()["error_msg"]
    assert _workspace_ids(admin) == before


def test_workspace_batch_delete_by_status(call, demo, admin):
    assert call("POST", BATCH_DELETE, json_body={"delete_by_status": "SUCCESS"}).status_code == 200
    remaining = {(job["status"], job.get("job_type")) for job in admin.state()["workspace_sub_jobs"] if job["project_id"] == PROJECT}
    assert {status for status, _job_type in remaining} == {"SUCCESS", "FAILED", "RUNNING", "WAITING"}
    assert [job_type for status, job_type in remaining if status == "SUCCESS"] == ["applyWorkspace"]
    other_project = [job for job in admin.state()["workspace_sub_jobs"] if job["project_id"] != PROJECT]
    assert len(other_project) == len([job for job in demo["workspace_sub_jobs"] if job["project_id"] != PROJECT])


@pytest.mark.parametrize("body", [
    {}, {"job_ids": ["a"], "delete_by_status": "SUCCESS"}, {"delete_by_status": "RUNNING"}, {"job_ids": []},
    {"job_ids": "ff8080828f1a2b3c018f1a2b3c4d0001"}, ["not", "an", "object"],
])
def test_workspace_batch_delete_bad_bodies_are_400(call, admin, body):
    before = _workspace_ids(admin)
    response = call("POST", BATCH_DELETE, json_body=body)
    assert response.status_code == 400
    assert response.json()["error_code"] == "WKS.0001"
    assert _workspace_ids(admin) == before


@pytest.mark.parametrize("seeded, status, code", [
    ({}, 403, "WKS.00010099"), ({"error_code": "WKS.00010099"}, 403, "WKS.00010099"),
    ({"error_code": "WKS.00170312"}, 400, "WKS.00170312"),
])
def test_workspace_not_enabled_in_a_project(call, admin, demo, seeded, status, code):
    admin.seed({"workspace_not_enabled": [dict(seeded, project_id=PROJECT)]})
    before = _workspace_ids(admin)
    for response in (call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT),
                     call("POST", BATCH_DELETE, json_body={"delete_by_status": "SUCCESS"})):
        assert response.status_code == status
        assert response.json()["error_code"] == code
    assert _workspace_ids(admin) == before
