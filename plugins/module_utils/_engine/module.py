# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""The module base and its kinds: delete, info, auth and project info. A module file is its documentation plus one call.

HwcModule.main() builds the AnsibleModule from the common options (with their environment fallbacks,
docs/authentication.md) and the kind's own, checks the common options, runs the subclass's run() (which checks its
ids and returns the result or raises) and turns the collection's errors into a failed task with the facts a user
needs. The walk of a delete: module -> session -> auth -> transport -> sending, pacing -> replies -> deletion
(docs/development.md, "The engine").

The doc fragment hwc.cleanup.common documents exactly the common options; validate-modules and a unit test keep
the two from drifting.
"""

import math
import os
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.hwc.cleanup.plugins.module_utils._engine import auth
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import (
    NO_REPLY_FACTS, ApiError, ConfigurationError, ReplyError, TaskFailed, look_alike, masked, secret_forms, shown_value)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.listing import (
    LONGEST, LONGEST_SECONDS, check_name_pattern, check_statuses, list_unless_parent_missing, parse_duration, select)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import GENERIC_ID, GENERIC_ID_RULE
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.session import CREDENTIAL_ENV, Session, check_region_shape

# Error codes learned in the field that may mean "not there", for any 4xx status but 401 and 403: a reply with one
# is believed only when the service's listing confirms it (replies.UNPROVEN, deletion.py).
ABSENT_ERROR_CODES_SPEC = {"type": "list", "elements": "str", "default": []}


def non_empty_env_fallback(*names):
    """The first of the environment variables ``names`` that is set and not empty.

    Unlike ansible's env_fallback, an empty variable counts as unset: an AWX credential injects
    every variable its type lists, as an empty string for a field left blank, and that must not
    hide a later fallback (nor make ``cloud`` or ``project_id`` invalid).
    """
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise AnsibleFallbackNotFound


def _env(*names):
    return {"fallback": (non_empty_env_fallback, list(names))}


def _option(option_type, *env_names, **extra):
    spec = {"type": option_type}
    spec.update(_env(*env_names))
    spec.update(extra)
    return spec


SERVICE_ENV_NAMES = {"codearts_build": "CODEARTS_BUILD", "cce": "CCE", "workspace": "WORKSPACE", "dcs": "DCS"}


def common_argument_spec(service=None):
    """Options shared by every module; service picks the endpoint's own environment variable."""
    spec = {
        "cloud": _option("str", "HWC_CLOUD", choices=["huaweicloud", "otc", "otc_swiss"], default="huaweicloud"),
        "region": _option("str", "HWC_REGION", "HUAWEICLOUD_SDK_REGION", "HW_REGION_NAME", "OS_REGION_NAME"),
        # raw, as every id: a str type would turn a YAML number into another id (0123 is 83) before check_id saw it.
        "project_id": _option("raw", "HWC_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HW_PROJECT_ID", "OS_PROJECT_ID"),
        "iam_endpoint": _option("str", "HWC_IAM_ENDPOINT", "HUAWEICLOUD_SDK_IAM_ENDPOINT", "HW_AUTH_URL", "OS_AUTH_URL"),
        "endpoint": _option("str", *(["HWC_ENDPOINT_URL_" + SERVICE_ENV_NAMES[service]] if service else []) + ["HWC_ENDPOINT_URL"]),
        "allow_insecure_http": _option("bool", "HWC_ALLOW_INSECURE_HTTP", default=False),
        "validate_certs": _option("bool", "HWC_VALIDATE_CERTS", default=True),
        "ca_path": _option("path", "HWC_CA_PATH"),
        "timeout": _option("float", "HWC_TIMEOUT", default=30.0),
        "retries": _option("int", "HWC_RETRIES", default=5),
        "concurrency": _option("int", "HWC_CONCURRENCY", default=8),
        "deadline": _option("float", "HWC_DEADLINE", default=1800.0),
    }
    for name, env_names in CREDENTIAL_ENV.items():
        spec[name] = _option("str", *env_names, no_log=name in auth.SECRET_OPTIONS)
    return spec


MAX_CONCURRENCY = 64


def check_settings(params):
    """The common options that are not endpoints or credentials, and the region's shape whenever it is set: given
    endpoints do not need it for a host name, but IAM gets it as a project name."""
    if not 1 <= params["concurrency"] <= MAX_CONCURRENCY:
        raise ConfigurationError("concurrency %r is out of range 1-%d" % (params["concurrency"], MAX_CONCURRENCY))
    for option in ("timeout", "deadline"):
        check_seconds(option, params[option])
    if params["retries"] < 0:
        raise ConfigurationError("retries %r must be 0 or more" % (params["retries"],))
    if params["project_id"] is not None:
        check_id("project_id", params["project_id"])
    if params["region"]:
        check_region_shape(params["region"])


