# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of the teardown and cleanup roles, on the controller: plain data in, plain data out.

The roles compose modules; what they decide is decided here, where it is unit-tested
(tests/unit/plugins/plugin_utils/test_teardown.py), and reaches them through the filters of
plugins/filter/teardown.py. Every check collects all the problems it finds, each naming the input and the
value (cut when long), so that a role fails once, before any request, with the whole list.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import json
from datetime import datetime, timedelta, timezone
import os
import re

from collections.abc import Mapping, Sequence

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import region_of
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ConfigurationError, look_alike
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.listing import (
    check_name_pattern, check_statuses, parse_duration)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, GENERIC_ID, WORKSPACE_SUB_JOB)

# The services in the order a teardown runs them, with the resource facts (id rule, documented statuses).
SERVICES = (
    ("cce_jobs", CCE_JOB),
    ("codearts_build_jobs", CODEARTS_BUILD_JOB),
    ("workspace_sub_jobs", WORKSPACE_SUB_JOB),
    ("dcs_tasks", DCS_BACKGROUND_TASK),
)
RESOURCES = dict(SERVICES)
GENERIC_RULE = "1-128 of A-Z a-z 0-9 _ -"
FILTERS = ("status", "name_pattern", "older_than")
PROJECT_ID = re.compile(r"^[0-9a-f]{32}$")
# research: huaweicloudsdkiam 3.1.219 v3/model/keystone_create_project_option.py (at most 64 characters) and
# https://support.huaweicloud.com/intl/en-us/usermanual-iam/iam_05_0001.html (letters, digits, '-' and '_')
PROJECT_NAME = re.compile(r"^[a-z0-9_-]{1,64}$")
STATE_FORMAT = "hwc.cleanup.teardown_state"
STATE_KEYS = ("format", "version", "saved_at", "project", "services")  # teardown_saved_state writes these
STATE_SERVICE_KEYS = ("service", "scope", "ids")
STATE_VERSION = 1
PLAN_FORMAT = "hwc.cleanup.teardown_plan"
PLAN_VERSION = 1
PLAN_CLOCK_SKEW = timedelta(minutes=5)  # a plan made this far in the future is refused
MAX_NAMED = 10  # values named per problem, then a count
MAX_SHOWN = 40  # characters of a value shown, then its length


def is_list(value):
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def shown(value):
    """A value as JSON, cut to its start and its length when long: an error never echoes 10,000 characters."""
    if isinstance(value, str):
        if len(value) > MAX_SHOWN:
            return "%s... (%d characters)" % (json.dumps(value[:MAX_SHOWN])[:-1], len(value))
        return json.dumps(value)
    try:
        text = json.dumps(value, sort_keys=True, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) > MAX_SHOWN:
        return "%s... (%d characters)" % (text[:MAX_SHOWN], len(text))
    return text


def named(values):
    """Up to MAX_NAMED values, shown, then how many more."""
    text = ", ".join(shown(value) for value in values[:MAX_NAMED])
    if len(values) > MAX_NAMED:
        text += " and %d more" % (len(values) - MAX_NAMED)
    return text


def look_alikes(values):
    """For each value that breaks an id rule with a character that is not ASCII (a Cyrillic 'а' reads as an 'a'),
    up to MAX_NAMED: '; "..." contains 'а' (U+0430), not an ASCII character', to follow the error naming them."""
    notes = ["%s %s" % (shown(value), look_alike(value)) for value in values if look_alike(value)]
    return "".join("; " + note for note in notes[:MAX_NAMED])


def id_rule(service):
    """(pattern, rule) of the ids of a service; the generic rule when the service is not known."""
    resource = RESOURCES.get(service)
    if resource is None or resource.id_pattern is GENERIC_ID:
        return GENERIC_ID, GENERIC_RULE
    return resource.id_pattern, resource.id_rule


def check_ids(where, values, errors, service=None):
    """The valid ids of a list, duplicates dropped; one error naming every bad one (and a list that is none)."""
    if not is_list(values):
        errors.append("%s must be a list of strings, got %s" % (where, shown(values)))
        return []
    pattern, rule = id_rule(service)
    bad = [value for value in values if not isinstance(value, str) or not pattern.fullmatch(value)]
    if bad:
        errors.append("%s: %s %s (%s)%s" % (where, named(bad), "is not an id" if len(bad) == 1 else "are not ids", rule,
                                            look_alikes(bad)))
    return unique(value for value in values if isinstance(value, str) and pattern.fullmatch(value))


def given_list(inputs, key):
    """A list input as given, absent or null read as an empty list: any other value (an unset variable's "", false,
    0) is left for the check to refuse, since read as "none" it would protect nothing, silently."""
    value = inputs.get(key)
    return [] if value is None else value


