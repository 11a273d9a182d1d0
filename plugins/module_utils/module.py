# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HwcModule: options, checks before any request, the connection, and the module entry points.

A module file is its documentation plus one call here; nothing about HTTP lives in modules.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.hwc.cleanup.plugins.module_utils import endpoints
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError, ConfigurationError, ReplyError
from ansible_collections.hwc.cleanup.plugins.module_utils.options import common_argument_spec
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import check_id, check_ids

MAX_CONCURRENCY = 64
# Error codes learned in the field that mean "not there", for any 4xx status (see verdict.ReplyRules).
ABSENT_ERROR_CODES_SPEC = {"type": "list", "elements": "str", "default": []}


class HwcModule:
    def __init__(self, argument_spec, service=None, **kwargs):
        spec = common_argument_spec(service)
        spec.update(argument_spec)
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)
        self.params = self.ansible.params
        self.service = service
        self.transport = None
        self.auth = None

    def fail(self, msg, **facts):
        self.ansible.fail_json(msg=msg, **facts)

    def check_settings(self):
        """Checks of the common options, before any request."""
        params = self.params
        if not 1 <= params["concurrency"] <= MAX_CONCURRENCY:
            raise ConfigurationError("concurrency %r is out of range 1-%d" % (params["concurrency"], MAX_CONCURRENCY))
        if params["timeout"] <= 0:
            raise ConfigurationError("timeout %r must be more than 0 seconds" % (params["timeout"],))
        if params["retries"] < 0:
            raise ConfigurationError("retries %r must be 0 or more" % (params["retries"],))
        if params["deadline"] <= 0:
            raise ConfigurationError("deadline %r must be more than 0 seconds" % (params["deadline"],))
        if params["project_id"] is not None:
            check_id("project_id", params["project_id"])

    def service_url(self):
        params = self.params
        return endpoints.service_endpoint(params["cloud"], params["region"], self.service, params["endpoint"])

    def iam_url(self):
        params = self.params
        return endpoints.iam_endpoint(params["cloud"], params["region"], params["iam_endpoint"])

    def open_transport(self):
        """The session of this run; requests is imported only now, when a request is certain."""
        try:
            import requests
        except ImportError:
            self.fail(missing_required_lib("requests"), exception=traceback.format_exc())
        from ansible_collections.hwc.cleanup.plugins.module_utils.transport import Transport

        params = self.params
        self.transport = Transport(requests, params["timeout"], params["retries"], params["validate_certs"],
                                   params["ca_path"], pool_size=params["concurrency"], deadline=params["deadline"])
        return self.transport

    def authenticate(self, need_project):
        """The credential and, when needed, the project id: at most one IAM call.

        Every check that needs no network runs before the first request is sent.
        """
        from ansible_collections.hwc.cleanup.plugins.module_utils import auth as hwc_auth

        params = self.params
        kind = hwc_auth.choose_credential(params)
        project_id = params["project_id"]
        needs_iam = kind == "password" or (need_project and not project_id)
        if need_project and not project_id and kind == "token":
            raise ConfigurationError("project_id is required with auth_token (hwc.cleanup.auth returns it), "
                                     "or set HWC_PROJECT_ID")
        iam_url = self.iam_url() if needs_iam else None
        if needs_iam and not project_id and not params["region"]:
            raise ConfigurationError("region is required to find the project id; or set project_id")
        transport = self.transport or self.open_transport()
        if kind == "token":
            self.auth = hwc_auth.TokenAuth(params["auth_token"])
        elif kind == "aksk":
            self.auth = hwc_auth.AkSkAuth(params["access_key"], params["secret_key"], params["security_token"])
            if need_project and not project_id:
                project_id = hwc_auth.project_id_by_region(transport, iam_url, self.auth, params["region"])
        else:
            self.auth = hwc_auth.PasswordAuth(transport, iam_url, params["username"], params["password"],
                                              params["domain_name"], project_id, params["region"])
            self.auth.token()
            project_id = self.auth.project_id
        return project_id

    def connect(self, resource):
        """A Client for the resource's service. Raises ConfigurationError or ApiError."""
        from ansible_collections.hwc.cleanup.plugins.module_utils.client import Client
        from ansible_collections.hwc.cleanup.plugins.module_utils.verdict import ReplyRules

        rules = ReplyRules.of(resource, self.params.get("absent_error_codes"))
        base_url = self.service_url()
        project_id = self.authenticate(resource.project_scoped)
        return Client(self.transport, base_url, self.auth, project_id if resource.project_scoped else None, rules)

    def retry_report(self, id_count):
        """The result's retries (by kind, and requests sent) and, at -v, a one-line summary as msg."""
        from ansible_collections.hwc.cleanup.plugins.module_utils.results import retry_report

        limits = self.transport.limits if self.transport is not None else None
        return retry_report(limits, id_count, self.ansible._verbosity >= 1)

    def run(self, action, always=None):
        """Run action(); turn our errors into a failed task with the facts a user needs.

        ``always`` holds keys a failed result carries too (the delete modules' lists).
        """
        failure = None
        try:
            self.check_settings()
            result = action()
        except (ConfigurationError, ReplyError) as error:
            failure = (str(error), {})
        except ApiError as error:
            failure = (error.message(), error.facts())
        finally:
            if self.transport is not None:
                self.transport.close()
        if failure is None:
            failure = result.pop("failure", None)
            if failure:
                result.pop("msg", None)  # the -v summary; the failure's message takes its place
                failure = (failure[0], dict(result, **failure[1]))
        if failure:
            self.fail(failure[0], **dict(always or {}, **failure[1]))
        self.ansible.exit_json(**result)


