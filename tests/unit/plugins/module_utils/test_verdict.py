"""What a reply means: every rule of verdict.judge on replies built in memory (the wire is test_transport's)."""

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB)
from ansible_collections.hwc.cleanup.plugins.module_utils.transport import Reply
from ansible_collections.hwc.cleanup.plugins.module_utils.verdict import (
    ABSENT, FAILED, OK, ReplyRules, check_absent_codes, judge)


def reply(status, body=b"", outcome_unknown=False):
    return Reply("DELETE", "/x", status, {"X-Request-Id": "req-1"}, body, outcome_unknown)


@pytest.mark.parametrize("body", [
    b'{"error_code": "APIGW.0101", "error_msg": "The API does not exist or has not been published in the environment"}',
    b'{"error_code": "APIG.0101", "error_msg": "no api"}',
    b'{"error_code": "APIGW.0201", "error_msg": "any other gateway code"}',
    b'{"error": {"error_code": "APIGW.0101", "error_msg": "nested"}}',
    b'{"error_code": "DCS.4001", "error_msg": "bad url"}',
    b"<html><body>404 Not Found</body></html>",
])
def test_a_404_that_did_not_come_from_the_resource_route_fails_with_a_hint(body):
    verdict = judge(reply(404, body), ReplyRules.of(CCE_JOB))
    assert verdict.kind == FAILED
    assert "check endpoint" in verdict.error.message() and "check endpoint" not in (verdict.error.error_msg or "")
    assert verdict.error.not_found is False


@pytest.mark.parametrize("body", [b'{"errorCode": "CCE.01404001", "errorMessage": "no job"}', b""])
def test_a_404_from_the_service_means_absent(body):
    verdict = judge(reply(404, body), ReplyRules.of(CCE_JOB))
    assert verdict.kind == ABSENT and verdict.error.not_found


@pytest.mark.parametrize("code", ["DEVCB.00031006", "CB.00031006"])
def test_codearts_build_says_absent_with_a_422_on_either_route_family(code):
    body = ('{"error_code": "%s", "error_msg": "job does not exist", "status": "error"}' % code).encode()
    assert judge(reply(422, body), ReplyRules.of(CODEARTS_BUILD_JOB)).kind == ABSENT
    assert judge(reply(422, body), ReplyRules.of(CCE_JOB)).kind == FAILED  # a fact of CodeArts only


def test_codearts_not_found_wrapped_as_json_text_is_still_absent():
    body = b'"{\\"error_code\\": \\"CB.00031006\\", \\"error_msg\\": \\"no job\\"}"'
    assert judge(reply(422, body), ReplyRules.of(CODEARTS_BUILD_JOB)).kind == ABSENT


def test_a_200_whose_body_carries_an_error_code_is_an_error_not_a_deletion():
    verdict = judge(reply(200, b'{"error_code": "CB.00060101", "error_msg": "system error", "status": "error"}'),
                    ReplyRules.of(CODEARTS_BUILD_JOB))
    assert verdict.kind == FAILED
    assert verdict.error.error_code == "CB.00060101" and "HTTP 200" in verdict.error.message()


@pytest.mark.parametrize("status, body", [(200, b'{"status": "success", "result": {"job_id": "j"}}'),
                                          (204, b""), (200, b'{"message": ""}')])
def test_success_replies_are_ok(status, body):
    assert judge(reply(status, body)).kind == OK


def test_user_codes_extend_absent_for_4xx_only():
    rules = ReplyRules.of(DCS_BACKGROUND_TASK, ["DCS.4133"])
    assert judge(reply(400, b'{"error_code": "DCS.4133", "error_msg": "task not found"}'), rules).kind == ABSENT
    assert judge(reply(500, b'{"error_code": "DCS.4133", "error_msg": "odd"}'), rules).kind == FAILED
    assert judge(reply(400, b'{"error_code": "DCS.4133", "error_msg": "x"}'), ReplyRules.of(DCS_BACKGROUND_TASK)).kind == FAILED


@pytest.mark.parametrize("code", ["APIGW.0101", "APIG.0101", "DCS.4001", "", "two words", 42])
def test_user_codes_that_would_hide_a_wrong_endpoint_or_are_not_codes_are_refused(code):
    with pytest.raises(ConfigurationError, match="absent_error_codes: "):
        check_absent_codes([code])


def test_outcome_unknown_travels_with_the_verdict():
    assert judge(reply(404, b"", outcome_unknown=True)).outcome_unknown is True
    assert judge(reply(204, b"")).outcome_unknown is False


def test_a_known_code_gets_its_hint_in_the_message_only():
    verdict = judge(reply(403, b'{"error_code": "WKS.00010099", "error_msg": "not enabled"}'), ReplyRules.of(WORKSPACE_SUB_JOB))
    assert verdict.kind == FAILED and "enabled in this project" in verdict.error.message()
    assert verdict.error.error_msg == "not enabled"
