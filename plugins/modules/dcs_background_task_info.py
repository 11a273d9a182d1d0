#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dcs_background_task_info
short_description: List DCS background tasks of an instance, filtered by status, name and age
version_added: 0.1.0
description:
  - Lists the background tasks of a DCS instance with C(GET /v2/{project_id}/instances/{instance_id}/tasks).
  - Reads every page of the list; never changes anything.
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete.info
options:
  instance_id:
    description:
      - The DCS instance.
      - A string; a number is refused, naming it (quote ids in YAML).
    type: raw
    required: true
  status:
    description:
      - Keep only items in one of these statuses, for example C(SUCCESS), C(FAILED), C(EXECUTING), C(CREATED) or C(WAITING).
    type: list
    elements: str
  name_pattern:
    description:
      - Keep only items whose C(name) (such as C(EXTEND) or C(BindEip)) matches this shell-style pattern (C(*), C(?), C([..])), case-sensitive.
      - An empty or blank pattern, which would match nothing, fails the task before any request.
    type: str
  older_than:
    description:
      - Keep only items whose C(created_at) is older than this duration, such as C(7d), C(12h), C(1w2d) or C(90m).
      - At most 100 years (C(36525d)). A duration that is not one, or is longer, fails the task before any request.
      - An item without a time is never selected. One whose time is in a format the module cannot read fails the
        task, naming the value, rather than be guessed old or new.
    type: str
seealso:
  - module: hwc.cleanup.dcs_background_task
    description: Deletes the DCS background tasks this module finds.
  - ref: "hwc.cleanup.dcs_tasks_cleanup role <ansible_collections.hwc.cleanup.dcs_tasks_cleanup_role>"
    description: The role that finds and deletes DCS background tasks in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Find finished background tasks of an instance older than 14 days
  hwc.cleanup.dcs_background_task_info:
    cloud: otc
    region: eu-de
    instance_id: 5560df16-cebf-4473-95c4-d1b573c16e79
    status: [SUCCESS, FAILED]
    older_than: 14d
  register: finished
"""

RETURN = r"""
missing_parents:
  description:
    - The parent the service said does not exist (C(404 DCS.3022)) - a DCS instance that is gone, whose tasks
      are therefore all absent. Each comes with a warning, so that a mistyped O(instance_id) does not pass for a
      clean instance. Empty when the instance exists.
  returned: success
  type: list
  elements: dict
  contains:
    option:
      description: The option that names the parent.
      type: str
      sample: instance_id
    value:
      description: Its value.
      type: str
      sample: 8abf6e1e-72c1-2e7c-0172-c15b508500aa
  version_added: 2.0.0
tasks:
  description:
    - The matching items with the API's fields, plus a normalized C(id) and C(status).
  returned: success
  type: list
  elements: dict
  sample:
    - id: 8abf6e1e72c12e7c0172c15b508500aa
      status: SUCCESS
      name: EXTEND
      created_at: "2026-11-01T07:38:42.503Z"
      updated_at: "2026-11-01T07:40:12.100Z"
status_code:
  description: HTTP status of the error that failed the task, null when no reply came.
  returned: on failure
  type: int
error_code:
  description: The service's error code of that error.
  returned: on failure
  type: str
error_msg:
  description: The service's message of that error.
  returned: on failure
  type: str
request_id:
  description: C(X-Request-Id) of that error's reply, for the provider's support.
  returned: on failure
  type: str
"""

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import run_info_module
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import DCS_BACKGROUND_TASK


def main():
    run_info_module(DCS_BACKGROUND_TASK)


if __name__ == "__main__":
    main()
