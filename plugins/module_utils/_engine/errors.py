# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""Every exception type of the engine, how a message shows a value the user gave (shown_value) and the character
of one that only looks valid (look_alike), and how an output hides the run's secrets (masked)."""

import json
import re

SHOWN_LENGTH = 100  # a value shown longer than this is cut to its start and its length
SHOWN_START = 40


def shown_value(value):
    """A value the user gave, as a message shows it: null for None, a string quoted, a long one cut to its start and
    its length (a 10,000-character id must not fill the log)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        if len(value) <= SHOWN_LENGTH:
            return repr(value)
        start = repr(value[:SHOWN_START])
        return "%s…%s (%d characters)" % (start[:-1], start[-1], len(value))
    text = repr(value)
    return text if len(text) <= SHOWN_LENGTH else "%s… (%d characters)" % (text[:SHOWN_START], len(text))


MASK = "********"
# What comes before the last "@" of a URL, after its scheme if any: a user and perhaps ":password", whatever the shape.
URL_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)?(.*)@", re.IGNORECASE | re.DOTALL)
# A signed request's Authorization header as a service may echo it back: its signature lets anyone send that request
# again for 15 minutes (SPEC: no Authorization header in any output).
SIGNED_AUTHORIZATION = re.compile(r"SDK-HMAC-SHA256\s+Access=[^\s,]*(?:,\s*SignedHeaders=[^\s,]*)?(?:,\s*Signature=[0-9a-fA-F]*)?")
SIGNATURE = re.compile(r"Signature=[0-9a-fA-F]+")


def secret_forms(secret):
    """A secret as an output may carry it: as given, and as JSON writes it (a service that echoes the request body)."""
    if not isinstance(secret, str) or not secret:
        return set()
    return {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}


def masked(value, secrets):
    """``value`` (a string, or a result's dicts and lists of them) with every one of ``secrets`` and every request
    signature replaced by MASK, whatever a service sent back."""
    if isinstance(value, dict):
        return dict((key, masked(item, secrets)) for key, item in value.items())
    if isinstance(value, list):
        return [masked(item, secrets) for item in value]
    if not isinstance(value, str):
        return value
    for secret in sorted(secrets, key=len, reverse=True):  # the longest first: one may contain another
        if secret in value:
            value = value.replace(secret, MASK)
    if "Signature=" in value or "SDK-HMAC-SHA256" in value:
        value = SIGNATURE.sub("Signature=" + MASK, SIGNED_AUTHORIZATION.sub("SDK-HMAC-SHA256 " + MASK, value))
    return value


def look_alike(value):
    """"contains 'а' (U+0430), not an ASCII character" for the first character of a string ``value`` that is not
    ASCII, or None. A look-alike (a Cyrillic 'а', an en-dash) reads as the character it imitates: a message that only
    shows the value would show one that looks valid."""
    for char in value if isinstance(value, str) else ():
        if not char.isascii():
            return "contains %r (U+%04X), not an ASCII character" % (char, ord(char))
    return None


# What a failed task says of the reply that failed it (ApiError.facts), null when no reply did (bad input, a reply the
# module cannot read): every failed task has the keys its RETURN documents.
FACT_KEYS = ("status_code", "error_code", "error_msg", "request_id")
NO_REPLY_FACTS = dict.fromkeys(FACT_KEYS)


class ConfigurationError(Exception):
    """Bad input or settings, found before any request is sent."""


class ReplyError(Exception):
    """A reply the module cannot read as the vendor documents it (say, a timestamp in an unknown format)."""


class ApiError(Exception):
    """A call that failed for good: after retries, or with an error that is not retried."""

    def __init__(self, method, path, status_code=None, error_code=None, error_msg=None, request_id=None, hint=None,
                 missing_parent=None):
        self.method = method
        self.path = path
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.hint = hint  # what the user may do about it, for msg only: error_msg stays the service's words
        self.missing_parent = missing_parent  # the parent's option (instance_id) when the service said it is gone
        super().__init__(self.message())

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
        return dict((key, getattr(self, key)) for key in FACT_KEYS)


class DeadlineReached(Exception):
    """Waiting would run past the task's deadline."""


class ServiceFailing(Exception):
    """The outage breaker is open: nothing more is sent in this run."""


class TaskFailed(Exception):
    """The task fails with ``msg``; ``result`` (what was done) and ``facts`` (of the first error) go with it."""

    def __init__(self, msg, result, facts):
        super().__init__(msg)
        self.result = result
        self.facts = facts
