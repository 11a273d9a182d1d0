#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cce_job_info
short_description: List CCE jobs, filtered by status, name and age
version_added: 0.1.0
description:
  - Lists the CCE jobs of the project with C(GET /api/v2/projects/{project_id}/jobs).
  - Reads every page of the list; never changes anything.
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete.info
options:
  status:
    description:
      - Keep only items in one of these statuses, for example C(Success), C(Failed), C(Running) or C(Initializing).
    type: list
    elements: str
  name_pattern:
    description:
      - Keep only items whose C(spec.resourceName), the name of the resource the job works on, matches this
        shell-style pattern (C(*), C(?), C([..])), case-sensitive.
      - An empty or blank pattern, which would match nothing, fails the task before any request.
    type: str
  older_than:
    description:
      - Keep only items whose C(metadata.creationTimestamp) is older than this duration, such as C(7d), C(12h), C(1w2d) or C(90m).
      - At most 100 years (C(36525d)). A duration that is not one, or is longer, fails the task before any request.
      - An item without a time is never selected. One whose time is in a format the module cannot read fails the
        task, naming the value, rather than be guessed old or new.
    type: str
seealso:
  - module: hwc.cleanup.cce_job
    description: Deletes the CCE jobs this module finds.
  - ref: "hwc.cleanup.cce_jobs_cleanup role <ansible_collections.hwc.cleanup.cce_jobs_cleanup_role>"
    description: The role that finds and deletes CCE jobs in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Find finished CCE jobs older than a week
  hwc.cleanup.cce_job_info:
    status: [Success, Failed]
    older_than: 7d
  register: old_cce_jobs

- name: Delete them
  hwc.cleanup.cce_job:
    job_ids: "{{ old_cce_jobs.jobs | map(attribute='id') | list }}"
"""

RETURN = r"""
jobs:
  description:
    - The matching items with the API's fields, plus a normalized C(id) and C(status); C(status) is the job's C(status.status).
  returned: success
  type: list
  elements: dict
  sample:
    - id: e43c6f3b-87e6-11f0-be88-0255ac10003f
      status: Success
      kind: Job
      metadata: {uid: e43c6f3b-87e6-11f0-be88-0255ac10003f, creationTimestamp: "2026-11-01T10:15:00Z"}
      spec: {type: CreateCluster}
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
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import CCE_JOB


def main():
    run_info_module(CCE_JOB)


if __name__ == "__main__":
    main()
