#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: auth
short_description: Authenticate once and hand the token and project id to every later task
version_added: 0.1.0
description:
  - With O(username), O(password) and O(domain_name), makes one IAM password call and returns the token, its
    project id and expiry, so that later tasks of the play send the token and never call IAM again.
  - With O(access_key) and O(secret_key), resolves the project id once (by the region's name); later tasks keep
    signing their requests and RV(auth_token) is null.
  - With O(auth_token), returns it with O(project_id), which is then required.
  - When the result holds a token it is hidden from task output, as if the task had C(no_log); the registered
    variable still holds it. Pass it on through C(module_defaults) for the group C(group/hwc.cleanup.hwc).
author: hwc.cleanup contributors (@hwc-cleanup)
extends_documentation_fragment:
  - hwc.cleanup.common
attributes:
  check_mode:
    support: full
    details: Authenticates in check mode too; it changes nothing.
  diff_mode:
    support: none
"""

EXAMPLES = r"""
- name: Tear down with one IAM call for the whole play
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Authenticate once (HWC_USERNAME, HWC_PASSWORD, HWC_DOMAIN_NAME, HWC_REGION from the environment)
      hwc.cleanup.auth:
      register: hwc_login

    - name: Delete with the token
      module_defaults:
        group/hwc.cleanup.hwc:
          auth_token: "{{ hwc_login.auth_token }}"
          project_id: "{{ hwc_login.project_id }}"
          region: "{{ lookup('env', 'HWC_REGION') }}"
      block:
        - name: Delete CCE jobs
          hwc.cleanup.cce_job:
            job_ids: "{{ cce_job_ids }}"
        - name: Delete DCS tasks
          hwc.cleanup.dcs_background_task:
            instance_id: "{{ dcs_instance_id }}"
            task_ids: "{{ dcs_task_ids }}"
"""

RETURN = r"""
auth_token:
  description: The IAM token (C(X-Subject-Token)); null with AK/SK.
  returned: success
  type: str
project_id:
  description: The project id the token is scoped to, or the one found for the region.
  returned: success
  type: str
  sample: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
expires_at:
  description: When the token expires (password method only).
  returned: success
  type: str
  sample: "2026-11-23T04:59:17.000000Z"
auth_method:
  description: Which credential was used.
  returned: success
  type: str
  sample: password
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

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import run_auth_module


def main():
    run_auth_module()


if __name__ == "__main__":
    main()
