# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every per-service fact, in one table: paths, id rules, list shapes, what "absent" looks like.

Adding a fact about a service is one line here; no module and no engine code changes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.hwc.cleanup.plugins.module_utils.listing import field
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import GENERIC_ID, GENERIC_ID_RULE

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    from urllib import quote


class ApiCall:
    """One route of a service: its method and path template ({project_id}, {instance_id}, {id}, ...)."""

    def __init__(self, method, template):
        self.method = method
        self.template = template

    def path(self, scope, resource_id=None):
        """The path with every value percent-encoded, even though all were validated."""
        values = dict((key, quote(str(value), safe="")) for key, value in scope.items())
        if resource_id is not None:
            values["id"] = quote(resource_id, safe="")
        return self.template.format(**values)


class Paging:
    """How a list endpoint pages: by item offset or by page number."""

    def __init__(self, start_param, size_param, max_size, by_page=False):
        self.start_param = start_param
        self.size_param = size_param
        self.max_size = max_size
        self.by_page = by_page


class Listing:
    """A list endpoint and where the interesting fields of each item are (dotted paths)."""

    def __init__(self, path, items_key=None, total_key=None, paging=None, filters=(), parents=(),
                 id_field="id", status_field="status", name_field=None, created_field=None, kind_field=None):
        self.call = ApiCall("GET", path)
        self.parents = parents  # path options listing needs besides the project, such as instance_id
        self.items_key = items_key  # None: the reply is a top-level array
        self.total_key = total_key
        self.paging = paging
        self.filters = filters  # query parameters the API filters by itself
        # A field is a dotted path, or a tuple of them read in turn (for spellings that differ between API versions).
        self.fields = {"id": id_field, "status": status_field, "name": name_field, "created": created_field,
                       "kind": kind_field}


class Resource:
    """One kind of resource: its routes, ids, list, what "absent" looks like, and how it is deleted.

    ``strategy`` names the deletion strategy (deletion.STRATEGIES): "each" (one call per id) or "batch"
    (list first, then batches of ids, or one call by status).
    """

    def __init__(self, label, service, id_option, plural, delete_call, listing, read_call=None, strategy="each",
                 id_pattern=GENERIC_ID, id_rule=GENERIC_ID_RULE, absent_codes=(), parents=(), project_scoped=True,
                 deletable_statuses=None, batch_size=None, batch_delete_fields=None, undeletable_kinds=(), hints=None):
        self.label = label
        self.service = service
        self.id_option = id_option  # "job" gives the options job_id and job_ids
        self.plural = plural  # what the _info module returns its items as
        self.delete_call = delete_call
        self.listing = listing
        self.read_call = read_call  # reads one resource, for check mode; None: check mode reads the list
        self.strategy = strategy
        self.id_pattern = id_pattern
        self.id_rule = id_rule
        self.absent_codes = frozenset(absent_codes)  # (status, error_code) pairs that also mean "not there"
        self.hints = hints or {}  # error_code -> what the user may do about it
        self.parents = parents  # path options every call needs, such as instance_id
        self.project_scoped = project_scoped
        self.deletable_statuses = deletable_statuses
        self.batch_size = batch_size  # ids per call of the batch strategy
        self.batch_delete_fields = batch_delete_fields  # body fields: (list of ids, status)
        self.undeletable_kinds = frozenset(undeletable_kinds)  # values of the listing's kind field never deletable

    @property
    def id_options(self):
        """The names of the single-id and list options, such as ("job_id", "job_ids")."""
        return self.id_option + "_id", self.id_option + "_ids"

    def undeletable_reason(self, item):
        """Why the service cannot delete this listed item now (its type or its status), or None."""
        fields = self.listing.fields
        item_id, kind, status = field(item, fields["id"]), field(item, fields["kind"]), field(item, fields["status"])
        if kind is not None and kind in self.undeletable_kinds:
            return "%s %s is of type %s, which the service cannot delete" % (self.label, item_id, kind)
        if self.deletable_statuses and status not in self.deletable_statuses:
            return "%s %s is %s: only %s ones can be deleted" % (self.label, item_id, status, " or ".join(self.deletable_statuses))
        return None


