"""Whether a reply is sent again and when (retry_kind, RetryPolicy), and what the result reports of it."""

from datetime import datetime, timezone

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import (
    SERVER_ERROR, SERVER_ERRORS, THROTTLED, RetryPolicy, RunLimits, parse_retry_after, retry_kind, retry_report)


def test_full_jitter_schedule_doubles_from_one_second_and_caps_at_thirty():
    policy = RetryPolicy(10, rand=lambda: 1.0)
    assert [policy.delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_jitter_scales_the_ceiling_by_the_random_draw():
    policy = RetryPolicy(5, rand=lambda: 0.25)
    assert policy.delay(3) == 1.0


def test_retry_after_wins_over_backoff():
    policy = RetryPolicy(5, rand=lambda: 1.0)
    assert (policy.delay(1, retry_after=7.0), policy.delay(2)) == (7.0, 2.0)


@pytest.mark.parametrize("header, expected", [
    ("3", 3.0), ("0", 0.0), ("-5", 0.0), ("500", 120.0), ("1.5", 1.5),
    ("Fri, 15 Mar 2024 10:15:10 GMT", 10.0), ("Fri, 15 Mar 2024 10:14:00 GMT", 0.0),
    ("soon", None), ("", None), (None, None),
])
def test_retry_after_seconds_or_http_date_capped_at_120(header, expected):
    now = datetime(2024, 3, 15, 10, 15, 0, tzinfo=timezone.utc)
    assert parse_retry_after(header, now=now) == expected


@pytest.mark.parametrize("status, code, expected", [
    (429, None, True), (500, None, True), (502, None, True), (503, None, True), (504, None, True),
    (400, "APIG.0308", True), (403, "CB.00060211", True), (400, "CB.00060100", True), (400, "CCE.02429001", True),
    (429, "APIGW.0308", True), (429, "CCE.01429002", True), (500, "CB.00060211", True),
    (400, None, False), (401, None, False), (403, "CCE.01403001", False), (404, None, False), (409, None, False),
    (422, "DEVCB.00031006", False), (501, None, False),
])
def test_what_is_retried(status, code, expected):
    assert (retry_kind(status, code) is not None) is expected


@pytest.mark.parametrize("status, code, throttled, unknown", [
    (429, None, True, False), (429, "APIGW.0308", True, False),
    # CodeArts Build answers its throttling codes with HTTP 500: refused before the service acted
    (500, "CB.00060211", True, False), (500, "CB.00060100", True, False),
    (500, "CB.00060101", False, True), (502, None, False, True), (504, None, False, True),
    (503, None, False, False), (400, "CCE.01429002", True, False),
])
def test_throttling_is_never_an_unknown_outcome(status, code, throttled, unknown):
    kind = retry_kind(status, code)
    assert (kind == THROTTLED) is throttled
    assert (kind == SERVER_ERROR and SERVER_ERRORS[status]) is unknown


def test_the_retry_report_counts_by_kind_and_says_it_in_one_line_at_verbosity():
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
