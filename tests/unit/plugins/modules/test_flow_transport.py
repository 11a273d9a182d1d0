"""What the wire does to a delete module's result, in-process: retries and their counts, throttling, the deadline, a
timeout, a refused connection, TLS to a plain server, a reply whose body breaks off or cannot be decoded, and a token
that expires mid-run.

The replies the emulator cannot give (a 5xx with a Retry-After of 0, so that nothing really waits) come from
pytest-httpserver, in the emulator's own shapes (tests/emulator/services.py and protocol.py carry their sources);
an unreadable body comes from a raw socket (fixtures: conftest.py).
"""

import json
import socket
import threading
import time

import pytest
from werkzeug.wrappers import Response

from flow_support import AKSK, PASSWORD_LOGIN, PROJECT_ID, TOKEN

services = pytest.importorskip("emulator.services")  # tests/ on sys.path: tests/pytest.ini
protocol = pytest.importorskip("emulator.protocol")

CCE_JOB = "/api/v2/projects/%s/jobs/job-1" % PROJECT_ID
BUILD_JOB = "d62d64d7782545c696ffaacc9ac9c69a"
NO_AKSK = dict.fromkeys(AKSK)


def service_error(service, kind, headers=None):
    """The service's own error reply, as the emulator builds it."""
    status, code, message = services.SERVICES[service].errors[kind]
    return Response(json.dumps(services.SERVICES[service].shape(status, code, message)), status, content_type="application/json",
                    headers=dict({"X-Request-Id": "req-%s-%s" % (service, kind)}, **(headers or {})))


def gateway_error(kind, headers=None):
    """The API gateway's error reply, as the emulator builds it."""
    status, code, message = protocol.GATEWAY_ERRORS[kind]
    return Response(json.dumps({"error_code": code, "error_msg": message, "request_id": "req-" + kind}), status,
                    content_type="application/json", headers=dict({"X-Request-Id": "req-" + kind}, **(headers or {})))


def replies(httpserver, path, *responses):
    """Serve ``responses`` in turn on ``path`` (the last one again and again); the requests seen, in order."""
    seen, queue = [], list(responses)

    def handler(request):
        seen.append(request)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    httpserver.expect_request(path).respond_with_handler(handler)
    return seen


@pytest.fixture
def delete_job(run_module, httpserver):
    """cce_job for job-1 against the httpserver; options on top of the defaults."""

    def run(verbosity=0, **options):
        args = dict(AKSK, endpoint=httpserver.url_for("/").rstrip("/"), project_id=PROJECT_ID, job_id="job-1")
        args.update(options)
        return run_module("cce_job", args, verbosity=verbosity)

    return run


NO_WAIT = {"Retry-After": "0"}  # a test device: the gateway's reply, but nothing really waits before the retry


def test_a_server_error_is_retried_and_the_retry_is_counted_in_the_result(httpserver, delete_job):
    seen = replies(httpserver, CCE_JOB, gateway_error("unavailable", NO_WAIT), Response(status=204))
    ran = delete_job(verbosity=1)
    assert ran.code == 0 and ran.ids() == (["job-1"], [], [])
    assert ran["retries"]["server_error"] == 1 and ran["retries"]["requests"] == 2
    assert ran["msg"] == "2 request(s) for 1 id(s); sent again: 1 server error"
    assert [request.method for request in seen] == ["DELETE", "DELETE"]
    assert all(request.headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=%s, SignedHeaders=" % AKSK["access_key"])
               and request.headers["X-Project-Id"] == PROJECT_ID for request in seen)
    assert seen[0].headers["X-Sdk-Date"] and "Cookie" not in seen[1].headers


def test_retries_used_up_fail_the_id_with_the_last_reply(httpserver, delete_job):
    seen = replies(httpserver, CCE_JOB, service_error("cce", "internal", NO_WAIT))
    ran = delete_job(retries=2)
    assert ran.failed and ran.ids() == ([], [], ["job-1"]) and len(seen) == 3
    assert (ran["status_code"], ran["error_code"], ran["request_id"]) == (500, "CCE.01500001", "req-cce-internal")
    assert ran["msg"] == ("DELETE %s failed: HTTP 500 CCE.01500001: Internal server error. (request id req-cce-internal)"
                          % CCE_JOB)
    assert ran["retries"]["server_error"] == 2


