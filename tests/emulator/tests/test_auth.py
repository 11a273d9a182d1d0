# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authentication like the gateway: AK/SK signatures, security tokens, IAM tokens, project checks."""

from datetime import datetime, timedelta, timezone

import pytest
import requests

from support.measure import password_token

from .clients import signed, token_get

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
OTHER_PROJECT = "7f6e5d4c3b2a19081726354453627180"
CCE_JOBS = "/api/v2/projects/%s/jobs" % PROJECT


def _error_code(response):
    return response.json()["error_code"]


def test_signed_request_is_accepted(base_url, demo):
    response = signed("GET", base_url, CCE_JOBS, demo["credentials"][0])
    assert response.status_code == 200
    assert sorted(job["metadata"]["uid"] for job in response.json()) == sorted(
        job["id"] for job in demo["cce_jobs"] if job["project_id"] == PROJECT)


def test_signed_query_and_body_are_verified(base_url, demo):
    instance = demo["dcs_tasks"][0]["instance_id"]
    path = "/v2/%s/instances/%s/tasks" % (PROJECT, instance)
    assert signed("GET", base_url, path, demo["credentials"][0], params={"offset": 0, "limit": 3}).status_code == 200
    body = {"delete_by_status": "SUCCESS"}
    assert signed("POST", base_url, "/v2/%s/workspace-sub-jobs/batch-delete" % PROJECT, demo["credentials"][0],
                  json_body=body).status_code == 200


@pytest.mark.parametrize("flaw", ["secret", "unknown_access_key", "query_changed", "body_changed"])
def test_bad_signature_is_refused_with_apig_0301(base_url, demo, flaw):
    credential = dict(demo["credentials"][0])
    if flaw == "unknown_access_key":
        credential["access_key"] = "HWCUNKNOWNACCESSKEY9"
    response = signed("GET", base_url, CCE_JOBS, credential, secret_key="wrong" if flaw == "secret" else None)
    if flaw in ("query_changed", "body_changed"):
        # Sign one request, send another: the gateway must notice.
        good = requests.Request("GET", base_url + CCE_JOBS).prepare()
        sent = signed("GET", base_url, CCE_JOBS, credential)
        good.headers.update({name: sent.request.headers[name] for name in ("Authorization", "X-Sdk-Date", "Host")})
        if flaw == "query_changed":
            good.prepare_url(base_url + CCE_JOBS, {"limit": "1"})
        else:
            good.prepare_body(b'{"injected": true}', None)
        response = requests.Session().send(good, timeout=10)
    assert response.status_code == 401
    assert _error_code(response) == "APIGW.0301"
    assert response.headers["X-Request-Id"] == response.json()["request_id"]


@pytest.mark.parametrize("skew_minutes, status", [(16, 401), (-16, 401), (14, 200), (-14, 200)])
def test_x_sdk_date_more_than_15_minutes_off_is_refused_with_apig_0303(base_url, demo, skew_minutes, status):
    date = datetime.now(timezone.utc) + timedelta(minutes=skew_minutes)
    response = signed("GET", base_url, CCE_JOBS, demo["credentials"][0], date=date)
    assert response.status_code == status
    if status == 401:
        assert _error_code(response) == "APIGW.0303"


@pytest.mark.parametrize("left_out", ["host", "x-sdk-date"])
def test_host_and_date_must_be_signed(base_url, demo, left_out):
    response = signed("GET", base_url, CCE_JOBS, demo["credentials"][0], unsigned=(left_out,))
    assert response.status_code == 401
    assert _error_code(response) == "APIGW.0301"


def test_only_signed_headers_count(base_url, demo):
    """An unsigned header may differ freely; it is not part of the signature."""
    response = signed("GET", base_url, CCE_JOBS, demo["credentials"][0], extra_headers={"X-Trace": "abc"}, unsigned=("x-trace",))
    assert response.status_code == 200


TEMPORARY = {"access_key": "HWCTEMPACCESSKEY0001", "secret_key": "temp-secret", "security_token": "temp-security-token-value",
             "project_id": PROJECT, "region": "eu-de"}


@pytest.mark.parametrize("headers, unsigned, status", [
    ({"X-Security-Token": TEMPORARY["security_token"]}, (), 200),
    ({}, (), 401),
    ({"X-Security-Token": TEMPORARY["security_token"]}, ("x-security-token",), 401),
    ({"X-Security-Token": "another-token"}, (), 401),
])
def test_temporary_credentials_need_their_signed_security_token(base_url, admin, headers, unsigned, status):
    admin.seed({"credentials": [TEMPORARY]})
    response = signed("GET", base_url, CCE_JOBS, TEMPORARY, extra_headers=headers, unsigned=unsigned)
    assert response.status_code == status


def test_security_token_with_a_permanent_key_is_refused(base_url, demo):
    response = signed("GET", base_url, CCE_JOBS, demo["credentials"][0], extra_headers={"X-Security-Token": "whatever"})
    assert response.status_code == 401


@pytest.mark.usefixtures("demo")
def test_no_credentials_at_all_is_refused(base_url):
    response = requests.get(base_url + CCE_JOBS, timeout=10)
    assert response.status_code == 401


