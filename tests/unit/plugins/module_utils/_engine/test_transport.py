"""Transport against a real HTTP server on loopback (pytest-httpserver); the clock is injected."""

import json
import time

import pytest
import requests
from werkzeug.wrappers import Response

from ansible_collections.hwc.cleanup.plugins.module_utils._engine import signing
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import AkSkAuth, TokenAuth
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import RunLimits
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.transport import Transport


@pytest.fixture
def slept(fake_clock):
    """What the transport slept, in seconds: the clock is fake, nothing really waits."""
    return fake_clock


def transport(clock, retries=5, timeout=5, deadline=1800.0):
    limits = RunLimits(retries, deadline, clock=clock, sleep=clock.sleep, rand=lambda: 1.0)
    return Transport(requests, timeout, retries, limits=limits)


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
    assert len(seen) == 3 and slept.slept == [1.0, 2.0]
    assert reply.outcome_unknown is True  # a 502 may have come after the service acted


def test_429_retry_after_is_obeyed(httpserver, slept):
    handler, seen = answers(Response('{"error_code": "APIG.0308"}', 429, headers={"Retry-After": "4"}), Response("", 204))
    httpserver.expect_request("/x").respond_with_handler(handler)
    assert transport(slept).request("DELETE", httpserver.url_for("/x")).status_code == 204
    assert slept.slept == [4.0]  # the throttled request waits its Retry-After


def test_throttling_code_on_a_4xx_is_retried(httpserver, slept):
    handler, seen = answers(Response('{"error_code": "CB.00060211", "error_msg": "busy"}', 400), Response("{}", 200))
    httpserver.expect_request("/x").respond_with_handler(handler)
    assert transport(slept).request("POST", httpserver.url_for("/x")).status_code == 200
    assert len(seen) == 2 and slept.slept == [0.5]  # no Retry-After: a jittered pause of at most 0.5 s


@pytest.mark.parametrize("status, code, unknown", [
    (500, "CB.00060211", True),  # CodeArts Build's own throttling answer: the backend may have acted first
    (500, "CB.00060100", True),
    (429, "APIGW.0308", False),  # the gateway's: never passed on
    (400, "CB.00060211", False),
    (503, "CB.00060100", False),  # 503 says the request was not processed
])
def test_only_a_throttle_the_backend_may_have_acted_on_leaves_the_outcome_unknown(httpserver, slept, status, code, unknown):
    handler, seen = answers(Response(json.dumps({"error_code": code}), status), Response("{}", 404))
    httpserver.expect_request("/x").respond_with_handler(handler)
    reply = transport(slept, retries=0).request("DELETE", httpserver.url_for("/x"))
    assert reply.status_code == 404 and len(seen) == 2  # throttled: sent again although retries is 0
    assert reply.outcome_unknown is unknown


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_other_4xx_are_never_retried(httpserver, slept, status):
    handler, seen = answers(Response('{"error_code": "X.1", "error_msg": "no"}', status))
    httpserver.expect_request("/x").respond_with_handler(handler)
    reply = transport(slept).request("DELETE", httpserver.url_for("/x"), auth=TokenAuth("t"))
    assert reply.status_code == status and len(seen) == 1 and slept.slept == []
    assert reply.error() == ("X.1", "no")


def test_retries_run_out_and_the_last_reply_is_returned(httpserver, slept):
    handler, seen = answers(Response("", 500))
    httpserver.expect_request("/x").respond_with_handler(handler)
    reply = transport(slept, retries=2).request("GET", httpserver.url_for("/x"))
    assert reply.status_code == 500 and len(seen) == 3 and len(slept.slept) == 2


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

        def refresh(self, used_headers):
            self.refreshed += 1
            self._token = "fresh"
            return True
    handler, seen = answers(Response("", 401), Response("", 401), Response("", 200))
    httpserver.expect_request("/x").respond_with_handler(handler)
    auth = Refreshable("stale")
    assert transport(slept).request("GET", httpserver.url_for("/x"), auth=auth).status_code == 401
    assert auth.refreshed == 1 and [r.headers["X-Auth-Token"] for r in seen] == ["stale", "fresh"]


def test_throttled_attempts_do_not_use_up_the_retries(httpserver, slept):
    throttled = Response('{"error_code": "APIGW.0308", "error_msg": "over ratelimit"}', 429, headers={"Retry-After": "1"})
    handler, seen = answers(*([throttled] * 6 + [Response("", 204)]))
    httpserver.expect_request("/x").respond_with_handler(handler)
    client = transport(slept, retries=0)
    reply = client.request("DELETE", httpserver.url_for("/x"))
    assert reply.status_code == 204 and len(seen) == 7 and reply.outcome_unknown is False
    assert client.limits.tally.result() == {"requests": 7, "throttled": 6, "server_error": 0, "timeout": 0,
                                            "connection_error": 0, "reauthenticated": 0}


