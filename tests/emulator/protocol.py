# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the emulator's handlers receive and return: Request, Response, ApiError, gateway errors."""

import json
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qsl

# The API gateway (APIG) answers these itself, before any service sees the request.
# research: https://support.huaweicloud.com/intl/en-us/usermanual-apig/apig_03_0048.html confirms APIG.0101;
# the 5xx codes (APIG.0202 backend unavailable, APIG.0203 backend timeout) are not confirmed there.
GATEWAY_ERRORS = {
    "no_route": (404, "APIG.0101", "The API does not exist or has not been published in the environment"),
    "bad_signature": (401, "APIG.0301", "Incorrect IAM authentication information: verify aksk signature fail"),
    "expired_date": (401, "APIG.0303", "Incorrect app authentication information: the request has expired"),
    "bad_token": (401, "APIG.0307", "The token must be updated."),
    "throttled": (429, "APIG.0308", "The throttling threshold has been reached: policy user over ratelimit"),
    "bad_gateway": (502, "APIG.0202", "Backend unavailable"),
    "unavailable": (503, "APIG.0202", "Backend unavailable"),
    "gateway_timeout": (504, "APIG.0203", "Backend timeout"),
}


def check_object(value, allowed, what):
    """ValueError unless ``value`` is a JSON object whose keys are all in ``allowed``."""
    if not isinstance(value, dict):
        raise ValueError("%s must be a JSON object, got %r" % (what, value))
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise ValueError("%s has unknown field(s) %s; allowed: %s" % (what, ", ".join(unknown), ", ".join(allowed)))


def new_request_id():
    return uuid.uuid4().hex


def utc_now():
    return datetime.now(timezone.utc)


class Request:
    """One parsed HTTP request; ``params`` (path parameters) and ``caller`` are filled in by the server."""

    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.query_pairs = parse_qsl(query, keep_blank_values=True)
        self.headers = headers
        self.body = body
        self.request_id = new_request_id()
        self.params = {}
        self.caller = None

    def query_value(self, name):
        """The last value given for ``name``, or None."""
        values = [value for key, value in self.query_pairs if key == name]
        return values[-1] if values else None

    def json_body(self):
        """The body as JSON; ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8") if self.body else "")


class Response:
    """``body`` None means an empty body; a dict or list is sent as JSON."""

    def __init__(self, status, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = headers or {}


class ApiError(Exception):
    """An error reply, raised wherever the request is refused and written by the server."""

    def __init__(self, status, body, headers=None):
        super().__init__("HTTP %d" % status)
        self.response = Response(status, body, headers)


def gateway_error(request, kind, detail=None, headers=None):
    status, code, message = GATEWAY_ERRORS[kind]
    if detail:
        message = "%s: %s" % (message, detail)
    return ApiError(status, {"error_code": code, "error_msg": message, "request_id": request.request_id}, headers)
