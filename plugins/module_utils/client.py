# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One service, one credential, one project: what a module talks through."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import is_route_missing


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
    """'ok', 'absent' or an ApiError for a reply about one resource id.

    A 404 is "absent" only when it comes from the service itself: the gateway's route-missing
    codes and non-JSON pages (a wrong endpoint answering HTML) are configuration errors.
    """
    if reply.ok:
        return "ok"
    code, _message = reply.error()
    if reply.status_code == 404 and not is_route_missing(404, code) and reply.looks_like_json():
        return "absent"
    if (reply.status_code, code) in resource.absent_codes:
        return "absent"
    error = reply.api_error()
    if reply.status_code == 404:
        error.hint = "the API itself was not found: check endpoint, cloud and region"
    return error
