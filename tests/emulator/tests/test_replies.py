# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Chosen replies (POST /_emulator/replies): a service's error reply, canned route replies and page caps."""

import json

import pytest
import requests

from emulator.harness import AdminError
from emulator.replies import DEFAULT_AK_LOCKOUT, JSON_TYPE

from .clients import signed

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
CODEARTS_PROJECT = "5f3c2a1b9d8e4f70a6b5c4d3e2f1a0b9"
WORKSPACE_LIST = "/v2/{project_id}/workspace-sub-jobs"
CCE_JOB = "/api/v2/projects/{project_id}/jobs/{job_id}"
KEYSTONE_NOT_FOUND = {"error": {"code": 404, "title": "Not Found", "message": "Could not find job."}}


@pytest.fixture(name="call")
def signed_call(base_url, demo):
    """call(method, path, **signed_kwargs): a request signed with the demo project's credential."""
    return lambda method, path, **kwargs: signed(method, base_url, path, demo["credentials"][0], **kwargs)


def _first(demo, kind, **match):
    return [record for record in demo[kind] if all(record.get(k) == v for k, v in match.items())][0]


# errors ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("chosen, body, content_type", [
    ({"body": {}}, b"{}", JSON_TYPE),
    ({}, b"", None),
    ({"body": KEYSTONE_NOT_FOUND}, json.dumps(KEYSTONE_NOT_FOUND).encode("utf-8"), JSON_TYPE),
    ({"body": None}, b"null", JSON_TYPE),
    ({"raw": "<html>Not Found</html>", "content_type": "text/html"}, b"<html>Not Found</html>", "text/html"),
    ({"raw": "not found"}, b"not found", "text/plain"),
])
def test_a_chosen_cce_not_found_reply_is_sent_wherever_cce_answers_not_found(call, admin, chosen, body, content_type):
    admin.replies(errors=[dict(chosen, service="cce", kind="not_found", status=404)])
    for method in ("GET", "DELETE"):
        response = call(method, "/api/v2/projects/%s/jobs/no-such-job" % PROJECT)
        assert (response.status_code, response.content) == (404, body)
        assert response.headers.get("Content-Type") == content_type
        assert len(response.headers["X-Request-Id"]) == 32
    assert [(entry["method"], entry["status"]) for entry in admin.requests()] == [("GET", 404), ("DELETE", 404)]


def test_error_code_and_message_build_the_services_own_body(call, demo, admin):
    """DCS's numeric twin of the missing instance, in DCS's body; the real task list is untouched."""
    admin.replies(errors=[{"service": "dcs", "kind": "instance_not_found", "status": 404, "error_code": "111404022",
                           "error_msg": "This DCS instance does not exist."}])
    for method, path in (("GET", "/v2/%s/instances/no-such-instance/tasks" % PROJECT),
                         ("DELETE", "/v2/%s/instances/no-such-instance/tasks/some-task" % PROJECT)):
        response = call(method, path)
        assert response.status_code == 404
        assert response.json() == {"error_code": "111404022", "error_msg": "This DCS instance does not exist.",
                                   "error_ext_msg": None}
    task = _first(demo, "dcs_tasks", project_id=PROJECT)
    listed = call("GET", "/v2/%s/instances/%s/tasks" % (PROJECT, task["instance_id"]))
    assert listed.status_code == 200 and listed.json()["tasks"]


def test_only_the_chosen_kind_and_service_change(call, demo, admin):
    admin.replies(errors=[{"service": "dcs", "kind": "not_found", "status": 404, "body": {}}])
    task = _first(demo, "dcs_tasks", project_id=PROJECT)
    assert call("DELETE", "/v2/%s/instances/%s/tasks/no-such-task" % (PROJECT, task["instance_id"])).json() == {}
    assert call("DELETE", "/v2/%s/instances/no-such-instance/tasks/t" % PROJECT).json()["error_code"] == "DCS.3022"
    assert call("GET", "/api/v2/projects/%s/jobs/no-such-job" % PROJECT).json()["errorCode"] == "CCE.01404001"
    assert call("POST", "/v3/jobs/no-such-job/delete").json()["error_code"] == "CB.00031006"


