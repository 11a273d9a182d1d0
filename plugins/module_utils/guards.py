# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ends a run's sending early: the task's deadline, and a service that only fails (an outage)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

# This many failures (5xx, connection errors, timeouts) in a row across the pool, with no answer in
# between, is an outage: stop sending. A flaky service at 30 % faults gets there once in 10^10 runs.
OUTAGE_FAILURES = 20
# A row of failures that has lasted this long is an outage too, when a request fails its last attempt in it and
# it holds as many failures as one request may make (retries + 1): a lone stream (an _info module's list calls)
# never makes 20, and a retry's backoff wakes when this window closes (OutageBreaker.wait), so that a run in an
# outage stops within about this time plus its last requests. Probabilities: OutageBreaker, docs/decisions.md.
OUTAGE_SECONDS = 5.0
# A sleeper woken by the window's close must find it closed, whatever the float rounding of clock + wait.
CLOCK_SLACK = 1e-6


class DeadlineReached(Exception):
    """Waiting would run past the task's deadline."""


class ServiceFailing(Exception):
    """The outage breaker is open: nothing more is sent in this run."""


class Deadline:
    """The end of the task's time (the deadline option); the clock is injectable."""

    def __init__(self, seconds, clock=time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self):
        return self._end - self._clock()

    def check(self):
        if self.remaining() <= 0:
            raise DeadlineReached()


class OutageBreaker:
    """Counts failures in a row across every worker; any real answer (even a 4xx) resets it.

    It opens on OUTAGE_FAILURES failures in a row, or when a request fails its last attempt in a row that holds
    ``timed_failures`` (retries + 1) failures and is at least OUTAGE_SECONDS old. A throttling answer is no
    failure and no answer: the row keeps its count but its clock restarts (time spent waiting for the gateway
    says nothing about the service).

    A flaky service, failing a share f of attempts at random (0.3 in the soak), with r retries: the timed rule
    only ever opens on a request that has failed all its attempts, which fails anyway (f^(r+1) per request:
    7.3e-4 at r 5, 1.8e-6 at r 10); it then stops the run instead of letting the next requests start. A lone
    stream (an _info module's list calls, one request at a time) opens it exactly then: for a list that ends
    nothing that had not already failed. A pool opens it far less often, since every worker must also have had
    no answer for OUTAGE_SECONDS: simulated at f 0.3 (python tests/performance/outage.py --odds, 10^6 requests
    each), 7.3e-5 per request at concurrency 2 and r 5, 1.0e-5 at 3, none at 8; at r 10, 1.0e-6 at 2, none
    at 8 (the soak). The row of 20 alone, as before: f^20 = 3.5e-11 per row.
    """

    def __init__(self, threshold=OUTAGE_FAILURES, timed_failures=OUTAGE_FAILURES, seconds=OUTAGE_SECONDS,
                 clock=time.monotonic):
        self.threshold = threshold
        self.timed_failures = min(timed_failures, threshold)
        self.seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._in_a_row = 0
        self._since = None  # when the row's clock started: its first failure, or the first after a throttle
        self.last_failure = None
        self.open = False
        self.opened_with = None  # (failures in a row, seconds) when it opened

    def check(self):
        if self.open:
            raise ServiceFailing()

    def failed(self, description, last_attempt=False):
        """A failure; ``last_attempt`` when its request has no retry left."""
        with self._lock:
            now = self._clock()
            self._in_a_row += 1
            if self._since is None:
                self._since = now
            self.last_failure = description
            lasted = now - self._since
            timed_out = last_attempt and self._in_a_row >= self.timed_failures and lasted >= self.seconds - CLOCK_SLACK
            if not self.open and (self._in_a_row >= self.threshold or timed_out):
                self.open = True
                self.opened_with = (self._in_a_row, lasted)

    def answered(self):
        if self._in_a_row:  # most answers find nothing to reset: no lock for them
            with self._lock:
                if not self.open:
                    self._in_a_row = 0
                    self._since = None

    def throttled(self):
        """A throttling answer: the row keeps its count, its clock starts again at the next failure."""
        if self._since is not None:
            with self._lock:
                self._since = None

    def closes_in(self):
        """Seconds until the current row's window closes (0 once it has), or None without a row."""
        since = self._since
        if since is None:
            return None
        return max(0.0, since + self.seconds - self._clock())

    def wait(self, backoff, ceiling, last_retry):
        """The wait before a retry, given the ``backoff`` drawn up to ``ceiling``: while failures follow each other
        with no answer, it ends by the window's close, and the last retry waits for the close when its backoff
        could have drawn that long anyway. Then a lone stream's failures tell an outage too, and at 4 retries or
        more a run in one stops within OUTAGE_SECONDS plus its last requests, whatever the jitter drew."""
        closes_in = self.closes_in()
        if closes_in is None:
            return backoff
        if last_retry and closes_in <= ceiling:
            return closes_in
        return min(backoff, closes_in)

    def describe(self):
        """Why it opened, for the error of every request it stopped."""
        count, lasted = self.opened_with
        return "the service is failing (%d failures in a row across the task in %.1f s, no answer in between; last: %s)" % (
            count, lasted, self.last_failure)


class FirstReplyGate:
    """One request at a time until a reply shows that the credential and the endpoint are good; none after a reply
    that shows either is bad (docs/decisions.md, "A task cannot lock a key").

    research: Huawei Cloud's API gateway locks an AK/SK for five minutes after more than five failed
    authentications in a row (docs/vendor-facts.md): a wrong secret key must cost one 401, not one per id.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.open = False  # a reply showed credential and endpoint good: requests go concurrently
        self.stopped = None  # the ApiError every later request would meet too: nothing more is sent

    def enter(self):
        """Wait for this request's turn; True when it holds the gate and must leave() it."""
        if self.open:
            return False
        self._lock.acquire()
        if self.open:
            self._lock.release()
            return False
        return True

    def leave(self, held, opens=False, stop=None):
        """After a reply (or none): ``opens`` when it showed credential and endpoint good, ``stop`` the error that
        ends sending. The stop is set before the next waiter gets its turn."""
        if stop is not None:
            self.stopped = stop
        elif opens:
            self.open = True
        if held:
            self._lock.release()
