# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""When to try a request again, how long to wait first, and what a run shares about it (docs/decisions.md)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import time
from datetime import datetime, timezone

from ansible_collections.hwc.cleanup.plugins.module_utils.guards import Deadline, FirstReplyGate, OutageBreaker
from ansible_collections.hwc.cleanup.plugins.module_utils.pacing import RateController
from ansible_collections.hwc.cleanup.plugins.module_utils.results import RETRY_KINDS

RETRYABLE_STATUS = frozenset((429, 500, 502, 503, 504))
# Codes that say "too many requests" whatever the HTTP status (CodeArts Build sends its own with HTTP 500).
# research: APIG.0308 / APIGW.0308: https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html;
# CB.00060211, CB.00060100: CodeArts Build error codes (HTTP 500); CCE.02429001, CCE.01429002 (resource locked),
# CCE.01429003 (concurrency limit): CCE error codes. Sources and status: docs/vendor-facts.md.
THROTTLING_CODES = frozenset(("APIG.0308", "APIGW.0308", "CB.00060211", "CB.00060100", "CCE.02429001", "CCE.01429002",
                              "CCE.01429003"))
# A reply of these (and any lost reply) may come after the service acted: the outcome is unknown.
UNKNOWN_OUTCOME_STATUS = frozenset((500, 502, 504))

BASE_SECONDS = 1.0
FACTOR = 2.0
CAP_SECONDS = 30.0
RETRY_AFTER_CAP_SECONDS = 120.0


def is_throttled(status_code, error_code):
    return status_code == 429 or error_code in THROTTLING_CODES


def should_retry(status_code, error_code):
    return status_code in RETRYABLE_STATUS or error_code in THROTTLING_CODES


def leaves_outcome_unknown(status_code, error_code):
    """A throttled request was refused before the service acted, whatever its status."""
    return status_code in UNKNOWN_OUTCOME_STATUS and not is_throttled(status_code, error_code)


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


class RunLimits:
    """What every worker of one module run shares about sending: pacing, the outage breaker, the deadline,
    the gate of the first reply, the per-request retry policy and the tally. Clock, sleep and random source are injectable."""

    def __init__(self, retries, deadline_seconds, clock=time.monotonic, sleep=time.sleep, rand=random.random):
        self.policy = RetryPolicy(retries, rand)
        self.pacer = RateController(clock, sleep, rand)
        self.breaker = OutageBreaker(timed_failures=retries + 1, clock=clock)  # one request's attempts: guards.py
        self.deadline = Deadline(deadline_seconds, clock)
        self.tally = RetryTally()
        self.sleep = sleep
        self.gate = FirstReplyGate()
