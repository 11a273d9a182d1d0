# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``token_expired`` fault: the caller's IAM token is revoked and the gateway answers 401, as for an expired token."""

import pytest
import requests

from emulator.faults import DEFAULTS, FAULT_KINDS, Faults, parse_config
from emulator.harness import AdminError
from emulator.protocol import GATEWAY_ERRORS
from support.measure import password_token

from .clients import signed, token_get

PROJECT = "3c4d5e6f708192a3b4c5d6e7f8091a2b"
USER = {"name": "expiry-operator", "password": "not-a-real-password-1", "domain_name": "hwc-expiry-account",
        "project_id": PROJECT, "region": "eu-de"}
CREDENTIAL = {"access_key": "HWCEXPIRYACCESSKEY01", "secret_key": "not-a-real-secret-key-for-the-expiry-tests",
              "project_id": PROJECT, "region": "eu-de"}
SEEDED_TOKEN = "seeded-token-of-the-expiry-tests"
JOB_ID = "5b1e8a4c-0d2f-4e6a-9b7c-3f2e1d0c9b8a"
JOBS = "/api/v2/projects/%s/jobs" % PROJECT
JOB = "%s/%s" % (JOBS, JOB_ID)
BAD_TOKEN_STATUS, BAD_TOKEN_CODE, BAD_TOKEN_MESSAGE = GATEWAY_ERRORS["bad_token"]


@pytest.fixture(name="seeded")
def seeded_account(admin):
    admin.seed({"users": [USER], "credentials": [CREDENTIAL],
                "tokens": [{"token": SEEDED_TOKEN, "project_id": PROJECT, "region": "eu-de"}],
                "cce_jobs": [{"project_id": PROJECT, "id": JOB_ID, "status": "Success"}]})
    return admin


def _token(base_url):
    """A fresh password token of the seeded user (IAM is never faulted)."""
    response = password_token(base_url, USER)
    assert response.status_code == 201
    return response.headers["X-Subject-Token"]


def _assert_expired(response):
    assert response.status_code == BAD_TOKEN_STATUS == 401
    assert response.json() == {"error_code": BAD_TOKEN_CODE, "error_msg": BAD_TOKEN_MESSAGE,
                               "request_id": response.headers["X-Request-Id"]}


def _faulted(admin):
    return [(entry["fault"], entry["status"], entry["auth"]) for entry in admin.requests() if entry.get("fault")]


# ---- the decision, without HTTP ----

def test_token_expired_is_valid_but_not_a_default_kind():
    assert DEFAULTS["kinds"] == list(FAULT_KINDS) and len(FAULT_KINDS) == 8
    assert "token_expired" not in DEFAULTS["kinds"] and "token_expired" not in parse_config({})["kinds"]
    assert parse_config({"kinds": ["token_expired", "503"]})["kinds"] == ["token_expired", 503]


def test_only_token_requests_draw_it_and_only_they_use_count():
    faults = Faults()
    faults.configure({"kinds": ["token_expired"], "fault_rate": 1, "count": 2})
    assert [faults.decide("GET", True, token=False).kind for _attempt in range(5)] == [None] * 5
    assert faults.current()["remaining"] == 2
    assert faults.decide("GET", False, token=True).kind is None  # IAM, unknown routes
    decisions = [faults.decide("GET", True, token=True) for _attempt in range(3)]
    assert [(decision.kind, decision.fault) for decision in decisions] == [
        ("token_expired", "token_expired"), ("token_expired", "token_expired"), (None, None)]
    assert faults.current()["remaining"] == 0


# ---- over HTTP ----

def test_drawn_fault_revokes_the_token_and_answers_like_the_gateway(base_url, seeded):
    admin = seeded
    first, second = _token(base_url), _token(base_url)
    admin.faults(kinds=["token_expired"], fault_rate=1, count=2)
    # AK/SK-signed requests draw the kind but get no fault and use none of count.
    assert signed("GET", base_url, JOBS, CREDENTIAL).status_code == 200
    assert admin.current_faults()["remaining"] == 2
    _assert_expired(token_get(base_url, JOBS, first))
    _assert_expired(token_get(base_url, JOB, second))
    assert admin.current_faults()["remaining"] == 0
    # The faults are used up; the two tokens stay revoked, as expired ones would.
    _assert_expired(token_get(base_url, JOBS, first))
    _assert_expired(token_get(base_url, JOB, second))
    fresh = _token(base_url)
    assert token_get(base_url, JOBS, fresh).status_code == 200
    assert token_get(base_url, JOB, fresh).json()["metadata"]["uid"] == JOB_ID
    assert signed("GET", base_url, JOBS, CREDENTIAL).status_code == 200
    log = [(entry["method"], entry["status"], entry["auth"], entry.get("fault")) for entry in admin.requests()
           if entry["service"] == "cce"]
    assert log == [("GET", 200, "aksk", None), ("GET", 401, "token", "token_expired"),
                   ("GET", 401, "token", "token_expired"), ("GET", 401, "token", None), ("GET", 401, "token", None),
                   ("GET", 200, "token", None), ("GET", 200, "token", None), ("GET", 200, "aksk", None)]


def test_the_fault_applies_nothing_honours_methods_and_revokes_seeded_tokens(base_url, seeded):
    admin = seeded
    admin.faults(kinds=["token_expired"], fault_rate=1, methods=["DELETE"])
    token = _token(base_url)
    assert token_get(base_url, JOB, token).status_code == 200  # GET is not faulted
    _assert_expired(requests.delete(base_url + JOB, headers={"X-Auth-Token": SEEDED_TOKEN}, timeout=10))
    assert [job["id"] for job in admin.state()["cce_jobs"]] == [JOB_ID]
    _assert_expired(token_get(base_url, JOB, SEEDED_TOKEN))
    assert token_get(base_url, JOB, token).status_code == 200
    # IAM is never faulted: new tokens keep coming, and GET /v3/projects answers the token.
    assert token_get(base_url, "/v3/projects", token).status_code == 200
    assert signed("DELETE", base_url, JOB, CREDENTIAL).status_code == 204
    assert _faulted(admin) == [("token_expired", 401, "token")]


def test_mixed_kinds_with_a_seed_replay_and_reset_forgets_the_fault(base_url, seeded):
    admin = seeded

    def run():
        admin.faults(kinds=[503, "token_expired"], fault_rate=1, seed=5, count=6)
        statuses = []
        for _attempt in range(6):
            statuses.append(token_get(base_url, JOBS, _token(base_url)).status_code)
        return statuses

    first = run()
    assert first == run() and set(first) == {401, 503}
    admin.faults()
    assert token_get(base_url, JOBS, _token(base_url)).status_code == 200


@pytest.mark.parametrize("config, named", [
    ({"kinds": ["token_expire"]}, "token_expire"), ({"kinds": ["TOKEN_EXPIRED"]}, "TOKEN_EXPIRED"),
    ({"kinds": ["token_expired", 418]}, "418"), ({"outage": {"status": "token_expired"}}, "token_expired"),
])
def test_bad_kinds_are_still_refused(admin, config, named):
    admin.faults(kinds=["token_expired"], fault_rate=0.5)
    with pytest.raises(AdminError, match=named):
        admin.faults(**config)
    assert admin.current_faults()["kinds"] == ["token_expired"]