def unique(values):
    seen, kept = set(), []
    for value in values:
        if value not in seen:
            seen.add(value)
            kept.append(value)
    return kept


def id_key(value):
    """What two ids are compared by: regardless of case. The services' ids are UUIDs and hex strings, which they
    match regardless of case; for any other id, protecting or sparing more is the safe mistake."""
    return value.lower() if isinstance(value, str) else value


def split_ids(ids, protected):
    """{matched: the ids a protected (or spared, or planned) id matches, rest: the others}, in the order given."""
    keys = set(id_key(value) for value in protected or ())
    matched = [value for value in ids or () if id_key(value) in keys]
    return {"matched": matched, "rest": [value for value in ids or () if id_key(value) not in keys]}


def cleanup_selection(checked, discovery, spared=(), plan_ids=None):
    """What one cleanup_common run does with the ids asked for and the items its discovery found:
    {discovered, protected, spared, skipped, not_in_plan, targets}.

    ``checked``: cleanup_inputs' result; ``discovery``: the service's _info module result ({} without discovery);
    ``spared``: ids recorded in a teardown's spare state; ``plan_ids``: applying a reviewed plan, its ids (else None).

    - discovered: the ids found;
    - protected: the ids asked for or found that a protected id matches; spared: of the others, those a spared id
      matches (both regardless of case, as split_ids);
    - skipped: found items the service cannot delete ({id, reason}, the reason the _info module gives): a discovery
      does not fail every night on items that can never go. An id listed by the user stays in the deletion (it is
      the delete module's error there), and a protected or spared one is reported as that only;
    - not_in_plan: applying a plan, the ids left that the plan does not list: reported, never deleted;
    - targets: the rest, for the delete module.
    """
    found = (discovery or {}).get(RESOURCES[checked["service"]].plural) or []
    listed = list(checked["ids"])
    protected = split_ids(unique(listed + [item["id"] for item in found]), checked["protected_ids"])
    spared = split_ids(protected["rest"], spared)
    kept = set(listed + protected["matched"] + spared["matched"])
    skipped = [{"id": item["id"], "reason": item["undeletable_reason"]} for item in found
               if item.get("deletable") is False and item["id"] not in kept]
    skipped_ids = set(entry["id"] for entry in skipped)
    rest = [value for value in spared["rest"] if value not in skipped_ids]
    not_in_plan = split_ids(rest, plan_ids)["rest"] if plan_ids is not None else []
    return {"discovered": [item["id"] for item in found], "protected": protected["matched"], "spared": spared["matched"], "skipped": skipped,
            "not_in_plan": not_in_plan, "targets": [value for value in rest if value not in set(not_in_plan)]}


def check_statuses_of(service, where, values, errors):
    """The statuses as the service spells them; an error naming the bad ones and the valid ones."""
    if not is_list(values):
        errors.append("%s must be a list of strings, got %s" % (where, shown(values)))
        return []
    bad = [value for value in values if not isinstance(value, str) or not value.strip() or len(value) > MAX_SHOWN]
    if bad:
        errors.append("%s: %s %s not a status" % (where, named(bad), "is" if len(bad) == 1 else "are"))
        return []
    try:
        return check_statuses(RESOURCES[service].listing, values, where)
    except ConfigurationError as error:
        errors.append(str(error))
        return []


def check_filters(service, where, given, errors):
    """The discovery filters of a selector, statuses spelled as the service does; `statuses` is an alias of
    `status` on every service."""
    discover, statuses = {}, []
    if "status" in given and "statuses" in given:
        # Their union would select more than either says: a misread selector must not delete more.
        errors.append("%s: give status or its alias statuses, not both" % where)
    for key in ("status", "statuses"):
        if key in given:
            statuses += check_statuses_of(service, "%s.%s" % (where, key), given[key], errors)
    if statuses:
        discover["status"] = unique(statuses)
    # The _info modules' own checks: what passes here passes there.
    if "name_pattern" in given:
        try:
            discover["name_pattern"] = check_name_pattern(where + ".name_pattern", given["name_pattern"])
        except ConfigurationError as error:
            errors.append(str(error))
    if "older_than" in given:
        value = given["older_than"]
        if not isinstance(value, str):
            errors.append("%s.older_than must be a duration such as 14d, 12h or 1w2d, got %s" % (where, shown(value)))
        else:
            try:
                parse_duration(value, where + ".older_than")
                discover["older_than"] = value
            except ConfigurationError as error:
                errors.append(str(error))
    return discover


