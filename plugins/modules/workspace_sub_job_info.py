#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: workspace_sub_job_info
short_description: List Workspace sub-jobs, filtered by status, job type and age
version_added: 0.1.0
description:
  - Lists the Workspace sub-jobs of the project with C(GET /v2/{project_id}/workspace-sub-jobs), 1000 per page.
  - Reads every page of the list; never changes anything.
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete.info
options:
  status:
    description:
      - Keep only items in one of these statuses, C(SUCCESS), C(FAILED), C(RUNNING) or C(WAITING). With one status the API filters itself.
    type: list
    elements: str
  name_pattern:
    description:
      - Keep only items whose C(job_type) matches this shell-style pattern (C(*), C(?), C([..])), case-sensitive.
      - An empty or blank pattern, which would match nothing, fails the task before any request.
    type: str
  older_than:
    description:
      - Keep only items whose C(begin_time) is older than this duration, such as C(7d), C(12h), C(1w2d) or C(90m).
      - At most 100 years (C(36525d)). A duration that is not one, or is longer, fails the task before any request.
      - An item without a time is never selected. One whose time is in a format the module cannot read fails the
        task, naming the value, rather than be guessed old or new.
    type: str
seealso:
  - module: hwc.cleanup.workspace_sub_jobs
    description: Deletes the Workspace sub-jobs this module finds.
  - ref: "hwc.cleanup.workspace_sub_jobs_cleanup role <ansible_collections.hwc.cleanup.workspace_sub_jobs_cleanup_role>"
    description: The role that finds and deletes Workspace sub-jobs in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Find failed sub-jobs older than two days
  hwc.cleanup.workspace_sub_job_info:
    status: [FAILED]
    older_than: 2d
  register: failed_sub_jobs

- name: Delete exactly those the service can delete
  hwc.cleanup.workspace_sub_jobs:
    job_ids: "{{ failed_sub_jobs.sub_jobs | selectattr('deletable') | map(attribute='id') | list }}"
"""

RETURN = r"""
sub_jobs:
  description:
    - The matching items with the API's fields, plus a normalized C(id) and C(status), C(deletable) and
      C(undeletable_reason).
    - C(deletable) is false for a sub-job the service cannot delete now, by its status (C(RUNNING), C(WAITING)) or
      its type (C(changeAccessVpc), C(cancelWorkspace), C(applyWorkspace)); C(undeletable_reason) then says which, in
      the words of the delete module's C(undeletable), and is null when C(deletable) is true.
  returned: success
  type: list
  elements: dict
  sample:
    - id: ff8080828f1a2b3c018f1a2b3c4d0001
      status: FAILED
      deletable: true
      undeletable_reason: null
      job_type: createDesktops
      job_id: ff8080828f1a2b3c018f1a2b3c4d0000
      begin_time: "2026-11-01T10:15:00Z"
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
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import WORKSPACE_SUB_JOB


def main():
    run_info_module(WORKSPACE_SUB_JOB)


if __name__ == "__main__":
    main()
