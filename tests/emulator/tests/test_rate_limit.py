# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The APIG-like rate limit (a token bucket) and the total-outage mode: unit tests on an injected clock, then HTTP."""

import re
import threading
import time

import pytest
import requests

from emulator import cli
from emulator.faults import Faults, TokenBucket, parse_config, retry_after_seconds
from emulator.harness import AdminError, EmulatorProcess
from emulator.protocol import GATEWAY_ERRORS
from support.measure import password_token

from .clients import signed

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
CCE_JOBS = "/api/v2/projects/%s/jobs" % PROJECT


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


# ---- the bucket, on a fake clock: no sleeps ----

def test_a_full_bucket_passes_burst_requests_then_refuses_with_the_wait():
    clock = FakeClock()
    bucket = TokenBucket(10, 10, clock)
    assert [bucket.take()[0] for _attempt in range(10)] == [True] * 10
    allowed, wait = bucket.take()
    assert not allowed and wait == pytest.approx(0.1)


def test_tokens_refill_at_rate_and_never_beyond_burst():
    clock = FakeClock()
    bucket = TokenBucket(2, 3, clock)
    for _attempt in range(3):
        assert bucket.take()[0]
    clock.advance(0.5)
    assert bucket.tokens() == pytest.approx(1)
    assert bucket.take()[0] and not bucket.take()[0]
    clock.advance(3600)
    assert bucket.tokens() == 3
    assert [bucket.take()[0] for _attempt in range(4)] == [True, True, True, False]


def test_a_slow_rate_reports_the_seconds_until_the_next_token():
    clock = FakeClock()
    bucket = TokenBucket(0.25, 1, clock)
    assert bucket.take() == (True, 0.0)
    assert bucket.take() == (False, pytest.approx(4))
    clock.advance(1)
    assert bucket.take() == (False, pytest.approx(3))
    clock.advance(2.5)
    assert bucket.take() == (False, pytest.approx(0.5))
    clock.advance(0.5)
    assert bucket.take()[0]


def test_a_clock_that_steps_back_adds_no_tokens():
    clock = FakeClock()
    bucket = TokenBucket(1, 1, clock)
    assert bucket.take()[0]
    clock.advance(-10)
    assert not bucket.take()[0]
    clock.advance(10.5)
    assert not bucket.take()[0]
    clock.advance(0.5)
    assert bucket.take()[0]


@pytest.mark.parametrize("rate, burst", [(10, 10), (2.5, 3), (0.5, 1), (1000, 1000)])
def test_the_default_burst_is_one_second_of_requests_at_least_one(rate, burst):
    assert TokenBucket(rate, clock=FakeClock()).burst == burst
    limit = parse_config({"rate_limit": {"rate": rate}})["rate_limit"]
    assert limit == {"rate": float(rate), "burst": burst, "retry_after": True}


@pytest.mark.parametrize("wait, seconds", [(0.0001, 1), (0.1, 1), (1.0, 1), (1.0000000001, 1), (1.01, 2), (3.5, 4), (60, 60)])
def test_retry_after_is_the_wait_rounded_up_to_whole_seconds_at_least_one(wait, seconds):
    assert retry_after_seconds(wait) == seconds


