# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the emulator's handlers receive and return: Request, Response, ApiError, gateway errors."""

import json
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qsl

# The API gateway in front of every cloud service answers these itself, before any service sees the request.
# Codes of the cloud services' shared gateway start with APIGW. (the API Gateway *product*, for APIs users publish
# themselves, answers the same numbers as APIG.xxxx). Source of every row unless noted:
# research: https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html (API Request Signing
# Guide, "Error Codes": "If an error code starting with APIGW is displayed when you call an API ...") and its zh-cn
# twin https://support.huaweicloud.com/devg-apisign/api-sign-errorcode.html; docs/vendor-facts.md has the details.
GATEWAY_ERRORS = {
    # research: signing guide table, 404 APIGW.0101 (no such API, or the method does not exist for the path);
    # observed: the Java SDK against cloudbuild-ext answers 404 APIGW.0101 with this exact message
    "no_route": (404, "APIGW.0101", "The API does not exist or has not been published in the environment"),
    # research: signing guide table 401 APIGW.0301 "Incorrect IAM authentication information." and FAQ api-sign-0001
    # ("Incorrect IAM authentication information: verify aksk signature fail"); also sent without credentials
    # ("x-auth-token not found", observed)
    "bad_signature": (401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail"),
    # research: signing guide FAQ: X-Sdk-Date more than 15 minutes off the gateway's clock answers APIGW.0303
    # (table: 401 "Incorrect app authentication information."); the exact message text is unverified
    "expired_date": (401, "APIGW.0303", "Incorrect app authentication information: the request has expired"),
    # research: signing guide table 401 APIGW.0307 "The token must be updated." (expired token, or a token of
    # another region). An undecryptable token answers APIGW.0301 "... decrypt token fail" on the real gateway
    "bad_token": (401, "APIGW.0307", "The token must be updated."),
    # research: signing guide table 429 APIGW.0308 "The throttling threshold has been reached."; the message tail
    # "policy user over ratelimit,limit:XX,time:1 second" is from the APIG.0308 FAQs (e.g.
    # https://support.huaweicloud.com/intl/en-us/ocr_faq/ocr_01_0041.html)
    "throttled": (429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit"),
    # research: zh-cn signing guide table: 502 APIGW.0201 "Backend unavailable." and 504 APIGW.0201 "Backend
    # timeout." (the older APIG/ROMA tables number these 0202 and 0203; APIG.0202 with 503 was invented)
    "bad_gateway": (502, "APIGW.0201", "Backend unavailable."),
    # research: unverified: the gateway table has no 503 row; a 503 from a service carries the service's own body
    "unavailable": (503, "APIGW.0201", "Backend unavailable."),
    "gateway_timeout": (504, "APIGW.0201", "Backend timeout."),
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