def check_keys(where, given, known, errors):
    unknown = sorted((key for key in given if key not in known), key=str)
    if unknown:
        keys = [key if isinstance(key, str) and len(key) <= MAX_SHOWN else shown(key) for key in unknown[:MAX_NAMED]]
        more = " and %d more" % (len(unknown) - MAX_NAMED) if len(unknown) > MAX_NAMED else ""
        errors.append("%s: unknown key(s) %s%s; a selector takes %s" % (where, ", ".join(keys), more, ", ".join(known)))


def check_parent(where, value, errors):
    if not isinstance(value, str) or not GENERIC_ID.fullmatch(value):
        errors.append("%s must be an id (%s), got %s%s" % (where, GENERIC_RULE, shown(value), look_alikes([value])))
        return None
    return value


# The keys of a selector: `ids` and the filters on every service, the 0.1.0 keys as aliases where they existed.
ID_ALIASES = {"workspace_sub_jobs": ("job_ids",), "dcs_tasks": ("task_ids",)}
PARENT_KEYS = {"codearts_build_jobs": ("codearts_project_id",), "dcs_tasks": ("instance_id",)}


def plan_run(service, where, given, errors, always=False):
    """One run of a service from a list of ids or a selector, or None when it asks for nothing (or is bad)."""
    before = len(errors)
    if isinstance(given, Mapping):
        known = ["ids"] + list(ID_ALIASES.get(service, ())) + ["status", "statuses", "name_pattern", "older_than"] \
            + list(PARENT_KEYS.get(service, ()))
        check_keys(where, given, known, errors)
        ids = []
        for key in ("ids",) + ID_ALIASES.get(service, ()):
            if key in given:
                ids += check_ids("%s.%s" % (where, key), given[key], errors, service)
        discover = check_filters(service, where, given, errors)
        scope = {}
        for key in PARENT_KEYS.get(service, ()):
            if key in given:
                scope[key] = check_parent("%s.%s" % (where, key), given[key], errors)
        if service == "codearts_build_jobs" and discover and "codearts_project_id" not in given:
            errors.append("%s: discovering CodeArts Build jobs needs codearts_project_id (the CodeArts project, "
                          "not the IAM one)" % where)
    elif is_list(given):
        ids, discover, scope = check_ids(where, given, errors, service), {}, {}
    else:
        errors.append("%s must be a list of ids or a selector {ids, status, name_pattern, older_than}, got %s"
                      % (where, shown(given)))
        return None
    if len(errors) > before or not (ids or discover or always):
        return None
    return {"service": service, "scope": scope, "ids": unique(ids), "discover": discover,
            "codearts_project_id": scope.get("codearts_project_id", "")}


def check_project_list(name, value, errors):
    """Allowed or blocked projects: ids or names, compared regardless of case and surrounding space."""
    if not is_list(value):
        errors.append("%s must be a list of project ids or names, got %s" % (name, shown(value)))
        return []
    bad = [entry for entry in value if not isinstance(entry, str) or not entry.strip()]
    if bad:
        errors.append("%s: %s %s not a project id or name" % (name, named(bad), "is" if len(bad) == 1 else "are"))
    return [entry for entry in value if isinstance(entry, str) and entry.strip()]


# research: Linux's NAME_MAX and PATH_MAX (limits.h): a longer name or path can never be created, whatever stat says
NAME_MAX, PATH_MAX = 255, 4095


def unfit_file_path(path):
    """Why a path can never be written as a file, whatever its directory allows, or None."""
    if path.endswith("/"):
        return "names a directory (it ends with /), not a file"
    if len(path.encode("utf-8")) > PATH_MAX or len(os.path.basename(path).encode("utf-8")) > NAME_MAX:
        return "is longer than a file name (%d bytes) or path (%d bytes) may be" % (NAME_MAX, PATH_MAX)
    return None


def output(name, path):
    path = str(path)
    return {"input": name, "path": path, "parent": os.path.dirname(path.rstrip("/")) or "."}


def same_files(inputs, plan):
    """An error for each two of the files the run reads and writes that are one: the one written later would replace
    the other (a report over the state to spare, a saved state over the report)."""
    named = [("hwc_teardown_" + key, inputs.get(key)) for key in ("report", "save_state", "spare_state")]
    named.append(("hwc_teardown_plan", plan))
    seen, errors = {}, []
    for name, path in named:
        if not isinstance(path, str) or not path:
            continue
        key = os.path.normpath(os.path.expanduser(path))
        if key in seen:
            errors.append("%s and %s are the same file (%s): the run would write one over the other" % (seen[key], name, path))
        else:
            seen[key] = name
    return errors