def test_throttling_past_the_deadline_ends_with_the_last_answer_and_says_why(httpserver, slept):
    handler, seen = answers(Response('{"error_code": "APIG.0308", "error_msg": "over ratelimit"}', 429,
                                     headers={"Retry-After": "4", "X-Request-Id": "r-429"}))
    httpserver.expect_request("/x").respond_with_handler(handler)
    with pytest.raises(ApiError) as raised:
        transport(slept, deadline=10).request("DELETE", httpserver.url_for("/x"))
    error = raised.value
    assert (error.status_code, error.error_code, error.request_id) == (429, "APIG.0308", "r-429")
    assert "gave up after 3 attempt(s): the deadline of 10 s (option deadline) was reached" in error.message()
    assert sum(slept.slept) < 10 and len(seen) == 3


def test_a_request_that_the_deadline_has_passed_is_not_attempted(httpserver, slept):
    client = transport(slept, deadline=5)
    slept.now += 6
    with pytest.raises(ApiError, match="not attempted: the deadline of 5 s"):
        client.request("DELETE", httpserver.url_for("/x"))
    assert client.limits.tally.requests == 0


# The outage breaker's own tests (a lone stream, a pool, flaky services): test_outage.py.


def test_any_real_answer_resets_the_outage_count(httpserver, slept):
    handler, seen = answers(*([Response("", 503)] * 15 + [Response("", 404)] + [Response("", 503)] * 15 + [Response("", 204)]))
    httpserver.expect_request("/x").respond_with_handler(handler)
    client = transport(slept, retries=30)
    assert client.request("DELETE", httpserver.url_for("/x")).status_code == 404
    assert client.request("DELETE", httpserver.url_for("/x")).status_code == 204
    assert client.limits.breaker.open is False


def test_fifty_workers_that_see_401_at_once_make_one_iam_call(threaded_httpserver):
    import threading
    from concurrent.futures import ThreadPoolExecutor
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import PasswordAuth

    httpserver = threaded_httpserver
    issued = []
    barrier = threading.Barrier(50, timeout=10)

    def iam(request):
        issued.append(1)
        return Response('{"token": {"project": {"id": "p"}}}', 201, headers={"X-Subject-Token": "token-%d" % len(issued)})

    def service(request):
        if request.headers["X-Auth-Token"] == "token-1":
            barrier.wait()  # every worker holds the stale token before any 401 goes back
            return Response("", 401)
        return Response("", 204)
    httpserver.expect_request("/v3/auth/tokens").respond_with_handler(iam)
    httpserver.expect_request("/x").respond_with_handler(service)
    httpserver.expect_request("/first").respond_with_data("", 204)
    client = Transport(requests, 10, 5, pool_size=50)
    auth = PasswordAuth(client, httpserver.url_for("").rstrip("/"), "u", "pw", "d", project_id="p")
    auth.token()
    issued.clear()
    client.request("GET", httpserver.url_for("/first"), auth=auth)  # the reply that opens the gate
    issued.append(1)
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda _: client.request("DELETE", httpserver.url_for("/x"), auth=auth).status_code, range(50)))
    assert statuses == [204] * 50
    assert len(issued) == 2  # the first token, and one refresh for all fifty
    assert client.limits.tally.counts["reauthenticated"] == 50


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_retry_after_on_a_server_error_is_obeyed(httpserver, slept, status):
    handler, seen = answers(Response("", status, headers={"Retry-After": "7"}), Response("", 204))
    httpserver.expect_request("/x").respond_with_handler(handler)
    assert transport(slept).request("DELETE", httpserver.url_for("/x")).status_code == 204
    assert slept.slept == [7.0]  # not the backoff's 1 s


def test_no_backoff_sleeps_past_the_deadline(httpserver, slept):
    handler, seen = answers(Response("", 500))
    httpserver.expect_request("/x").respond_with_handler(handler)
    with pytest.raises(ApiError, match="the deadline of 2.5 s"):
        transport(slept, retries=5, deadline=2.5).request("DELETE", httpserver.url_for("/x"))
    assert slept.slept == [1.0] and len(seen) == 2  # the next backoff (2 s) would end past the deadline: not slept


def test_a_retry_after_past_the_deadline_is_not_slept(httpserver, slept):
    handler, seen = answers(Response("", 503, headers={"Retry-After": "60"}))
    httpserver.expect_request("/x").respond_with_handler(handler)
    with pytest.raises(ApiError, match="gave up after 1 attempt"):
        transport(slept, deadline=10).request("DELETE", httpserver.url_for("/x"))
    assert slept.slept == [] and len(seen) == 1


def test_a_refused_aksk_is_never_used_again_in_the_task(httpserver, slept):
    handler, seen = answers(Response('{"error_code": "APIG.0301", "error_msg": "Incorrect IAM authentication '
                                     'information: verify aksk signature fail"}', 401, headers={"X-Request-Id": "r1"}))
    httpserver.expect_request("/x").respond_with_handler(handler)
    client = transport(slept)
    auth = AkSkAuth("AK", "wrong")
    assert client.request("DELETE", httpserver.url_for("/x"), auth=auth).status_code == 401
    for _other_id in range(29):
        with pytest.raises(ApiError) as raised:
            client.request("DELETE", httpserver.url_for("/x"), auth=auth)
    assert len(seen) == 1  # one failed authentication, not thirty: the gateway locks a key after five in a row
    error = raised.value
    assert (error.status_code, error.error_code, error.request_id) == (401, "APIG.0301", "r1")
    assert "not sent: an earlier request of the task showed that every request would fail" in error.message()


