# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One service, one credential, one project: what a module talks through."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils.verdict import NO_RULES, OK, judge


class Client:
    def __init__(self, transport, base_url, auth, project_id=None, rules=NO_RULES):
        self.transport = transport
        self.base_url = base_url
        self.auth = auth
        self.project_id = project_id
        self.rules = rules  # what the resource's replies mean (verdict.ReplyRules)

    def call(self, method, path, params=None, json_body=None):
        return self.transport.request(method, self.base_url + path, params=params, json_body=json_body,
                                      auth=self.auth, project_id=self.project_id)

    def judged(self, method, path, params=None, json_body=None):
        """The Verdict of the call's reply, a delete or a read of one resource (or one batch)."""
        return judge(self.call(method, path, params, json_body), self.rules, one_resource=True)

    def call_json(self, method, path, params=None):
        """The decoded body of a successful reply; the verdict's ApiError otherwise (not_found when absent)."""
        reply = self.call(method, path, params)
        verdict = judge(reply, self.rules)
        if verdict.kind != OK:
            raise verdict.error
        return reply.json()