def teardown_plan(inputs):
    """The teardown's plan from its inputs (the hwc_teardown_* variables without the prefix, and dry_run).

    {runs: [{service, scope, ids, discover, codearts_project_id}], errors: [..], protected_ids: [..],
    allowed_projects, blocked_projects, outputs: [{input, path, parent}] (what the run will write)}.
    """
    errors, runs = [], []
    for service, _resource in SERVICES:
        name = "hwc_teardown_" + service
        given = inputs.get(service)
        if service != "dcs_tasks":
            run = plan_run(service, name, given if given is not None else [], errors)
            if run:
                runs.append(run)
            continue
        if not is_list(given if given is not None else []):
            errors.append("%s must be a list of {instance_id, ...} entries, got %s" % (name, shown(given)))
            continue
        for index, entry in enumerate(given or []):
            where = "%s[%d]" % (name, index)
            if not isinstance(entry, Mapping) or not isinstance(entry.get("instance_id"), str) \
                    or not GENERIC_ID.fullmatch(entry["instance_id"]):
                instance_id = entry.get("instance_id") if isinstance(entry, Mapping) else None
                errors.append("%s needs an instance_id (%s), got %s%s" % (where, GENERIC_RULE, shown(entry), look_alikes([instance_id])))
                continue
            run = plan_run(service, where, entry, errors, always=True)
            if run:
                runs.append(run)
    protected = check_ids("hwc_teardown_protected_ids", given_list(inputs, "protected_ids"), errors)
    allowed = check_project_list("hwc_teardown_allowed_projects", given_list(inputs, "allowed_projects"), errors)
    blocked = check_project_list("hwc_teardown_blocked_projects", given_list(inputs, "blocked_projects"), errors)
    outputs = []
    for key in ("report", "save_state", "spare_state"):
        value = inputs.get(key) or ""
        if not isinstance(value, str):
            errors.append("hwc_teardown_%s must be a path, got %s" % (key, shown(value)))
    if inputs.get("save_state") and not boolean(inputs.get("dry_run", True), strict=False):
        errors.append("hwc_teardown_save_state (%s) records a dry run: leave hwc_teardown_confirm false, or set no "
                      "save_state" % inputs["save_state"])
    for key in ("report", "save_state"):
        if inputs.get(key) and isinstance(inputs[key], str):
            problem = unfit_file_path(inputs[key])
            if problem:
                path = inputs[key]
                errors.append("hwc_teardown_%s %s %s" % (key, path if len(path) <= NAME_MAX else shown(path), problem))
            else:
                outputs.append(output("hwc_teardown_" + key, inputs[key]))
    plan = inputs.get("plan")
    plan_given = bool(plan)
    if plan_given and not isinstance(plan, (Mapping, str)):
        errors.append("hwc_teardown_plan must be a plan (the mapping a dry run publishes as hwc_teardown_plan) or the "
                      "path of a dry run's JSON report, got %s" % shown(plan))
        plan_given = False
    errors.extend(same_files(inputs, plan if plan_given else None))
    if inputs.get("plan_max_age") is not None:
        try:
            check_max_age(inputs["plan_max_age"])
        except ConfigurationError as error:
            errors.append(str(error))
    return {"runs": runs, "errors": errors, "protected_ids": protected, "allowed_projects": allowed,
            "blocked_projects": blocked, "outputs": outputs, "plan_given": plan_given,
            "plan_path": plan if plan_given and isinstance(plan, str) else ""}


def cleanup_inputs(inputs):
    """The checked inputs of one cleanup_common run: {errors, service, ids, protected_ids, discover}.

    ``inputs``: service, ids, discover, protected_ids, codearts_project_id, instance_id (for dcs_tasks), named
    (the prefix of the public inputs the errors name: cce_jobs_cleanup gives cce_jobs_cleanup_ids, ...) and
    protected_rule: "service" (the protected ids are the service's, and follow its id rule) or "generic" (they
    may be any service's, as the teardown's are).
    """
    errors, service = [], inputs.get("service")
    prefix = inputs.get("named") or "cleanup_common"
    if service not in RESOURCES:
        return {"errors": ["%s: unknown service %s" % (prefix, shown(service))], "service": None, "ids": [],
                "protected_ids": [], "discover": {}}
    ids = check_ids(prefix + "_ids", given_list(inputs, "ids"), errors, service)
    protected = check_ids(prefix + "_protected_ids", given_list(inputs, "protected_ids"), errors,
                          service if inputs.get("protected_rule", "service") == "service" else None)
    given = inputs.get("discover") or {}
    discover = {}
    if not isinstance(given, Mapping):
        errors.append("%s_discover must be a mapping of filters (%s), got %s" % (prefix, ", ".join(FILTERS), shown(given)))
    else:
        check_keys(prefix + "_discover", given, ["status", "statuses", "name_pattern", "older_than"], errors)
        discover = check_filters(service, prefix + "_discover", given, errors)
    if service == "codearts_build_jobs" and inputs.get("codearts_project_id"):
        check_parent(prefix + "_codearts_project_id", inputs["codearts_project_id"], errors)
    elif service == "codearts_build_jobs" and discover:
        errors.append("%s_discover: discovering CodeArts Build jobs needs %s_codearts_project_id (the CodeArts "
                      "project, not the IAM one)" % (prefix, prefix))
    if service == "dcs_tasks":
        check_parent(prefix + "_instance_id", inputs.get("instance_id"), errors)
    return {"errors": errors, "service": service, "ids": ids, "protected_ids": protected, "discover": discover}


