# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading the services' error bodies and deciding what a failure means."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

# 404 with these codes means the API or URL itself does not exist: a wrong endpoint, never "absent".
ROUTE_MISSING_CODES = frozenset(("APIG.0101", "DCS.4001"))

# The three shapes the services use, plus CodeArts' nested {"error": {...}}.
_CODE_KEYS = ("error_code", "errorCode", "code")
_MESSAGE_KEYS = ("error_msg", "errorMessage", "message", "error_message")


class ConfigurationError(Exception):
    """Bad input or settings, found before any request is sent."""


class ApiError(Exception):
    """A call that failed for good: after retries, or with an error that is not retried."""

    def __init__(self, method, path, status_code=None, error_code=None, error_msg=None, request_id=None, hint=None):
        self.method = method
        self.path = path
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.hint = hint  # what the user may do about it, for msg only: error_msg stays the service's words
        self.not_found = False  # the service said the resource (or its parent) does not exist
        super(ApiError, self).__init__(self.message())

    def message(self):
        if self.status_code is None:
            detail = self.error_msg
        else:
            detail = "HTTP %s" % self.status_code
            if self.error_code:
                detail += " %s" % self.error_code
            if self.error_msg:
                detail += ": %s" % self.error_msg
        if self.request_id:
            detail += " (request id %s)" % self.request_id
        if self.hint:
            detail += "; %s" % self.hint
        return "%s %s failed: %s" % (self.method, self.path, detail)

    def facts(self):
        return {
            "status_code": self.status_code,
            "error_code": self.error_code,
            "error_msg": self.error_msg,
            "request_id": self.request_id,
        }


def parse_error_body(body):
    """(error_code, error_msg) from any of the shapes; (None, text) when it is not JSON."""
    data = body
    if isinstance(body, (bytes, str)):
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        try:
            data = json.loads(text) if text.strip() else None
        except ValueError:
            return None, text.strip()[:500] or None
    if not isinstance(data, dict):
        return None, None
    code = _first(data, _CODE_KEYS)
    message = _first(data, _MESSAGE_KEYS)
    nested = data.get("error")
    if isinstance(nested, dict) and not code:
        code, message = _first(nested, _CODE_KEYS), message or _first(nested, _MESSAGE_KEYS)
        if isinstance(code, int):  # IAM's Keystone shape repeats the HTTP status as its "code"
            code = None
    return (str(code) if code not in (None, "") else None), message


def _first(data, keys):
    for key in keys:
        value = data.get(key)
        if value not in (None, ""):
            return value
    return None


def is_route_missing(status_code, error_code):
    return status_code == 404 and error_code in ROUTE_MISSING_CODES
