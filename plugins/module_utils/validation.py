# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every id is checked before any request: none may change the path it is put into."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError

# Ids, project and instance ids are 1-128 of [A-Za-z0-9_-] unless a resource is stricter (docs/decisions.md).
GENERIC_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
GENERIC_ID_RULE = "1 to 128 letters, digits, '_' or '-'"


def check_id(option, value, pattern=GENERIC_ID, rule=GENERIC_ID_RULE):
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ConfigurationError("%s: %r is not a valid id (%s)" % (option, value, rule))
    return value


def check_ids(option, values, pattern=GENERIC_ID, rule=GENERIC_ID_RULE):
    """Validated ids in the order given, duplicates dropped (each is deleted once)."""
    unique, seen = [], set()  # the set keeps this linear for long lists
    for index, value in enumerate(values):
        check_id("%s[%d]" % (option, index), value, pattern, rule)
        if value not in seen:
            seen.add(value)
            unique.append(value)
    return unique
