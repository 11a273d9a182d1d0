# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""HTTP over one keep-alive connection pool (requests' HTTPAdapter): signing per attempt, retries, no redirects.

Transport.request sends one request until it has its answer: each attempt waits its turn (sending.RunLimits: the
outage breaker, the deadline, the pacer, the gate of the first reply), is signed, sent and read; what is sent again
is sending.retry_kind's to say.
"""

import json
import os
from collections import namedtuple
from urllib.parse import urlsplit

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError, DeadlineReached, ServiceFailing
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.replies import (
    ROUTE_MISSING_HINT, Reply, is_gateway_code, route_missing)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import (
    CONNECTION_ERROR, REAUTHENTICATED, SERVER_ERROR, SERVER_ERRORS, THROTTLED, TIMEOUT, RunLimits, parse_retry_after,
    retry_kind)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.signing import canonical_query

USER_AGENT = "hwc.cleanup-ansible-collection"


class Transport:
    """One connection pool per module run, sized to the module's concurrency.

    Requests go to urllib3 (requests' own dependency), not through requests' Session or adapter: a Session
    reads the environment (proxies, CA bundle, ~/.netrc) and merges its settings on every request, and the
    adapter's PreparedRequest, Response and cookie handling cost as much CPU again as the sending itself.
    requests' HTTPAdapter still chooses the connection pool, once per host (proxies, TLS verification, CA
    bundle), and its exceptions are what a failed attempt raises (_sending_error). ~/.netrc is never read:
    its Basic credentials would replace the AK/SK signature or go out beside the token. Cookies are kept
    and sent back, as a Session does.
    """

    def __init__(self, requests_lib, timeout, retries, validate_certs=True, ca_path=None, pool_size=8, deadline=1800.0,
                 limits=None):
        import urllib3  # requests' own dependency, loaded with it

        self._requests = requests_lib
        self._urllib3 = urllib3
        self._never_connected = urllib3.exceptions.NewConnectionError
        self._timeout = urllib3.Timeout(connect=timeout, read=timeout)
        self.limits = limits or RunLimits(retries, deadline)
        # A run talks to two hosts at most (IAM, the service): 4 pools never evict one that _pools holds.
        self._adapter = requests_lib.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0)
        self._verify = _verify_setting(validate_certs, ca_path)
        self._pools = {}  # (scheme, host) -> (urllib3 pool, what the request line puts before the path), once per host
        self._cookies = requests_lib.cookies.RequestsCookieJar()  # sent back on later requests, as a Session does

    def close(self):
        self._adapter.close()

    def _pool_for(self, parts, url):
        """The urllib3 pool for the URL's host as requests' adapter chooses it (the environment's proxies:
        HTTPS_PROXY, NO_PROXY, ...; TLS verification and CA bundle), and what the request line puts before the
        path: scheme and host for plain http through a proxy, else nothing. Chosen once per host."""
        key = (parts.scheme, parts.netloc)
        if key not in self._pools:
            proxies = self._requests.utils.get_environ_proxies(url)
            prepared = self._requests.Request("GET", url).prepare()
            pool = self._adapter.get_connection_with_tls_context(prepared, self._verify, proxies=proxies)
            self._adapter.cert_verify(pool, url, self._verify, None)
            whole_url = self._adapter.request_url(prepared, proxies) != prepared.path_url
            prepared_parts = urlsplit(prepared.url)
            self._pools[key] = (pool, "%s://%s" % (prepared_parts.scheme, prepared_parts.netloc) if whole_url else "")
        return self._pools[key]

    def _send(self, method, url, headers, body):
        """One attempt: ((status_code, headers), body read), or requests' exception, also when the body breaks off.

        The request on the wire is the one requests' PreparedRequest made: Content-Length on every method but
        GET and HEAD, and the cookies the jar holds for the URL.
        """
        parts = urlsplit(url)
        pool, before_path = self._pool_for(parts, url)
        # requote_uri: the path and query as PreparedRequest sends them (an endpoint's path may hold any character)
        path = self._requests.utils.requote_uri((parts.path or "/") + ("?" + parts.query if parts.query else ""))
        if body or method not in ("GET", "HEAD"):
            headers["Content-Length"] = str(len(body))
        cookies = self._requests.cookies
        if self._cookies:  # most runs never get a cookie: no PreparedRequest for them
            cookie = cookies.get_cookie_header(self._cookies, self._requests.Request(method, url, headers=headers).prepare())
            if cookie is not None:
                headers["Cookie"] = cookie
        try:
            raw = pool.request(method, before_path + path, body=body or None, headers=headers, redirect=False, assert_same_host=False,
                               preload_content=False, decode_content=False, retries=self._adapter.max_retries,
                               timeout=self._timeout, chunked=False)
        except self._urllib3.exceptions.HTTPError as exc:
            raise _sending_error(self._requests.exceptions, self._urllib3.exceptions, exc)
        except OSError as exc:
            raise self._requests.exceptions.ConnectionError(exc)
        try:
            content = raw.read(decode_content=True)
        except self._urllib3.exceptions.HTTPError as exc:
            error = _reading_error(self._requests.exceptions, self._urllib3.exceptions, exc)
            error.answered_status = raw.status  # what the service said before its body could not be read
            raise error
        if "Set-Cookie" in raw.headers:  # kept as a Session keeps them: from a jar of the reply's own
            received = cookies.RequestsCookieJar()
            cookies.extract_cookies_to_jar(received, self._requests.Request(method, url, headers=headers).prepare(), raw)
            self._cookies.update(received)
        return _Answer(raw.status, raw.headers), content

    def request(self, method, url, params=None, json_body=None, auth=None, project_id=None):
        """Send with retries; a Reply for any HTTP answer, ApiError when none came after the last try.

        Failures (5xx, connection errors, timeouts) spend the request's retries; throttling answers do not: they
        slow the whole pool (limits.pacer) until the deadline. An outage (limits.breaker) or the deadline ends the
        request with what it saw last.
        """
        query = canonical_query(params) if params else ""
        parts = urlsplit(url)
        target = url + ("?" + query if query else "")
        body = json.dumps(json_body).encode("utf-8") if json_body is not None else b""
        attempt = _Attempt(method, parts.path)
        while True:
            ticket, held = self._turn(attempt, gated=auth is not None)  # IAM's own calls (auth None) are not gated
            headers = {"User-Agent": USER_AGENT, "Accept": "application/json", "Content-Type": "application/json"}
            try:
                if auth is not None:
                    auth.apply(method, parts.netloc, parts.path, query, headers, body, project_id)
                self.limits.tally.sent()
                attempt.count += 1
                response, content = self._send(method, target, headers, body)
            except self._requests.exceptions.SSLError as exc:  # never sent again: the next attempt meets the same certificate
                self.limits.gate.leave(held)
                raise ApiError(method, parts.path, error_msg="TLS error: %s (see validate_certs and ca_path)" % (exc,))
            # A body that breaks off (ChunkedEncodingError) or cannot be decoded (ContentDecodingError: its
            # Content-Encoding lies) is a connection lost after the service answered: sent again, and the answer's
            # status says whether this attempt may have been carried out (_may_have_arrived).
            except (self._requests.exceptions.ConnectionError, self._requests.exceptions.Timeout,
                    self._requests.exceptions.ChunkedEncodingError, self._requests.exceptions.ContentDecodingError) as exc:
                self.limits.gate.leave(held)
                self._failed_without_reply(attempt, exc)
                continue
            except BaseException:  # whatever fails here (the credential too), the other workers must not wait forever
                self.limits.gate.leave(held)
                raise
            reply = Reply(method, parts.path, response.status_code, response.headers, content, attempt.outcome_unknown)
            if auth is not None and self._passes_gate(reply, auth, headers, attempt, held):
                continue
            if not self._sends_again(reply, attempt, ticket):
                return reply

    def _turn(self, attempt, gated):
        """Wait for the attempt's turn: (the pacer's ticket, whether it holds the gate of the first reply). An outage,
        the deadline, or an earlier reply that stopped the gate ends the request here."""
        limits = self.limits
        try:
            limits.breaker.check()
            limits.deadline.check()
            ticket = limits.pacer.acquire(limits.deadline)
        except (ServiceFailing, DeadlineReached) as stop:
            raise attempt.given_up(stop, limits)
        held = gated and limits.gate.enter()
        if limits.gate.stopped is not None:
            limits.gate.leave(held)
            raise ApiError(attempt.method, attempt.path, hint="not sent: an earlier request of the task showed that every "
                           "request would fail (%s)" % limits.gate.stopped.message(), **limits.gate.stopped.facts())
        return ticket, held

    def _failed_without_reply(self, attempt, exc):
        """A connection error or a timeout: a failure, to be sent again after the backoff; ApiError after the last
        retry. Its outcome is unknown unless the connection was never made."""
        attempt.outcome_unknown = attempt.outcome_unknown or self._may_have_arrived(exc)
        attempt.last = ApiError(attempt.method, attempt.path, error_msg=_describe(exc))
        self._failed(attempt, attempt.last.error_msg)
        if attempt.retries_used >= self.limits.policy.retries:
            raise ApiError(attempt.method, attempt.path, error_msg="%s after %d attempt(s)" % (_describe(exc), attempt.count))
        self.limits.tally.count(TIMEOUT if isinstance(exc, self._requests.exceptions.Timeout) else CONNECTION_ERROR)
        self._retry_after_failure(attempt, None)

    def _sends_again(self, reply, attempt, ticket):
        """After a reply: True, once its wait is over, when sending.retry_kind says it is sent again."""
        limits = self.limits
        status = reply.status_code
        code = reply.error()[0] if status >= 400 else None
        retry_after = parse_retry_after(reply.headers.get("Retry-After")) if status >= 400 else None
        kind = retry_kind(status, code)
        if kind == THROTTLED:
            attempt.last = reply.api_error()
            attempt.throttled += 1
            # A throttling code in a 5xx (CodeArts Build's, HTTP 500) is the backend's answer, which may come after it acted.
            attempt.outcome_unknown = attempt.outcome_unknown or SERVER_ERRORS.get(status, False)
            limits.tally.count(THROTTLED)
            limits.breaker.throttled()
            self._wait(attempt, limits.pacer.throttled(ticket, retry_after, attempt.throttled))
            return True
        limits.pacer.passed(ticket)
        if kind == SERVER_ERROR:
            attempt.last = reply.api_error()
            self._failed(attempt, "HTTP %d %s" % (status, code or "")
                         + (": %s" % attempt.last.error_msg if attempt.last.error_msg else ""))
            if attempt.retries_used < limits.policy.retries:
                attempt.outcome_unknown = attempt.outcome_unknown or SERVER_ERRORS[status]
                limits.tally.count(SERVER_ERROR)
                self._retry_after_failure(attempt, retry_after)
                return True
            return False
        limits.breaker.answered()
        return False

    def _passes_gate(self, reply, auth, used_headers, attempt, held):
        """Leave the gate after a reply; True when the request is to be sent again with a fresh token.

        A 401 that a fresh token does not cure (AK/SK and a given token are never refreshed; a password token once
        per request), a gateway 401/403 and a reply of no API of the service (replies.route_missing) stop the task's
        sending; a throttle or a server error neither opens nor stops; any other reply opens the gate.
        """
        status, code = reply.status_code, reply.error()[0]
        if status == 401 and not attempt.reauthenticated:
            try:
                refreshed = auth.refresh(used_headers)  # while the gate is held: nobody else sends the stale token
            except ApiError as error:
                self.limits.gate.leave(held, stop=error)
                raise
            except BaseException:
                self.limits.gate.leave(held)  # never leave the other workers waiting on a gate nobody holds open
                raise
            if refreshed:
                attempt.reauthenticated = True
                self.limits.tally.count(REAUTHENTICATED)
                self.limits.gate.leave(held)
                return True
        if status == 401 or status == 403 and is_gateway_code(code):
            self.limits.gate.leave(held, stop=reply.api_error())
        elif route_missing(reply, code):
            self.limits.gate.leave(held, stop=reply.api_error(hint=ROUTE_MISSING_HINT))
        else:
            self.limits.gate.leave(held, opens=status < 500 and retry_kind(status, code) != THROTTLED)
        return False

    def _retry_after_failure(self, attempt, retry_after):
        """Wait before the next retry of a failed attempt, unless that would pass the deadline.

        The backoff is timed to the outage breaker's window (OutageBreaker.wait); a Retry-After is waited for whole.
        """
        attempt.retries_used += 1
        policy, number = self.limits.policy, attempt.retries_used
        delay = policy.delay(number, retry_after)
        if retry_after is None:
            delay = self.limits.breaker.wait(delay, policy.ceiling(number), number == policy.retries)
        self._wait(attempt, delay)

    def _wait(self, attempt, seconds):
        """Sleep before the attempt is sent again, unless that would pass the deadline."""
        if seconds > self.limits.deadline.remaining():
            raise attempt.given_up(DeadlineReached(), self.limits)
        self.limits.sleep(seconds)

    def _failed(self, attempt, description):
        """A failed attempt (5xx, connection error, timeout), counted by the outage breaker; when it opens the
        breaker, the request ends here with the outage's message."""
        self.limits.breaker.failed(description, attempt.retries_used >= self.limits.policy.retries)
        if self.limits.breaker.open:
            raise attempt.given_up(ServiceFailing(), self.limits)

    def _may_have_arrived(self, exc):
        """Whether the request may have been carried out: False when the connection was never made, or when the
        status of an answer whose body could not be read says it was not (a 4xx, a 503), so that a 404 read halfway
        is never taken for this run's deletion."""
        status = getattr(exc, "answered_status", None)
        if status is not None:
            return 200 <= status < 300 or status >= 500 and SERVER_ERRORS.get(status, True)
        if isinstance(exc, self._requests.exceptions.ConnectTimeout):
            return False
        reason = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)
        return not isinstance(reason, self._never_connected)


