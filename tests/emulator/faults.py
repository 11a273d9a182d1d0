# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Injected latency and faults: the configuration (POST /_emulator/faults, CLI flags) and the per-request decision.

Three fault sources, consulted in this order for each request to the four services:

1. ``outage``: every request fails with the configured kind(s), taken in turn;
2. ``rate_limit``: a token bucket (TokenBucket); a request that finds it empty is throttled (429);
3. ``fault_rate``: random faults, drawn from one random.Random(seed), so a seed replays the same faults
   for the same order of requests. ``token_expired`` (opt-in, never a default kind) applies only to
   requests authenticated with an IAM token; any other request that draws it is answered normally and
   uses none of ``count``.

The whole decision is taken under one short lock (the bucket's own lock nests inside it); the caller
sleeps the latency afterwards, outside any lock.
"""

import math
import random
import threading
import time
from collections import namedtuple

from .protocol import check_object

STATUS_FAULTS = (500, 502, 503, 504, 429)
CONNECTION_FAULTS = ("reset", "timeout", "lost_reply")
FAULT_KINDS = STATUS_FAULTS + CONNECTION_FAULTS
# Faults of the caller's IAM token: the token is revoked and the gateway answers 401 (GATEWAY_ERRORS["bad_token"]).
# Opt-in: not in DEFAULTS["kinds"] (suites that rely on the default random faults would see 401s otherwise).
TOKEN_FAULTS = ("token_expired",)
# What ``kinds`` may name.
RANDOM_KINDS = FAULT_KINDS + TOKEN_FAULTS
# A total outage fails the request without applying it: no 429 (that is rate_limit) and no lost_reply.
OUTAGE_KINDS = (500, 502, 503, 504, "reset", "timeout")
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
MAX_RATE = 100000
MAX_BURST = 1000000

DEFAULTS = {
    "latency_ms": 0,
    "fault_rate": 0.0,
    "kinds": list(FAULT_KINDS),
    "seed": None,
    "count": None,
    "methods": None,
    "retry_after": 1,
    "timeout_seconds": 5.0,
    "rate_limit": None,
    "outage": None,
}
RATE_LIMIT_FIELDS = ("rate", "burst", "retry_after")
OUTAGE_FIELDS = ("status", "kinds")

# kind: None, a status code, a connection fault or "token_expired"; fault: what the request log records (None, the random
# kind, "throttled" or "outage"); retry_after: the Retry-After seconds of a 429, None for no header;
# limit: the rate (requests per second) a throttled request exceeded, else None.
Decision = namedtuple("Decision", "latency_seconds kind fault retry_after timeout_seconds limit")


def _number(config, name, minimum, maximum=None, integer=False, label=None):
    value = config[name]
    label = label or name
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        raise ValueError("%s must be a%s number, got %r" % (label, "n integer" if integer else "", value))
    if value < minimum or (maximum is not None and value > maximum):
        raise ValueError("%s is %r; expected %s..%s" % (label, value, minimum, "" if maximum is None else maximum))
    return value


def _kind(value, allowed=RANDOM_KINDS, where=""):
    # Status codes may come as numbers or strings ("503"); connection faults are names.
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or value not in allowed:
        raise ValueError("unknown fault kind %r%s; expected some of %s" % (
            value, " in %s" % where if where else "", ", ".join(str(kind) for kind in allowed)))
    return value


def default_burst(rate):
    """A bucket holds one second of requests (at least one): APIG's limits are counts per time unit."""
    return max(1, int(math.ceil(rate)))


def retry_after_seconds(wait):
    """Whole seconds until a token is available, at least 1 (a Retry-After of 0 invites a busy loop)."""
    return max(1, int(math.ceil(wait - 1e-9)))


def parse_rate_limit(value):
    """``None`` (off) or a complete ``{"rate", "burst", "retry_after"}``."""
    if value is None:
        return None
    check_object(value, RATE_LIMIT_FIELDS, "rate_limit")
    if "rate" not in value:
        raise ValueError("rate_limit needs a rate (requests per second), got %r" % (value,))
    limit = {"burst": None, "retry_after": True}
    limit.update(value)
    rate = _number(limit, "rate", 0, MAX_RATE, label="rate_limit.rate")
    if rate <= 0:
        raise ValueError("rate_limit.rate is %r; expected a number of requests per second above 0 (null turns it off)" % (rate,))
    limit["rate"] = float(rate)
    if limit["burst"] is None:
        limit["burst"] = default_burst(rate)
    _number(limit, "burst", 1, MAX_BURST, integer=True, label="rate_limit.burst")
    if not isinstance(limit["retry_after"], bool):
        raise ValueError("rate_limit.retry_after must be true or false, got %r" % (limit["retry_after"],))
    return limit


def parse_outage(value):
    """``None`` (off) or ``{"kinds": [..]}`` from ``{"status": kind or [kinds]}`` or ``{"kinds": [kinds]}``."""
    if value is None:
        return None
    check_object(value, OUTAGE_FIELDS, "outage")
    if ("status" in value) == ("kinds" in value):
        raise ValueError("outage takes one of status (a kind or a list) or kinds (a list), got %r" % (value,))
    kinds = value["kinds"] if "kinds" in value else value["status"]
    if "status" in value and not isinstance(kinds, list):
        kinds = [kinds]
    name = "outage.kinds" if "kinds" in value else "outage.status"
    if not isinstance(kinds, list) or not kinds:
        raise ValueError("%s must be a non-empty list, got %r" % (name, kinds))
    return {"kinds": [_kind(kind, OUTAGE_KINDS, name) for kind in kinds]}


def parse_config(payload):
    """A complete, validated configuration from a partial one (omitted fields take DEFAULTS)."""
    check_object(payload, DEFAULTS, "the faults configuration")
    config = dict(DEFAULTS, **payload)
    _number(config, "latency_ms", 0, 600000)
    config["fault_rate"] = float(_number(config, "fault_rate", 0, 1))
    _number(config, "retry_after", 0, 3600, integer=True)
    config["timeout_seconds"] = float(_number(config, "timeout_seconds", 0, 3600))
    if config["count"] is not None:
        _number(config, "count", 0, integer=True)
    if config["seed"] is not None:
        _number(config, "seed", 0, integer=True)
    if not isinstance(config["kinds"], list) or not config["kinds"]:
        raise ValueError("kinds must be a non-empty list, got %r" % (config["kinds"],))
    config["kinds"] = [_kind(kind) for kind in config["kinds"]]
    if config["methods"] is not None:
        if not isinstance(config["methods"], list) or not all(isinstance(method, str) for method in config["methods"]):
            raise ValueError("methods must be a list of HTTP methods, got %r" % (config["methods"],))
        config["methods"] = [method.upper() for method in config["methods"]]
        bad = [method for method in config["methods"] if method not in HTTP_METHODS]
        if bad:
            raise ValueError("unknown HTTP method(s) %s" % ", ".join(bad))
    config["rate_limit"] = parse_rate_limit(config["rate_limit"])
    config["outage"] = parse_outage(config["outage"])
    return config


class TokenBucket:
    """``rate`` tokens a second, at most ``burst`` held; a request takes one. Starts full; thread-safe.

    The tokens are refilled lazily, from the time elapsed since the last call, on ``clock`` (seconds,
    monotonic by default; tests inject a fake one and need no sleeps).
    """

    def __init__(self, rate, burst=None, clock=time.monotonic):
        if rate <= 0:
            raise ValueError("rate must be above 0, got %r" % (rate,))
        self.rate = float(rate)
        self.burst = default_burst(rate) if burst is None else burst
        if self.burst < 1:
            raise ValueError("burst must be at least 1, got %r" % (burst,))
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = float(self.burst)
        self._stamp = clock()

    def _refill(self):
        now = self._clock()
        if now > self._stamp:  # a clock that steps back adds nothing
            self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now

    def take(self):
        """``(True, 0.0)`` when a token was taken, else ``(False, seconds until one is available)``."""
        with self._lock:
            self._refill()
            if self._tokens >= 1 - 1e-9:
                self._tokens = max(0.0, self._tokens - 1)
                return True, 0.0
            return False, (1 - self._tokens) / self.rate

    def tokens(self):
        """The tokens available now (fractional), without taking one."""
        with self._lock:
            self._refill()
            return self._tokens


class Faults:
    def __init__(self, clock=time.monotonic):
        self._lock = threading.Lock()
        self._clock = clock
        self._config = dict(DEFAULTS)
        self._random = random.Random()
        self._remaining = None
        self._bucket = None
        self._outages = 0

    def configure(self, payload):
        """Replace the whole configuration; a rate limit starts with a full bucket, an outage with its first kind."""
        config = parse_config(payload)
        limit = config["rate_limit"]
        bucket = None if limit is None else TokenBucket(limit["rate"], limit["burst"], self._clock)
        with self._lock:
            self._config = config
            self._random = random.Random(config["seed"])
            self._remaining = config["count"]
            self._bucket = bucket
            self._outages = 0
        return self.current()

    def current(self):
        with self._lock:
            config = dict(self._config, remaining=self._remaining)
        # Copies: the caller may change what it gets, never the configuration in force.
        if config["rate_limit"] is not None:
            config["rate_limit"] = dict(config["rate_limit"])
        if config["outage"] is not None:
            config["outage"] = {"kinds": list(config["outage"]["kinds"])}
        return config

    def _draws_fault(self, method, injectable):
        config = self._config
        if not injectable or config["fault_rate"] <= 0 or self._remaining == 0:
            return False
        if config["methods"] is not None and method not in config["methods"]:
            return False
        return self._random.random() < config["fault_rate"]

    def decide(self, method, injectable, token=False):
        """Latency for every non-admin request; an outage, throttling or a fault only for ``injectable`` ones.

        ``injectable``: a route of the four services (not IAM, an unknown route or the admin API).
        ``token``: the request is authenticated with an IAM token (X-Auth-Token), so ``token_expired`` applies;
        for any other request a drawn ``token_expired`` is no fault and leaves ``count`` alone.
        """
        with self._lock:
            config = self._config
            latency = config["latency_ms"] / 1000.0
            if injectable and config["outage"] is not None:
                kinds = config["outage"]["kinds"]
                kind = kinds[self._outages % len(kinds)]
                self._outages += 1
                return Decision(latency, kind, "outage", None, config["timeout_seconds"], None)
            if injectable and self._bucket is not None:
                allowed, wait = self._bucket.take()
                if not allowed:
                    limit = config["rate_limit"]
                    retry_after = retry_after_seconds(wait) if limit["retry_after"] else None
                    return Decision(latency, 429, "throttled", retry_after, config["timeout_seconds"], limit["rate"])
            kind = None
            if self._draws_fault(method, injectable):
                kind = self._random.choice(config["kinds"])
                if kind in TOKEN_FAULTS and not token:
                    kind = None
                elif self._remaining is not None:
                    self._remaining -= 1
            return Decision(latency, kind, kind, config["retry_after"], config["timeout_seconds"], None)