def check_seconds(option, seconds):
    """A number of seconds that timers can be set to: NaN would pass every comparison (a deadline never reached) and
    infinity or more than LONGEST overflows them."""
    if not math.isfinite(seconds) or seconds > LONGEST_SECONDS:
        raise ConfigurationError("%s %r must be a finite number of seconds, at most %d (%s)"
                                 % (option, seconds, LONGEST_SECONDS, LONGEST))
    if seconds <= 0:
        raise ConfigurationError("%s %r must be more than 0 seconds" % (option, seconds))


# Every id is checked before any request: none may change the path it is put into.
NAMED_BAD_IDS = 10  # a message names this many bad ids of a list, then counts the others


def _not_a_string(value):
    """Why a value of another type is no id: a YAML number would reach the path in another spelling (0123 is 83)."""
    if value is None:
        return "null, not a string"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number, not a string: quote it in YAML"
    return "a %s, not a string" % type(value).__name__


def _why_not(value):
    """What a bad id has besides breaking the rule, when the value alone would not show it: its type, or a
    look-alike character that is not ASCII; None otherwise."""
    return _not_a_string(value) if not isinstance(value, str) else look_alike(value)


def check_id(option, value, pattern=GENERIC_ID, rule=GENERIC_ID_RULE):
    if not isinstance(value, str):
        raise ConfigurationError("%s: %s is not a valid id (%s)" % (option, shown_value(value), _not_a_string(value)))
    if not pattern.fullmatch(value):
        why = _why_not(value)
        raise ConfigurationError("%s: %s is not a valid id (%s)%s" % (option, shown_value(value), rule, ": it " + why if why else ""))
    return value


def check_ids(option, values, pattern=GENERIC_ID, rule=GENERIC_ID_RULE):
    """Validated ids in the order given, duplicates dropped (each is deleted once). ConfigurationError naming every
    bad one, up to NAMED_BAD_IDS, then their count."""
    bad = [(index, value) for index, value in enumerate(values) if not isinstance(value, str) or not pattern.fullmatch(value)]
    if len(bad) == 1:
        check_id("%s[%d]" % (option, bad[0][0]), bad[0][1], pattern, rule)
    if bad:
        named = ", ".join("[%d] %s%s" % (index, shown_value(value), " (%s)" % _why_not(value) if _why_not(value) else "")
                          for index, value in bad[:NAMED_BAD_IDS])
        more = " and %d more" % (len(bad) - NAMED_BAD_IDS) if len(bad) > NAMED_BAD_IDS else ""
        raise ConfigurationError("%s: %d values are not valid ids (%s): %s%s" % (option, len(bad), rule, named, more))
    unique, seen = [], set()  # the set keeps this linear for long lists
    for value in values:
        if value not in seen:
            seen.add(value)
            unique.append(value)
    return unique


class HwcModule:
    """A subclass's run() returns the result dict or raises; main() does everything around it, once for all."""

    resource = None
    session = None  # the run's Session, once connect() opened it
    failed_result = {}  # keys a failed task's result carries too
    revealed = frozenset()  # secrets the result is for (hwc.cleanup.auth's token), in every form
    session_options = {}  # Session's need_project and need_iam, when not the resource's defaults

    def argument_spec(self):
        return {}

    def module_options(self):
        return {}

    def main(self):
        spec = common_argument_spec(self.resource.service if self.resource else None)
        spec.update(self.argument_spec())
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=True, **self.module_options())
        self.params = self.ansible.params
        try:
            check_settings(self.params)
            result = self.run()
        except (ConfigurationError, ReplyError) as error:
            self.ansible.fail_json(**self.shown(dict(self.failed_result, msg=str(error), **NO_REPLY_FACTS)))
        except ApiError as error:
            self.ansible.fail_json(**self.shown(dict(self.failed_result, msg=error.message(), **error.facts())))
        except TaskFailed as failure:
            self.ansible.fail_json(**self.shown(dict(failure.result, msg=str(failure), **failure.facts)))
        finally:
            if self.session is not None:
                self.session.close()
        self.ansible.exit_json(**self.shown(result))

    def shown(self, result):
        """The result without a secret of the run, whatever a service echoed back: Ansible masks the no_log options
        as given, not a token IAM issued, a secret as JSON escapes it, a password in an endpoint URL (in the
        invocation too, once it is a no_log value) nor a request's signature."""
        secrets = auth.secrets_of(self.params, self.session.credential if self.session else None) - self.revealed
        self.ansible.no_log_values.update(secrets)
        return masked(result, secrets)

    def connect(self):
        """The run's Session, opened; requests is imported only now, when a request is certain."""
        self.session = Session(self.params, self.resource, **self.session_options)
        try:
            import requests
        except ImportError:
            self.ansible.fail_json(msg=missing_required_lib("requests"), exception=traceback.format_exc())
        return self.session.open(requests)

    def scope(self, parents):
        """The path values a call needs besides the ids and the project: the parents, validated."""
        return dict((parent, check_id(parent, self.params[parent])) for parent in parents)

    def missing_parents(self, options, scope):
        """The result's missing_parents, each with a warning: a mistyped parent must not pass for a clean one."""
        missing = [{"option": option, "value": scope[option]} for option in sorted(options)]
        for entry in missing:
            self.ansible.warn("%s %s: the service says it does not exist (so none of its %s exists either); check "
                              "the %s" % (entry["option"], entry["value"], self.resource.plural, entry["option"]))
        return missing


