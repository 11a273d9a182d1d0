"""No secret of the run in what a module prints, whatever a careless or hostile service sends back: a server that puts
every header and the body of the request into its error message (pytest-httpserver). Ansible masks the no_log options
as given; what it cannot know - a token IAM issued, a secret as JSON escapes it, a request's signature, a password
written into an endpoint URL - the module masks itself."""

import json

import pytest
from werkzeug.wrappers import Response

from flow_support import AKSK, PASSWORD_LOGIN, PROJECT_ID, SECRET_KEY, TOKEN

ISSUED_TOKEN = "MIIissuedByIamForThisRunNotReal0001"
SECURITY_TOKEN = "StsSecurityTokenNotReal0001"
CCE_JOB = "/api/v2/projects/%s/jobs/job-1" % PROJECT_ID


def echo(request):
    """A 403 whose message is every header and the body of the request."""
    said = "; ".join("%s: %s" % header for header in request.headers.items()) + "; body: " + request.get_data(as_text=True)
    return Response(json.dumps({"error_code": "ECHO.403", "error_msg": said}), 403, content_type="application/json")


def issue_token(_request):
    body = {"token": {"project": {"id": PROJECT_ID, "name": "eu-de"}, "expires_at": "2030-01-01T00:00:00.000000Z"}}
    return Response(json.dumps(body), 201, headers={"X-Subject-Token": ISSUED_TOKEN}, content_type="application/json")


@pytest.fixture
def delete_job(run_module, httpserver):
    def run(**options):
        url = httpserver.url_for("/").rstrip("/")
        return run_module("cce_job", dict(dict(endpoint=url, iam_endpoint=url, project_id=PROJECT_ID, job_id="job-1"), **options))
    return run


def test_a_token_iam_issued_is_masked_when_a_service_echoes_it(httpserver, delete_job):
    httpserver.expect_request("/v3/auth/tokens", method="POST").respond_with_handler(issue_token)
    httpserver.expect_request(CCE_JOB).respond_with_handler(echo)
    ran = delete_job(**PASSWORD_LOGIN)
    assert ran.failed and ran["status_code"] == 403
    assert "X-Auth-Token: ********" in ran["msg"] and "X-Auth-Token: ********" in ran["errors"][0]["error_msg"]
    assert ISSUED_TOKEN not in ran.out and PASSWORD_LOGIN["password"] not in ran.out


def test_a_signed_authorization_and_a_security_token_echoed_back_are_masked(httpserver, delete_job):
    seen = []

    def recording_echo(request):
        seen.append(request.headers["Authorization"])
        return echo(request)

    httpserver.expect_request(CCE_JOB).respond_with_handler(recording_echo)
    ran = delete_job(security_token=SECURITY_TOKEN, **AKSK)
    signature = seen[0].rsplit("Signature=", 1)[1]
    assert ran.failed and "Authorization: SDK-HMAC-SHA256 ********" in ran["msg"]
    assert signature not in ran.out and SECURITY_TOKEN not in ran.out and SECRET_KEY not in ran.out


@pytest.mark.parametrize("password", ['Pässwörd-NotReal-0001', 'pa"ss\\wd-NotReal-0001'])
def test_a_password_iam_echoes_as_json_escapes_it_is_masked(httpserver, delete_job, password):
    httpserver.expect_request("/v3/auth/tokens", method="POST").respond_with_handler(echo)
    ran = delete_job(**dict(PASSWORD_LOGIN, password=password))
    assert ran.failed and ran["status_code"] == 403 and '"password": "********"' in ran["msg"]
    for form in (password, json.dumps(password)[1:-1], json.dumps(password, ensure_ascii=False)[1:-1]):
        assert form not in ran.out


@pytest.mark.parametrize("endpoint", ["https://operator:Url-Secret-0001@cce.example.com",
                                      "operator:Url-Secret-0001@cce.example.com",
                                      "https://operator:Url/Secret-0001@cce.example.com"])
def test_a_password_written_into_an_endpoint_url_is_not_shown_not_even_in_the_invocation(run_module, endpoint):
    ran = run_module("cce_job", dict(AKSK, endpoint=endpoint, project_id=PROJECT_ID, job_id="job-1"))
    assert ran.failed and ran["msg"].startswith("endpoint ")
    assert "Secret-0001" not in ran.out and "invocation" in ran.result


@pytest.mark.parametrize("option, value", [("auth_token", TOKEN + "\n"), ("auth_token", " " + TOKEN),
                                           ("security_token", SECURITY_TOKEN + "\r\n"), ("access_key", "AK\r\nX-Evil: 1"),
                                           ("secret_key", SECRET_KEY + "\n"), ("auth_token", TOKEN + "é")])
def test_a_credential_that_cannot_travel_in_a_header_fails_naming_the_option_before_any_request(
        httpserver, delete_job, option, value):
    options = dict(AKSK, security_token=None) if option != "auth_token" else {}
    options[option] = value
    ran = delete_job(**options)
    assert ran.failed and ran["msg"].startswith(option + " (") and "its value is not shown" in ran["msg"]
    if option != "access_key":  # an identifier, shown in the invocation like any option that is not no_log
        assert value.strip() not in ran.out and json.dumps(value)[1:-1] not in ran.out
    assert httpserver.log == []
