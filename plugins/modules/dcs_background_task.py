#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dcs_background_task
short_description: Delete DCS background task records, idempotently
version_added: 0.1.0
description:
  - Deletes Distributed Cache Service (DCS) background task records of one instance with
    C(DELETE /v2/{project_id}/instances/{instance_id}/tasks/{task_id}).
  - A task that is already gone (HTTP 404 from the DCS route) is reported in RV(already_absent) and changes nothing.
  - A list of ids is deleted concurrently over one connection pool; every id is tried even when some fail.
  - In check mode the instance's task list is read, since DCS has no endpoint to read one task.
  - On Huawei Cloud (C(dcs.{region}.myhuaweicloud.com)) and T Cloud Public (C(dcs.{region}.otc.t-systems.com)).
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete
options:
  instance_id:
    description:
      - The DCS instance the tasks belong to.
      - A string; a number is refused, naming it (quote ids in YAML).
    type: raw
    required: true
  task_id:
    description:
      - One background task id. Mutually exclusive with O(task_ids).
      - A string; a number is refused, naming it (YAML reads an unquoted C(0123) as the number 83, so quote ids).
    type: raw
  task_ids:
    description:
      - Background task ids. An empty list changes nothing and sends no request. Duplicates are deleted once.
      - Each a string; a number or null is refused, naming it (YAML reads an unquoted C(0123) as the number 83, so quote ids).
      - A list, or one string of ids separated by commas; a number given alone is refused too.
    type: raw
seealso:
  - module: hwc.cleanup.dcs_background_task_info
    description: Finds the DCS background tasks to delete, by status, name and age.
  - ref: "hwc.cleanup.dcs_tasks_cleanup role <ansible_collections.hwc.cleanup.dcs_tasks_cleanup_role>"
    description: The role that finds and deletes DCS background tasks in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Delete one DCS background task record on T Cloud Public
  hwc.cleanup.dcs_background_task:
    cloud: otc
    region: eu-de
    instance_id: 5560df16-cebf-4473-95c4-d1b573c16e79
    task_id: 8abf6e1e72c12e7c0172c15b508500aa

- name: Delete the finished tasks found by hwc.cleanup.dcs_background_task_info
  hwc.cleanup.dcs_background_task:
    instance_id: "{{ instance_id }}"
    task_ids: "{{ finished.tasks | map(attribute='id') | list }}"
"""

RETURN = r"""
missing_parents:
  description:
    - The parent the service said does not exist (C(404 DCS.3022)) - a DCS instance that is gone, whose tasks
      are therefore all absent. Each comes with a warning, so that a mistyped O(instance_id) does not pass for a
      clean instance. Empty when the instance exists.
  returned: always
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
deleted:
  description: Ids deleted by this run; in check mode, ids that would be deleted.
  returned: always
  type: list
  elements: str
  sample: [8abf6e1e72c12e7c0172c15b508500aa]
already_absent:
  description: Ids that were not there.
  returned: always
  type: list
  elements: str
errors:
  description: One entry per id that could not be deleted; any entry fails the task after every other id was tried.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id.
      type: str
    status_code:
      description: HTTP status, null when no reply came.
      type: int
    error_code:
      description: The service's error code, such as C(DCS.4133).
      type: str
    error_msg:
      description: The service's message.
      type: str
    request_id:
      description: The reply's C(X-Request-Id), for the provider's support.
      type: str
    msg:
      description: The whole message for this id, with what the task did about it (such as giving up at the deadline).
      type: str
retries:
  description:
    - What the task sent, to see why it was slow. V(requests) counts every request (IAM calls included); the
      other keys count requests sent again after a throttling answer (V(throttled), which does not use up the
      O(retries) of an id), a 5xx (V(server_error)), a timeout, a connection error, or a 401 that got a fresh
      token (V(reauthenticated)).
    - At C(-v) the result's C(msg) says the same in one line.
  returned: always
  type: dict
  version_added: 1.0.0
  sample: {requests: 312, throttled: 12, server_error: 0, timeout: 0, connection_error: 0, reauthenticated: 0}
status_code:
  description: HTTP status of the first error.
  returned: on failure
  type: int
error_code:
  description: Error code of the first error.
  returned: on failure
  type: str
error_msg:
  description: Message of the first error.
  returned: on failure
  type: str
request_id:
  description: C(X-Request-Id) of the first error.
  returned: on failure
  type: str
"""

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import run_delete_module
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import DCS_BACKGROUND_TASK


def main():
    run_delete_module(DCS_BACKGROUND_TASK)


if __name__ == "__main__":
    main()