# What request() reads of an answer besides its body (headers: urllib3's, case-insensitive).
_Answer = namedtuple("_Answer", "status_code headers")


class _Attempt:
    """One request's history across its attempts."""

    def __init__(self, method, path):
        self.method = method
        self.path = path
        self.count = 0  # attempts sent
        self.retries_used = 0  # failures retried (throttled attempts are not counted)
        self.throttled = 0  # throttled attempts
        self.outcome_unknown = False
        self.reauthenticated = False
        self.last = None  # ApiError of the last failed or throttled attempt

    def given_up(self, stop, limits):
        """The ApiError of a request that the deadline or an outage ended, with what it saw last."""
        if isinstance(stop, ServiceFailing):
            reason = limits.breaker.describe()
        else:
            reason = "the deadline of %g s (option deadline) was reached" % limits.deadline.seconds
        if self.count == 0 or self.last is None:
            return ApiError(self.method, self.path, error_msg="not attempted: " + reason)
        facts = self.last.facts()
        return ApiError(self.method, self.path, hint="gave up after %d attempt(s): %s" % (self.count, reason), **facts)


def ca_bundle(validate_certs, ca_path):
    """(where it was given, path) of the CA bundle that TLS is verified against: ca_path, else the environment's
    REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE; None for requests' own bundle, or when not validating. A requests Session
    would let the environment override validate_certs=false and ca_path too."""
    if not validate_certs:
        return None
    for where, path in (("ca_path", ca_path), ("the environment variable REQUESTS_CA_BUNDLE", os.environ.get("REQUESTS_CA_BUNDLE")),
                        ("the environment variable CURL_CA_BUNDLE", os.environ.get("CURL_CA_BUNDLE"))):
        if path:
            return where, path
    return None