def test_a_throttled_request_spends_no_retry(httpserver, delete_job):
    seen = replies(httpserver, CCE_JOB, gateway_error("throttled", NO_WAIT), service_error("cce", "throttled", NO_WAIT),
                   Response(status=204))
    ran = delete_job(retries=0)
    assert ran.code == 0 and ran["deleted"] == ["job-1"] and len(seen) == 3
    assert ran["retries"]["throttled"] == 2 and ran["retries"]["server_error"] == 0


@pytest.mark.parametrize("kind", ["busy", "throttled"])
def test_a_build_job_gone_after_codearts_own_throttling_500_counts_as_deleted_by_this_run(run_module, httpserver, kind):
    # CodeArts Build sends its throttling codes with HTTP 500: the backend answered, and may have deleted the job.
    path = "/v3/jobs/%s/delete" % BUILD_JOB
    seen = replies(httpserver, path, service_error("codearts_build", kind, NO_WAIT), service_error("codearts_build", "not_found"))
    options = dict(AKSK, endpoint=httpserver.url_for("/").rstrip("/"), project_id=PROJECT_ID, job_id=BUILD_JOB, retries=0)
    ran = run_module("codearts_build_job", options)
    assert ran.code == 0 and len(seen) == 2
    assert ran["changed"] is True and ran["deleted"] == [BUILD_JOB] and ran["already_absent"] == []
    assert ran["retries"]["throttled"] == 1


def test_a_retry_after_past_the_deadline_ends_the_request_at_once_with_what_it_saw(cloud):
    cloud.seed(cce_jobs=[{"project_id": PROJECT_ID, "id": "job-1", "status": "Success"}])
    cloud.admin.faults(fault_rate=1.0, kinds=[429], retry_after=60)
    started = time.monotonic()
    ran = cloud.run("cce_job", job_id="job-1", project_id=PROJECT_ID, deadline=5)
    assert time.monotonic() - started < 4  # nobody waited the 60 s
    assert ran.failed and ran["status_code"] == 429 and ran["error_code"] == "APIGW.0308"
    assert ran["msg"].endswith("gave up after 1 attempt(s): the deadline of 5 s (option deadline) was reached")
    assert cloud.state("cce_jobs") == ["job-1"]


def test_a_reply_too_slow_for_the_timeout_fails_the_id(httpserver, delete_job):
    def slow(_request):
        time.sleep(0.5)
        return Response(status=204)

    httpserver.expect_request(CCE_JOB).respond_with_handler(slow)
    ran = delete_job(timeout=0.1, retries=0)
    assert ran.failed and ran["status_code"] is None and ran["request_id"] is None
    assert ran["msg"] == "DELETE %s failed: timed out (ReadTimeout) after 1 attempt(s)" % CCE_JOB


def test_a_refused_connection_fails_the_id_naming_the_reason(run_module):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    ran = run_module("cce_job", dict(AKSK, endpoint="http://127.0.0.1:%d" % port, project_id=PROJECT_ID, job_id="job-1",
                                     retries=0))
    assert ran.failed and ran.ids() == ([], [], ["job-1"]) and ran["status_code"] is None
    assert ran["msg"].startswith("DELETE %s failed: connection error (" % CCE_JOB)
    assert "Connection refused" in ran["msg"] and ran["msg"].endswith("after 1 attempt(s)")


def test_tls_to_a_plain_http_server_is_a_tls_error_pointing_at_the_tls_options(httpserver, delete_job):
    ran = delete_job(endpoint=httpserver.url_for("/").replace("http://", "https://").rstrip("/"))
    assert ran.failed and ran["msg"].startswith("DELETE %s failed: TLS error: " % CCE_JOB)
    assert ran["msg"].endswith("(see validate_certs and ca_path)") and ran["retries"]["requests"] == 1


class RawServer:
    """A loopback server that answers each connection with the next raw reply, then closes it: replies no HTTP server
    library sends, such as a body that breaks off. Serves at most len(replies) connections, 5 s at most each."""

    def __init__(self, raw_replies):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(len(raw_replies))
        self._socket.settimeout(5)
        self.url = "http://127.0.0.1:%d" % self._socket.getsockname()[1]
        self.requests = []
        self._thread = threading.Thread(target=self._serve, args=(list(raw_replies),), daemon=True)
        self._thread.start()

    def _serve(self, raw_replies):
        for raw in raw_replies:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                self.requests.append(connection.recv(65536).split(b"\r\n", 1)[0].decode("ascii"))
                connection.sendall(raw)

    def close(self):
        try:
            self._socket.shutdown(socket.SHUT_RDWR)  # wakes an accept() still waiting
        except OSError:
            pass
        self._socket.close()
        self._thread.join(5)


