# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a reply means for a resource, decided here and nowhere else: ok, absent, or an error.

The wire facts (status, body, headers) come from transport.py; which codes mean "absent" for a
service comes from its row in resources.py, plus the codes a user adds with absent_error_codes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils.error_bodies import error_in_success
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError

# research: https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html (APIGW.0101 "The API
# does not exist or has not been published in the environment", HTTP 404) and
# https://support.huaweicloud.com/intl/en-us/usermanual-apig/apig_03_0048.html (APIG.0101, the API Gateway
# product). Codes of the gateway start with APIG. or APIGW.; a 404 carrying one never reached the service's
# resource route: a wrong endpoint, region or path, never "the resource is absent".
GATEWAY_CODE_PREFIXES = ("APIG.", "APIGW.")
# research: DCS.4001 "The requested URL does not exist." (T Cloud Public DCS API reference, appendix error codes;
# docs/vendor-facts.md)
ROUTE_MISSING_CODES = frozenset(("DCS.4001",))
ROUTE_MISSING_HINT = "the API itself was not found: check endpoint, cloud and region"

OK, ABSENT, FAILED = "ok", "absent", "failed"
DELETED = "deleted"


class Verdict:
    """The meaning of one reply: ``kind`` (OK, ABSENT, FAILED), the ApiError when FAILED (or ABSENT, for its
    facts), and whether an earlier attempt may have acted already (its outcome was unknown)."""

    __slots__ = ("kind", "error", "outcome_unknown")

    def __init__(self, kind, error=None, outcome_unknown=False):
        self.kind = kind
        self.error = error
        self.outcome_unknown = outcome_unknown

    def __repr__(self):
        return "Verdict(%s, %s)" % (self.kind, self.error)


class ReplyRules:
    """Which (status, code) pairs mean "absent" for one resource, and hints for codes users meet."""

    def __init__(self, absent_codes=(), extra_absent_codes=(), hints=None):
        self.absent_codes = frozenset(absent_codes)
        self.extra_absent_codes = frozenset(extra_absent_codes)  # any 4xx status
        self.hints = hints or {}

    @classmethod
    def of(cls, resource, extra_absent_codes=()):
        return cls(resource.absent_codes, check_absent_codes(extra_absent_codes), resource.hints)

    def means_absent(self, status_code, error_code):
        return ((status_code, error_code) in self.absent_codes
                or 400 <= status_code < 500 and error_code in self.extra_absent_codes)


NO_RULES = ReplyRules()


def settled(verdict, check_mode):
    """What a delete (or in check mode, a read) of one id did: DELETED, ABSENT or FAILED.

    A retry that finds the resource gone after an attempt whose outcome was unknown (a lost reply, a
    timeout) counts as deleted: this run may have deleted it. In check mode a read that succeeds is
    what would be deleted.
    """
    if verdict.kind == OK:
        return DELETED
    if verdict.kind == ABSENT:
        return DELETED if verdict.outcome_unknown and not check_mode else ABSENT
    return FAILED


def is_gateway_code(error_code):
    return bool(error_code) and error_code.startswith(GATEWAY_CODE_PREFIXES)


def route_missing(reply, error_code):
    """A 404 that did not come from the resource's own route: the gateway's, a route-missing code, or not JSON."""
    return reply.status_code == 404 and (
        is_gateway_code(error_code) or error_code in ROUTE_MISSING_CODES or not reply.looks_like_json())


def judge(reply, rules=NO_RULES):
    """The Verdict of a reply about one resource (or its list)."""
    if reply.ok:
        if reply.content and error_in_success(reply.json()):
            return Verdict(FAILED, reply.api_error(hint="the service answered HTTP %d but its body reports an error"
                                                        % reply.status_code), reply.outcome_unknown)
        return Verdict(OK, outcome_unknown=reply.outcome_unknown)
    code, _message = reply.error()
    if route_missing(reply, code):
        return Verdict(FAILED, reply.api_error(hint=ROUTE_MISSING_HINT), reply.outcome_unknown)
    if reply.status_code == 404 or rules.means_absent(reply.status_code, code):
        return Verdict(ABSENT, reply.api_error(not_found=True), reply.outcome_unknown)
    return Verdict(FAILED, reply.api_error(hint=rules.hints.get(code)), reply.outcome_unknown)


def check_absent_codes(codes):
    """The user's absent_error_codes, refusing the gateway's: they never mean that a resource is gone."""
    for code in codes or ():
        if not isinstance(code, str) or not code.strip() or any(char.isspace() for char in code):
            raise ConfigurationError("absent_error_codes: %r is not an error code such as DCS.4133" % (code,))
        if is_gateway_code(code) or code in ROUTE_MISSING_CODES:
            raise ConfigurationError("absent_error_codes: %r is the API gateway's code for a request that reached no "
                                     "API (a wrong endpoint); it never means that a resource is absent" % (code,))
    return tuple(codes or ())