def normal(entry):
    return entry.strip().lower()


def looks_like_project(entry):
    """Whether a (normalised) entry has the form of an IAM project id (32 hex digits) or name ({region},
    {region}_{suffix}, or MOS; letters, digits, '-' and '_' only, so a hidden character is no name)."""
    return bool(PROJECT_ID.fullmatch(entry)) or bool(PROJECT_NAME.fullmatch(entry)) and region_of(entry) is not None \
        or entry == "mos"


def teardown_guard(project, allowed=(), blocked=(), visible=None):
    """The guard's verdict on the resolved project: {refused: the reason a confirmed teardown is refused, or "";
    warnings: entries that can match no project}. Entries match the project's id or name regardless of case and
    surrounding space; blocked wins over allowed; a name containing "prod" needs the allow-list."""
    project = project or {}
    keys = set(normal(value) for value in (project.get("id"), project.get("name")) if isinstance(value, str))
    allowed = [entry for entry in allowed or () if isinstance(entry, str) and entry.strip()]
    blocked = [entry for entry in blocked or () if isinstance(entry, str) and entry.strip()]
    is_allowed = any(normal(entry) in keys for entry in allowed)
    # A blocked entry that can match no project (a hidden character, a typo in its form) would protect nothing:
    # it refuses a confirmed run, as a protected id that is no id does.
    stray_blocked = [entry for entry in blocked if normal(entry) not in keys and not looks_like_project(normal(entry))]
    if any(normal(entry) in keys for entry in blocked):
        refused = "it is in hwc_teardown_blocked_projects"
    elif stray_blocked:
        refused = ("hwc_teardown_blocked_projects: %s can match no project (neither a project id of 32 hex digits nor "
                   "a name {region} or {region}_{suffix}), so it would block nothing" % named(stray_blocked))
    elif allowed and not is_allowed:
        refused = "it is not in hwc_teardown_allowed_projects (%s)" % ", ".join(allowed)
    elif "prod" in (project.get("name") or "").lower() and not is_allowed:
        refused = ('its name contains "prod": a production project is torn down only when '
                   "hwc_teardown_allowed_projects lists it")
    else:
        refused = ""
    warnings = []
    # ``visible``: the projects the credential can access (project_info's accessible_projects), when listed.
    seen = set(normal(value) for item in visible or () if isinstance(item, Mapping)
               for value in (item.get("id"), item.get("name")) if isinstance(value, str))
    for name, entries in (("hwc_teardown_allowed_projects", allowed), ("hwc_teardown_blocked_projects", blocked)):
        unseen = [entry for entry in entries if visible is not None and normal(entry) not in keys | seen
                  and looks_like_project(normal(entry))]
        if unseen:
            warnings.append("%s: %s %s no project this credential can access" % (
                name, named(unseen), "matches" if len(unseen) == 1 else "match"))
        strays = [entry for entry in entries if normal(entry) not in keys and not looks_like_project(normal(entry))]
        if strays:
            warnings.append("%s: %s %s neither this project (%s, %s) nor shaped like a project id (32 hex digits) or "
                            "name ({region} or {region}_{suffix}): %s no project"
                            % (name, named(strays), "is" if len(strays) == 1 else "are", project.get("name"),
                               project.get("id"), "it can match" if len(strays) == 1 else "they can match"))
    return {"refused": refused, "warnings": warnings}


def service_entries(services, problems):
    """(where, entry, service) of each mapping in the ``services`` list of a saved state or a plan, after the
    problems every such list can have: not a list, an entry that is no mapping, a service that is not known."""
    if not is_list(services):
        problems.append("services is %s, not a list" % shown(services))
        return
    for index, entry in enumerate(services):
        where = "services[%d]" % index
        if not isinstance(entry, Mapping):
            problems.append("%s is %s, not a mapping" % (where, shown(entry)))
            continue
        service = entry.get("service")
        if service not in RESOURCES:
            problems.append("%s.service is %s, not one of %s" % (where, shown(service), ", ".join(name for name, _r in SERVICES)))
        yield where, entry, service