def test_threads_never_take_more_tokens_than_the_bucket_holds():
    clock = FakeClock()
    bucket = TokenBucket(0.001, 1000, clock)
    taken = []
    start = threading.Barrier(8)

    def worker():
        start.wait(5)
        taken.append(sum(bucket.take()[0] for _attempt in range(500)))

    threads = [threading.Thread(target=worker) for _thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(taken) == 8 and sum(taken) == 1000


def test_threads_on_the_real_clock_get_burst_plus_rate_times_elapsed():
    started = time.monotonic()  # before the bucket: its refill counts from its creation
    bucket = TokenBucket(200, 20)
    taken = []
    deadline = started + 0.25

    def worker():
        count = 0
        for _attempt in range(100000):  # bounded; the deadline ends it first
            if time.monotonic() > deadline:
                break
            count += bucket.take()[0]
        taken.append(count)

    threads = [threading.Thread(target=worker) for _thread in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    elapsed = time.monotonic() - started
    assert 20 <= sum(taken) <= 20 + 200 * elapsed + 1


# ---- the decision: outage, then the bucket, then random faults ----

def test_the_decision_throttles_services_only_and_computes_retry_after():
    clock = FakeClock()
    faults = Faults(clock)
    faults.configure({"rate_limit": {"rate": 0.5, "burst": 2}})
    assert [faults.decide("GET", True).kind for _attempt in range(2)] == [None, None]
    decision = faults.decide("DELETE", True)
    assert (decision.kind, decision.fault, decision.retry_after, decision.limit) == (429, "throttled", 2, 0.5)
    assert faults.decide("POST", False).kind is None  # IAM and unknown routes take no token
    clock.advance(1.6)
    assert faults.decide("GET", True).retry_after == 1
    clock.advance(0.4)
    assert faults.decide("GET", True).kind is None


def test_no_retry_after_when_configured_off():
    faults = Faults(FakeClock())
    faults.configure({"rate_limit": {"rate": 1, "retry_after": False}})
    faults.decide("GET", True)
    decision = faults.decide("GET", True)
    assert (decision.kind, decision.retry_after) == (429, None)


def test_an_outage_cycles_its_kinds_before_the_bucket_and_takes_no_token():
    clock = FakeClock()
    faults = Faults(clock)
    faults.configure({"outage": {"kinds": [503, "reset", "timeout"]}, "rate_limit": {"rate": 1, "burst": 1},
                      "timeout_seconds": 2})
    decisions = [faults.decide("DELETE", True) for _attempt in range(4)]
    assert [(decision.kind, decision.fault) for decision in decisions] == [
        (503, "outage"), ("reset", "outage"), ("timeout", "outage"), (503, "outage")]
    assert decisions[2].timeout_seconds == 2
    assert faults.decide("POST", False).kind is None
    faults.configure({"rate_limit": {"rate": 1, "burst": 1}})
    assert faults.decide("GET", True).kind is None
    assert faults.decide("GET", True).fault == "throttled"


def test_random_faults_are_drawn_only_for_requests_the_bucket_passes():
    faults = Faults(FakeClock())
    faults.configure({"rate_limit": {"rate": 1, "burst": 1}, "fault_rate": 1.0, "kinds": [502], "count": 5})
    assert faults.decide("GET", True).fault == 502
    assert faults.decide("GET", True).fault == "throttled"
    assert faults.current()["remaining"] == 4


def test_the_shown_configuration_is_a_copy():
    faults = Faults(FakeClock())
    shown = faults.configure({"rate_limit": {"rate": 3}, "outage": {"status": "502"}})
    assert (shown["rate_limit"], shown["outage"]) == ({"rate": 3.0, "burst": 3, "retry_after": True}, {"kinds": [502]})
    shown["rate_limit"]["rate"] = 1000
    shown["outage"]["kinds"].append(500)
    assert faults.current()["rate_limit"]["rate"] == 3.0 and faults.current()["outage"] == {"kinds": [502]}


# ---- the command line ----

def test_cli_flags_make_the_rate_limit_and_outage():
    args = cli.parse_args(["--rate-limit", "2.5", "--outage", "503, reset"])
    config = parse_config(cli.faults_config(args))
    assert config["rate_limit"] == {"rate": 2.5, "burst": 3, "retry_after": True}
    assert config["outage"] == {"kinds": [503, "reset"]}
    assert parse_config(cli.faults_config(cli.parse_args([]))).get("rate_limit") is None


@pytest.mark.parametrize("argv, named", [
    (["--rate-burst", "3"], "--rate-limit"), (["--rate-limit-no-retry-after"], "--rate-limit"),
    (["--rate-limit", "0"], "rate_limit.rate"), (["--rate-limit", "5", "--rate-burst", "0"], "rate_limit.burst"),
    (["--outage", "503,429"], "429"), (["--outage", "down"], "down"),
])
def test_cli_refuses_bad_flags_with_status_2(capsys, argv, named):
    assert cli.main(argv) == 2
    assert named in capsys.readouterr().err


def test_cli_flags_reach_the_running_emulator():
    flags = ["--rate-limit", "5", "--rate-burst", "3", "--rate-limit-no-retry-after", "--outage", "502,reset"]
    with EmulatorProcess(flags) as emulator:
        config = emulator.admin.current_faults()
        response = requests.get(emulator.base_url + CCE_JOBS, timeout=10)
    assert config["rate_limit"] == {"rate": 5.0, "burst": 3, "retry_after": False}
    assert config["outage"] == {"kinds": [502, "reset"]}
    assert response.status_code == 502


# ---- over HTTP ----

def _get(base_url, credential, session, path=CCE_JOBS):
    return signed("GET", base_url, path, credential, session=session)


def test_a_burst_of_30_gets_about_10_through_and_429s_with_retry_after(base_url, admin, demo):
    admin.faults(rate_limit={"rate": 10, "burst": 10, "retry_after": True})
    credential = demo["credentials"][0]
    with requests.Session() as session:
        started = time.monotonic()
        responses = [_get(base_url, credential, session) for _attempt in range(30)]
        elapsed = time.monotonic() - started
        passed = [response for response in responses if response.status_code == 200]
        throttled = [response for response in responses if response.status_code == 429]
        assert len(passed) + len(throttled) == 30
        assert 10 <= len(passed) <= 10 + 10 * elapsed + 1
        code = GATEWAY_ERRORS["throttled"][1]
        for response in throttled:
            body = response.json()
            assert body["error_code"] == code
            assert body["error_msg"].endswith("policy user over ratelimit,limit:10,time:1 second")
            assert body["request_id"] == response.headers["X-Request-Id"]
            assert response.headers["Retry-After"] == "1"
        log = admin.requests()
        assert [entry["status"] for entry in log] == [response.status_code for response in responses]
        assert all(entry.get("fault") == ("throttled" if entry["status"] == 429 else None) for entry in log)
        time.sleep(int(throttled[-1].headers["Retry-After"]))
        assert [_get(base_url, credential, session).status_code for _attempt in range(5)] == [200] * 5


def test_throttled_deletes_change_nothing_and_wait_longer_at_a_slow_rate(base_url, admin, demo):
    admin.faults(rate_limit={"rate": 0.5, "burst": 2})
    jobs = [job["id"] for job in demo["cce_jobs"] if job["project_id"] == PROJECT]
    with requests.Session() as session:
        responses = [signed("DELETE", base_url, "%s/%s" % (CCE_JOBS, job), demo["credentials"][0], session=session)
                     for job in jobs]
    assert [response.status_code for response in responses] == [204, 204] + [429] * (len(jobs) - 2)
    assert {response.headers["Retry-After"] for response in responses[2:]} == {"2"}
    remaining = {job["id"] for job in admin.state()["cce_jobs"]}
    assert set(jobs[2:]) <= remaining and not set(jobs[:2]) & remaining
    assert [entry.get("fault") for entry in admin.requests()] == [None, None] + ["throttled"] * (len(jobs) - 2)


def test_retry_after_false_sends_no_header(base_url, admin, demo):
    admin.faults(rate_limit={"rate": 1, "burst": 1, "retry_after": False})
    responses = [_get(base_url, demo["credentials"][0], None) for _attempt in range(2)]
    assert [response.status_code for response in responses] == [200, 429]
    assert "Retry-After" not in responses[1].headers


def test_iam_unknown_routes_and_admin_are_never_throttled(base_url, admin, demo):
    admin.faults(rate_limit={"rate": 0.1, "burst": 1})
    assert _get(base_url, demo["credentials"][0], None).status_code == 200
    assert _get(base_url, demo["credentials"][0], None).status_code == 429
    assert password_token(base_url, demo["users"][0]).status_code == 201
    assert signed("GET", base_url, "/v3/projects", demo["credentials"][0]).status_code == 200
    assert requests.get(base_url + "/nowhere", timeout=10).json()["error_code"] == GATEWAY_ERRORS["no_route"][1]
    assert admin.state()["cce_jobs"] and admin.current_faults()["rate_limit"]["rate"] == 0.1


def _service_calls(demo):
    """(method, path, json body) of one read or delete per service, all on the demo project's records."""
    job = [job for job in demo["cce_jobs"] if job["project_id"] == PROJECT][0]["id"]
    codearts = [job for job in demo["codearts_build_jobs"] if job.get("iam_project_id") == PROJECT][0]["id"]
    task = [task for task in demo["dcs_tasks"] if task["project_id"] == PROJECT][0]
    sub_job = [sub for sub in demo["workspace_sub_jobs"] if sub["project_id"] == PROJECT and sub["status"] == "SUCCESS"][0]
    return [
        ("GET", CCE_JOBS, None),
        ("DELETE", "%s/%s" % (CCE_JOBS, job), None),
        ("POST", "/v3/jobs/%s/delete" % codearts, None),
        ("POST", "/v2/%s/workspace-sub-jobs/batch-delete" % PROJECT, {"job_ids": [sub_job["id"]]}),
        ("DELETE", "/v2/%s/instances/%s/tasks/%s" % (PROJECT, task["instance_id"], task["id"]), None),
    ]


@pytest.mark.parametrize("kind, cce_code", [
    (500, "CCE.01500001"), (502, GATEWAY_ERRORS["bad_gateway"][1]),
    (503, GATEWAY_ERRORS["unavailable"][1]), (504, GATEWAY_ERRORS["gateway_timeout"][1]),
])
def test_an_outage_fails_every_service_request_and_applies_nothing(base_url, admin, demo, kind, cce_code):
    before = admin.state()
    admin.faults(outage={"status": kind})
    with requests.Session() as session:
        responses = [signed(method, base_url, path, demo["credentials"][0], json_body=body, session=session)
                     for method, path, body in _service_calls(demo)]
    assert [response.status_code for response in responses] == [kind] * len(responses)
    assert all(response.headers["X-Request-Id"] for response in responses)
    first = responses[0].json()
    assert first.get("errorCode" if kind == 500 else "error_code") == cce_code
    if kind != 500:
        assert first["request_id"] == responses[0].headers["X-Request-Id"]
    assert admin.state() == before
    assert [(entry["status"], entry["fault"]) for entry in admin.requests()] == [(kind, "outage")] * len(responses)
    assert password_token(base_url, demo["users"][0]).status_code == 201
    assert admin.current_faults()["outage"] == {"kinds": [kind]}


def test_an_outage_of_several_kinds_takes_them_in_turn(base_url, admin, demo):
    admin.faults(outage={"kinds": [503, "reset"]})
    credential = demo["credentials"][0]
    assert _get(base_url, credential, None).status_code == 503
    with pytest.raises(requests.exceptions.ConnectionError):
        _get(base_url, credential, None)
    assert _get(base_url, credential, None).status_code == 503
    logged = [(entry["status"], entry["fault"]) for entry in admin.requests()]
    assert logged == [(503, "outage"), (None, "outage"), (503, "outage")]


def test_reset_clears_the_rate_limit_and_the_outage(base_url, admin, demo):
    shown = admin.faults(rate_limit={"rate": 0.1, "burst": 1}, outage={"status": 503})
    assert shown["rate_limit"] == {"rate": 0.1, "burst": 1, "retry_after": True} and shown["outage"] == {"kinds": [503]}
    assert admin.current_faults() == shown
    assert _get(base_url, demo["credentials"][0], None).status_code == 503
    admin.reset()
    config = admin.current_faults()
    assert (config["rate_limit"], config["outage"]) == (None, None)
    admin.seed(demo)
    assert [_get(base_url, demo["credentials"][0], None).status_code for _attempt in range(3)] == [200] * 3


def test_a_new_configuration_replaces_both_and_null_turns_them_off(base_url, admin, demo):
    admin.faults(outage={"status": 502})
    assert _get(base_url, demo["credentials"][0], None).status_code == 502
    admin.faults(outage=None, rate_limit=None, latency_ms=0)
    assert _get(base_url, demo["credentials"][0], None).status_code == 200


@pytest.mark.parametrize("config, named", [
    ({"rate_limit": {"rate": 0}}, "rate_limit.rate"),
    ({"rate_limit": {"rate": -1}}, "rate_limit.rate"),
    ({"rate_limit": {"rate": "fast"}}, "rate_limit.rate"),
    ({"rate_limit": {"rate": True}}, "rate_limit.rate"),
    ({"rate_limit": {"rate": 1e9}}, "rate_limit.rate"),
    ({"rate_limit": {"burst": 5}}, "needs a rate"),
    ({"rate_limit": {"rate": 10, "burst": 0}}, "rate_limit.burst"),
    ({"rate_limit": {"rate": 10, "burst": 2.5}}, "rate_limit.burst"),
    ({"rate_limit": {"rate": 10, "retry_after": "yes"}}, "rate_limit.retry_after"),
    ({"rate_limit": {"rate": 10, "rps": 1}}, "rps"),
    ({"rate_limit": 10}, "rate_limit"),
    ({"outage": {"status": 429}}, "429"),
    ({"outage": {"status": "down"}}, "down"),
    ({"outage": {"kinds": [503, "lost_reply"]}}, "lost_reply"),
    ({"outage": {"kinds": []}}, "outage.kinds"),
    ({"outage": {"kinds": 503}}, "outage.kinds"),
    ({"outage": {}}, "outage"),
    ({"outage": {"status": 503, "kinds": [503]}}, "outage"),
    ({"outage": {"code": 503}}, "code"),
    ({"outage": 503}, "outage"),
])
def test_bad_rate_limit_and_outage_configurations_are_refused(admin, config, named):
    admin.faults(rate_limit={"rate": 7})
    with pytest.raises(AdminError, match="HTTP 400 .*%s" % re.escape(named)):
        admin.faults(**config)
    assert admin.current_faults()["rate_limit"]["rate"] == 7.0
