# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs hwc.cleanup.auth and hides its result from task output when it holds a token.

The token is the point of the result, so it cannot be masked like a no_log option. A module's own
_ansible_no_log is stripped by ansible-core; an action plugin's is honoured since the fix for
CVE-2024-8775 (ansible-core 2.16.13, 2.17.6, 2.18.0). Older releases overwrite it with the task's
no_log, which they read back from the task after the action ran: the plugin sets both.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        result.update(self._execute_module(task_vars=task_vars))
        if result.get("auth_token"):
            result["_ansible_no_log"] = True
            self._task.no_log = True
        return result
