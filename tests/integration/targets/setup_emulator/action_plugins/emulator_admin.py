# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""emulator_admin: one call of the emulator's admin API (/_emulator/...), made by the controller itself.

setup_emulator's task files call the admin API a hundred times in a large target. As ansible.builtin.uri, each call
ran a module in a process of its own (0.5 to 1 s on a busy 2-core machine); here it is an HTTP request from the
controller. Options as uri's: ``url``, ``method`` (GET), ``body`` (sent as JSON). The result has ``status`` and ``json``
(the reply, as uri's ``json``); a reply other than 2xx, or none, fails the task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.common.json import AnsibleJSONEncoder
from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
from ansible.module_utils.six.moves.urllib.request import Request, urlopen
from ansible.plugins.action import ActionBase

TIMEOUT_SECONDS = 30


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("url", "method", "body"))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        url = args["url"]
        method = args.get("method", "GET")
        data = None if args.get("body") is None else json.dumps(args["body"], cls=AnsibleJSONEncoder).encode("utf-8")
        request = Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        result["changed"] = False
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # nosec - the emulator on loopback
                result.update(status=response.status, json=json.loads(response.read().decode("utf-8") or "null"))
        except HTTPError as error:
            result.update(failed=True, status=error.code, msg="%s %s: HTTP %d %s" % (
                method, url, error.code, error.read().decode("utf-8", "replace")))
        except (URLError, OSError) as error:
            result.update(failed=True, msg="%s %s: %s" % (method, url, error))
        return result
