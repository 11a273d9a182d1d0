# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From the options to a connected client, in two steps: check everything that needs no network, then connect.

Session(params, resource) raises ConfigurationError for a bad endpoint, credential or absent_error_codes
before a single request (the other common options: options.check_settings); open() then makes the
transport and at most one IAM call (a password token, or the project of a region for AK/SK). project_info
and the projects inventory make their own IAM calls with the session's transport and credential.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils import auth, endpoints
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError


class Session:
    """One module run's connection to the resource's service; ``resource`` None for IAM only (hwc.cleanup.auth)."""

    def __init__(self, params, resource=None, need_project=None, need_iam=False):
        """``need_project`` False: no project is looked up (the projects inventory lists them all); ``need_iam``:
        the caller makes IAM calls of its own (project_info, the inventory), so the IAM endpoint is always needed."""
        from ansible_collections.hwc.cleanup.plugins.module_utils.verdict import ReplyRules

        self.params = params
        self.resource = resource
        self.need_project = (resource is None or resource.project_scoped) if need_project is None else need_project
        self.rules = ReplyRules.of(resource, params.get("absent_error_codes")) if resource else None
        self.base_url = endpoints.service_endpoint(params["cloud"], params["region"], resource.service, params["endpoint"],
                                                   params["allow_insecure_http"]) if resource else None
        self.kind = auth.choose_credential(params)
        self.project_id = params["project_id"]
        self.project = None  # project_facts of the project looked up, when one was
        lookup = self.need_project and not self.project_id
        if lookup and self.kind == "token":
            raise ConfigurationError("project_id is required with auth_token (hwc.cleanup.auth returns it), "
                                     "or set HWC_PROJECT_ID")
        needs_iam = need_iam or self.kind == "password" or lookup
        if needs_iam and lookup and not params["region"]:
            raise ConfigurationError("region is required to find the project id; or set project_id")
        if self.kind == "password" and not (self.project_id or params["region"]):
            raise ConfigurationError("region is required to scope the password token to the project named after it; "
                                     "or set project_id")
        self.iam_url = endpoints.iam_endpoint(params["cloud"], params["region"], params["iam_endpoint"],
                                              params["allow_insecure_http"]) if needs_iam else None
        self.transport = None
        self.credential = None

    def open(self, requests_lib):
        """The transport and the credential, then the project id when it must be looked up."""
        from ansible_collections.hwc.cleanup.plugins.module_utils import iam
        from ansible_collections.hwc.cleanup.plugins.module_utils.transport import Transport

        params = self.params
        self.transport = Transport(requests_lib, params["timeout"], params["retries"], params["validate_certs"],
                                   params["ca_path"], pool_size=params["concurrency"], deadline=params["deadline"])
        self.credential = auth.credential(self.kind, params, self.transport, self.iam_url)
        if self.need_project and not self.project_id:
            # A password token names its project; AK/SK asks IAM for the project named after the region.
            token_project = getattr(self.credential, "project", None)
            self.project = iam.project_facts(token_project) if token_project and token_project.get("id") else \
                iam.project_by_region(self.transport, self.iam_url, self.credential, params["region"])
            self.project_id = self.project["id"]
        return self

    def client(self):
        """A Client for the resource's service, with the resource's reply rules."""
        from ansible_collections.hwc.cleanup.plugins.module_utils.client import Client

        return Client(self.transport, self.base_url, self.credential,
                      self.project_id if self.resource.project_scoped else None, self.rules)

    def close(self):
        if self.transport is not None:
            self.transport.close()