def test_a_token_refresh_that_fails_refuses_the_credential(httpserver, slept):
    class FailingRefresh(TokenAuth):
        calls = 0

        def refresh(self, used_headers):
            self.calls += 1
            raise ApiError("POST", "/v3/auth/tokens", 401, "APIG.0301", "wrong password")
    handler, seen = answers(Response("", 401))
    httpserver.expect_request("/x").respond_with_handler(handler)
    client, auth = transport(slept), FailingRefresh("stale")
    for _request in range(3):
        with pytest.raises(ApiError):
            client.request("GET", httpserver.url_for("/x"), auth=auth)
    assert len(seen) == 1 and auth.calls == 1


def gated_pool(httpserver, handler, auth, workers=8, requests_count=30):
    """``requests_count`` requests from ``workers`` threads at once, as a delete module's pool sends them."""
    from concurrent.futures import ThreadPoolExecutor

    httpserver.expect_request("/x").respond_with_handler(handler)
    client = Transport(requests, 10, 0, pool_size=workers)

    def send(_number):
        try:
            return client.request("DELETE", httpserver.url_for("/x"), auth=auth).status_code
        except ApiError as error:
            return error.message()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(send, range(requests_count)))


def test_until_a_reply_shows_the_credential_good_one_request_goes_at_a_time(httpserver):
    import threading
    in_flight, most = [0], [0]
    lock = threading.Lock()

    def handler(request):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.05)
        with lock:
            in_flight[0] -= 1
        return Response("", 401)
    outcomes = gated_pool(httpserver, handler, AkSkAuth("AK", "wrong"))
    assert most[0] == 1 and len(httpserver.log) == 1
    assert outcomes.count(401) == 1 and sum("not sent" in str(outcome) for outcome in outcomes) == 29


def test_a_credential_that_fails_before_sending_leaves_the_gate_to_the_next_request(httpserver):
    import threading

    class FailsFirstApply(TokenAuth):
        applied = 0

        def apply(self, *args):
            self.applied += 1
            if self.applied == 1:
                raise ValueError("cannot sign this one")
            super().apply(*args)
    httpserver.expect_request("/x").respond_with_response(Response("", 204))
    client, auth, statuses = Transport(requests, 10, 0), FailsFirstApply("t"), []

    def send_twice():
        with pytest.raises(ValueError):
            client.request("DELETE", httpserver.url_for("/x"), auth=auth)
        statuses.append(client.request("DELETE", httpserver.url_for("/x"), auth=auth).status_code)
    sender = threading.Thread(target=send_twice, daemon=True)
    sender.start()
    sender.join(5)  # a gate left held would make the second request wait forever
    assert statuses == [204] and len(httpserver.log) == 1


@pytest.mark.parametrize("reply", [
    Response('{"error_code": "APIGW.0101", "error_msg": "The API does not exist"}', 404),
    Response('{"error_code": "DCS.4001", "error_msg": "The requested URL does not exist."}', 404),
    Response("<html>404</html>", 404),
    Response('{"error_code": "APIGW.0306", "error_msg": "denied"}', 403),
])
def test_a_reply_of_no_api_or_a_gateway_refusal_stops_every_later_request(httpserver, reply):
    outcomes = gated_pool(httpserver, lambda request: reply, TokenAuth("t"))
    assert len(httpserver.log) == 1 and sum("not sent" in str(outcome) for outcome in outcomes) == 29


def test_after_a_good_reply_requests_go_concurrently(threaded_httpserver):
    import threading
    barrier = threading.Barrier(4, timeout=10)
    answered = []

    def handler(request):
        answered.append(1)
        if len(answered) > 1:
            barrier.wait()  # four requests in flight at once, or this times out
        return Response("", 204)
    outcomes = gated_pool(threaded_httpserver, handler, TokenAuth("t"), workers=4, requests_count=9)
    assert outcomes == [204] * 9


def test_a_server_error_neither_opens_nor_stops(httpserver):
    handler, seen = answers(Response("", 503), Response('{"errorCode": "CCE.01404001"}', 404))
    outcomes = gated_pool(httpserver, handler, TokenAuth("t"), workers=4, requests_count=5)
    assert outcomes == [503, 404, 404, 404, 404]


def test_a_refresh_that_breaks_leaves_the_gate_to_the_next_request(httpserver, slept):
    class BrokenRefresh(TokenAuth):
        def refresh(self, used_headers):
            raise KeyboardInterrupt()  # anything but an ApiError, as Ctrl-C would
    handler, seen = answers(Response("", 401), Response("", 204))
    httpserver.expect_request("/x").respond_with_handler(handler)
    client = transport(slept)
    with pytest.raises(KeyboardInterrupt):
        client.request("GET", httpserver.url_for("/x"), auth=BrokenRefresh("t"))
    assert client.limits.gate.enter() is True  # not held by the broken request
