# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""What a reply says and what it means for a resource, decided here and nowhere else: ok, absent, unproven, or an
error (judge); read through a Client, which pairs the transport with one service, credential, project and rules.

"Absent" is proven, never guessed (docs/decisions.md, "How absence is proven"): only a reply that the
resource's row in resources.py lists as the service's documented not-found is ABSENT. Any other 404, and a
4xx whose code the user listed in absent_error_codes, is UNPROVEN: deletion.py asks the service's own
listing (or a read of the one resource) before it believes it. 401, 403, the gateway's codes and the
services' route-missing codes are never absent, whatever the user lists.
"""

import json
from collections import namedtuple

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError

# The three shapes the services use, plus CodeArts' nested {"error": {...}}. CCE's Status body can carry both
# errorCode (the CCE code) and error_code (another layer's, such as CCE_CM.0004): errorCode is read first.
# research: docs/vendor-facts.md (CCE error bodies)
_CODE_KEYS = ("errorCode", "error_code", "code")
_MESSAGE_KEYS = ("errorMessage", "error_msg", "message", "error_message")

# research: https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html (APIGW.0101 "The API
# does not exist or has not been published in the environment", HTTP 404) and
# https://support.huaweicloud.com/intl/en-us/usermanual-apig/apig_03_0048.html (APIG.0101, the API Gateway
# product). Codes of the gateway start with APIG. or APIGW.; a reply carrying one never reached the service's
# resource route: a wrong endpoint, region, path or credential, never "the resource is absent".
GATEWAY_CODE_PREFIXES = ("APIG.", "APIGW.")
# The services' own "this URL does not exist" codes: the request reached the service, but no route of it.
# research: DCS.4001 / 111404001 "The requested URL does not exist." (DCS error-code tables, both spellings);
# CB.00060214 "URL not found." (HTTP 404, CodeArts Build error-code table). Sources: docs/vendor-facts.md.
ROUTE_MISSING_CODES = frozenset(("DCS.4001", "111404001", "CB.00060214"))
ROUTE_MISSING_HINT = "the API itself was not found: check endpoint, cloud and region"
# Statuses that say who the caller is or may do, never whether a resource exists.
AUTH_STATUSES = (401, 403)

OK, ABSENT, UNPROVEN, FAILED = "ok", "absent", "unproven", "failed"


class Reply(namedtuple("Reply", "method path status_code headers content outcome_unknown")):
    """What one request finally got, and whether an earlier attempt may have acted already (wire facts only)."""

    @property
    def request_id(self):
        return self.headers.get("X-Request-Id")

    @property
    def ok(self):
        return 200 <= self.status_code < 300

    def json(self):
        if not self.content:
            return None
        try:
            return json.loads(self.content.decode("utf-8"))
        except ValueError:
            return None

    def error(self):
        """(error_code, error_msg) of an error reply, parsed once."""
        if "_error" not in self.__dict__:
            self.__dict__["_error"] = parse_error_body(self.content)
        return self.__dict__["_error"]

    def looks_like_json(self):
        return self.content.strip()[:1] in (b"{", b"[") or not self.content.strip()

    def api_error(self, hint=None, missing_parent=None):
        """The reply's facts as an ApiError."""
        code, message = self.error()
        return ApiError(self.method, self.path, self.status_code, code, message, self.request_id, hint, missing_parent)


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


def is_gateway_code(error_code):
    return bool(error_code) and error_code.startswith(GATEWAY_CODE_PREFIXES)


def route_missing(reply, error_code):
    """A 404 that did not come from a route of the service: the gateway's, a route-missing code, or not JSON."""
    return reply.status_code == 404 and (
        is_gateway_code(error_code) or error_code in ROUTE_MISSING_CODES or not reply.looks_like_json())


class Verdict:
    """The meaning of one reply: ``kind`` (OK, ABSENT, UNPROVEN, FAILED), the ApiError when not OK (for its
    facts), whether an earlier attempt may have acted already (its outcome was unknown), and for an ABSENT
    that a parent's documented not-found proves, the parent's option (``missing_parent``, such as instance_id)."""

    __slots__ = ("kind", "error", "outcome_unknown", "missing_parent")

    def __init__(self, kind, error=None, outcome_unknown=False, missing_parent=None):
        self.kind = kind
        self.error = error
        self.outcome_unknown = outcome_unknown
        self.missing_parent = missing_parent

    def __repr__(self):
        return "Verdict(%s, %s)" % (self.kind, self.error)


