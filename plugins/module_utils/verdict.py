# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a reply means for a resource, decided here and nowhere else: ok, absent, unproven, or an error.

"Absent" is proven, never guessed (docs/decisions.md, "How absence is proven"): only a reply that the
resource's row in resources.py lists as the service's documented not-found is ABSENT. Any other 404, and a
4xx whose code the user listed in absent_error_codes, is UNPROVEN: deletion.py asks the service's own
listing (or a read of the one resource) before it believes it. 401, 403, the gateway's codes and the
services' route-missing codes are never absent, whatever the user lists.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils.error_bodies import error_in_success
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import shown_value

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
DELETED = "deleted"


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
        return cls(resource.absent_replies, resource.parent_absent_replies, resource.code_aliases,
                   resource.success_status, check_absent_codes(candidate_codes), resource.hints)

    def named(self, error_code):
        return self.code_aliases.get(error_code, error_code)


NO_RULES = ReplyRules()


def settled(verdict, check_mode):
    """What a delete (or in check mode, a read) of one id did: DELETED, ABSENT or FAILED.

    A retry that finds the resource gone after an attempt whose outcome was unknown (a lost reply, a
    timeout) counts as deleted: this run may have deleted it. In check mode a read that succeeds is
    what would be deleted. An UNPROVEN verdict must be confirmed first (deletion.py); unconfirmed, it fails.
    """
    if verdict.kind == OK:
        return DELETED
    if verdict.kind == ABSENT:
        return DELETED if verdict.outcome_unknown and not check_mode else ABSENT
    return FAILED


def is_gateway_code(error_code):
    return bool(error_code) and error_code.startswith(GATEWAY_CODE_PREFIXES)


def route_missing(reply, error_code):
    """A 404 that did not come from a route of the service: the gateway's, a route-missing code, or not JSON."""
    return reply.status_code == 404 and (
        is_gateway_code(error_code) or error_code in ROUTE_MISSING_CODES or not reply.looks_like_json())


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


def check_absent_codes(codes):
    """The user's absent_error_codes, refusing the gateway's and the route-missing ones: they never mean that a
    resource is gone."""
    for code in codes or ():
        if not isinstance(code, str) or not code.strip() or any(char.isspace() for char in code):
            raise ConfigurationError("absent_error_codes: %s is not an error code such as DCS.4133" % shown_value(code))
        if is_gateway_code(code) or code in ROUTE_MISSING_CODES:
            raise ConfigurationError("absent_error_codes: %s is the code of a request that reached no API (a wrong "
                                     "endpoint); it never means that a resource is absent" % shown_value(code))
    return tuple(codes or ())
