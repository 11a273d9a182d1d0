# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Replies a test chooses (POST /_emulator/replies): a service's error reply, a canned reply of a route, page caps,
and the limits of the AK/SK lockout (auth.AkLockout).

Each POST replaces the whole configuration; omitted fields take DEFAULTS. See docs/emulator.md, "Chosen replies".
"""

import copy
import json
import threading

from . import services
from .protocol import Response, check_object

# research: signing guide FAQ https://support.huaweicloud.com/eu/nl-nl/devg-apisign/api-sign-0001.html: "AK/SK
# authentication fails for more than five consecutive times, and the AK/SK pair is locked for five minutes". Whether
# the 5th or the 6th failure locks is unverified; the emulator locks on the 5th
DEFAULT_AK_LOCKOUT = {"failures": 5, "seconds": 300}
DEFAULTS = {"errors": [], "routes": [], "page_caps": {}, "ak_lockout": DEFAULT_AK_LOCKOUT}
ERROR_FIELDS = ("service", "kind", "status", "error_code", "error_msg", "body", "raw", "content_type")
ROUTE_FIELDS = ("method", "route", "status", "body", "raw", "content_type", "count")
AK_LOCKOUT_FIELDS = ("failures", "seconds")
# The services whose list handlers page (CCE's list is one array, without paging).
PAGED_SERVICES = ("codearts_build", "workspace", "dcs")
JSON_TYPE = "application/json;charset=UTF-8"


def _integer(value, what, minimum, maximum=None):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or (maximum and value > maximum):
        raise ValueError("%s must be an integer %d..%s, got %r" % (what, minimum, maximum or "", value))
    return value


def _check_reply(entry, what):
    """The status and body fields of an error or route entry: at most one of error_code (with error_msg), body, raw."""
    _integer(entry.get("status"), what + ".status", 200, 599)
    given = [name for name in ("error_code", "body", "raw") if name in entry]
    if len(given) > 1:
        raise ValueError("%s takes one of error_code (with error_msg), body or raw, got %s" % (what, ", ".join(given)))
    if ("error_code" in entry) != ("error_msg" in entry):
        raise ValueError("%s: error_code and error_msg go together" % what)
    for name in ("error_code", "error_msg", "raw", "content_type"):
        if name in entry and not isinstance(entry[name], str):
            raise ValueError("%s.%s must be a string, got %r" % (what, name, entry[name]))
    if "content_type" in entry and "raw" not in entry:
        raise ValueError("%s: content_type goes with raw" % what)
    if entry["status"] == 204 and given:
        raise ValueError("%s: a 204 has no body, got %s" % (what, given[0]))


def _parse_error(entry, index):
    what = "errors[%d]" % index
    check_object(entry, ERROR_FIELDS, what)
    service = entry.get("service")
    if not isinstance(service, str) or service not in services.SERVICES:
        raise ValueError("%s.service is %r; expected one of %s" % (what, service, ", ".join(services.SERVICES)))
    kinds = services.SERVICES[service].errors
    if not isinstance(entry.get("kind"), str) or entry["kind"] not in kinds:
        raise ValueError("%s.kind is %r; %s has %s" % (what, entry.get("kind"), service, ", ".join(kinds)))
    _check_reply(entry, what)
    return dict(entry)


def _parse_route(entry, index):
    what = "routes[%d]" % index
    check_object(entry, ROUTE_FIELDS, what)
    known = [(route.method, route.pattern) for route in services.ROUTES]
    if (entry.get("method"), entry.get("route")) not in known:
        routes = ", ".join("%s %s" % pair for pair in known)
        raise ValueError("%s: no route %s %s; routes: %s" % (what, entry.get("method"), entry.get("route"), routes))
    _check_reply(entry, what)
    route = dict(entry, count=entry.get("count"))
    if route["count"] is not None:
        _integer(route["count"], what + ".count", 1)
    return route


def _parse_page_caps(caps):
    check_object(caps, PAGED_SERVICES, "page_caps")
    for service, cap in caps.items():
        _integer(cap, "page_caps.%s" % service, 1)
    return dict(caps)


def _parse_ak_lockout(limit):
    if limit is None:
        return None
    check_object(limit, AK_LOCKOUT_FIELDS, "ak_lockout")
    limit = dict(DEFAULT_AK_LOCKOUT, **limit)
    _integer(limit["failures"], "ak_lockout.failures", 1)
    seconds = limit["seconds"]
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 < seconds <= 86400:
        raise ValueError("ak_lockout.seconds must be a number above 0 and at most 86400, got %r" % (seconds,))
    return limit


def parse_config(payload):
    """A complete, validated configuration; ValueError naming the first bad value."""
    check_object(payload, DEFAULTS, "the replies configuration")
    config = dict(copy.deepcopy(DEFAULTS), **payload)
    for name in ("errors", "routes"):
        if not isinstance(config[name], list):
            raise ValueError("%s must be a list, got %r" % (name, config[name]))
    config["errors"] = [_parse_error(entry, index) for index, entry in enumerate(config["errors"])]
    chosen = [(entry["service"], entry["kind"]) for entry in config["errors"]]
    twice = sorted(set(pair for pair in chosen if chosen.count(pair) > 1))
    if twice:
        raise ValueError("errors: %s chosen twice" % ", ".join("%s %s" % pair for pair in twice))
    config["routes"] = [_parse_route(entry, index) for index, entry in enumerate(config["routes"])]
    config["page_caps"] = _parse_page_caps(config["page_caps"])
    config["ak_lockout"] = _parse_ak_lockout(config["ak_lockout"])
    return config


def reply(entry, shape=None):
    """The Response an error or route entry chooses; ``shape`` builds a body from error_code and error_msg."""
    status = entry["status"]
    if "raw" in entry:
        return Response(status, raw=entry["raw"].encode("utf-8"), content_type=entry.get("content_type", "text/plain"))
    if "body" in entry:
        return Response(status, raw=json.dumps(entry["body"]).encode("utf-8"), content_type=JSON_TYPE)
    if "error_code" in entry:
        return Response(status, shape(status, entry["error_code"], entry["error_msg"]))
    return Response(status)


class Replies:
    """The configuration in force, and how many times each canned route reply may still be sent. Thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._config = parse_config({})
        self._remaining = []

    def configure(self, payload):
        """Replace the whole configuration; returns it as current() does."""
        config = parse_config(payload)
        with self._lock:
            self._config = config
            self._remaining = [route["count"] for route in config["routes"]]
        return self.current()

    def current(self):
        """The configuration; each route also shows ``remaining`` (null: unlimited)."""
        with self._lock:
            config = copy.deepcopy(self._config)
            for route, remaining in zip(config["routes"], self._remaining):
                route["remaining"] = remaining
        return config

    def error_reply(self, service, kind):
        """The chosen Response for a service's error kind, or None."""
        with self._lock:
            chosen = [entry for entry in self._config["errors"] if (entry["service"], entry["kind"]) == (service, kind)]
        return reply(chosen[0], services.SERVICES[service].shape) if chosen else None

    def route_reply(self, route):
        """The canned Response for ``route`` (the first of its entries with replies left, using one), or None."""
        with self._lock:
            for index, entry in enumerate(self._config["routes"]):
                if (entry["method"], entry["route"]) != (route.method, route.pattern) or self._remaining[index] == 0:
                    continue
                if self._remaining[index] is not None:
                    self._remaining[index] -= 1
                return reply(entry)
        return None

    def page_cap(self, service):
        with self._lock:
            return self._config["page_caps"].get(service)
