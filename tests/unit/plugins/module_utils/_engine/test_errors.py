"""The exception types: what an ApiError says; and how a message shows a value the user gave."""

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError, shown_value


def test_failure_message_reads_like_the_spec():
    error = ApiError("DELETE", "/api/v2/projects/p/jobs/j", 403, "CCE.01403001", "Forbidden", "req-1")
    assert error.message() == "DELETE /api/v2/projects/p/jobs/j failed: HTTP 403 CCE.01403001: Forbidden (request id req-1)"
    assert error.facts() == {"status_code": 403, "error_code": "CCE.01403001", "error_msg": "Forbidden", "request_id": "req-1"}


def test_failure_without_reply_says_what_happened():
    error = ApiError("POST", "/v3/jobs/x/delete", error_msg="timed out (ReadTimeout) after 6 attempt(s)")
    assert error.message() == "POST /v3/jobs/x/delete failed: timed out (ReadTimeout) after 6 attempt(s)"


@pytest.mark.parametrize("value, shown", [(None, "null"), ("a b", "'a b'"), (123, "123"), (1.5, "1.5"), ("x" * 100, repr("x" * 100))])
def test_a_short_value_is_shown_whole_and_null_as_null(value, shown):
    assert shown_value(value) == shown