@pytest.mark.parametrize("scope", [{"id": PROJECT}, {"name": "eu-de"}])
def test_password_token_scoped_by_project_id_or_region_name(base_url, demo, scope):
    response = password_token(base_url, demo["users"][0], scope)
    assert response.status_code == 201
    token = response.json()["token"]
    assert token["project"]["id"] == PROJECT and token["project"]["name"] == "eu-de"
    assert token["expires_at"].endswith("Z") and "catalog" in token
    listed = token_get(base_url, CCE_JOBS, response.headers["X-Subject-Token"])
    assert listed.status_code == 200


@pytest.mark.parametrize("change, status", [
    ({"password": "wrong-password"}, 401),
    ({"name": "nobody"}, 401),
    ({"domain_name": "another-account"}, 401),
])
def test_password_token_refused(base_url, demo, change, status):
    response = password_token(base_url, dict(demo["users"][0], **change))
    assert response.status_code == status
    assert "X-Subject-Token" not in response.headers
    assert response.json()["error"]["code"] == status


def test_password_token_for_a_foreign_project_is_refused(base_url, demo):
    assert password_token(base_url, demo["users"][0], {"id": OTHER_PROJECT}).status_code == 401


@pytest.mark.usefixtures("demo")
def test_malformed_token_request_is_a_400(base_url):
    response = requests.post(base_url + "/v3/auth/tokens", json={"auth": {}}, timeout=10)
    assert response.status_code == 400


def test_unknown_and_expired_tokens_are_refused(base_url, admin):
    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    future = (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    admin.seed({"tokens": [{"token": "expired-token", "project_id": PROJECT, "expires_at": past},
                           {"token": "valid-token", "project_id": PROJECT, "expires_at": future}]})
    for token in ("expired-token", "never-issued-token"):
        response = token_get(base_url, CCE_JOBS, token)
        assert response.status_code == 401
        assert _error_code(response) == "APIGW.0301"
        assert "token expires" in response.json()["error_msg"]
    assert token_get(base_url, CCE_JOBS, "valid-token").status_code == 200


def test_projects_by_name_with_aksk_and_with_token(base_url, demo):
    by_aksk = signed("GET", base_url, "/v3/projects", demo["credentials"][0], params={"name": "eu-de"})
    assert by_aksk.status_code == 200
    assert [project["id"] for project in by_aksk.json()["projects"]] == [PROJECT]
    assert by_aksk.json()["projects"][0]["enabled"] is True
    token = password_token(base_url, demo["users"][0]).headers["X-Subject-Token"]
    by_token = token_get(base_url, "/v3/projects", token, params={"name": "eu-nl"})
    assert [project["id"] for project in by_token.json()["projects"]] == [OTHER_PROJECT]
    assert token_get(base_url, "/v3/projects", token, params={"name": "cn-north-4"}).json()["projects"] == []
    assert requests.get(base_url + "/v3/projects", timeout=10).status_code == 401


@pytest.mark.parametrize("method, path, code", [
    ("GET", "/api/v2/projects/%s/jobs" % OTHER_PROJECT, "CCE.01403001"),
    ("DELETE", "/api/v2/projects/%s/jobs/some-job" % OTHER_PROJECT, "CCE.01403001"),
    ("GET", "/v2/%s/workspace-sub-jobs" % OTHER_PROJECT, "WKS.0403"),
])
def test_project_mismatch_is_a_403(base_url, demo, method, path, code):
    response = signed(method, base_url, path, demo["credentials"][0])
    assert response.status_code == 403
    body = response.json()
    assert body.get("error_code", body.get("errorCode")) == code


@pytest.mark.parametrize("method, path", [
    ("GET", "/v2/%s/instances/some-instance/tasks" % OTHER_PROJECT),
    ("DELETE", "/v2/%s/instances/some-instance/tasks/some-task" % OTHER_PROJECT),
])
def test_dcs_project_mismatch_is_dcs_1004(base_url, demo, method, path):
    """DCS's own answer to a project that does not match the token: 401 DCS.1004 (its error-code table)."""
    for response in (signed(method, base_url, path, demo["credentials"][0]),
                     requests.request(method, base_url + path, timeout=10,
                                      headers={"X-Auth-Token": password_token(base_url, demo["users"][0]).headers[
                                          "X-Subject-Token"]})):
        assert response.status_code == 401
        assert response.json() == {"error_code": "DCS.1004", "error_msg": "Project ID does not match the token.",
                                   "error_ext_msg": None}


def test_project_mismatch_with_a_token_is_a_403(base_url, demo):
    token = password_token(base_url, demo["users"][0]).headers["X-Subject-Token"]
    assert token_get(base_url, "/api/v2/projects/%s/jobs" % OTHER_PROJECT, token).status_code == 403


def test_codearts_job_of_another_iam_project_is_a_403(base_url, demo, admin):
    job = demo["codearts_build_jobs"][0]
    other = demo["credentials"][1]
    response = signed("POST", base_url, "/v3/jobs/%s/delete" % job["id"], other)
    assert response.status_code == 403
    assert job["id"] in [record["id"] for record in admin.state()["codearts_build_jobs"]]
    assert signed("GET", base_url, "/v3/%s/jobs" % job["project_id"], other).status_code == 403
