# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The admin API: reset, seed, state, the request log (which never holds a secret), and the command line."""

import json
import signal
import subprocess
import sys

import pytest
import requests

from emulator import admin as admin_api
from emulator.harness import DEMO_SEED, EMULATOR_DIR, AdminError, EmulatorProcess
from emulator.protocol import Request
from emulator.server import App
from support.measure import password_token

from .clients import signed, token_get

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"


def test_seed_is_additive_and_reset_empties_everything(admin, demo):
    admin.seed({"cce_jobs": [{"project_id": PROJECT, "id": "extra-job", "status": "Running"}]})
    state = admin.state()
    assert len(state["cce_jobs"]) == len(demo["cce_jobs"]) + 1
    admin.faults(latency_ms=5)
    admin.reset()
    assert all(records == [] for records in admin.state().values())
    assert admin.requests() == []
    assert admin.current_faults()["latency_ms"] == 0


def test_reseeding_a_key_replaces_the_record(admin):
    admin.seed({"cce_jobs": [{"project_id": PROJECT, "id": "job", "status": "Running"}]})
    admin.seed({"cce_jobs": [{"project_id": PROJECT, "id": "job", "status": "Success"}]})
    assert [job["status"] for job in admin.state()["cce_jobs"]] == ["Success"]


@pytest.mark.parametrize("seed, named", [
    ({"cce_job": []}, "cce_job"),
    ({"cce_jobs": [{"project_id": PROJECT, "id": "j"}]}, "status"),
    ({"cce_jobs": [{"project_id": PROJECT, "id": "j", "status": "Done"}]}, "Done"),
    ({"workspace_sub_jobs": [{"project_id": PROJECT, "id": "w", "status": "SUCCESS", "colour": "red"}]}, "colour"),
    ({"dcs_tasks": [{"project_id": PROJECT, "instance_id": "i", "id": "t", "status": "SUCCESS", "created_at": "yesterday"}]},
     "yesterday"),
    ({"credentials": [{"access_key": "AK", "secret_key": 5, "project_id": PROJECT, "region": "eu-de"}]}, "secret_key"),
])
def test_a_bad_seed_is_refused_naming_the_bad_value_and_stores_nothing(admin, seed, named):
    with pytest.raises(AdminError, match=named):
        admin.seed(dict(seed, dcs_instances=[{"project_id": PROJECT, "instance_id": "valid-instance"}]))
    assert admin.state()["dcs_instances"] == []


def test_state_never_shows_secrets(admin, demo):
    admin.seed({"credentials": [{"access_key": "TEMPAK", "secret_key": "temp-secret-key", "security_token": "temp-security-token",
                                 "project_id": PROJECT, "region": "eu-de"}],
                "tokens": [{"token": "seeded-token-value", "project_id": PROJECT}]})
    text = json.dumps(admin.state())
    secrets = [credential["secret_key"] for credential in demo["credentials"]] + [demo["users"][0]["password"]]
    for secret in secrets + ["temp-secret-key", "temp-security-token", "seeded-token-value"]:
        assert secret not in text
    assert "HWCDEMOACCESSKEY0001" in text and "demo-operator" in text