def read_json_file(content, noun, encoding="base64"):
    """(data, None) from a file as slurp returns it (base64), or as text with encoding="text"; (None, what is wrong
    with it, as the end of a sentence that starts with its path) when it is no JSON ``noun``."""
    if encoding == "base64":
        try:
            content = base64.b64decode(content or "")
        except (binascii.Error, TypeError, ValueError):
            return None, "could not be decoded"
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as error:
            return None, "is not UTF-8 text (byte %d)" % error.start
    if not content.strip():
        return None, "is empty: it is not %s" % noun
    try:
        return json.loads(content), None
    except ValueError as error:
        return None, "is not JSON (%s): it is not %s" % (error, noun)
    except RecursionError:
        return None, "is nested too deeply to be read: it is not %s" % noun


def teardown_state(content, path, encoding="base64", runs=None):
    """A saved state (hwc_teardown_save_state), checked field by field: {errors, project_id, services, warnings}.

    ``content`` is the file as slurp returns it (base64), or text with encoding="text". Every error names the file
    and what is wrong; services are [{service, scope, ids}] when there is none. ``warnings`` name each of the planned
    ``runs`` the state has no entry for.
    """
    def failed(problem):
        return {"errors": ["hwc_teardown_spare_state %s %s" % (path, problem)], "project_id": None, "services": [],
                "warnings": []}

    state, problem = read_json_file(content, "a saved state", encoding)
    if problem:
        return failed(problem)
    if not isinstance(state, Mapping):
        return failed("is not a saved state: a JSON object is expected, got %s" % shown(state))
    problems = []
    unknown = sorted(str(key) for key in state if key not in STATE_KEYS)
    if unknown:
        problems.append("unknown key(s) %s (a saved state has %s)" % (named(unknown), ", ".join(STATE_KEYS)))
    if state.get("format") != STATE_FORMAT:
        problems.append("format is %s, not %s" % (shown(state.get("format")), STATE_FORMAT))
    version = state.get("version")
    if isinstance(version, bool) or version != STATE_VERSION:
        problems.append("version is %s, not %d" % (shown(version), STATE_VERSION))
    project = state.get("project")
    project_id = project.get("id") if isinstance(project, Mapping) else None
    if not isinstance(project_id, str) or not GENERIC_ID.fullmatch(project_id):
        problems.append("project.id is %s, not a project id%s" % (shown(project_id), look_alikes([project_id])))
    if parse_time(state.get("saved_at")) is None:
        problems.append("saved_at is %s, not an ISO 8601 time" % shown(state.get("saved_at")))
    kept = []
    for where, entry, service in service_entries(state.get("services"), problems):
        unknown = sorted(str(key) for key in entry if key not in STATE_SERVICE_KEYS)
        if unknown:
            problems.append("%s: unknown key(s) %s" % (where, named(unknown)))
        if not isinstance(entry.get("scope"), Mapping):
            scope = shown(entry["scope"]) if "scope" in entry else "missing"
            problems.append("%s.scope is %s, not a mapping" % (where, scope))
        id_errors = []
        ids = check_ids(where + ".ids", entry.get("ids"), id_errors, service if service in RESOURCES else None)
        problems += id_errors
        kept.append({"service": service, "scope": entry.get("scope") or {}, "ids": ids})
    if problems:
        return {"errors": ["hwc_teardown_spare_state %s is not a valid saved state: %s" % (path, "; ".join(problems))],
                "project_id": project_id, "services": [], "warnings": []}
    return {"errors": [], "project_id": project_id, "services": kept, "warnings": uncovered(kept, runs, path)}


def uncovered(services, runs, path):
    """A warning for each planned run a saved state has no entry for (a DCS instance the snapshot did not look at):
    nothing of it is spared, as if it held nothing when the state was saved. Not refused: an instance the tests
    created after the snapshot has no entry either, and all of its tasks are theirs."""
    def key(service, scope):
        return service, tuple(sorted((name, id_key(value)) for name, value in (scope or {}).items()))

    covered = set(key(entry["service"], entry["scope"]) for entry in services)
    return ["hwc_teardown_spare_state %s has no entry for %s%s: nothing of it is spared" % (
        path, run["service"], "".join(" %s %s" % item for item in sorted((run.get("scope") or {}).items())))
        for run in runs or () if key(run["service"], run.get("scope")) not in covered]


def spared_ids(state, service):
    """The ids a checked state records for a service, in any scope."""
    return unique(value for entry in (state or {}).get("services") or () if entry.get("service") == service
                  for value in entry.get("ids") or ())


