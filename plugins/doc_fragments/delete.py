# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # What every delete module shares: state, check and diff mode, the action group.
    DOCUMENTATION = r"""
options:
  state:
    description:
      - V(absent) is the only state, since these modules only delete.
    type: str
    choices: [absent]
    default: absent
  absent_error_codes:
    description:
      - Extra service error codes that mean "not there" for this resource, for any 4xx status, on top of the ones
        the collection knows (HTTP 404 from the resource's own route, and the codes in the collection's
        vendor facts). For a code learned in the field before a release knows it, such as C(DCS.4133).
      - The API gateway's codes (C(APIG.*), C(APIGW.*)) are refused, since they mean a wrong endpoint.
    type: list
    elements: str
    default: []
    version_added: 1.0.0
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
    support: full
    details: Sends no mutating request; reads the resource and reports in RV(deleted) what would be deleted.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
    details: C(diff.before) and C(diff.after) list the ids present before and after.
  action_group:
    description: Use C(group/hwc.cleanup.hwc) in C(module_defaults) to set defaults for this module.
    support: full
    membership: [hwc.cleanup.hwc]
notes:
  - Every id is validated before any request; an invalid id fails the task naming it, and nothing is sent.
  - A 404 that did not come from the resource's own route fails the task, so that a wrong endpoint never makes a
    teardown look successful - the API gateway's codes (C(APIGW.0101) "The API does not exist or has not been
    published", any C(APIG.*) or C(APIGW.*)), C(DCS.4001), or a reply that is not JSON.
  - An id whose delete attempt ended without a reply (timeout, reset connection) and is gone on retry is
    reported as deleted, since this run may have deleted it.
"""

    INFO = r"""
options:
  absent_error_codes:
    description:
      - Extra service error codes that mean "not there" for the list (or its parent, such as a DCS instance), for
        any 4xx status, on top of the ones the collection knows (HTTP 404 from the resource's own route, and
        the codes in the collection's vendor facts). For a code learned in the field before a release knows it, such as C(DCS.4133).
      - The API gateway's codes (C(APIG.*), C(APIGW.*)) are refused, since they mean a wrong endpoint.
    type: list
    elements: str
    default: []
    version_added: 1.0.0
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
    support: full
    details: These modules only read, in check mode too.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
  action_group:
    description: Use C(group/hwc.cleanup.hwc) in C(module_defaults) to set defaults for this module.
    support: full
    membership: [hwc.cleanup.hwc]
"""
