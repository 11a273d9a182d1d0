# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One rate controller per module run, shared by every worker: throttling slows the pool, not one thread.

Unthrottled, requests go as fast as the workers send them. The first throttling answer pauses every
worker (until Retry-After, plus jitter so that they do not wake together), then paces the pool at a
rate below what got through, and probes upwards again: additive increase, multiplicative decrease,
as TCP congestion control and the AWS SDKs' "adaptive" retry mode do. One decrease per round: answers
to requests sent before the last decrease say nothing new about the current rate.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import threading
import time
from collections import deque

from ansible_collections.hwc.cleanup.plugins.module_utils.guards import DeadlineReached

DECREASE = 0.8  # the rate after a throttle, as a share of what got through
RECOVERY_SECONDS = 2.0  # time to climb back to the rate that got through before the throttle
PROBE_PER_SECOND = 0.05  # then, growth per second as a share of that rate
MINIMUM_RATE = 0.2  # requests per second
MEASURE_SECONDS = 5.0  # window of successes that tells what got through
SUCCESSES_KEPT = 2000
PAUSE_JITTER_SECONDS = 0.25
NO_RETRY_AFTER_PAUSE = (0.5, 30.0)  # base and cap of the full-jitter pause when the answer gives no Retry-After


class RateController:
    def __init__(self, clock=time.monotonic, sleep=time.sleep, rand=random.random):
        self._clock = clock
        self._sleep = sleep
        self._random = rand
        self._lock = threading.Lock()
        self._started = clock()
        self.rate = None  # requests per second; None until the first throttle: no pacing
        self._ceiling = None  # the rate that got through before the last throttle
        self._decreased_at = None
        self._next_send = 0.0
        self._paused_until = 0.0
        self._round = 0  # one per decrease
        self._throttled_in_a_row = 0
        self._successes = deque(maxlen=SUCCESSES_KEPT)  # times; appending to a deque needs no lock
        self._pauses = deque(maxlen=64)  # (start, end): time in which nothing could get through

    def acquire(self, deadline=None):
        """Wait for this worker's turn; returns the round, to hand to throttled(). DeadlineReached if too late."""
        if self.rate is None and self._paused_until <= self._clock():
            return self._round  # never throttled, not paused: the common case takes no lock
        with self._lock:
            now = self._clock()
            self._grow(now)
            start = max(now, self._paused_until, self._next_send)
            if self.rate:
                self._next_send = start + 1.0 / self.rate
            current_round = self._round
        wait = start - now
        if deadline is not None and wait > deadline.remaining():
            raise DeadlineReached()
        if wait > 0:
            self._sleep(wait)
        return current_round

    def succeeded(self):
        self._successes.append(self._clock())
        self._throttled_in_a_row = 0

    def throttled(self, sent_in_round, retry_after=None):
        """A throttling answer to a request sent in round ``sent_in_round``: pause everyone, slow down once."""
        with self._lock:
            now = self._clock()
            if sent_in_round == self._round:
                self._throttled_in_a_row += 1
                self._round += 1
                self._decrease(now)
            if retry_after is not None:
                pause = retry_after + self._random() * PAUSE_JITTER_SECONDS
            else:
                base, cap = NO_RETRY_AFTER_PAUSE
                pause = self._random() * min(cap, base * 2 ** (self._throttled_in_a_row - 1))
            if now + pause > self._paused_until:
                self._pauses.append((max(now, self._paused_until), now + pause))
                self._paused_until = now + pause
            self._next_send = max(self._next_send, self._paused_until)

    def _decrease(self, now):
        """Pace below what got through lately; before anything got through there is no rate to go by: pause only."""
        through = self._measured(now)
        if through is None and self.rate is None:
            return
        if through is None:  # nothing got through lately at the current rate
            ceiling = self.rate * DECREASE
        else:
            ceiling = min(self.rate, through) if self.rate is not None else through
        self._ceiling = max(MINIMUM_RATE, ceiling)
        self.rate = max(MINIMUM_RATE, self._ceiling * DECREASE)
        self._decreased_at = now

    def _measured(self, now):
        """Successes per second over the window, not counting the time paused (a sporadic throttle must not
        make the pool's own pause look like a lower rate), and at least one second (a first burst is no rate)."""
        recent = [when for when in list(self._successes) if when >= now - MEASURE_SECONDS]
        if not recent:
            return None
        start = max(recent[0], self._started)
        paused = sum(max(0.0, min(end, now) - max(begin, start)) for begin, end in self._pauses)
        return len(recent) / max(1.0, now - start - paused)

    def _grow(self, now):
        if self.rate is None or self._decreased_at is None:
            return
        elapsed = now - self._decreased_at
        floor = self._ceiling * DECREASE
        if elapsed < RECOVERY_SECONDS:
            self.rate = max(self.rate, floor + (self._ceiling - floor) * elapsed / RECOVERY_SECONDS)
        else:
            self.rate = max(self.rate, self._ceiling * (1 + PROBE_PER_SECOND * (elapsed - RECOVERY_SECONDS)))
