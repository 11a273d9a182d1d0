# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Injected faults and latency: every kind, count, methods, determinism, and no serialization."""

import time

import pytest
import requests

from emulator.harness import EmulatorProcess
from emulator.protocol import GATEWAY_ERRORS
from support.measure import demo_token, password_token, timed_gets

from .clients import signed

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"


@pytest.fixture(name="cce_job")
def demo_cce_job(demo):
    """(job id, its path) of a CCE job of the demo project."""
    job = [job for job in demo["cce_jobs"] if job["project_id"] == PROJECT][0]
    return job["id"], "/api/v2/projects/%s/jobs/%s" % (PROJECT, job["id"])


def _cce_ids(admin):
    return [job["id"] for job in admin.state()["cce_jobs"]]


@pytest.mark.parametrize("kind, code, shape_key", [
    (500, "CCE.01500001", "errorCode"),
    (502, GATEWAY_ERRORS["bad_gateway"][1], "error_code"),
    (503, GATEWAY_ERRORS["unavailable"][1], "error_code"),
    (504, GATEWAY_ERRORS["gateway_timeout"][1], "error_code"),
    (429, GATEWAY_ERRORS["throttled"][1], "error_code"),
])
def test_status_faults_answer_like_the_cloud_and_apply_nothing(base_url, admin, demo, cce_job, kind, code, shape_key):
    job_id, path = cce_job
    admin.faults(fault_rate=1.0, kinds=[kind], retry_after=7)
    response = signed("DELETE", base_url, path, demo["credentials"][0])
    assert response.status_code == kind
    assert response.json()[shape_key] == code
    assert response.headers["X-Request-Id"]
    assert response.headers.get("Retry-After") == ("7" if kind == 429 else None)
    assert job_id in _cce_ids(admin)
    assert admin.requests()[-1]["fault"] == kind


def test_count_makes_503_once_then_success(base_url, admin, demo, cce_job):
    job_id, path = cce_job
    admin.faults(fault_rate=1.0, kinds=[503], count=1)
    first = signed("DELETE", base_url, path, demo["credentials"][0])
    second = signed("DELETE", base_url, path, demo["credentials"][0])
    assert (first.status_code, second.status_code) == (503, 204)
    assert job_id not in _cce_ids(admin)
    assert admin.current_faults()["remaining"] == 0


def test_methods_limit_faults_and_iam_and_admin_are_never_faulted(base_url, admin, demo, cce_job):
    _job_id, path = cce_job
    admin.faults(fault_rate=1.0, kinds=[500], methods=["delete"])
    assert signed("GET", base_url, path, demo["credentials"][0]).status_code == 200
    assert signed("DELETE", base_url, path, demo["credentials"][0]).status_code == 500
    admin.faults(fault_rate=1.0, kinds=[500])
    assert password_token(base_url, demo["users"][0]).status_code == 201
    assert signed("GET", base_url, "/v3/projects", demo["credentials"][0], params={"name": "eu-de"}).status_code == 200
    assert requests.get(base_url + "/nowhere", timeout=10).status_code == 404
    assert admin.state()["cce_jobs"]


def test_reset_drops_the_connection_and_applies_nothing(base_url, admin, demo, cce_job):
    job_id, path = cce_job
    admin.faults(fault_rate=1.0, kinds=["reset"])
    with pytest.raises(requests.exceptions.ConnectionError):
        signed("DELETE", base_url, path, demo["credentials"][0])
    assert job_id in _cce_ids(admin)
    assert admin.requests()[-1]["fault"] == "reset" and admin.requests()[-1]["status"] is None


def test_timeout_holds_the_reply_and_applies_nothing(base_url, admin, demo, cce_job):
    job_id, path = cce_job
    admin.faults(fault_rate=1.0, kinds=["timeout"], timeout_seconds=2)
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        signed("DELETE", base_url, path, demo["credentials"][0], timeout=0.5)
    assert 0.5 <= time.monotonic() - started < 2
    assert job_id in _cce_ids(admin)


def test_lost_reply_applies_the_delete_then_drops_the_connection(base_url, admin, demo, cce_job):
    """The case where a naive retry reports 'already absent' for what it just deleted."""
    job_id, path = cce_job
    admin.faults(fault_rate=1.0, kinds=["lost_reply"], count=1)
    with pytest.raises(requests.exceptions.ConnectionError):
        signed("DELETE", base_url, path, demo["credentials"][0])
    assert job_id not in _cce_ids(admin)
    assert signed("DELETE", base_url, path, demo["credentials"][0]).status_code == 404
    faulted = [entry for entry in admin.requests() if entry.get("fault")]
    assert [(entry["fault"], entry["status"]) for entry in faulted] == [("lost_reply", 204)]


def test_a_seed_replays_the_same_faults(base_url, admin, demo):
    path = "/api/v2/projects/%s/jobs" % PROJECT

    def statuses():
        admin.faults(fault_rate=0.5, kinds=[500, 502, 503, 504, 429], seed=1234)
        return [signed("GET", base_url, path, demo["credentials"][0]).status_code for _attempt in range(30)]

    first = statuses()
    assert first == statuses()
    assert 200 in first and len(set(first)) > 2


def test_latency_delays_service_and_iam_requests_but_not_admin(base_url, admin, demo):
    admin.faults(latency_ms=300)
    started = time.monotonic()
    signed("GET", base_url, "/api/v2/projects/%s/jobs" % PROJECT, demo["credentials"][0])
    password_token(base_url, demo["users"][0])
    assert time.monotonic() - started >= 0.6
    started = time.monotonic()
    admin.state()
    assert time.monotonic() - started < 0.3


def test_cli_flags_set_the_initial_faults():
    with EmulatorProcess(["--latency-ms", "15", "--fault-rate", "0.25", "--seed", "7"]) as emulator:
        config = emulator.admin.current_faults()
    assert (config["latency_ms"], config["fault_rate"], config["seed"]) == (15, 0.25, 7)
    assert len(config["kinds"]) == 8


def test_latency_does_not_serialize_requests():
    """64 requests with 100 ms each from 32 threads: serialized they would take 6.4 s; concurrent about 0.2 s."""
    with EmulatorProcess(["--latency-ms", "100"]) as emulator:
        seed = emulator.admin.demo_seed()
        emulator.admin.seed(seed)
        token = demo_token(emulator.base_url, seed["users"][0])
        wall, statuses = timed_gets(emulator.base_url, token, "/api/v2/projects/%s/jobs" % PROJECT, 64, 32)
    assert statuses == {200: 64}
    assert wall < 64 * 0.1 / 2
