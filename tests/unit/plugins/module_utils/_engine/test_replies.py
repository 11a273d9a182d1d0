"""What a reply says and means: the error bodies of every shape, and every rule of replies.judge on replies built
in memory (the wire is test_transport's)."""

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.replies import (
    ABSENT, FAILED, OK, Reply, ReplyRules, UNPROVEN, error_in_success, judge, parse_error_body)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB)


def reply(status, body=b"", outcome_unknown=False):
    return Reply("DELETE", "/x", status, {"X-Request-Id": "req-1"}, body, outcome_unknown)


@pytest.mark.parametrize("body", [
    b'{"error_code": "APIGW.0101", "error_msg": "The API does not exist or has not been published in the environment"}',
    b'{"error_code": "APIG.0101", "error_msg": "no api"}',
    b'{"error_code": "APIGW.0201", "error_msg": "any other gateway code"}',
    b'{"error": {"error_code": "APIGW.0101", "error_msg": "nested"}}',
    b'{"error_code": "DCS.4001", "error_msg": "bad url"}',
    b'{"error_code": "111404001", "error_msg": "The requested URL does not exist."}',
    b'{"error_code": "CB.00060214", "error_msg": "URL not found."}',
    b"<html><body>404 Not Found</body></html>",
])
@pytest.mark.parametrize("resource", [CCE_JOB, DCS_BACKGROUND_TASK, CODEARTS_BUILD_JOB])
def test_a_404_that_did_not_come_from_the_resource_route_fails_with_a_hint(body, resource):
    verdict = judge(reply(404, body), ReplyRules.of(resource))
    assert verdict.kind == FAILED
    assert "check endpoint" in verdict.error.message() and "check endpoint" not in (verdict.error.error_msg or "")


@pytest.mark.parametrize("code", ["CCE.01404001", "CCE.02404001", "CCE.03404001"])
def test_cce_documented_not_found_codes_prove_absence(code):
    body = ('{"errorCode": "%s", "errorMessage": "Resource not found"}' % code).encode()
    verdict = judge(reply(404, body), ReplyRules.of(CCE_JOB))
    assert verdict.kind == ABSENT
    assert judge(reply(400, body), ReplyRules.of(CCE_JOB)).kind == FAILED  # the documented status only


@pytest.mark.parametrize("body", [
    b"", b"{}", b'{"message": "not found"}',
    b'{"error": {"code": 404, "title": "Not Found", "message": "Could not find job."}}',  # Keystone's shape
    b'{"errorCode": "CCE.01404002", "errorMessage": "another 404 code"}',
    b'{"error_code": "DCS.4134", "error_msg": "undocumented"}',
])
@pytest.mark.parametrize("resource", [CCE_JOB, DCS_BACKGROUND_TASK, CODEARTS_BUILD_JOB])
def test_any_other_404_is_unproven_never_absent(body, resource):
    verdict = judge(reply(404, body), ReplyRules.of(resource))
    assert verdict.kind == UNPROVEN and verdict.error.status_code == 404


def test_dcs_numeric_codes_are_read_as_their_named_twins():
    rules = ReplyRules.of(DCS_BACKGROUND_TASK)
    for code in ("DCS.3022", "111404022"):
        verdict = judge(reply(404, ('{"error_code": "%s", "error_msg": "no instance"}' % code).encode()), rules)
        assert (verdict.kind, verdict.missing_parent, verdict.error.missing_parent) == (ABSENT, "instance_id", "instance_id")
        assert verdict.error.error_code == code  # reported as the service said it
    assert judge(reply(404, b'{"error_code": "111404022", "error_msg": "x"}'), ReplyRules.of(CCE_JOB)).kind == UNPROVEN


def test_dcs_4022_is_the_missing_instance_only_with_the_2022_tables_404():
    rules = ReplyRules.of(DCS_BACKGROUND_TASK)
    verdict = judge(reply(400, b'{"error_code": "DCS.4022", "error_msg": "Engine does not match the product id"}'), rules)
    assert verdict.kind == FAILED
    verdict = judge(reply(404, b'{"error_code": "DCS.4022", "error_msg": "This DCS instance does not exist."}'), rules)
    assert (verdict.kind, verdict.missing_parent) == (ABSENT, "instance_id")


@pytest.mark.parametrize("code", ["DEVCB.00031006", "CB.00031006"])
def test_codearts_build_says_absent_with_a_422_on_either_route_family(code):
    body = ('{"error_code": "%s", "error_msg": "job does not exist", "status": "error"}' % code).encode()
    assert judge(reply(422, body), ReplyRules.of(CODEARTS_BUILD_JOB)).kind == ABSENT
    assert judge(reply(422, body), ReplyRules.of(CCE_JOB)).kind == FAILED  # a fact of CodeArts only


def test_codearts_not_found_wrapped_as_json_text_is_still_absent():
    body = b'"{\\"error_code\\": \\"CB.00031006\\", \\"error_msg\\": \\"no job\\"}"'
    assert judge(reply(422, body), ReplyRules.of(CODEARTS_BUILD_JOB)).kind == ABSENT


