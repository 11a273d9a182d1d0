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
    """Counts failures in a row across every worker; any real answer (even a 4xx) resets it."""

    def __init__(self, threshold=OUTAGE_FAILURES):
        self.threshold = threshold
        self._lock = threading.Lock()
        self._in_a_row = 0
        self.last_failure = None
        self.open = False

    def check(self):
        if self.open:
            raise ServiceFailing()

    def failed(self, description):
        with self._lock:
            self._in_a_row += 1
            self.last_failure = description
            if self._in_a_row >= self.threshold:
                self.open = True

    def answered(self):
        if self._in_a_row:  # most answers find nothing to reset: no lock for them
            with self._lock:
                if not self.open:
                    self._in_a_row = 0


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
