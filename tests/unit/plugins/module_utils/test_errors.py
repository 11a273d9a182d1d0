import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.error_bodies import error_in_success, parse_error_body
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError


@pytest.mark.parametrize("body, expected", [
    (b'{"error_code": "DCS.4133", "error_msg": "task not found"}', ("DCS.4133", "task not found")),
    (b'{"errorCode": "CCE.01404001", "errorMessage": "job not found"}', ("CCE.01404001", "job not found")),
    (b'{"code": "WKS.0001", "message": "bad"}', ("WKS.0001", "bad")),
    (b'{"status": "error", "error": {"code": "DEVCB.00031006", "message": "no job"}}', ("DEVCB.00031006", "no job")),
    (b'{"error": {"error_code": "APIG.0101", "error_msg": "no api"}}', ("APIG.0101", "no api")),
    (b'{"error": {"code": 401, "message": "The password is wrong.", "title": "Unauthorized"}}', (None, "The password is wrong.")),
    (b"<html>Not Found</html>", (None, "<html>Not Found</html>")),
    (b"", (None, None)),
    (b"[1, 2]", (None, None)),
    ({"error_code": 42, "error_msg": "numeric"}, ("42", "numeric")),
])
def test_every_error_body_shape_is_read(body, expected):
    assert parse_error_body(body) == expected


@pytest.mark.parametrize("body, expected", [
    # a JSON string whose text is the error object
    (b'"{\\"error_code\\": \\"CB.00031006\\", \\"error_msg\\": \\"no job\\"}"', ("CB.00031006", "no job")),
    # the backend's error object, as text, in the message of an outer error without a code
    (b'{"error_msg": "{\\"error_code\\":\\"CB.00031006\\",\\"error_msg\\":\\"no job\\"}", "status": "error"}',
     ("CB.00031006", "no job")),
    (b'"just a sentence"', (None, "just a sentence")),
])
def test_error_bodies_that_are_json_inside_a_json_string_are_read(body, expected):
    assert parse_error_body(body) == expected


@pytest.mark.parametrize("data, expected", [
    ({"status": "success", "result": {"job_id": "j"}}, False),
    ({"result": {"id": "j"}, "error": None, "status": "success"}, False),
    ({"message": ""}, False),
    (None, False),
    ([], False),
    ({"error_code": "CB.00031006", "error_msg": "no job"}, True),
    ({"status": "error", "result": None}, True),
    ({"status": "success", "error": {"code": "CB.00060101", "message": "x"}}, True),
])
def test_a_success_body_that_reports_an_error_is_noticed(data, expected):
    assert error_in_success(data) is expected


def test_failure_message_reads_like_the_spec():
    error = ApiError("DELETE", "/api/v2/projects/p/jobs/j", 403, "CCE.01403001", "Forbidden", "req-1")
    assert error.message() == "DELETE /api/v2/projects/p/jobs/j failed: HTTP 403 CCE.01403001: Forbidden (request id req-1)"
    assert error.facts() == {"status_code": 403, "error_code": "CCE.01403001", "error_msg": "Forbidden", "request_id": "req-1"}


def test_failure_without_reply_says_what_happened():
    error = ApiError("POST", "/v3/jobs/x/delete", error_msg="timed out (ReadTimeout) after 6 attempt(s)")
    assert error.message() == "POST /v3/jobs/x/delete failed: timed out (ReadTimeout) after 6 attempt(s)"
