# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading the services' error bodies: every shape they use, and errors hidden in a 2xx body."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

# The three shapes the services use, plus CodeArts' nested {"error": {...}}. CCE's Status body can carry both
# errorCode (the CCE code) and error_code (another layer's, such as CCE_CM.0004): errorCode is read first.
# research: docs/vendor-facts.md (CCE error bodies)
_CODE_KEYS = ("errorCode", "error_code", "code")
_MESSAGE_KEYS = ("errorMessage", "error_msg", "message", "error_message")


def parse_error_body(body):
    """(error_code, error_msg) from any of the shapes; (None, text) when it is not JSON."""
    data = body
    if isinstance(body, bytes):
        data = body.decode("utf-8", "replace")
    for _depth in range(3):  # a body that is a JSON string holding the JSON error object
        if not isinstance(data, str):
            break
        try:
            data = json.loads(data) if data.strip() else None
        except ValueError:
            return None, data.strip()[:500] or None
    if not isinstance(data, dict):
        return None, None
    code = _first(data, _CODE_KEYS)
    message = _first(data, _MESSAGE_KEYS)
    if not code and isinstance(message, str) and message.lstrip().startswith("{"):
        # research: unverified; issue 12 reports CodeArts Build v3 errors whose message is the backend's JSON error
        inner_code, inner_message = parse_error_body(message)
        if inner_code:
            return inner_code, inner_message
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


def error_in_success(data, success_status=None):
    """Whether a 2xx body reports a failure all the same: an error code, a non-empty ``error`` object, or, for a
    service with a status envelope (CodeArts Build: ``success_status`` "success"), any other ``status``."""
    if not isinstance(data, dict):
        return False
    nested = data.get("error")
    status = data.get("status")
    return bool(_first(data, ("error_code", "errorCode")) or isinstance(nested, dict) and nested
                or status == "error" or success_status is not None and isinstance(status, str) and status != success_status)
