#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: workspace_sub_jobs
short_description: Delete Workspace sub-jobs, idempotently
version_added: 0.1.0
description:
  - Deletes Workspace sub-jobs with C(POST /v2/{project_id}/workspace-sub-jobs/batch-delete).
  - The API cannot read one sub-job, so the module reads the sub-job list first, sends only ids that exist and
    reports the others in RV(already_absent).
  - Only C(SUCCESS) and C(FAILED) sub-jobs can be deleted; an id that is C(RUNNING) or C(WAITING) is reported in
    RV(errors) with a clear message and fails the task, after the other ids were deleted.
  - Sub-jobs of the types C(changeAccessVpc), C(cancelWorkspace) and C(applyWorkspace) cannot be deleted, the
    service refuses them. A listed id of one of these types is reported in RV(errors), before any delete is sent.
  - With O(delete_by_status), every deletable sub-job in that status is deleted; sub-jobs of the types above are
    spared and reported in RV(undeletable); when none is left, nothing is sent.
  - At most 10 ids go into one call, as the API allows; a longer list is sent in several calls.
  - Huawei Cloud only (C(workspace.{region}.myhuaweicloud.com)).
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete
options:
  job_ids:
    description:
      - Sub-job ids. An empty list changes nothing and sends no request. Mutually exclusive with O(delete_by_status).
      - Each a string; a number or null is refused, naming it (YAML reads an unquoted C(0123) as the number 83, so quote ids).
      - A list, or one string of ids separated by commas; a number given alone is refused too.
    type: raw
  delete_by_status:
    description:
      - Delete every sub-job in this status.
    type: str
    choices: [SUCCESS, FAILED]
seealso:
  - module: hwc.cleanup.workspace_sub_job_info
    description: Finds the Workspace sub-jobs to delete, by status, name and age.
  - ref: "hwc.cleanup.workspace_sub_jobs_cleanup role <ansible_collections.hwc.cleanup.workspace_sub_jobs_cleanup_role>"
    description: The role that finds and deletes Workspace sub-jobs in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Delete two Workspace sub-jobs
  hwc.cleanup.workspace_sub_jobs:
    region: ap-southeast-1
    job_ids:
      - ff8080828f1a2b3c018f1a2b3c4d0001
      - ff8080828f1a2b3c018f1a2b3c4d0002

- name: Delete every failed sub-job record
  hwc.cleanup.workspace_sub_jobs:
    delete_by_status: FAILED
"""

RETURN = r"""
deleted:
  description: Ids deleted by this run; in check mode, ids that would be deleted.
  returned: always
  type: list
  elements: str
  sample: [ff8080828f1a2b3c018f1a2b3c4d0001]
already_absent:
  description: Ids that were not there.
  returned: always
  type: list
  elements: str
undeletable:
  description:
    - Sub-jobs that matched O(delete_by_status) but are of a type the service cannot delete.
    - Called C(skipped) until 2.0.0; Ansible reads a result key of that name as a skipped task.
  returned: always
  version_added: 2.0.0
  type: list
  elements: dict
  contains:
    id:
      description: The sub-job id.
      type: str
    reason:
      description: Why it was not deleted.
      type: str
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
      description: The service's error code, such as C(WKS.00010001).
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
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import WORKSPACE_SUB_JOB


def main():
    run_delete_module(WORKSPACE_SUB_JOB)


if __name__ == "__main__":
    main()