def _verify_setting(validate_certs, ca_path):
    """requests' verify: False when not validating, else the CA bundle (ca_bundle), else True."""
    if not validate_certs:
        return False
    bundle = ca_bundle(validate_certs, ca_path)
    return bundle[1] if bundle else True


# (urllib3 exception, the requests exception raised for it), first match first: what requests' HTTPAdapter.send
# raises when sending fails (retries 0, no redirects), and what its Response.content raises when reading the body
# fails. A failed attempt raises the same exceptions as before urllib3 was called directly, so what it says
# (_describe) and counts as stay as they were.
SENDING_ERRORS = (("ProtocolError", "ConnectionError"), ("ClosedPoolError", "ConnectionError"), ("ProxyError", "ProxyError"),
                  ("SSLError", "SSLError"), ("ReadTimeoutError", "ReadTimeout"), ("InvalidHeader", "InvalidHeader"))
GAVE_UP_REASONS = (("ProxyError", "ProxyError"), ("SSLError", "SSLError"))  # of a MaxRetryError, after a ConnectTimeout
READING_ERRORS = (("ProtocolError", "ChunkedEncodingError"), ("DecodeError", "ContentDecodingError"),
                  ("ReadTimeoutError", "ConnectionError"), ("SSLError", "SSLError"))


