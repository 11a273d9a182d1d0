# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The gateway's AK/SK lockout: failed authentications in a row lock an access key, correct signatures included."""

import time
from datetime import datetime, timedelta, timezone

import pytest

from emulator.auth import AkLockout
from emulator.protocol import GATEWAY_ERRORS
from support.measure import password_token

from .clients import signed, token_get

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
CCE_JOBS = "/api/v2/projects/%s/jobs" % PROJECT
LOCKED = {"error_code": "APIGW.0301",
          "error_msg": "Incorrect IAM authentication information: AK access failed to reach the limit,forbidden."}


def _get(base_url, credential, **kwargs):
    return signed("GET", base_url, CCE_JOBS, credential, **kwargs)


def _bad(base_url, credential, times):
    for _attempt in range(times):
        assert _get(base_url, credential, secret_key="not-the-secret-key").status_code == 401


def _is_locked_reply(response):
    body = response.json()
    return response.status_code == 401 and {key: body[key] for key in LOCKED} == LOCKED


def test_five_failures_in_a_row_lock_the_key_even_for_a_correct_signature(base_url, admin, demo):
    credential, other = demo["credentials"]
    _bad(base_url, credential, 4)
    assert admin.state()["ak_lockouts"] == []
    _bad(base_url, credential, 1)
    refused = _get(base_url, credential)
    assert _is_locked_reply(refused)
    assert refused.json()["request_id"] == refused.headers["X-Request-Id"]
    # IAM routes go through the same gateway; another key, a token and the unlocked key's IAM calls are unaffected.
    assert _is_locked_reply(signed("GET", base_url, "/v3/projects", credential))
    assert signed("GET", base_url, "/api/v2/projects/%s/jobs" % other["project_id"], other).status_code == 200
    token = password_token(base_url, demo["users"][0]).headers["X-Subject-Token"]
    assert token_get(base_url, CCE_JOBS, token).status_code == 200
    lockouts = admin.state()["ak_lockouts"]
    assert [(lockout["access_key"], lockout["failures"]) for lockout in lockouts] == [(credential["access_key"], 5)]
    locked_at = datetime.strptime(lockouts[0]["locked_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    until = datetime.strptime(lockouts[0]["until"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert until - locked_at == timedelta(seconds=300)
    log = [entry for entry in admin.requests() if entry.get("access_key") == credential["access_key"]]
    assert [entry["status"] for entry in log] == [401] * 7


def test_a_verified_signature_ends_the_run_of_failures(base_url, admin, demo):
    credential = demo["credentials"][0]
    _bad(base_url, credential, 4)
    assert _get(base_url, credential).status_code == 200
    _bad(base_url, credential, 4)
    assert _get(base_url, credential).status_code == 200
    assert admin.state()["ak_lockouts"] == []


@pytest.mark.parametrize("flaw", ["unknown key", "skewed date", "unsigned security token"])
def test_every_refused_ak_sk_authentication_counts(base_url, admin, demo, flaw):
    credential = demo["credentials"][0]
    for _attempt in range(5):
        if flaw == "unknown key":
            response = _get(base_url, dict(credential, access_key="HWCNOTSEEDEDKEY00001"))
        elif flaw == "skewed date":
            response = _get(base_url, credential, date=datetime.now(timezone.utc) - timedelta(minutes=20))
        else:
            response = _get(base_url, credential, extra_headers={"X-Security-Token": "token"})
        assert response.status_code == 401
    if flaw == "unknown key":
        admin.seed({"credentials": [dict(credential, access_key="HWCNOTSEEDEDKEY00001")]})
        credential = dict(credential, access_key="HWCNOTSEEDEDKEY00001")
    assert _is_locked_reply(_get(base_url, credential))


def test_the_lock_ends_after_its_seconds_and_counting_starts_again(base_url, admin, demo):
    credential = demo["credentials"][0]
    admin.replies(ak_lockout={"failures": 2, "seconds": 0.5})
    _bad(base_url, credential, 2)
    assert _is_locked_reply(_get(base_url, credential))
    time.sleep(0.6)
    assert _get(base_url, credential).status_code == 200
    _bad(base_url, credential, 1)
    assert _get(base_url, credential).status_code == 200
    assert len(admin.state()["ak_lockouts"]) == 1


def test_no_lockout_when_turned_off(base_url, admin, demo):
    credential = demo["credentials"][0]
    admin.replies(ak_lockout=None)
    _bad(base_url, credential, 12)
    assert _get(base_url, credential).status_code == 200
    assert admin.state()["ak_lockouts"] == []


def test_reset_unlocks_and_forgets(base_url, admin, demo):
    credential = demo["credentials"][0]
    _bad(base_url, credential, 5)
    assert _is_locked_reply(_get(base_url, credential))
    admin.reset()
    admin.seed(demo)
    assert _get(base_url, credential).status_code == 200
    assert admin.state()["ak_lockouts"] == []


def test_the_lockout_on_a_fake_clock():
    now = [100.0]
    lockout = AkLockout(clock=lambda: now[0])
    lockout.configure({"failures": 3, "seconds": 60})
    for _attempt in range(2):
        lockout.count("AK", refused=True)
    assert not lockout.locked("AK")
    lockout.count("AK", refused=True)
    assert lockout.locked("AK") and not lockout.locked("OTHER")
    now[0] = 159.9
    assert lockout.locked("AK")
    now[0] = 160.0
    assert not lockout.locked("AK")
    lockout.count("AK", refused=True)  # a new run starts from one
    assert not lockout.locked("AK")
    assert [(entry["access_key"], entry["failures"]) for entry in lockout.lockouts()] == [("AK", 3)]
    lockout.configure(None)
    for _attempt in range(5):
        lockout.count("AK", refused=True)
    assert not lockout.locked("AK") and len(lockout.lockouts()) == 1


def test_the_lockout_is_the_gateways_0301_row():
    assert GATEWAY_ERRORS["ak_locked"][:2] == (401, "APIGW.0301")
    assert GATEWAY_ERRORS["ak_locked"][2] == LOCKED["error_msg"]
