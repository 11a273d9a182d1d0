"""The outage breaker across a run: a lone stream (an _info module's list calls) and a pool stop within
OUTAGE_SECONDS in an outage, whatever the jitter draws; a flaky service never trips it. Real HTTP on loopback
(pytest-httpserver), time on a fake clock: nothing here really waits."""

import re
import threading

import pytest
import requests
from werkzeug.wrappers import Response

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import OUTAGE_SECONDS, OutageBreaker
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import RunLimits
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.transport import Transport

OUTAGE_REPLY = ('{"error_code": "APIG.0202", "error_msg": "Backend unavailable"}', 503)
JITTER = [0.0, 0.5, 1.0]  # the backoff's random draw: shortest, middle, longest


def transport(clock, retries=5, rand=1.0):
    limits = RunLimits(retries, 1800.0, clock=clock, sleep=clock.sleep, rand=lambda: rand)
    return Transport(requests, 5, retries, limits=limits)


def serve(httpserver, answer):
    """Every request to /x gets ``answer(number)`` (number counts from 0); returns the list of requests seen."""
    seen = []

    def handler(request):
        seen.append(request)
        return answer(len(seen) - 1)
    httpserver.expect_request("/x").respond_with_handler(handler)
    return seen


@pytest.mark.parametrize("rand", JITTER)
def test_a_lone_stream_stops_within_the_window_and_names_the_outage(httpserver, fake_clock, rand):
    seen = serve(httpserver, lambda _number: Response(*OUTAGE_REPLY))
    client, started = transport(fake_clock, rand=rand), fake_clock.now
    with pytest.raises(ApiError) as first:
        client.request("GET", httpserver.url_for("/x"))
    assert fake_clock.now - started == pytest.approx(OUTAGE_SECONDS)  # not the 31 s the backoff may draw
    assert len(seen) == 6  # every attempt of the request: a list fails no sooner than without the breaker
    assert first.value.status_code == 503 and first.value.error_code == "APIG.0202"
    assert ("gave up after 6 attempt(s): the service is failing (6 failures in a row across the task in 5.0 s, "
            "no answer in between; last: HTTP 503 APIG.0202: Backend unavailable)") in first.value.message()
    with pytest.raises(ApiError, match="not attempted: the service is failing"):
        client.request("GET", httpserver.url_for("/x"))
    assert len(seen) == 6


@pytest.mark.parametrize("rand", JITTER)
def test_a_lone_stream_of_refused_connections_stops_within_the_window(fake_clock, rand):
    client, started = transport(fake_clock, rand=rand), fake_clock.now
    with pytest.raises(ApiError, match=r"gave up after 6 attempt\(s\): the service is failing \(6 failures in a row.*"
                                       r"last: connection error"):
        client.request("GET", "http://127.0.0.1:9/x")
    assert fake_clock.now - started == pytest.approx(OUTAGE_SECONDS)


def test_twenty_failures_in_a_row_open_it_sooner(httpserver, fake_clock):
    seen = serve(httpserver, lambda _number: Response(*OUTAGE_REPLY))
    client = transport(fake_clock, retries=30, rand=0.0)  # no backoff at all: 20 failures come before the window
    with pytest.raises(ApiError, match=r"gave up after 20 attempt\(s\): the service is failing \(20 failures in a row "
                                       r"across the task in 0.0 s"):
        client.request("DELETE", httpserver.url_for("/x"))
    assert len(seen) == 20


@pytest.mark.parametrize("retries", [1, 2])
def test_few_retries_keep_their_own_backoff(httpserver, fake_clock, retries):
    """The last retry waits for the window only when its backoff could have drawn that long: retries 1 and 2
    (ceilings 1 s and 2 s) keep theirs, so a flaky lone stream pays nothing for the breaker."""
    serve(httpserver, lambda _number: Response(*OUTAGE_REPLY))
    client = transport(fake_clock, retries=retries, rand=1.0)
    assert client.request("GET", httpserver.url_for("/x")).status_code == 503
    assert fake_clock.slept == [1.0, 2.0][:retries] and client.limits.breaker.open is False


@pytest.mark.parametrize("rand", JITTER)
@pytest.mark.parametrize("answered_every", [3, 6])
def test_a_flaky_lone_stream_never_trips_it(httpserver, fake_clock, rand, answered_every):
    """Every 3rd (6th: five failures, then an answer) attempt answered: 100 requests, each settled."""
    serve(httpserver, lambda number: Response("", 204) if number % answered_every == answered_every - 1 else Response(*OUTAGE_REPLY))
    client = transport(fake_clock, rand=rand)
    statuses = [client.request("DELETE", httpserver.url_for("/x")).status_code for _request in range(100)]
    assert statuses == [204] * 100 and client.limits.breaker.open is False


