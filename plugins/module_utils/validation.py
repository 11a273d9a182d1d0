# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every id is checked before any request: none may change the path it is put into. And how a message shows a
value the user gave (shown_value)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError

# Ids, project and instance ids are 1-128 of [A-Za-z0-9_-] unless a resource is stricter (docs/decisions.md).
GENERIC_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
GENERIC_ID_RULE = "1 to 128 letters, digits, '_' or '-'"

SHOWN_LENGTH = 100  # a value shown longer than this is cut to its start and its length
SHOWN_START = 40
NAMED_BAD_IDS = 10  # a message names this many bad ids of a list, then counts the others


def shown_value(value):
    """A value the user gave, as a message shows it: null for None, a string quoted, a long one cut to its start and
    its length (a 10,000-character id must not fill the log)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        if len(value) <= SHOWN_LENGTH:
            return repr(value)
        start = repr(value[:SHOWN_START])
        return "%s…%s (%d characters)" % (start[:-1], start[-1], len(value))
    text = repr(value)
    return text if len(text) <= SHOWN_LENGTH else "%s… (%d characters)" % (text[:SHOWN_START], len(text))


def _not_a_string(value):
    """Why a value of another type is no id: a YAML number would reach the path in another spelling (0123 is 83)."""
    if value is None:
        return "null, not a string"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number, not a string: quote it in YAML"
    return "a %s, not a string" % type(value).__name__


def check_id(option, value, pattern=GENERIC_ID, rule=GENERIC_ID_RULE):
    if not isinstance(value, str):
        raise ConfigurationError("%s: %s is not a valid id (%s)" % (option, shown_value(value), _not_a_string(value)))
    if not pattern.fullmatch(value):
        raise ConfigurationError("%s: %s is not a valid id (%s)" % (option, shown_value(value), rule))
    return value


def check_ids(option, values, pattern=GENERIC_ID, rule=GENERIC_ID_RULE):
    """Validated ids in the order given, duplicates dropped (each is deleted once). ConfigurationError naming every
    bad one, up to NAMED_BAD_IDS, then their count."""
    bad = [(index, value) for index, value in enumerate(values) if not isinstance(value, str) or not pattern.fullmatch(value)]
    if len(bad) == 1:
        check_id("%s[%d]" % (option, bad[0][0]), bad[0][1], pattern, rule)
    if bad:
        named = ", ".join("[%d] %s%s" % (index, shown_value(value), "" if isinstance(value, str) else " (%s)" % _not_a_string(value))
                          for index, value in bad[:NAMED_BAD_IDS])
        more = " and %d more" % (len(bad) - NAMED_BAD_IDS) if len(bad) > NAMED_BAD_IDS else ""
        raise ConfigurationError("%s: %d values are not valid ids (%s): %s%s" % (option, len(bad), rule, named, more))
    unique, seen = [], set()  # the set keeps this linear for long lists
    for value in values:
        if value not in seen:
            seen.add(value)
            unique.append(value)
    return unique