@pytest.mark.parametrize("body", [
    b'{"status": "failed", "result": null}',
    b'{"status": "failed", "error": {"error_code": "CB.00060200", "error_msg": "Invalid parameter."}}',
    b'{"status": "success", "error": {"error_code": "CB.00060101", "error_msg": "Internal error."}}',
    b'{"status": "fail"}',
])
def test_a_codearts_200_whose_envelope_reports_a_failure_is_no_deletion(body):
    verdict = judge(reply(200, body), ReplyRules.of(CODEARTS_BUILD_JOB))
    assert verdict.kind == FAILED and "body reports a failure" in verdict.error.message()


def test_status_fields_of_other_services_are_not_an_envelope():
    cce_job = b'{"kind": "Job", "status": {"status": "Running"}}'
    assert judge(reply(200, cce_job), ReplyRules.of(CCE_JOB)).kind == OK
    assert judge(reply(200, b'{"status": "done"}'), ReplyRules.of(CCE_JOB)).kind == OK
    assert judge(reply(200, b'{"status": "success", "result": {}, "error": null}'), ReplyRules.of(CODEARTS_BUILD_JOB)).kind == OK


def test_a_200_whose_body_carries_an_error_code_is_an_error_not_a_deletion():
    verdict = judge(reply(200, b'{"error_code": "CB.00060101", "error_msg": "system error", "status": "error"}'),
                    ReplyRules.of(CODEARTS_BUILD_JOB))
    assert verdict.kind == FAILED
    assert verdict.error.error_code == "CB.00060101" and "HTTP 200" in verdict.error.message()


@pytest.mark.parametrize("status, body", [(200, b'{"status": "success", "result": {"job_id": "j"}}'),
                                          (204, b""), (200, b'{"message": ""}')])
def test_success_replies_are_ok(status, body):
    assert judge(reply(status, body)).kind == OK


def test_user_codes_make_4xx_replies_candidates_to_confirm_never_proof():
    rules = ReplyRules.of(DCS_BACKGROUND_TASK, ["DCS.4133"])
    assert judge(reply(400, b'{"error_code": "DCS.4133", "error_msg": "task not found"}'), rules).kind == UNPROVEN
    assert judge(reply(500, b'{"error_code": "DCS.4133", "error_msg": "odd"}'), rules).kind == FAILED
    assert judge(reply(400, b'{"error_code": "DCS.4133", "error_msg": "x"}'), ReplyRules.of(DCS_BACKGROUND_TASK)).kind == FAILED


@pytest.mark.parametrize("status", [401, 403])
@pytest.mark.parametrize("body", [b"", b"{}", b'{"errorCode": "CCE.01403001", "errorMessage": "denied"}',
                                  b'{"errorCode": "CCE.01404001", "errorMessage": "odd"}'])
def test_401_and_403_are_never_absent_whatever_the_user_lists(status, body):
    rules = ReplyRules.of(CCE_JOB, ["CCE.01403001", "CCE.01404001"])
    verdict = judge(reply(status, body), rules)
    assert verdict.kind == FAILED
    if b"CCE.014" in body:
        assert "absent_error_codes never applies to HTTP 401 or 403" in verdict.error.message()


def test_outcome_unknown_travels_with_the_verdict():
    assert judge(reply(404, b"", outcome_unknown=True)).outcome_unknown is True
    assert judge(reply(404, b'{"errorCode": "CCE.01404001"}', outcome_unknown=True), ReplyRules.of(CCE_JOB)).outcome_unknown
    assert judge(reply(204, b"")).outcome_unknown is False


def test_a_known_code_gets_its_hint_in_the_message_only():
    verdict = judge(reply(403, b'{"error_code": "WKS.00010099", "error_msg": "not enabled"}'), ReplyRules.of(WORKSPACE_SUB_JOB))
    assert verdict.kind == FAILED and "enabled in this project" in verdict.error.message()
    assert verdict.error.error_msg == "not enabled"


@pytest.mark.parametrize("resource", [CCE_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB, CODEARTS_BUILD_JOB])
@pytest.mark.parametrize("body", [b"<html><body>Welcome</body></html>", b"[]", b'"ok"', b"null", b"true"])
def test_a_2xx_about_one_resource_that_is_not_the_services_success_is_no_deletion(resource, body):
    verdict = judge(reply(200, body), ReplyRules.of(resource), one_resource=True)
    assert verdict.kind == FAILED and "not with its success reply" in verdict.error.message()


@pytest.mark.parametrize("status, body", [(204, b""), (200, b""), (200, b'{"message": ""}'), (200, b"{}")])
def test_an_empty_body_or_a_json_object_is_a_success(status, body):
    assert judge(reply(status, body), ReplyRules.of(DCS_BACKGROUND_TASK), one_resource=True).kind == OK


@pytest.mark.parametrize("body", [b"", b"{}", b'{"result": {"job_id": "j"}}', b'{"status": "fail"}'])
def test_codearts_success_must_say_so_in_its_envelope(body):
    assert judge(reply(200, body), ReplyRules.of(CODEARTS_BUILD_JOB), one_resource=True).kind == FAILED
    assert judge(reply(200, b'{"status": "success", "result": {}}'), ReplyRules.of(CODEARTS_BUILD_JOB),
                 one_resource=True).kind == OK


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
