# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # What every delete module shares: state, check and diff mode, the teardown role that uses them all.
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
      - Extra service error codes that may mean "not there" for this resource, for a 4xx status other than 401 and
        403, such as C(DCS.4133) learned in the field. A reply with one is believed only when the service
        confirms it, as an HTTP 404 without a documented not-found code is (see the notes).
      - The API gateway's codes (C(APIG.*), C(APIGW.*)) and the services' route-missing codes (C(DCS.4001),
        C(111404001), C(CB.00060214)) are refused, since they mean a wrong endpoint.
    type: list
    elements: str
    default: []
    version_added: 1.0.0
attributes:
  check_mode:
    support: full
    details: Sends no mutating request; reads the resource and reports in RV(deleted) what would be deleted.
  diff_mode:
    support: full
    details: C(diff.before) and C(diff.after) list the ids present before and after.
notes:
  - Every id is validated before any request; an invalid id fails the task naming it, and nothing is sent.
  - Absence is proven, never guessed. A reply the service documents as "not found" for the resource means
    already absent (CCE C(404 CCE.01404001), C(CCE.02404001), C(CCE.03404001); CodeArts Build
    C(422 CB.00031006), C(DEVCB.00031006); a DCS instance that does not exist, C(404 DCS.3022)). Any other 404
    is confirmed first, by one listing of the scope (CCE, DCS) or a read of the job (CodeArts Build), made only
    when such a reply arrives; an id the service still lists, or a confirmation that fails, is an error.
  - Never absent, whatever O(absent_error_codes) says - HTTP 401 and 403, the API gateway's codes (C(APIGW.0101)
    "The API does not exist or has not been published", any C(APIG.*) or C(APIGW.*)), the route-missing codes
    C(DCS.4001) (C(111404001)) and C(CB.00060214), or a 404 that is not JSON. The task fails, so that a wrong
    endpoint never makes a teardown look successful.
  - The first request of a task goes alone. When it shows that the credential is refused (401) or the endpoint
    is wrong, no other id is sent, so that a wrong secret key never locks the key at the API gateway (it locks an
    AK/SK for minutes after a few failed authentications in a row). After any 401 that a fresh token does not
    cure, nothing more is sent with the credential.
  - A 2xx reply whose body reports a failure (an error code, an C(error) object, or CodeArts Build's C(status)
    other than C(success)) is an error, not a deletion.
  - An id whose delete attempt may have been carried out before it failed - no reply (timeout, reset connection),
    HTTP 500, 502 or 504 (CodeArts Build's throttling codes C(CB.00060211) and C(CB.00060100) come with 500), or
    a reply whose body could not be read and whose status does not say the delete was refused (a 2xx, or a 5xx
    other than 503) - and that is gone on retry is reported as deleted, since this run may have deleted it.
seealso:
  - ref: "hwc.cleanup.teardown role <ansible_collections.hwc.cleanup.teardown_role>"
    description: The role that tears down every service's resources of a project, behind a project guard.
"""

    # What every _info module shares: the deprecated absent_error_codes, check and diff mode, the teardown role.
    INFO = r"""
options:
  absent_error_codes:
    description:
      - Has no effect since 2.0.0, and gives a deprecation warning when set - a list is read whole or the task
        fails; no error code turns a failed list into an empty one. Will be removed in 3.0.0.
    type: list
    elements: str
    default: []
    version_added: 1.0.0
attributes:
  check_mode:
    support: full
    details: These modules only read, in check mode too.
  diff_mode:
    support: none
notes:
  - A list is read whole or the task fails - a reply without its items, an item without its id, pages that end
    before the reply's total, or any error of the list route (a 404 included) fail the task; a page shorter than
    asked does not end the paging while the total says more. A list that changes while its pages are read (its
    total changes, an id comes twice) is read again from its first page, 3 times at most.
seealso:
  - ref: "hwc.cleanup.teardown role <ansible_collections.hwc.cleanup.teardown_role>"
    description: The role that tears down every service's resources of a project, behind a project guard.
"""
