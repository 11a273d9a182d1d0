from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils.results import Outcome


def test_results_follow_the_order_of_the_ids_given_whatever_order_threads_finish():
    outcome = Outcome(["a", "b", "c", "d"])
    outcome.add_deleted("c")
    outcome.add_absent("d")
    outcome.add_deleted("a")
    outcome.add_absent("b")
    result = outcome.result(with_diff=False)
    assert result == {"changed": True, "deleted": ["a", "c"], "already_absent": ["b", "d"], "errors": []}
    assert outcome.failure() is None


def test_errors_fail_with_the_first_errors_facts_and_count_the_others():
    outcome = Outcome(["a", "b", "c"])
    outcome.add_error("c", message="c is RUNNING")
    outcome.add_error("b", ApiError("DELETE", "/x/b", 403, "CCE.01403001", "Forbidden", "r-b"))
    outcome.add_deleted("a")
    message, facts = outcome.failure()
    assert message == "DELETE /x/b failed: HTTP 403 CCE.01403001: Forbidden (request id r-b) (and 1 more error(s), see errors)"
    assert facts == {"status_code": 403, "error_code": "CCE.01403001", "error_msg": "Forbidden", "request_id": "r-b"}
    result = outcome.result(with_diff=False)
    assert result["changed"] is True
    assert [error["id"] for error in result["errors"]] == ["b", "c"]
    assert result["errors"][1] == {"id": "c", "status_code": None, "error_code": None, "error_msg": "c is RUNNING",
                                   "request_id": None, "msg": "c is RUNNING"}
    assert result["errors"][0]["msg"] == "DELETE /x/b failed: HTTP 403 CCE.01403001: Forbidden (request id r-b)"


def test_diff_lists_ids_present_before_and_after():
    outcome = Outcome(["a", "b", "c"])
    outcome.add_deleted("a")
    outcome.add_absent("b")
    outcome.add_error("c", message="nope")
    assert outcome.result(with_diff=True)["diff"] == {"before": {"ids": ["a", "c"]}, "after": {"ids": ["c"]}}
    outcome.present_before = ["a"]
    assert outcome.result(with_diff=True)["diff"] == {"before": {"ids": ["a"]}, "after": {"ids": []}}


def test_nothing_done_is_no_change():
    outcome = Outcome(["a"])
    outcome.add_absent("a")
    assert outcome.result(with_diff=False)["changed"] is False


def test_the_retry_report_counts_by_kind_and_says_it_in_one_line_at_verbosity():
    from ansible_collections.hwc.cleanup.plugins.module_utils.results import retry_report
    from ansible_collections.hwc.cleanup.plugins.module_utils.retry import RunLimits

    limits = RunLimits(5, 60)
    for _request in range(312):
        limits.tally.sent()
    for kind in ["throttled"] * 12 + ["server_error"]:
        limits.tally.count(kind)
    limits.pacer.rate, limits.pacer.limit = 9.6, 10.1
    report = retry_report(limits, 300, verbose=True)
    assert report["retries"] == {"requests": 312, "throttled": 12, "server_error": 1, "timeout": 0,
                                 "connection_error": 0, "reauthenticated": 0}
    assert report["msg"] == ("312 request(s) for 300 id(s); sent again: 1 server error, 12 throttled; "
                             "throttled: paced at 9.6 requests/s at the end (the gateway's limit measured at 10.1)")
    assert "msg" not in retry_report(limits, 300, verbose=False)
    assert retry_report(None, 0, verbose=False)["retries"]["requests"] == 0