def test_a_chosen_internal_error_is_the_500_fault_too(call, demo, admin):
    admin.replies(errors=[{"service": "cce", "kind": "internal", "status": 500, "raw": "upstream exploded"}])
    admin.faults(fault_rate=1.0, kinds=[500])
    response = call("GET", "/api/v2/projects/%s/jobs" % PROJECT)
    assert (response.status_code, response.text) == (500, "upstream exploded")


def test_the_project_mismatch_and_workspace_codes_can_be_chosen(call, admin):
    admin.seed({"workspace_not_enabled": [{"project_id": PROJECT}]})
    admin.replies(errors=[{"service": "dcs", "kind": "project_mismatch", "status": 403, "body": {"code": "x"}},
                          {"service": "workspace", "kind": "WKS.00010099", "status": 404, "body": {}}])
    other = "7f6e5d4c3b2a19081726354453627180"
    assert call("GET", "/v2/%s/instances/i/tasks" % other).status_code == 403
    listed = call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT)
    assert (listed.status_code, listed.json()) == (404, {})


# routes ------------------------------------------------------------------------------------------------------

def test_workspace_list_without_its_items(call, admin):
    admin.replies(routes=[{"method": "GET", "route": WORKSPACE_LIST, "status": 200, "body": {"total_count": 3}}])
    for _attempt in range(3):  # count null: always
        response = call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT)
        assert (response.status_code, response.json()) == (200, {"total_count": 3})
    assert [(entry["method"], entry["status"], entry["service"]) for entry in admin.requests()] == [
        ("GET", 200, "workspace")] * 3
    assert admin.current_replies()["routes"][0]["remaining"] is None


def test_codearts_delete_answers_failed_with_200_and_deletes_nothing(call, demo, admin):
    job = demo["codearts_build_jobs"][0]
    failed = {"status": "failed", "error": {"error_code": "CB.00060200", "error_msg": "x"}}
    admin.replies(routes=[{"method": "POST", "route": "/v3/jobs/{job_id}/delete", "status": 200, "body": failed}])
    response = call("POST", "/v3/jobs/%s/delete" % job["id"])
    assert (response.status_code, response.json()) == (200, failed)
    assert job["id"] in [record["id"] for record in admin.state()["codearts_build_jobs"]]


def test_cce_delete_answers_an_empty_404_once_while_the_job_stays_listed(call, demo, admin):
    job = _first(demo, "cce_jobs", project_id=PROJECT)
    path = "/api/v2/projects/%s/jobs/%s" % (PROJECT, job["id"])
    config = admin.replies(routes=[{"method": "DELETE", "route": CCE_JOB, "status": 404, "count": 1}])
    assert config["routes"][0]["remaining"] == 1
    refused = call("DELETE", path)
    assert (refused.status_code, refused.content, refused.headers.get("Content-Type")) == (404, b"", None)
    listed = call("GET", "/api/v2/projects/%s/jobs" % PROJECT).json()
    assert job["id"] in [other["metadata"]["uid"] for other in listed]
    assert admin.current_replies()["routes"][0]["remaining"] == 0
    assert call("DELETE", path).status_code == 204  # the count is used up: the handler answers again


def test_entries_of_one_route_are_used_in_order(call, admin):
    admin.replies(routes=[{"method": "GET", "route": WORKSPACE_LIST, "status": 500, "raw": "a", "count": 2},
                          {"method": "GET", "route": WORKSPACE_LIST, "status": 200, "body": [], "count": 1}])
    answers = [call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT) for _attempt in range(4)]
    assert [(answer.status_code, answer.text) for answer in answers[:3]] == [(500, "a"), (500, "a"), (200, "[]")]
    assert answers[3].status_code == 200 and "total_count" in answers[3].json()


