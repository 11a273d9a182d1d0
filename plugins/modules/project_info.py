#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: project_info
short_description: Show the IAM project the credential and options resolve to
version_added: 2.0.0
description:
  - Returns the id, name, region, account (domain) id and status of the IAM project that the delete and C(_info)
    modules act on with the same options, so that a play can check it (say, refuse a project whose name contains
    C(prod)) before it deletes anything.
  - With O(project_id), the project must be one of those the credential can access, C(GET /v3/auth/projects);
    the task fails naming the id when it is not.
  - Without O(project_id), the project is found as every module finds it. With AK/SK, the project named after
    O(region) (C(GET /v3/projects?name={region})); with O(username) and O(password), the project of the token,
    which is scoped to the project named after O(region). O(auth_token) needs O(project_id).
  - A project that IAM reports disabled (C(enabled) false) fails the task, naming it, since 2.0.0. No service acts in
    a disabled project, and every later task would fail with an HTTP 403 that looks like a bad credential.
  - The region is read from the project's name. A region's own project is named after it (C(eu-west-101)), a
    sub-project C({region}_{suffix}) (C(eu-west-101_ci)). For a name of neither kind (C(MOS)) it is null.
  - Changes nothing; one or two IAM calls.
author: hwc.cleanup contributors (@hwc-cleanup)
options:
  list_accessible:
    description:
      - Also return every project the credential can access (C(GET /v3/auth/projects)) in RV(accessible_projects),
        so that a play can tell an allow- or block-list entry that names no such project. One more IAM call,
        none when O(project_id) is given (the same list is read to check it).
    type: bool
    default: false
    version_added: 2.0.0
extends_documentation_fragment:
  - hwc.cleanup.common
attributes:
  check_mode:
    support: full
    details: Reads in check mode too; it never changes anything.
  diff_mode:
    support: none
seealso:
  - plugin: hwc.cleanup.projects
    plugin_type: inventory
    description: One host per IAM project, to tear down many projects and regions in one play.
"""

EXAMPLES = r"""
- name: Refuse to tear down a production project
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Which project would the modules act on?
      hwc.cleanup.project_info:
      register: hwc_target

    - name: Never a production project
      ansible.builtin.assert:
        that: "'prod' not in hwc_target.project.name"
        fail_msg: "{{ hwc_target.project.name }} ({{ hwc_target.project.id }}) looks like production"

- name: One host per project, from the hwc.cleanup.projects inventory
  hosts: hwc_projects
  connection: local
  gather_facts: false
  tasks:
    - name: The host's own project
      hwc.cleanup.project_info:
        project_id: "{{ hwc_project_id }}"
        region: "{{ hwc_region }}"
      register: hwc_target
"""

RETURN = r"""
project:
  description: The project the options resolve to.
  returned: success
  type: dict
  contains:
    id:
      description: The project id.
      type: str
      sample: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
    name:
      description: The project name, the region's name or C({region}_{suffix}) for a sub-project.
      type: str
      sample: eu-west-101_ci
    region:
      description: The region the name says, or null for a name that is no region (C(MOS)).
      type: str
      sample: eu-west-101
    domain_id:
      description: The id of the account (domain) the project belongs to.
      type: str
      sample: d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f
    enabled:
      description:
        - Whether the project is enabled. Always true, since 2.0.0 a disabled project fails the task.
        - Kept for playbooks that check it.
      type: bool
      sample: true
accessible_projects:
  description: Every project the credential can access, disabled ones too, each with the keys of RV(project).
  returned: when O(list_accessible) is true
  type: list
  elements: dict
  sample:
    - {id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9, name: eu-de, region: eu-de, domain_id: d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f,
       enabled: true}
  version_added: 2.0.0
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

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import run_project_info_module


def main():
    run_project_info_module()


if __name__ == "__main__":
    main()
