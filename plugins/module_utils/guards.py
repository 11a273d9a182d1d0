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
# A row of failures that has lasted this long is an outage too, once it holds as many failures as one request
# may make (retries + 1, at most OUTAGE_FAILURES): a lone stream (an _info module's list calls) never makes 20,
# and a retry's backoff wakes when this window closes (OutageBreaker.closes_in), so that every run in an
# outage stops within about this time plus its last request. Probabilities: OutageBreaker and docs/decisions.md.
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

    It opens on OUTAGE_FAILURES failures in a row, or on ``timed_failures`` (retries + 1, at most
    OUTAGE_FAILURES) failures in a row whose row is at least OUTAGE_SECONDS old. A throttling answer is no
    failure and no answer: the row keeps its count but its clock restarts (time spent waiting for the gateway
    says nothing about the service).

    Why the timed rule cannot turn a flaky service into an outage, at a failure rate f per attempt (0.3 in the
    soak) and r retries: a lone stream (one request at a time) reaches r + 1 failures in a row only when one
    request failed all its attempts, which fails that request anyway (f^(r+1): 7.3e-4 at r 5, 1.8e-6 at r 10);
    the breaker opens then instead of letting the next request start, which for a list ends nothing that had
    not already failed. A pool also needs OUTAGE_SECONDS with no answer from any worker: every busy worker's
    attempts in that time must fail (at least four each from a fresh request, f^4 = 0.008, so 0.008^8 < 10^-16
    for eight workers); the row of 20 stays the bound for the pool (f^20 = 3.5e-12 per position).
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

    def failed(self, description):
        with self._lock:
            now = self._clock()
            self._in_a_row += 1
            if self._since is None:
                self._since = now
            self.last_failure = description
            lasted = now - self._since
            if not self.open and (self._in_a_row >= self.threshold or
                                  self._in_a_row >= self.timed_failures and lasted >= self.seconds - CLOCK_SLACK):
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
        """Seconds until the current row's window closes (0 once it has), or None without a row: a retry's
        backoff wakes by then, so that even a lone stream sees an outage within OUTAGE_SECONDS."""
        since = self._since
        if since is None:
            return None
        return max(0.0, since + self.seconds - self._clock())

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
