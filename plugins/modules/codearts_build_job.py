#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: codearts_build_job
short_description: Delete CodeArts Build jobs, idempotently
version_added: 0.1.0
description:
  - Deletes CodeArts Build jobs by id with C(POST /v3/jobs/{job_id}/delete).
  - A job that is already gone (HTTP 404, or HTTP 422 C(DEVCB.00031006)) is reported in RV(already_absent) and changes nothing.
  - A list of ids is deleted concurrently over one connection pool; every id is tried even when some fail.
  - Huawei Cloud only (C(cloudbuild-ext.{region}.myhuaweicloud.com)). CodeArts Build jobs are not project scoped,
    so no project id is needed or looked up.
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete
options:
  job_id:
    description:
      - One CodeArts Build job id, 32 letters and digits. Mutually exclusive with O(job_ids).
      - A string; a number is refused, naming it (YAML reads an unquoted C(0123) as the number 83, so quote ids).
    type: raw
  job_ids:
    description:
      - CodeArts Build job ids. An empty list changes nothing and sends no request. Duplicates are deleted once.
      - Each a string; a number or null is refused, naming it (YAML reads an unquoted C(0123) as the number 83, so quote ids).
      - A list, or one string of ids separated by commas; a number given alone is refused too.
    type: raw
seealso:
  - module: hwc.cleanup.codearts_build_job_info
    description: Finds the CodeArts Build jobs to delete, by status, name and age.
  - ref: "hwc.cleanup.codearts_build_jobs_cleanup role <ansible_collections.hwc.cleanup.codearts_build_jobs_cleanup_role>"
    description: The role that finds and deletes CodeArts Build jobs in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Delete a CodeArts Build job
  hwc.cleanup.codearts_build_job:
    region: cn-north-4
    job_id: 901878212b1a49be9c1a1054c272762a

- name: Delete the build jobs of a finished pipeline, with temporary credentials from the environment
  hwc.cleanup.codearts_build_job:
    region: ap-southeast-1
    job_ids: "{{ pipeline_build_job_ids }}"
  environment:
    HWC_ACCESS_KEY: "{{ lookup('env', 'CI_AK') }}"
    HWC_SECRET_KEY: "{{ lookup('env', 'CI_SK') }}"
    HWC_SECURITY_TOKEN: "{{ lookup('env', 'CI_STS_TOKEN') }}"
"""

RETURN = r"""
deleted:
  description: Ids deleted by this run; in check mode, ids that would be deleted.
  returned: always
  type: list
  elements: str
  sample: [901878212b1a49be9c1a1054c272762a]
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
      description: The service's error code, such as C(DEVCB.00031005).
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
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import CODEARTS_BUILD_JOB


def main():
    run_delete_module(CODEARTS_BUILD_JOB)


if __name__ == "__main__":
    main()