def http_reply(status_line, body, content_length=None, extra_headers=""):
    headers = "Content-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n%s" % (
        len(body) if content_length is None else content_length, extra_headers)
    return ("HTTP/1.1 %s\r\n%s\r\n" % (status_line, headers)).encode("ascii") + body


GZIP = "Content-Encoding: gzip\r\n"  # over a plain body: ContentDecodingError


@pytest.mark.parametrize("unreadable, deleted_by_this_run", [
    (http_reply("200 OK", b'{"kind": "Status", "st', content_length=400), True),  # breaks off: ChunkedEncodingError
    (http_reply("200 OK", b'{"kind": "Status"}', extra_headers=GZIP), True),
    (http_reply("500 Internal Server Error", b'{"error_code": "CCE.01500001"}', extra_headers=GZIP), True),
    (http_reply("404 Not Found", b'{"errorCode": "CCE.01404001"}', extra_headers=GZIP), False),
    (http_reply("404 Not Found", b'{"errorCode": "CCE.014', content_length=400), False),
], ids=["200-breaks-off", "200-cannot-be-decoded", "500-cannot-be-decoded", "404-cannot-be-decoded", "404-breaks-off"])
def test_an_unreadable_reply_body_is_retried_and_only_a_status_that_may_have_deleted_makes_the_delete_this_runs(
        run_module, unreadable, deleted_by_this_run):
    not_found = json.dumps(services.SERVICES["cce"].shape(*services.SERVICES["cce"].errors["not_found"])).encode("utf-8")
    server = RawServer([unreadable, http_reply("404 Not Found", not_found)])
    try:
        ran = run_module("cce_job", dict(AKSK, endpoint=server.url, project_id=PROJECT_ID, job_id="job-1", retries=1))
    finally:
        server.close()
    assert server.requests == ["DELETE %s HTTP/1.1" % CCE_JOB] * 2
    # The service answered the first DELETE (it sent a status line) but its body could not be read: sent again, no
    # traceback. A 2xx or a 500 may have deleted the job, which the retry finds gone; a 404 said it was not there.
    assert ran.code == 0 and ran["changed"] is deleted_by_this_run and ran["retries"]["connection_error"] == 1
    assert ran.ids() == ((["job-1"], [], []) if deleted_by_this_run else ([], ["job-1"], []))


def test_a_password_token_that_expires_mid_run_is_renewed_once(cloud):
    cloud.seed(cce_jobs=[{"project_id": PROJECT_ID, "id": "job-1", "status": "Success"}])
    cloud.admin.faults(fault_rate=1.0, kinds=["token_expired"], count=1)
    ran = cloud.run("cce_job", job_id="job-1", **dict(NO_AKSK, **PASSWORD_LOGIN))
    assert ran.code == 0 and ran["deleted"] == ["job-1"] and ran["retries"]["reauthenticated"] == 1
    assert cloud.requests() == [("POST", "/v3/auth/tokens", 201), ("DELETE", CCE_JOB, 401),
                                ("POST", "/v3/auth/tokens", 201), ("DELETE", CCE_JOB, 204)]


def test_a_given_token_that_expires_is_not_renewed_and_fails_the_task(cloud):
    cloud.admin.faults(fault_rate=1.0, kinds=["token_expired"], count=1)
    ran = cloud.run("cce_job", job_ids=["job-1", "job-2"], auth_token=TOKEN, project_id=PROJECT_ID, **NO_AKSK)
    assert ran.failed and ran.ids() == ([], [], ["job-1", "job-2"]) and ran["status_code"] == 401
    assert ran["retries"]["reauthenticated"] == 0
    assert len(cloud.requests()) == 1  # the 401 stops the task's sending: the second id is not sent


def test_a_password_token_refused_again_after_its_renewal_fails_instead_of_renewing_forever(cloud):
    cloud.admin.faults(fault_rate=1.0, kinds=["token_expired"])  # every token is refused at its first use
    ran = cloud.run("cce_job", job_id="job-1", deadline=10, **dict(NO_AKSK, **PASSWORD_LOGIN))
    assert ran.failed and ran["status_code"] == 401 and ran["retries"]["reauthenticated"] == 1
    assert cloud.requests() == [("POST", "/v3/auth/tokens", 201), ("DELETE", CCE_JOB, 401),
                                ("POST", "/v3/auth/tokens", 201), ("DELETE", CCE_JOB, 401)]
