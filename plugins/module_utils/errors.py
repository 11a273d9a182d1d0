# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The exception types (reading error bodies: error_bodies.py; what a reply means: verdict.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


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