class ReplyRules:
    """What one resource's replies mean: its documented not-found replies (its own, and its parent's), the
    numeric twins of its codes, its success envelope, the user's candidate codes, and hints."""

    def __init__(self, absent_replies=(), parent_absent_replies=None, code_aliases=None, success_status=None,
                 candidate_codes=(), hints=None):
        self.absent_replies = frozenset(absent_replies)  # (status, code)
        self.parent_absent_replies = parent_absent_replies or {}  # (status, code) -> the parent's option
        self.code_aliases = code_aliases or {}  # a code's other spelling -> the one the rows use
        self.success_status = success_status  # the value a 2xx body's "status" must have, when it has one
        self.candidate_codes = frozenset(candidate_codes)  # absent_error_codes: to be confirmed, any 4xx
        self.hints = hints or {}

    @classmethod
    def of(cls, resource, candidate_codes=()):
        """The resource's rules, with the user's absent_error_codes (checked by session.check_absent_codes)."""
        return cls(resource.absent_replies, resource.parent_absent_replies, resource.code_aliases,
                   resource.success_status, candidate_codes, resource.hints)

    def named(self, error_code):
        return self.code_aliases.get(error_code, error_code)


NO_RULES = ReplyRules()


def judge(reply, rules=NO_RULES, one_resource=False):
    """The Verdict of a reply about one resource (``one_resource``: a delete or a read) or about its list."""
    if reply.ok:
        body = reply.json() if reply.content.strip() else None
        if error_in_success(body, rules.success_status):
            return Verdict(FAILED, reply.api_error(hint="the service answered HTTP %d but its body reports a failure"
                                                        % reply.status_code), reply.outcome_unknown)
        if one_resource and not _documented_success(reply, body, rules):
            return Verdict(FAILED, reply.api_error(hint="the service answered HTTP %d, but not with its success reply "
                                                        "(empty, or a JSON object%s): the resource may still be there"
                                                        % (reply.status_code, _envelope(rules))), reply.outcome_unknown)
        return Verdict(OK, outcome_unknown=reply.outcome_unknown)
    status, code = reply.status_code, rules.named(reply.error()[0])
    if status in AUTH_STATUSES:
        hint = "absent_error_codes never applies to HTTP 401 or 403" if code in rules.candidate_codes else None
        return Verdict(FAILED, reply.api_error(hint=hint or rules.hints.get(code)), reply.outcome_unknown)
    if route_missing(reply, code):
        return Verdict(FAILED, reply.api_error(hint=ROUTE_MISSING_HINT), reply.outcome_unknown)
    if (status, code) in rules.absent_replies:
        return Verdict(ABSENT, reply.api_error(), reply.outcome_unknown)
    missing_parent = rules.parent_absent_replies.get((status, code))
    if missing_parent:
        return Verdict(ABSENT, reply.api_error(missing_parent=missing_parent), reply.outcome_unknown, missing_parent)
    if status == 404 or 400 <= status < 500 and code in rules.candidate_codes:
        return Verdict(UNPROVEN, reply.api_error(), reply.outcome_unknown)
    return Verdict(FAILED, reply.api_error(hint=rules.hints.get(code)), reply.outcome_unknown)


def _documented_success(reply, body, rules):
    """A 2xx about one resource is the service's success only when its body is empty or a JSON object, and, for a
    service with a status envelope (CodeArts Build), says so: an HTML page, a list or a bare string with a 200
    comes from another layer (a proxy, a login page), and would report deleted what is still there."""
    if rules.success_status is not None:
        return isinstance(body, dict) and body.get("status") == rules.success_status
    return body is None and not reply.content.strip() or isinstance(body, dict)


def _envelope(rules):
    return ' with "status": "%s"' % rules.success_status if rules.success_status is not None else ""


class Client:
    """One service, one credential, one project, and what the resource's replies mean: what a module talks through."""

    def __init__(self, transport, base_url, auth, project_id=None, rules=NO_RULES):
        self.transport = transport
        self.base_url = base_url
        self.auth = auth
        self.project_id = project_id
        self.rules = rules

    def call(self, method, path, params=None, json_body=None):
        return self.transport.request(method, self.base_url + path, params=params, json_body=json_body,
                                      auth=self.auth, project_id=self.project_id)

    def judged(self, method, path, params=None, json_body=None):
        """The Verdict of the call's reply, a delete or a read of one resource (or one batch)."""
        return judge(self.call(method, path, params, json_body), self.rules, one_resource=True)

    def call_json(self, method, path, params=None):
        """The decoded body of a successful reply; the verdict's ApiError otherwise (missing_parent set when the
        service says the parent is gone)."""
        reply = self.call(method, path, params)
        verdict = judge(reply, self.rules)
        if verdict.kind != OK:
            raise verdict.error
        return reply.json()