def test_a_canned_reply_still_needs_a_valid_request(base_url, call, demo, admin):
    admin.replies(routes=[{"method": "GET", "route": WORKSPACE_LIST, "status": 200, "body": {"total_count": 3},
                           "count": 1}])
    assert requests.get(base_url + "/v2/%s/workspace-sub-jobs" % PROJECT, timeout=10).status_code == 401
    wrong = signed("GET", base_url, "/v2/%s/workspace-sub-jobs" % PROJECT, demo["credentials"][0], secret_key="wrong")
    assert wrong.status_code == 401
    other = "7f6e5d4c3b2a19081726354453627180"
    assert call("GET", "/v2/%s/workspace-sub-jobs" % other).status_code == 403
    assert admin.current_replies()["routes"][0]["remaining"] == 1
    assert call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT).json() == {"total_count": 3}


def test_a_fault_comes_before_the_canned_reply_and_uses_none_of_it(call, admin):
    admin.replies(routes=[{"method": "GET", "route": WORKSPACE_LIST, "status": 200, "body": {}, "count": 1}])
    admin.faults(fault_rate=1.0, kinds=[503], count=1)
    assert call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT).status_code == 503
    assert call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT).json() == {}


# page caps ---------------------------------------------------------------------------------------------------

def test_dcs_page_cap_serves_fewer_items_than_asked_with_the_full_count(call, demo, admin):
    task = _first(demo, "dcs_tasks", project_id=PROJECT)
    path = "/v2/%s/instances/%s/tasks" % (PROJECT, task["instance_id"])
    total = len([other for other in demo["dcs_tasks"] if other["instance_id"] == task["instance_id"]])
    assert total > 2
    admin.replies(page_caps={"dcs": 2})
    body = call("GET", path, params={"offset": 0, "limit": 10}).json()
    assert (len(body["tasks"]), body["task_count"]) == (2, str(total))
    assert len(call("GET", path, params={"offset": 1, "limit": 1}).json()["tasks"]) == 1
    seen, offset = [], 0
    while offset < total:
        page = call("GET", path, params={"offset": offset, "limit": 10}).json()["tasks"]
        seen += [item["id"] for item in page]
        offset += len(page)
    assert len(set(seen)) == total


def test_workspace_and_codearts_page_caps(call, demo, admin):
    admin.replies(page_caps={"workspace": 5, "codearts_build": 3})
    workspace = call("GET", "/v2/%s/workspace-sub-jobs" % PROJECT, params={"limit": 1000}).json()
    assert len(workspace["jobs"]) == 5
    assert workspace["total_count"] == len([job for job in demo["workspace_sub_jobs"] if job["project_id"] == PROJECT])
    pages = [call("GET", "/v3/%s/jobs" % CODEARTS_PROJECT, params={"page_index": index, "page_size": 100}).json()
             for index in range(3)]
    assert [len(page["jobs"]) for page in pages] == [3, 3, 2]  # pages of the size served: 8 jobs, 3 per page
    assert {page["total"] for page in pages} == {8}
    assert len({job["id"] for page in pages for job in page["jobs"]}) == 8


# the configuration -------------------------------------------------------------------------------------------

def test_defaults_each_post_replaces_everything_and_reset_clears(admin):
    assert admin.current_replies() == {"errors": [], "routes": [], "page_caps": {}, "ak_lockout": DEFAULT_AK_LOCKOUT}
    assert DEFAULT_AK_LOCKOUT == {"failures": 5, "seconds": 300}
    admin.replies(page_caps={"dcs": 3}, ak_lockout={"failures": 2})
    assert admin.current_replies()["ak_lockout"] == {"failures": 2, "seconds": 300}
    admin.replies(errors=[{"service": "cce", "kind": "not_found", "status": 404}])
    current = admin.current_replies()
    assert (current["page_caps"], current["ak_lockout"], len(current["errors"])) == ({}, DEFAULT_AK_LOCKOUT, 1)
    admin.replies(ak_lockout=None)
    assert admin.current_replies()["ak_lockout"] is None
    admin.reset()
    assert admin.current_replies() == {"errors": [], "routes": [], "page_caps": {}, "ak_lockout": DEFAULT_AK_LOCKOUT}


