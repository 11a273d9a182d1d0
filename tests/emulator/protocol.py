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
    # research: signing guide FAQ https://support.huaweicloud.com/eu/nl-nl/devg-apisign/api-sign-0001.html ("AK/SK
    # authentication fails for more than five consecutive times, and the AK/SK pair is locked for five minutes"; body
    # error_code APIGW.0301 with this message); the table has no code of its own for it, so its status is the
    # APIGW.0301 row's 401. The API Gateway FAQ (e.g. https://docs.otc.t-systems.com/api-gateway/umn/faqs/
    # api_authentication/common_errors_related_to_iam_authentication_information.html) quotes it with APIG.0301
    "ak_locked": (401, "APIGW.0301",
                  "Incorrect IAM authentication information: AK access failed to reach the limit,forbidden."),
    # research: signing guide FAQ: X-Sdk-Date more than 15 minutes off the gateway's clock answers APIGW.0303
    # (table: 401 "Incorrect app authentication information."); the exact message text is unverified
    "expired_date": (401, "APIGW.0303", "Incorrect app authentication information: the request has expired"),
    # research: https://support.huaweicloud.com/intl/en-us/ocr_faq/ocr_01_0063.html (2024-09-23; a cloud service
    # behind the gateway): an expired token answers "Incorrect IAM authentication information: token expires,
    # expires_at: xxx", quoted there with APIG.0301, the older prefix of the same row (the signing guide FAQ quotes
    # its other messages with APIGW.0301, and the AK lockout above with both). The emulator answers it for every refused
    # token, unknown ones too (the real gateway says "... decrypt token fail" for an undecryptable one), without the
    # expires_at tail; the table's 401 APIGW.0307 "The token must be updated." is not sent
    "bad_token": (401, "APIGW.0301", "Incorrect IAM authentication information: token expires"),
    # research: signing guide table 429 APIGW.0308 "The throttling threshold has been reached."; the message tail
    # "policy user over ratelimit,limit:XX,time:1 second" is from the APIG.0308 FAQs (e.g.
    # https://support.huaweicloud.com/intl/en-us/ocr_faq/ocr_01_0041.html)
    "throttled": (429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit"),
    # research: zh-cn signing guide table: 502 APIGW.0201 "Backend unavailable." and 504 APIGW.0201 "Backend
    # timeout." (the older APIG/ROMA tables number these 0202 and 0203; APIG.0202 with 503 was invented)
    "bad_gateway": (502, "APIGW.0201", "Backend unavailable."),
    # research: the signing guide table (its rst copy in a public docs repository, same rows as the page above):
    # 503 APIGW.0613 "The IAM service is currently unavailable."; the API Gateway product's twin is APIG.0613
    # (https://support.huaweicloud.com/usermanual-apig/apig_03_0048.html). The table's only 503 row, used for every
    # 503 the gateway itself answers
    "unavailable": (503, "APIGW.0613", "The IAM service is currently unavailable."),
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
    """One parsed HTTP request; ``params`` (path parameters), ``caller`` and ``page_cap`` are set by the server."""

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
        self.page_cap = None  # at most this many items per page of a list (POST /_emulator/replies page_caps)

    def query_value(self, name):
        """The last value given for ``name``, or None."""
        values = [value for key, value in self.query_pairs if key == name]
        return values[-1] if values else None

    def json_body(self):
        """The body as JSON; ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8") if self.body else "")


class Response:
    """``body`` None means an empty body; a dict or list is sent as JSON. ``raw`` (bytes), when given, is sent as is
    instead, with ``content_type``."""

    def __init__(self, status, body=None, headers=None, raw=None, content_type=None):
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.raw = raw
        self.content_type = content_type


class ApiError(Exception):
    """An error reply, raised wherever the request is refused and written by the server.

    ``kind``: (service, kind of SERVICES[service].errors) for a service's own error, which POST /_emulator/replies
    may replace; else None.
    """

    def __init__(self, status, body, headers=None, kind=None):
        super().__init__("HTTP %d" % status)
        self.response = Response(status, body, headers)
        self.kind = kind


def gateway_error(request, kind, detail=None, headers=None):
    status, code, message = GATEWAY_ERRORS[kind]
    if detail:
        message = "%s: %s" % (message, detail)
    return ApiError(status, {"error_code": code, "error_msg": message, "request_id": request.request_id}, headers)
