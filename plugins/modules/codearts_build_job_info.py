#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: codearts_build_job_info
short_description: List CodeArts Build jobs of a CodeArts project, filtered by status, name and age
version_added: 0.1.0
description:
  - Lists the build jobs of a CodeArts project with C(GET /v3/{codearts_project_id}/jobs), 100 per page.
  - Reads every page of the list; never changes anything.
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
  - hwc.cleanup.delete.info
options:
  codearts_project_id:
    description:
      - The CodeArts project id (32 letters and digits), which is not the IAM project id.
      - A string; a number is refused, naming it (quote ids in YAML).
    type: raw
    required: true
  status:
    description:
      - Keep only items in one of these statuses of C(last_build_status), for example C(blue) (success), C(red) (failed), C(aborted) or C(none).
    type: list
    elements: str
  name_pattern:
    description:
      - Keep only items whose C(job_name) matches this shell-style pattern (C(*), C(?), C([..])), case-sensitive.
      - An empty or blank pattern, which would match nothing, fails the task before any request.
    type: str
  older_than:
    description:
      - Keep only items whose last build (C(last_build_time)) is older than this duration, such as C(7d), C(12h), C(1w2d) or C(90m).
      - At most 100 years (C(36525d)). A duration that is not one, or is longer, fails the task before any request.
      - An item without a time is never selected. One whose time is in a format the module cannot read fails the
        task, naming the value, rather than be guessed old or new.
    type: str
seealso:
  - module: hwc.cleanup.codearts_build_job
    description: Deletes the CodeArts Build jobs this module finds.
  - ref: "hwc.cleanup.codearts_build_jobs_cleanup role <ansible_collections.hwc.cleanup.codearts_build_jobs_cleanup_role>"
    description: The role that finds and deletes CodeArts Build jobs in one step, with a dry run until confirmed.
"""

EXAMPLES = r"""
- name: Find nightly build jobs not built for 30 days
  hwc.cleanup.codearts_build_job_info:
    region: cn-north-4
    codearts_project_id: 8391ec48637849f384dd3db5c8d61b2a
    name_pattern: "nightly-*"
    older_than: 30d
  register: stale_builds
"""

RETURN = r"""
jobs:
  description:
    - The matching items with the API's fields, plus a normalized C(id) and C(status); C(status) is C(last_build_status).
  returned: success
  type: list
  elements: dict
  sample:
    - id: d62d64d7782545c696ffaacc9ac9c69a
      status: blue
      job_name: nightly-build-frontend
      last_build_status: blue
      last_build_time: 1598438571000
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
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import CODEARTS_BUILD_JOB


def main():
    run_info_module(CODEARTS_BUILD_JOB)


if __name__ == "__main__":
    main()