def test_request_log_records_calls_and_never_a_secret(base_url, admin, demo):
    temporary = {"access_key": "TEMPAK", "secret_key": "temp-secret-key", "security_token": "temp-security-token",
                 "project_id": PROJECT, "region": "eu-de"}
    admin.seed({"credentials": [temporary]})
    user = demo["users"][0]
    token_response = password_token(base_url, user)
    token = token_response.headers["X-Subject-Token"]
    token_get(base_url, "/api/v2/projects/%s/jobs" % PROJECT, token)
    signed("GET", base_url, "/api/v2/projects/%s/jobs" % PROJECT, demo["credentials"][0], params={"limit": 5})
    signed("GET", base_url, "/api/v2/projects/%s/jobs" % PROJECT, temporary,
           extra_headers={"X-Security-Token": temporary["security_token"]})
    signed("GET", base_url, "/api/v2/projects/%s/jobs" % PROJECT, demo["credentials"][0], secret_key="wrong-secret")
    password_token(base_url, dict(user, password="a-wrong-password"))
    log = admin.requests()
    assert [(entry["method"], entry["status"], entry["auth"], entry["service"]) for entry in log] == [
        ("POST", 201, "none", "iam"), ("GET", 200, "token", "cce"), ("GET", 200, "aksk", "cce"),
        ("GET", 200, "aksk", "cce"), ("GET", 401, "aksk", "cce"), ("POST", 401, "none", "iam")]
    assert log[2]["access_key"] == "HWCDEMOACCESSKEY0001" and log[2]["query"] == "limit=5"
    assert log[0]["request_id"] == token_response.headers["X-Request-Id"]
    text = json.dumps(log)
    for secret in (demo["credentials"][0]["secret_key"], user["password"], token, temporary["secret_key"],
                   temporary["security_token"], "wrong-secret", "a-wrong-password", "SDK-HMAC-SHA256", "Signature"):
        assert secret not in text
    assert admin.clear_requests() == len(log)
    assert admin.requests() == []
    assert len(admin.state()["cce_jobs"]) == len(demo["cce_jobs"])


def test_admin_calls_are_not_logged_and_unknown_admin_routes_are_404(base_url, admin):
    admin.state()
    assert requests.get(base_url + "/_emulator/nothing", timeout=10).status_code == 404
    assert requests.post(base_url + "/_emulator/state", timeout=10).status_code == 404
    assert requests.post(base_url + "/_emulator/seed", data=b"{not json", timeout=10).status_code == 400
    assert admin.requests() == []


@pytest.mark.parametrize("peer, allowed", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("10.1.2.3", False), ("192.168.0.10", False), ("::ffff:10.0.0.1", False), ("2001:db8::1", False),
])
def test_admin_api_answers_loopback_peers_only(peer, allowed):
    response = admin_api.handle(App(), Request("GET", "/_emulator/state", "", {}, b""), peer)
    assert response.status == (200 if allowed else 403)


@pytest.mark.parametrize("config, named", [
    ({"fault_rate": 1.5}, "fault_rate"), ({"kinds": [418]}, "418"), ({"kinds": ["explode"]}, "explode"),
    ({"methods": ["FETCH"]}, "FETCH"), ({"count": -1}, "count"), ({"latency": 5}, "latency"),
])
def test_bad_fault_configurations_are_refused(admin, config, named):
    with pytest.raises(AdminError, match=named):
        admin.faults(**config)


def test_cli_seed_file_port_file_and_clean_stop_on_sigterm(tmp_path):
    port_file = tmp_path / "port"
    command = [sys.executable, EMULATOR_DIR, "--port", "0", "--port-file", str(port_file), "--seed-file", DEMO_SEED]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            banner = process.stdout.readline()
            port = int(port_file.read_text())
            assert banner.strip() == "emulator listening on http://127.0.0.1:%d" % port
            state = requests.get("http://127.0.0.1:%d/_emulator/state" % port, timeout=10).json()
            assert len(state["cce_jobs"]) == 13 and len(state["dcs_tasks"]) == 9
            assert [entry.name for entry in tmp_path.iterdir()] == ["port"]
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(10) == 0
    assert not port_file.exists()


def test_cli_stops_cleanly_on_sigint_and_refuses_a_bad_seed_file(tmp_path):
    emulator = EmulatorProcess().start()
    emulator.process.send_signal(signal.SIGINT)
    assert emulator.process.wait(10) == 0
    emulator.stop()
    bad_seed = tmp_path / "seed.json"
    bad_seed.write_text('{"cce_jobs": [{"id": "no-project"}]}')
    result = subprocess.run([sys.executable, EMULATOR_DIR, "--seed-file", str(bad_seed)], capture_output=True, text=True,
                            timeout=20, check=False)
    assert result.returncode == 2
    assert "project_id" in result.stderr
