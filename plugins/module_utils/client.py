# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One service, one credential, one project: what a module talks through."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class Client:
    def __init__(self, transport, base_url, auth, project_id=None):
        self.transport = transport
        self.base_url = base_url
        self.auth = auth
        self.project_id = project_id

    def call(self, method, path, params=None, json_body=None):
        return self.transport.request(method, self.base_url + path, params=params, json_body=json_body,
                                      auth=self.auth, project_id=self.project_id)

    def call_json(self, method, path, params=None):
        """The decoded body of a successful reply; ApiError otherwise."""
        reply = self.call(method, path, params)
        if not reply.ok:
            raise reply.api_error()
        return reply.json()


def classify(reply, resource):
    """'ok', 'absent' or an ApiError for a reply about one resource id."""
    if reply.ok:
        return "ok"
    error = reply.api_error()
    if error.not_found or (reply.status_code, error.error_code) in resource.absent_codes:
        return "absent"
    return error