def test_a_throttle_restarts_the_window_but_not_the_count(fake_clock):
    breaker = OutageBreaker(timed_failures=3, clock=fake_clock)
    breaker.failed("HTTP 503")
    breaker.failed("HTTP 503")
    fake_clock.now += 4
    breaker.throttled()  # the pool then waits for the gateway: that time is no failure of the service
    fake_clock.now += 30
    assert breaker.closes_in() is None
    breaker.failed("HTTP 503")
    assert breaker.open is False and breaker.closes_in() == OUTAGE_SECONDS
    fake_clock.now += OUTAGE_SECONDS
    breaker.failed("HTTP 503")
    assert breaker.open is False  # the timed rule opens only on a request that failed its last attempt
    breaker.failed("HTTP 503", last_attempt=True)
    assert breaker.open is True and breaker.opened_with == (5, OUTAGE_SECONDS)


def test_an_answer_resets_count_and_window(fake_clock):
    breaker = OutageBreaker(timed_failures=2, clock=fake_clock)
    breaker.failed("HTTP 503")
    fake_clock.now += 10
    breaker.answered()
    breaker.failed("HTTP 503")
    assert breaker.open is False and breaker.closes_in() == OUTAGE_SECONDS


class VirtualClock:
    """A clock for threads that moves only when every worker sleeps, to the earliest wake-up: a pool's timing
    without real waits. A request takes no time on it."""

    def __init__(self, workers, start=1000.0):
        self.now = start
        self._condition = threading.Condition()
        self._awake = workers
        self._wake_ups = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        with self._condition:
            wake_up = self.now + seconds
            self._wake_ups.append(wake_up)
            self._awake -= 1
            self._advance()
            while self.now < wake_up:
                self._condition.wait()
            self._wake_ups.remove(wake_up)
            self._awake += 1

    def leave(self):
        """A worker is done: the others no longer wait for it."""
        with self._condition:
            self._awake -= 1
            self._advance()

    def _advance(self):
        if self._awake == 0 and self._wake_ups:
            self.now = max(self.now, min(self._wake_ups))
            self._condition.notify_all()


def run_pool(httpserver, answer, rand, workers=8, ids=200):
    """``ids`` deletes from ``workers`` threads on a virtual clock, id n's attempt a answered ``answer(a)`` (a from 0);
    (seconds, requests seen, errors, statuses)."""
    seen = []

    def handler(request):
        seen.append(request.path)
        return answer(seen.count(request.path) - 1)
    httpserver.expect_request(re.compile("^/x/")).respond_with_handler(handler)
    clock = VirtualClock(workers)
    limits = RunLimits(5, 1800.0, clock=clock, sleep=clock.sleep, rand=lambda: rand)
    client = Transport(requests, 5, 5, pool_size=workers, limits=limits)
    errors, statuses, started = [], [], clock.now

    def worker(number):
        try:
            for resource_id in range(number, ids, workers):
                try:
                    statuses.append(client.request("DELETE", httpserver.url_for("/x/%d" % resource_id)).status_code)
                except ApiError as error:
                    errors.append(error.message())
        finally:
            clock.leave()
    threads = [threading.Thread(target=worker, args=(number,)) for number in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return clock.now - started, len(seen), errors, statuses


@pytest.mark.parametrize("rand", JITTER)
def test_a_pool_in_an_outage_still_stops_fast(threaded_httpserver, rand):
    seconds, sent, errors, statuses = run_pool(threaded_httpserver, lambda _number: Response(*OUTAGE_REPLY), rand)
    assert seconds <= OUTAGE_SECONDS
    assert sent <= 20 + 7  # the 20th failure opens it; the other workers' requests had already passed the check
    assert statuses == [] and len(errors) == 200  # every id reported
    assert all("the service is failing (" in message for message in errors)
    assert sum(1 for message in errors if "not attempted: the service is failing" in message) >= 190


@pytest.mark.parametrize("rand", JITTER)
def test_a_flaky_pool_never_trips_it(threaded_httpserver, rand):
    """Each id answered at its third attempt, so two failures in every three across the pool: every id settled."""
    seconds, sent, errors, statuses = run_pool(
        threaded_httpserver, lambda number: Response("", 204) if number % 3 == 2 else Response(*OUTAGE_REPLY), rand)
    assert errors == [] and statuses == [204] * 200 and sent == 600