NOT_FOUND = {"service": "cce", "kind": "not_found", "status": 404}
ROUTE = {"method": "GET", "route": WORKSPACE_LIST, "status": 200}


@pytest.mark.parametrize("config, named", [
    ({"error": []}, "unknown field\\(s\\) error;"),
    ({"errors": {}}, "errors must be a list"),
    ({"errors": [dict(NOT_FOUND, service="ecs")]}, "'ecs'"),
    ({"errors": [dict(NOT_FOUND, kind="gone")]}, "'gone'"),
    ({"errors": [dict(NOT_FOUND, kind="instance_not_found")]}, "'instance_not_found'"),
    ({"errors": [dict(NOT_FOUND, kind=["not_found"])]}, "kind"),
    ({"errors": [dict(NOT_FOUND, status="404")]}, "errors\\[0\\].status"),
    ({"errors": [dict(NOT_FOUND, status=True)]}, "errors\\[0\\].status"),
    ({"errors": [dict(NOT_FOUND, status=99)]}, "errors\\[0\\].status"),
    ({"errors": [dict(NOT_FOUND, error_code="X")]}, "error_msg"),
    ({"errors": [dict(NOT_FOUND, error_code=1, error_msg="m")]}, "error_code"),
    ({"errors": [dict(NOT_FOUND, body={}, raw="")]}, "body, raw"),
    ({"errors": [dict(NOT_FOUND, content_type="text/html")]}, "content_type"),
    ({"errors": [dict(NOT_FOUND, colour="red")]}, "colour"),
    ({"errors": [NOT_FOUND, dict(NOT_FOUND, body={})]}, "chosen twice"),
    ({"routes": [dict(ROUTE, route="/v2/{project_id}/workspace-sub-jobs/")]}, "no route GET"),
    ({"routes": [dict(ROUTE, method="DELETE")]}, "no route DELETE"),
    ({"routes": [dict(ROUTE, route="/v3/auth/tokens", method="POST")]}, "no route POST /v3/auth/tokens"),
    ({"routes": [dict(ROUTE, count=0)]}, "routes\\[0\\].count"),
    ({"routes": [dict(ROUTE, count=1.5)]}, "routes\\[0\\].count"),
    ({"routes": [dict(ROUTE, error_code="X", error_msg="m")]}, "error_code"),
    ({"routes": [dict(ROUTE, status=204, body={})]}, "204"),
    ({"routes": [dict(ROUTE, raw=5)]}, "raw"),
    ({"page_caps": {"cce": 5}}, "cce"),
    ({"page_caps": {"dcs": 0}}, "page_caps.dcs"),
    ({"page_caps": []}, "page_caps"),
    ({"ak_lockout": {"failures": 0}}, "ak_lockout.failures"),
    ({"ak_lockout": {"seconds": 0}}, "ak_lockout.seconds"),
    ({"ak_lockout": {"seconds": "300"}}, "ak_lockout.seconds"),
    ({"ak_lockout": {"minutes": 5}}, "minutes"),
])
def test_a_bad_configuration_is_refused_naming_the_bad_value_and_changes_nothing(admin, config, named):
    admin.replies(page_caps={"dcs": 7})
    with pytest.raises(AdminError, match=named):
        admin.replies(**config)
    assert admin.current_replies()["page_caps"] == {"dcs": 7}


def test_the_admin_api_lists_the_replies_routes(base_url):
    response = requests.get(base_url + "/_emulator/nothing", timeout=10)
    assert response.status_code == 404
    assert "GET /_emulator/replies" in response.json()["error"]
    assert "POST /_emulator/replies" in response.json()["error"]