class DeleteModule(HwcModule):
    def __init__(self, resource):
        self.resource = resource
        singular, plural = resource.id_options
        # Workspace deletes by status instead of by one id.
        self.selectors = (plural, "delete_by_status") if resource.deletable_statuses else (singular, plural)

    @property
    def failed_result(self):
        """The result of a task that tried no id: nothing done, and what it sent (nothing, or a failed list)."""
        result = {"changed": False, "deleted": [], "already_absent": [], "errors": [],
                  "retries": retry_counts(self.session, 0, False)["retries"]}
        if self.resource.strategy == "batch":
            result["undeletable"] = []
        if self.resource.parents:
            result["missing_parents"] = []
        return result

    def argument_spec(self):
        """state, the id options and the parents of a resource: the same shape for every delete module."""
        resource = self.resource
        singular, plural = resource.id_options
        # Ids are raw, the list of them too: a str or list type would turn null into '' and 123 into '123' (or
        # ['123']) before ids() could refuse them.
        spec = {"state": {"type": "str", "choices": ["absent"], "default": "absent"},
                plural: {"type": "raw"},
                "absent_error_codes": ABSENT_ERROR_CODES_SPEC}
        if resource.deletable_statuses:
            spec["delete_by_status"] = {"type": "str", "choices": list(resource.deletable_statuses)}
        else:
            spec[singular] = {"type": "raw"}
        for parent in resource.parents:
            spec[parent] = {"type": "raw", "required": True}  # raw as the ids: scope() refuses a number
        return spec

    def module_options(self):
        return {"mutually_exclusive": [self.selectors], "required_one_of": [self.selectors]}

    def ids(self):
        resource, params = self.resource, self.params
        singular, plural = resource.id_options
        if params.get(singular) is not None:
            return [check_id(singular, params[singular], resource.id_pattern, resource.id_rule)]
        values = params.get(plural)
        if isinstance(values, str):
            values = values.split(",")  # as Ansible reads a string given for a list
        elif values is not None and not isinstance(values, list):
            raise ConfigurationError("%s: %s is not a list of ids (%s)" % (plural, shown_value(values), _not_a_string(values)))
        return check_ids(plural, values or [], resource.id_pattern, resource.id_rule)

    def run(self):
        resource, params = self.resource, self.params
        scope = self.scope(resource.parents)
        ids, status = self.ids(), params.get("delete_by_status")
        if not ids and status is None:
            return self.failed_result
        # Imported only when there is something to delete: an empty list skips the thread pool and its imports.
        from ansible_collections.hwc.cleanup.plugins.module_utils._engine.deletion import STRATEGIES, Outcome

        try:
            session = self.connect()
            if session.project_id and resource.project_scoped:
                scope["project_id"] = session.project_id
            delete = STRATEGIES[resource.strategy]
            outcome = delete(session.client, resource, scope, ids, status, params["concurrency"], self.ansible.check_mode)
        except (ApiError, ReplyError) as error:
            if not ids:  # a delete by status whose list failed
                raise
            # Failed before any id was tried (login, project lookup, a list): none of them was deleted.
            outcome = Outcome(ids, reports_undeletable=resource.strategy == "batch")
            for resource_id in ids:
                outcome.add_error(resource_id, error if isinstance(error, ApiError) else None, str(error))
        result = outcome.result(self.ansible._diff)
        if resource.parents:
            result["missing_parents"] = self.missing_parents(outcome.missing_parents, scope)
        # The ids the outcome covers: a delete by status has none of the user's.
        covered = sum(len(result.get(key, ())) for key in ("deleted", "already_absent", "errors", "undeletable"))
        result.update(retry_counts(self.session, covered, self.ansible._verbosity >= 1))
        failure = outcome.failure()
        if failure:
            result.pop("msg", None)  # the -v summary; the failure's message takes its place
            raise TaskFailed(failure[0], result, failure[1])
        return result