CODEARTS_BUILD_JOB = Resource(
    label="CodeArts Build job", service="codearts_build", id_option="job", plural="jobs",
    delete_call=ApiCall("POST", "/v3/jobs/{id}/delete"),
    read_call=ApiCall("GET", "/v3/jobs/{id}/query"),
    # research: https://support.huaweicloud.com/api-codeci/ShowJobListByProjectId.html (page_index from 0, page_size <= 100)
    listing=Listing("/v3/{codearts_project_id}/jobs", items_key="jobs", total_key="total",
                    paging=Paging("page_index", "page_size", 100, by_page=True), parents=("codearts_project_id",),
                    status_field="last_build_status", name_field="job_name", created_field="last_build_time"),
    id_pattern=re.compile(r"^[A-Za-z0-9]{32}$"), id_rule="32 letters and digits",
    # research: DEVCB.00031006 "the job does not exist" on the v1 routes (terraform-provider-huaweicloud, codearts
    # build job resource); CB.00031006 the same on the v3 routes (issue 12, observed): docs/vendor-facts.md
    absent_codes=[(422, "DEVCB.00031006"), (422, "CB.00031006")],
    project_scoped=False,
)

CCE_JOB = Resource(
    label="CCE job", service="cce", id_option="job", plural="jobs",
    delete_call=ApiCall("DELETE", "/api/v2/projects/{project_id}/jobs/{id}"),
    read_call=ApiCall("GET", "/api/v2/projects/{project_id}/jobs/{id}"),
    # research: huaweicloudsdkcce 3.1.219 v3/model/v2_job_spec.py (lowercase keys: resourcename, resourceid,
    # clusteruid), v2_job_status.py (status.status), v2_job_type_object.py (metadata.uid, creationTimestamp in the
    # form "2025-09-02 10:23:38.987955 +0000 UTC"); https://support.huaweicloud.com/intl/en-us/api-cce/GetOneJob.html.
    # The v3 spelling (resourceName) is read too, in case a region answers with it.
    listing=Listing("/api/v2/projects/{project_id}/jobs", id_field="metadata.uid", status_field="status.status",
                    name_field=("spec.resourcename", "spec.resourceName"), created_field="metadata.creationTimestamp"),
)

WORKSPACE_SUB_JOB = Resource(
    label="Workspace sub-job", service="workspace", id_option="job", plural="sub_jobs",
    delete_call=ApiCall("POST", "/v2/{project_id}/workspace-sub-jobs/batch-delete"), strategy="batch",
    listing=Listing("/v2/{project_id}/workspace-sub-jobs", items_key="jobs", total_key="total_count",
                    paging=Paging("offset", "limit", 1000), filters=("status", "job_id"),
                    name_field="job_type", created_field="begin_time", kind_field="job_type"),
    deletable_statuses=("SUCCESS", "FAILED"),
    # research: BatchDeleteSubJobs, job_ids maxItems 10 (Workspace API definition); huaweicloudsdkworkspace 3.1.219
    # workspace_client.py batch_delete_sub_jobs: sub-jobs of these types cannot be deleted
    batch_size=10, batch_delete_fields=("job_ids", "delete_by_status"),
    undeletable_kinds=("changeAccessVpc", "cancelWorkspace", "applyWorkspace"),
    # research: WKS.00010099 (403) / WKS.00170312 (400): Workspace not enabled in the project (issue 12, unverified)
    hints={"WKS.00010099": "Workspace does not seem to be enabled in this project: check project and region",
           "WKS.00170312": "Workspace does not seem to be enabled in this project: check project and region"},
)

DCS_BACKGROUND_TASK = Resource(
    label="DCS background task", service="dcs", id_option="task", plural="tasks",
    delete_call=ApiCall("DELETE", "/v2/{project_id}/instances/{instance_id}/tasks/{id}"),
    # research: https://support.huaweicloud.com/eu/api-dcs/ListBackgroundTask.html (task_count is a string;
    # no documented maximum for limit, 100 is what the console uses)
    listing=Listing("/v2/{project_id}/instances/{instance_id}/tasks", items_key="tasks", total_key="task_count",
                    paging=Paging("offset", "limit", 100), parents=("instance_id",), name_field="name", created_field="created_at"),
    parents=("instance_id",),
)