def _translated(requests_errors, urllib3_errors, exc, table, tested=None):
    """The requests exception of the first row of ``table`` whose urllib3 class ``tested`` (else ``exc``) is; None."""
    for urllib3_name, requests_name in table:
        if isinstance(exc if tested is None else tested, getattr(urllib3_errors, urllib3_name)):
            return getattr(requests_errors, requests_name)(exc)
    return None


def _sending_error(requests_errors, urllib3_errors, exc):
    """What requests' HTTPAdapter.send raises when sending through the urllib3 pool raised ``exc``."""
    if isinstance(exc, urllib3_errors.MaxRetryError):
        reason = exc.reason
        if isinstance(reason, urllib3_errors.ConnectTimeoutError) and not isinstance(reason, urllib3_errors.NewConnectionError):
            return requests_errors.ConnectTimeout(exc)
        return _translated(requests_errors, urllib3_errors, exc, GAVE_UP_REASONS, reason) or requests_errors.ConnectionError(exc)
    return _translated(requests_errors, urllib3_errors, exc, SENDING_ERRORS) or exc


def _reading_error(requests_errors, urllib3_errors, exc):
    """What requests' Response.content raises when reading the body raised ``exc``."""
    return _translated(requests_errors, urllib3_errors, exc, READING_ERRORS) or exc


def _describe(exc):
    """The innermost reason, without requests' wrapping ("Max retries exceeded ...")."""
    if exc.__class__.__name__ in ("ReadTimeout", "ConnectTimeout", "Timeout"):
        return "timed out (%s)" % exc.__class__.__name__
    reason = exc.args[0] if exc.args else exc
    reason = getattr(reason, "reason", reason)
    return "connection error (%s)" % (reason,)