def teardown_unwritable(outputs, path_stats, parent_stats):
    """Why each output (teardown_plan's outputs) could not be written, from ansible.builtin.stat results of its path
    and of its directory (looped in the same order): one message naming the input and the path per problem."""
    problems = []
    for entry, path_stat, parent_stat in zip(outputs or (), path_stats or (), parent_stats or ()):
        stat, parent = (path_stat or {}).get("stat") or {}, (parent_stat or {}).get("stat") or {}
        # Written anew through its directory (a temporary file moved over it), also when it exists: the directory must
        # allow that as well as the file.
        if stat.get("exists") and stat.get("isdir"):
            problem = "is a directory"
        elif stat.get("exists") and not stat.get("writeable"):
            problem = "exists and is not writable"
        elif "stat" not in (parent_stat or {}):
            problem = "cannot be written: its directory %s cannot be looked at (%s)" % (
                entry["parent"], (parent_stat or {}).get("msg") or "no stat result")
        elif not parent.get("exists"):
            problem = "cannot be written: its directory %s does not exist" % entry["parent"]
        elif not parent.get("isdir"):
            problem = "cannot be written: %s is not a directory" % entry["parent"]
        elif not (parent.get("writeable") and parent.get("executable")):
            problem = "cannot be written: its directory %s is not writable" % entry["parent"]
        else:
            continue
        problems.append("%s %s %s" % (entry["input"], entry["path"], problem))
    return problems


def teardown_saved_state(results, project, saved_at):
    """The state a dry run saves (hwc_teardown_save_state): per run, every id that exists now, found by the same
    discovery and reads as the dry run (discovered, would be deleted, or skipped as undeletable)."""
    services = []
    for result in results or ():
        ids = list(result.get("discovered") or ()) + list(result.get("would_delete") or ()) \
            + [entry.get("id") for entry in result.get("skipped") or ()]
        services.append({"service": result.get("service"), "scope": result.get("scope") or {},
                         "ids": sorted(unique(value for value in ids if isinstance(value, str)))})
    return {"format": STATE_FORMAT, "version": STATE_VERSION, "saved_at": saved_at, "project": project,
            "services": services}


def check_max_age(value):
    """A plan's maximum age as a positive timedelta; ConfigurationError naming hwc_teardown_plan_max_age and the value
    when it is none (not a duration, longer than the engine's bound, or 0)."""
    age = parse_duration(value, "hwc_teardown_plan_max_age") if isinstance(value, str) else None
    if age is None or age <= timedelta(0):
        raise ConfigurationError("hwc_teardown_plan_max_age must be a duration such as 24h, 90m or 1d12h, got %s" % shown(value))
    return age


