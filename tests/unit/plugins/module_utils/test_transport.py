"""Transport against a real HTTP server on loopback (pytest-httpserver); the clock is injected."""

import json
import time

import pytest
import requests
from werkzeug.wrappers import Response

from ansible_collections.hwc.cleanup.plugins.module_utils import signing
from ansible_collections.hwc.cleanup.plugins.module_utils.auth import AkSkAuth, TokenAuth
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils.retry import RetryPolicy
from ansible_collections.hwc.cleanup.plugins.module_utils.transport import Transport


@pytest.fixture
def slept():
    return []


def transport(slept, retries=5, timeout=5):
    return Transport(requests, timeout, retries, policy=RetryPolicy(retries, sleep=slept.append, rand=lambda: 1.0))


def answers(*responses):
    """A handler that gives the responses in turn, recording each request."""
    seen = []
    queue = list(responses)

    def handler(request):
        seen.append(request)
        return queue.pop(0) if len(queue) > 1 else queue[0]
    return handler, seen


def test_503_then_success_is_retried_with_backoff(httpserver, slept):
    handler, seen = answers(Response("", 503), Response("", 502), Response('{"ok": 1}', 200, headers={"X-Request-Id": "r9"}))
    httpserver.expect_request("/x").respond_with_handler(handler)
    reply = transport(slept).request("GET", httpserver.url_for("/x"))
    assert (reply.status_code, reply.json(), reply.request_id) == (200, {"ok": 1}, "r9")
    assert len(seen) == 3 and slept == [1.0, 2.0]
    assert reply.outcome_unknown is True  # a 502 may have come after the service acted


def test_429_retry_after_is_obeyed(httpserver, slept):
    handler, seen = answers(Response('{"error_code": "APIG.0308"}', 429, headers={"Retry-After": "4"}), Response("", 204))
    httpserver.expect_request("/x").respond_with_handler(handler)
    assert transport(slept).request("DELETE", httpserver.url_for("/x")).status_code == 204
    assert slept == [4.0]


def test_throttling_code_on_a_4xx_is_retried(httpserver, slept):
    handler, seen = answers(Response('{"error_code": "CB.00060211", "error_msg": "busy"}', 400), Response("{}", 200))
    httpserver.expect_request("/x").respond_with_handler(handler)
    assert transport(slept).request("POST", httpserver.url_for("/x")).status_code == 200
    assert len(seen) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_other_4xx_are_never_retried(httpserver, slept, status):
    handler, seen = answers(Response('{"error_code": "X.1", "error_msg": "no"}', status))
    httpserver.expect_request("/x").respond_with_handler(handler)
    reply = transport(slept).request("DELETE", httpserver.url_for("/x"), auth=TokenAuth("t"))
    assert reply.status_code == status and len(seen) == 1 and slept == []
    assert reply.error() == ("X.1", "no")


def test_retries_run_out_and_the_last_reply_is_returned(httpserver, slept):
    handler, seen = answers(Response("", 500))
    httpserver.expect_request("/x").respond_with_handler(handler)
    reply = transport(slept, retries=2).request("GET", httpserver.url_for("/x"))
    assert reply.status_code == 500 and len(seen) == 3 and len(slept) == 2


def test_redirects_are_not_followed(httpserver, slept):
    handler, seen = answers(Response("", 302, headers={"Location": "http://example.invalid/steal"}))
    httpserver.expect_request("/x").respond_with_handler(handler)
    assert transport(slept).request("GET", httpserver.url_for("/x"), auth=TokenAuth("t")).status_code == 302


def test_a_read_timeout_is_retried_and_marks_the_outcome_unknown(httpserver, slept):
    calls = []

    def handler(request):
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.6)
        return Response("", 404)
    httpserver.expect_request("/x").respond_with_handler(handler)
    reply = transport(slept, timeout=0.3).request("DELETE", httpserver.url_for("/x"))
    assert reply.status_code == 404 and reply.outcome_unknown is True


def test_connection_refused_is_known_not_to_have_arrived_and_ends_in_an_api_error(slept):
    with pytest.raises(ApiError) as raised:
        transport(slept, retries=2).request("DELETE", "http://127.0.0.1:9/x")
    assert raised.value.status_code is None
    assert "after 3 attempt(s)" in raised.value.message() and raised.value.path == "/x"


def test_signed_requests_carry_a_verifiable_signature_and_the_canonical_query(httpserver, slept):
    handler, seen = answers(Response("{}", 200))
    httpserver.expect_request("/v2/p/tasks").respond_with_handler(handler)
    body = {"job_ids": ["a"]}
    transport(slept).request("POST", httpserver.url_for("/v2/p/tasks"), params={"z": "1", "a": "x y"}, json_body=body,
                             auth=AkSkAuth("AK", "SK", "STS"), project_id="p")
    request = seen[0]
    assert request.query_string == b"a=x%20y&z=1"
    headers = dict(request.headers)
    signed = ["content-type", "host", "x-project-id", "x-sdk-date", "x-security-token"]
    assert "SignedHeaders=%s," % ";".join(signed) in headers["Authorization"]
    canonical = signing.canonical_request("POST", "/v2/p/tasks", "a=x%20y&z=1", headers, signed, request.get_data())
    expected = signing.signature("SK", signing.string_to_sign(canonical, headers["X-Sdk-Date"]))
    assert headers["Authorization"].endswith("Signature=" + expected)
    assert json.loads(request.get_data()) == body


def test_a_401_reauthenticates_once_when_the_credential_can(httpserver, slept):
    class Refreshable(TokenAuth):
        refreshed = 0

        def refresh(self):
            self.refreshed += 1
            self._token = "fresh"
            return True
    handler, seen = answers(Response("", 401), Response("", 401), Response("", 200))
    httpserver.expect_request("/x").respond_with_handler(handler)
    auth = Refreshable("stale")
    assert transport(slept).request("GET", httpserver.url_for("/x"), auth=auth).status_code == 401
    assert auth.refreshed == 1 and [r.headers["X-Auth-Token"] for r in seen] == ["stale", "fresh"]
