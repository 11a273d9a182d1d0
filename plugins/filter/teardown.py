# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filters of the teardown and cleanup roles; the logic is plugins/plugin_utils/teardown.py, the documentation
one YAML file per filter beside this one (teardown_plan.yml, ...)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.hwc.cleanup.plugins.plugin_utils import teardown


def _mapping(value, name):
    if not isinstance(value, dict):
        raise AnsibleFilterError("hwc.cleanup.%s takes a mapping, got %s" % (name, teardown.shown(value)))
    return value


def teardown_plan(inputs):
    return teardown.teardown_plan(_mapping(inputs, "teardown_plan"))


def cleanup_inputs(inputs):
    return teardown.cleanup_inputs(_mapping(inputs, "cleanup_inputs"))


def teardown_guard(project, allowed=None, blocked=None, visible=None):
    return teardown.teardown_guard(_mapping(project, "teardown_guard"), allowed or [], blocked or [], visible)


class FilterModule(object):
    def filters(self):
        return {
            "teardown_plan": teardown_plan,
            "cleanup_inputs": cleanup_inputs,
            "teardown_guard": teardown_guard,
            # The others take their arguments as they come.
            "teardown_state": teardown.teardown_state,
            "teardown_unwritable": teardown.teardown_unwritable,
            "teardown_saved_state": teardown.teardown_saved_state,
            "teardown_plan_record": teardown.teardown_plan_record,
            "teardown_reviewed_plan": teardown.teardown_reviewed_plan,
            "cleanup_selection": teardown.cleanup_selection,
            "split_ids": teardown.split_ids,
            "spared_ids": teardown.spared_ids,
        }