def delete_argument_spec(resource):
    """state, the id options and the parents of a resource: the same shape for every delete module."""
    singular, plural = resource.id_options
    spec = {"state": {"type": "str", "choices": ["absent"], "default": "absent"},
            plural: {"type": "list", "elements": "str"},
            "absent_error_codes": ABSENT_ERROR_CODES_SPEC}
    if resource.deletable_statuses:
        selectors = (plural, "delete_by_status")
        spec["delete_by_status"] = {"type": "str", "choices": list(resource.deletable_statuses)}
    else:
        selectors = (singular, plural)
        spec[singular] = {"type": "str"}
    for parent in resource.parents:
        spec[parent] = {"type": "str", "required": True}
    return spec, selectors


def run_delete_module(resource):
    """The whole of a delete module's main()."""
    spec, selectors = delete_argument_spec(resource)
    module = HwcModule(spec, resource.service, mutually_exclusive=[selectors], required_one_of=[selectors])
    params = module.params

    def action():
        scope = dict((parent, check_id(parent, params[parent])) for parent in resource.parents)
        singular, plural = resource.id_options
        status = params.get("delete_by_status")
        if params.get(singular) is not None:
            ids = [check_id(singular, params[singular], resource.id_pattern, resource.id_rule)]
        else:
            ids = check_ids(plural, params.get(plural) or [], resource.id_pattern, resource.id_rule)
        if not ids and status is None:
            return dict(changed=False, deleted=[], already_absent=[], errors=[])
        # Imported only when there is something to delete: an empty list skips the thread pool and its imports.
        from ansible_collections.hwc.cleanup.plugins.module_utils import deletion
        from ansible_collections.hwc.cleanup.plugins.module_utils.results import Outcome

        try:
            client = module.connect(resource)
            if client.project_id:
                scope["project_id"] = client.project_id
            check_mode = module.ansible.check_mode
            if resource.batch_size:
                outcome = deletion.delete_batch(client, resource, scope, ids, status, check_mode)
            else:
                outcome = deletion.delete_each(client, resource, scope, ids, params["concurrency"], check_mode)
        except ApiError as error:
            # Failed before any id was tried (login, project lookup, a list): none of them was deleted.
            outcome = Outcome(ids)
            for resource_id in ids:
                outcome.add_error(resource_id, error)
            if not ids:
                raise
        result = outcome.result(module.ansible._diff)
        result["failure"] = outcome.failure()
        result.update(module.retry_report(len(ids)))
        return result

    always = {"changed": False, "deleted": [], "already_absent": [], "errors": [], "retries": {}}
    if resource.batch_size:
        always["skipped"] = []
    module.run(action, always=always)


def run_auth_module():
    """hwc.cleanup.auth: authenticate once, return what later tasks need to skip IAM."""
    module = HwcModule({})

    def action():
        project_id = module.authenticate(need_project=True)
        token = module.auth.token() if module.auth.kind == "password" else module.params["auth_token"]
        # A given auth_token is a no_log value, which exit_json would mask in the result; handing it on is
        # the point, and the action plugin hides this result from output instead.
        module.ansible.no_log_values.discard(token)
        return {
            "changed": False,
            "auth_token": token,
            "project_id": project_id,
            "expires_at": getattr(module.auth, "expires_at", None),
            "auth_method": module.auth.kind,
        }

    module.run(action)


def info_argument_spec(resource):
    """The list's parents and the filters the resource's fields allow."""
    listing = resource.listing
    spec = dict((parent, {"type": "str", "required": True}) for parent in listing.parents)
    spec["status"] = {"type": "list", "elements": "str"}
    spec["absent_error_codes"] = ABSENT_ERROR_CODES_SPEC
    if listing.fields["name"]:
        spec["name_pattern"] = {"type": "str"}
    if listing.fields["created"]:
        spec["older_than"] = {"type": "str"}
    return spec


def run_info_module(resource):
    """The whole of an _info module's main(): every page, then the filters."""
    from ansible_collections.hwc.cleanup.plugins.module_utils.filters import parse_duration, select
    from ansible_collections.hwc.cleanup.plugins.module_utils.listing import list_all_or_none

    module = HwcModule(info_argument_spec(resource), resource.service)
    params = module.params

    def action():
        scope = dict((parent, check_id(parent, params[parent])) for parent in resource.listing.parents)
        older_than = parse_duration(params["older_than"]) if params.get("older_than") is not None else None
        client = module.connect(resource)
        if client.project_id:
            scope["project_id"] = client.project_id
        statuses = params["status"]
        # One status can be left to the API where it filters; the local filter runs in every case.
        # A parent that is gone (a deleted DCS instance) has nothing left to clean up: no items, no failure.
        items = list_all_or_none(client, resource, scope, {"status": statuses[0]} if statuses and len(statuses) == 1 else None)
        found = select(items, resource.listing.fields, statuses, params.get("name_pattern"), older_than)
        if resource.deletable_statuses:  # what a delete module could delete now, for roles that delete what they find
            for item in found:
                item["deletable"] = resource.undeletable_reason(item) is None
        return {"changed": False, resource.plural: found}

    module.run(action)