def parse_time(value):
    """An aware datetime from an ISO 8601 time, else None; one without an offset is UTC (Ansible's
    now(utc=true).isoformat() writes none)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def teardown_plan_record(results, runs, project, planned_at, dry_run):
    """The plan a teardown's report holds and a dry run publishes (set_stats hwc_teardown_plan): per run (service and
    scope), the ids it would delete (a dry run) or deleted, and the discovery it ran, with the project and the time.
    ``runs`` are the planned runs, in the order of ``results``."""
    project = project or {}
    moment = parse_time(planned_at)
    planned_at = moment.isoformat() if moment is not None else planned_at
    services = []
    for result, run in zip(results or (), runs or ()):
        ids = list(result.get("would_delete") or ()) + list(result.get("deleted") or ())
        services.append({"service": result.get("service"), "scope": result.get("scope") or {},
                         "ids": sorted(unique(value for value in ids if isinstance(value, str))),
                         "discover": (run or {}).get("discover") or {}})
    return {"format": PLAN_FORMAT, "version": PLAN_VERSION, "dry_run": bool(dry_run), "planned_at": planned_at,
            "project": {"id": project.get("id"), "name": project.get("name"), "region": project.get("region")},
            "services": services}


def plan_problems(plan, now, max_age):
    """Every problem of a plan, field by field, and its runs: (problems, runs)."""
    problems, runs = [], []
    if plan.get("format") != PLAN_FORMAT:
        problems.append("format is %s, not %s" % (shown(plan.get("format")), PLAN_FORMAT))
    version = plan.get("version")
    if isinstance(version, bool) or version != PLAN_VERSION:
        problems.append("version is %s, not %d" % (shown(version), PLAN_VERSION))
    if plan.get("dry_run") is not True:
        problems.append("dry_run is %s: it is not a dry run's plan (only what a dry run showed for review can be "
                        "applied)" % shown(plan.get("dry_run")))
    planned_at = parse_time(plan.get("planned_at"))
    if planned_at is None:
        problems.append("planned_at is %s, not an ISO 8601 time" % shown(plan.get("planned_at")))
    elif now is not None and max_age is not None:
        age = now - planned_at
        if age > max_age:
            problems.append("it is too old: planned at %s, %s ago, more than hwc_teardown_plan_max_age (%s); review a "
                            "new dry run" % (plan.get("planned_at"), str(timedelta(seconds=int(age.total_seconds()))), str(max_age)))
        elif -age > PLAN_CLOCK_SKEW:
            problems.append("planned_at %s is in the future" % plan.get("planned_at"))
    project = plan.get("project")
    if not isinstance(project, Mapping):
        problems.append("project is %s, not a mapping" % shown(project))
    elif not isinstance(project.get("id"), str) or not GENERIC_ID.fullmatch(project["id"]):
        problems.append("project.id is %s, not a project id%s" % (shown(project.get("id")), look_alikes([project.get("id")])))
    for where, entry, service in service_entries(plan.get("services"), problems):
        before = len(problems)
        check_keys(where, entry, ["service", "scope", "ids", "discover"], problems)
        scope = entry.get("scope", {})
        if not isinstance(scope, Mapping):
            problems.append("%s.scope is %s, not a mapping" % (where, shown(scope)))
            scope = {}
        parents = PARENT_KEYS.get(service, ())
        check_keys(where + ".scope", scope, list(parents), problems)
        for key in parents:
            if key in scope:
                check_parent("%s.scope.%s" % (where, key), scope[key], problems)
        if service == "dcs_tasks" and "instance_id" not in scope:
            problems.append("%s.scope needs the instance_id of the DCS tasks" % where)
        ids = check_ids(where + ".ids", entry.get("ids"), problems, service if service in RESOURCES else None)
        discover = entry.get("discover") or {}
        if not isinstance(discover, Mapping):
            problems.append("%s.discover is %s, not a mapping of filters (%s)" % (where, shown(discover), ", ".join(FILTERS)))
            discover = {}
        elif service in RESOURCES:
            check_keys(where + ".discover", discover, list(FILTERS), problems)
            discover = check_filters(service, where + ".discover", discover, problems)
            if service == "codearts_build_jobs" and discover and "codearts_project_id" not in scope:
                problems.append("%s: discovering CodeArts Build jobs needs scope.codearts_project_id" % where)
        if len(problems) == before and service in RESOURCES:
            runs.append({"service": service, "scope": dict(scope), "ids": ids, "discover": discover,
                         "codearts_project_id": scope.get("codearts_project_id", "")})
    return problems, runs


def teardown_reviewed_plan(given, now, max_age="24h", content=None):
    """The plan a confirmed run applies (hwc_teardown_plan), checked field by field: {errors, plan, runs}.

    ``given`` is the plan (a mapping, as a dry run publishes it) or the path of a dry run's JSON report (whose
    ``plan`` it takes), then ``content`` is the file as slurp returns it (base64). ``now`` is the current time (ISO
    8601); a plan older than ``max_age`` (a duration) is refused. Each error names the input and what is wrong;
    ``runs`` are the teardown's runs (one hwc.cleanup.cleanup_common run each), the plan's ids to delete, and its
    discovery, which finds what is reported as not_in_plan. The plan's project is checked once the project is
    resolved (the role).
    """
    if isinstance(given, str) and given:
        where = "hwc_teardown_plan %s" % given
    else:
        where = "hwc_teardown_plan"

    def failed(problem):
        return {"errors": ["%s %s. Nothing was requested" % (where, problem)], "plan": {}, "runs": []}

    try:
        age = check_max_age(max_age)
    except ConfigurationError as error:
        return failed("cannot be checked: %s" % error)
    moment = parse_time(now)
    if moment is None:
        return failed("cannot be checked: the current time %s is not an ISO 8601 time" % shown(now))
    if isinstance(given, Mapping):
        plan = given
    elif isinstance(given, str) and given:
        plan, problem = read_json_file(content, "a dry run's report")
        if problem:
            return failed(problem)
        if isinstance(plan, Mapping) and "format" not in plan and "plan" in plan:
            if plan.get("dry_run") is not True:
                return failed("is the report of a confirmed run (dry_run %s), not a dry run's: only what a dry run "
                              "showed for review can be applied" % shown(plan.get("dry_run")))
            plan = plan["plan"]
        if not isinstance(plan, Mapping):
            return failed("is neither a teardown report with a plan nor a plan: got %s" % shown(plan))
    else:
        return failed("must be a plan (a mapping) or the path of a dry run's JSON report, got %s" % shown(given))
    problems, runs = plan_problems(plan, moment, age)
    if problems:
        return {"errors": ["%s is not a plan that can be applied: %s. Nothing was requested" % (where, "; ".join(problems))],
                "plan": {}, "runs": []}
    return {"errors": [], "plan": dict(plan), "runs": runs}
