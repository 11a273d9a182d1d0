#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cce_job
short_description: Delete CCE jobs, idempotently
version_added: 0.1.0
description:
  - Deletes Cloud Container Engine (CCE) jobs by id with C(DELETE /api/v2/projects/{project_id}/jobs/{job_id}).
  - A job that is already gone (HTTP 404 from the CCE route) is reported in RV(already_absent) and changes nothing.
  - A list of ids is deleted concurrently over one connection pool; every id is tried even when some fail.
  - On Huawei Cloud (C(cce.{region}.myhuaweicloud.com)) and T Cloud Public (C(cce.{region}.otc.t-systems.com)).
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete
options:
  job_id:
    description:
      - One CCE job id. Mutually exclusive with O(job_ids).
      - A string; a number is refused, naming it (YAML reads an unquoted C(0123) as the number 83, so quote ids).
    type: raw
  job_ids:
    description:
      - CCE job ids. An empty list changes nothing and sends no request. Duplicates are deleted once.
      - Each a string; a number or null is refused, naming it (YAML reads an unquoted C(0123) as the number 83, so quote ids).
      - A list, or one string of ids separated by commas; a number given alone is refused too.
    type: raw
seealso:
  - module: hwc.cleanup.cce_job_info
    description: Finds the CCE jobs to delete, by status, name and age.
  - ref: "hwc.cleanup.cce_jobs_cleanup role <ansible_collections.hwc.cleanup.cce_jobs_cleanup_role>"
    description: The role that finds and deletes CCE jobs in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Delete one CCE job, credentials from HWC_* environment variables
  hwc.cleanup.cce_job:
    region: eu-de
    cloud: otc
    job_id: e43c6f3b-87e6-11f0-be88-0255ac10003f

- name: Delete many CCE jobs in one task, 16 at a time
  hwc.cleanup.cce_job:
    job_ids: "{{ stale_cce_jobs }}"
    concurrency: 16
  register: cce

- name: Show what a teardown would delete, without deleting
  hwc.cleanup.cce_job:
    job_ids: "{{ stale_cce_jobs }}"
  check_mode: true
  diff: true
"""

RETURN = r"""
deleted:
  description: Ids deleted by this run; in check mode, ids that would be deleted.
  returned: always
  type: list
  elements: str
  sample: [e43c6f3b-87e6-11f0-be88-0255ac10003f]
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
      description: The service's error code, such as C(CCE.01403001).
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
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import CCE_JOB


def main():
    run_delete_module(CCE_JOB)


if __name__ == "__main__":
    main()
