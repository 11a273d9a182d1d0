# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Injected latency and faults: the configuration (POST /_emulator/faults, CLI flags) and the per-request decision.

The decision is drawn under a lock from one random.Random(seed), so a seed replays the same
faults for the same order of requests; the caller sleeps afterwards, outside any lock.
"""

import random
import threading
from collections import namedtuple

from .protocol import check_object

STATUS_FAULTS = (500, 502, 503, 504, 429)
CONNECTION_FAULTS = ("reset", "timeout", "lost_reply")
FAULT_KINDS = STATUS_FAULTS + CONNECTION_FAULTS
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

DEFAULTS = {
    "latency_ms": 0,
    "fault_rate": 0.0,
    "kinds": list(FAULT_KINDS),
    "seed": None,
    "count": None,
    "methods": None,
    "retry_after": 1,
    "timeout_seconds": 5.0,
}

# kind: None or one of FAULT_KINDS; retry_after / timeout_seconds: as configured when drawn.
Decision = namedtuple("Decision", "latency_seconds kind retry_after timeout_seconds")


def _number(config, name, minimum, maximum=None, integer=False):
    value = config[name]
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        raise ValueError("%s must be a%s number, got %r" % (name, "n integer" if integer else "", value))
    if value < minimum or (maximum is not None and value > maximum):
        raise ValueError("%s is %r; expected %s..%s" % (name, value, minimum, "" if maximum is None else maximum))
    return value


def _kind(value):
    # Status codes may come as numbers or strings ("503"); connection faults are names.
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if value not in FAULT_KINDS or isinstance(value, bool):
        raise ValueError("unknown fault kind %r; expected some of %s" % (value, ", ".join(str(kind) for kind in FAULT_KINDS)))
    return value


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
    return config


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._config = dict(DEFAULTS)
        self._random = random.Random()
        self._remaining = None

    def configure(self, payload):
        config = parse_config(payload)
        with self._lock:
            self._config = config
            self._random = random.Random(config["seed"])
            self._remaining = config["count"]
        return self.current()

    def current(self):
        with self._lock:
            return dict(self._config, remaining=self._remaining)

    def _draws_fault(self, method, injectable):
        config = self._config
        if not injectable or config["fault_rate"] <= 0 or self._remaining == 0:
            return False
        if config["methods"] is not None and method not in config["methods"]:
            return False
        return self._random.random() < config["fault_rate"]

    def decide(self, method, injectable):
        """Latency for every non-admin request; a fault only for ``injectable`` ones (the four services)."""
        with self._lock:
            config = self._config
            kind = None
            if self._draws_fault(method, injectable):
                kind = self._random.choice(config["kinds"])
                if self._remaining is not None:
                    self._remaining -= 1
            return Decision(config["latency_ms"] / 1000.0, kind, config["retry_after"], config["timeout_seconds"])