class InfoModule(HwcModule):
    def __init__(self, resource):
        self.resource = resource

    def argument_spec(self):
        """The list's parents and the filters the resource's fields allow."""
        listing = self.resource.listing
        spec = dict((parent, {"type": "raw", "required": True}) for parent in listing.parents)  # as DeleteModule's
        spec["status"] = {"type": "list", "elements": "str"}
        spec["absent_error_codes"] = ABSENT_ERROR_CODES_SPEC
        if listing.fields["name"]:
            spec["name_pattern"] = {"type": "str"}
        if listing.fields["created"]:
            spec["older_than"] = {"type": "str"}
        return spec

    def run(self):
        """Every page, then the filters."""
        resource, params = self.resource, self.params
        if params["absent_error_codes"]:
            self.ansible.deprecate("absent_error_codes has no effect on an _info module since 2.0.0: a list is read "
                                   "whole or the task fails", version="3.0.0", collection_name="hwc.cleanup")
        scope = self.scope(resource.listing.parents)
        older_than = parse_duration(params["older_than"]) if params.get("older_than") is not None else None
        statuses = check_statuses(resource.listing, params["status"])
        name_pattern = check_name_pattern("name_pattern", params["name_pattern"]) if params.get("name_pattern") is not None else None
        session = self.connect()
        if session.project_id and resource.project_scoped:
            scope["project_id"] = session.project_id
        # One status can be left to the API where it filters; the local filter runs in every case. A list is
        # read whole or the task fails; only a parent the service documents as gone (a deleted DCS instance)
        # gives no items, with a warning and missing_parents naming it.
        items, missing_parent = list_unless_parent_missing(session.client, resource, scope,
                                                           {"status": statuses[0]} if statuses and len(statuses) == 1 else None)
        found = select(items, resource.listing.fields, statuses, name_pattern, older_than)
        if resource.deletable_statuses:  # what a delete module could delete now and why not, for roles that delete what they find
            for item in found:
                item["undeletable_reason"] = resource.undeletable_reason(item)
                item["deletable"] = item["undeletable_reason"] is None
        result = {"changed": False, resource.plural: found}
        if resource.parent_absent_replies:  # a parent the service can say is gone (a DCS instance), not any parent
            result["missing_parents"] = self.missing_parents([missing_parent] if missing_parent else [], scope)
        return result


class AuthModule(HwcModule):
    """hwc.cleanup.auth: authenticate once, return what later tasks need to skip IAM."""

    def run(self):
        session = self.connect()
        credential = session.credential
        token = credential.token() if credential.kind == "password" else self.params["auth_token"]
        # A given auth_token is a no_log value, which exit_json would mask in the result; handing it on is
        # the point, and the action plugin hides this result from output instead.
        self.revealed = frozenset(secret_forms(token))
        self.ansible.no_log_values.discard(token)
        return {
            "changed": False,
            "auth_token": token,
            "project_id": session.project_id,
            "expires_at": getattr(credential, "expires_at", None),
            "auth_method": credential.kind,
        }


class ProjectInfoModule(HwcModule):
    """hwc.cleanup.project_info: the project the options resolve to, the one a delete module would act on."""

    session_options = {"need_iam": True}

    def argument_spec(self):
        return {"list_accessible": {"type": "bool", "default": False}}

    def run(self):
        session = self.connect()
        projects = None
        if self.params["project_id"] or self.params["list_accessible"]:
            projects = auth.accessible_projects(session.transport, session.iam_url, session.credential)
        if self.params["project_id"]:  # given: it must be one the credential can access
            project = auth.find_project(projects, self.params["project_id"])
        else:  # looked up as every module does: the password token's project, or the one named after the region
            project = session.project
        result = {"changed": False, "project": auth.check_enabled(project)}
        if self.params["list_accessible"]:
            result["accessible_projects"] = projects
        return result


def retry_counts(session, id_count, verbose):
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import retry_report

    return retry_report(session.transport.limits if session and session.transport else None, id_count, verbose)


def run_delete_module(resource):
    DeleteModule(resource).main()


def run_info_module(resource):
    InfoModule(resource).main()


def run_auth_module():
    AuthModule().main()


def run_project_info_module():
    ProjectInfoModule().main()
