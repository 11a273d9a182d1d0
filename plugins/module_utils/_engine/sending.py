# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""What every worker of a module run shares about sending (RunLimits): whether a reply is sent again and how long
to wait first, the tally the result reports, the deadline, the outage breaker and the gate of the first reply.
How fast the pool sends is pacing.py's (docs/decisions.md, "Throttling, the deadline and outages")."""

import random
import threading
import time
from datetime import datetime, timezone

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import DeadlineReached, ServiceFailing
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.pacing import RateController

# What a request is sent again for, the kinds the result's ``retries`` counts besides the requests sent.
THROTTLED, SERVER_ERROR, TIMEOUT, CONNECTION_ERROR, REAUTHENTICATED = (
    "throttled", "server_error", "timeout", "connection_error", "reauthenticated")
RETRY_KINDS = (THROTTLED, SERVER_ERROR, TIMEOUT, CONNECTION_ERROR, REAUTHENTICATED)

# Codes that say "too many requests" whatever the HTTP status (CodeArts Build sends its own with HTTP 500).
# research: APIG.0308 / APIGW.0308: https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html;
# CB.00060211, CB.00060100: CodeArts Build error codes (HTTP 500); CCE.02429001, CCE.01429002 (resource locked),
# CCE.01429003 (concurrency limit): CCE error codes. Sources and status: docs/vendor-facts.md.
THROTTLING_CODES = frozenset(("APIG.0308", "APIGW.0308", "CB.00060211", "CB.00060100", "CCE.02429001", "CCE.01429002",
                              "CCE.01429003"))
# Server errors a request is sent again for, and whether the service may have acted before answering so: a
# gateway's 500, 502 and 504 may come after the backend acted; 503 says the request was not processed.
SERVER_ERRORS = {500: True, 502: True, 503: False, 504: True}

BASE_SECONDS = 1.0
FACTOR = 2.0
CAP_SECONDS = 30.0
RETRY_AFTER_CAP_SECONDS = 120.0


def retry_kind(status_code, error_code):
    """Whether a reply is sent again, decided here and nowhere else: THROTTLED (a 429 or a throttling code, whatever
    the status: it waits its turn and spends no retry; only one in a status of SERVER_ERRORS that may come after the
    service acted, CodeArts Build's HTTP 500, leaves the outcome unknown), SERVER_ERROR (one of SERVER_ERRORS: it
    spends one of the request's retries), or None when the reply is the answer. A request that got no reply:
    Transport.request (timeouts and connection errors are sent again, TLS errors are not)."""
    if status_code == 429 or error_code in THROTTLING_CODES:
        return THROTTLED
    if status_code in SERVER_ERRORS:
        return SERVER_ERROR
    return None


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), capped; None if unusable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        from email.utils import parsedate_to_datetime  # only for the rare HTTP-date form

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - (now or datetime.now(timezone.utc))).total_seconds()
    return min(max(seconds, 0.0), RETRY_AFTER_CAP_SECONDS)


class RetryPolicy:
    """How often one request is sent again after a failure, and when: exponential backoff with full jitter.

    Throttled attempts are not failures: they do not count here (pacing.py and the deadline bound them).
    """

    def __init__(self, retries, rand=random.random):
        self.retries = retries
        self._random = rand

    def delay(self, retry_number, retry_after=None):
        """Seconds before retry number 1, 2, ...: Retry-After when given, else full jitter."""
        if retry_after is not None:
            return retry_after
        return self._random() * self.ceiling(retry_number)

    @staticmethod
    def ceiling(retry_number):
        """The longest backoff that retry number 1, 2, ... may draw."""
        return min(CAP_SECONDS, BASE_SECONDS * FACTOR ** (retry_number - 1))


class RetryTally:
    """How many requests a run sent, and how many it sent again, by kind: the result's ``retries``."""

    def __init__(self):
        # list.append is atomic: every worker counts every request without taking a lock
        self._sent = []
        self._again = []

    @property
    def requests(self):
        return len(self._sent)

    @property
    def counts(self):
        counts = dict((kind, 0) for kind in RETRY_KINDS)
        for kind in list(self._again):
            counts[kind] += 1
        return counts

    def sent(self):
        self._sent.append(True)

    def count(self, kind):
        self._again.append(kind)

    def result(self):
        return dict(self.counts, requests=self.requests)


def retry_report(limits, id_count, verbose):
    """``retries`` for the result: requests sent and retries by kind; with ``verbose`` a summary ``msg``."""
    counts = limits.tally.result() if limits is not None else dict(dict.fromkeys(RETRY_KINDS, 0), requests=0)
    report = {"retries": counts}
    if verbose:
        again = ", ".join("%d %s" % (counts[kind], kind.replace("_", " ")) for kind in sorted(counts)
                          if kind != "requests" and counts[kind])
        line = "%d request(s) for %d id(s)%s" % (counts["requests"], id_count, "; sent again: " + again if again else "")
        if limits is not None and limits.pacer.rate is not None:
            line += "; throttled: paced at %.1f requests/s at the end" % limits.pacer.rate
            if limits.pacer.limit is not None:
                line += " (the gateway's limit measured at %.1f)" % limits.pacer.limit
        report["msg"] = line
    return report


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


class RunLimits:
    """What every worker of one module run shares about sending: pacing, the outage breaker, the deadline,
    the gate of the first reply, the per-request retry policy and the tally. Clock, sleep and random source are injectable."""

    def __init__(self, retries, deadline_seconds, clock=time.monotonic, sleep=time.sleep, rand=random.random):
        self.policy = RetryPolicy(retries, rand)
        self.pacer = RateController(clock, sleep, rand)
        self.breaker = OutageBreaker(timed_failures=retries + 1, clock=clock)  # one request's attempts
        self.deadline = Deadline(deadline_seconds, clock)
        self.tally = RetryTally()
        self.sleep = sleep
        self.gate = FirstReplyGate()
