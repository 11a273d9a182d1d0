# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""Every per-service fact, in one table: paths, id rules, list shapes, what "absent" looks like.

Adding a fact about a service is one line here; no module and no engine code changes.
"""

import re
from urllib.parse import quote

# Ids, project and instance ids are 1-128 of [A-Za-z0-9_-] unless a resource is stricter (docs/decisions.md).
GENERIC_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
GENERIC_ID_RULE = "1 to 128 letters, digits, '_' or '-'"


def field(item, dotted):
    """The value at a dotted path such as 'metadata.uid' (or the first of a tuple of paths that has one), or None."""
    if isinstance(dotted, tuple):
        for path in dotted:
            value = field(item, path)
            if value is not None:
                return value
        return None
    value = item
    for key in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


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
                 id_field="id", status_field="status", name_field=None, created_field=None, kind_field=None,
                 statuses=None):
        self.call = ApiCall("GET", path)
        self.parents = parents  # path options listing needs besides the project, such as instance_id
        self.items_key = items_key  # None: the reply is a top-level array
        self.total_key = total_key
        self.paging = paging
        self.filters = filters  # query parameters the API filters by itself
        # A field is a dotted path, or a tuple of them read in turn (for spellings that differ between API versions).
        self.fields = {"id": id_field, "status": status_field, "name": name_field, "created": created_field,
                       "kind": kind_field}
        self.statuses = statuses  # the documented statuses, as the service spells them; None: none documented


class Resource:
    """One kind of resource: its routes, ids, list, what proves it absent, and how it is deleted.

    ``strategy`` names the deletion strategy (deletion.STRATEGIES): "each" (one call per id) or "batch"
    (list first, then batches of ids, or one call by status). ``absent_replies`` are the replies the service
    documents as "this resource does not exist", {(status, code): source}; ``parent_absent_replies`` those that
    say its parent does not exist, {(status, code): the parent's option}. Nothing else proves absence without
    the service's own listing (replies.judge, deletion.py).
    """

    def __init__(self, label, service, id_option, plural, delete_call, listing, read_call=None, strategy="each",
                 id_pattern=GENERIC_ID, id_rule=GENERIC_ID_RULE, absent_replies=None, parent_absent_replies=None,
                 code_aliases=None, success_status=None, parents=(), project_scoped=True, deletable_statuses=None,
                 batch_size=None, batch_delete_fields=None, undeletable_kinds=(), hints=None):
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
        self.absent_replies = absent_replies or {}
        self.parent_absent_replies = parent_absent_replies or {}
        self.code_aliases = code_aliases or {}  # another spelling of a code (DCS's numeric twins) -> the named code
        self.success_status = success_status  # a 2xx body's "status" other than this is a failure (CodeArts Build)
        self.hints = hints or {}  # error_code -> what the user may do about it
        self.parents = parents  # path options every call needs, such as instance_id
        self.project_scoped = project_scoped
        self.deletable_statuses = deletable_statuses
        self.batch_size = batch_size  # ids per call of the batch strategy
        self.batch_delete_fields = batch_delete_fields  # body fields: (list of ids, status)
        self.undeletable_kinds = frozenset(undeletable_kinds)  # values of the listing's kind field never deletable
        # The names of the single-id and list options, such as ("job_id", "job_ids").
        self.id_options = (id_option + "_id", id_option + "_ids")
        # Whether an unproven 404 is checked against the list (the delete module knows every path value the list
        # needs); else against a read of the one resource, whose not-found is one of ``absent_replies``.
        self.confirms_by_listing = set(listing.parents) <= set(parents)

    def undeletable_reason(self, item):
        """Why the service cannot delete this listed item now (its type or its status), or None."""
        fields = self.listing.fields
        item_id, kind, status = field(item, fields["id"]), field(item, fields["kind"]), field(item, fields["status"])
        if kind is not None and kind in self.undeletable_kinds:
            return "%s %s is of type %s, which the service cannot delete" % (self.label, item_id, kind)
        if self.deletable_statuses and status not in self.deletable_statuses:
            return "%s %s is %s: only %s ones can be deleted" % (self.label, item_id, status, " or ".join(self.deletable_statuses))
        return None


# research: opentelekomcloud-docs/distributed-cache-service api-ref/source/appendix/error_codes.rst (cee12d1): the
# table lists the v1 API's numeric codes beside the v2 API's named ones, in rows of their own; each numeric code is
# read as its named twin ("111" + HTTP status + the named code's last three digits; the first digit of the named
# code is the table's, 111404022 is DCS.3022). The pairing is ours: docs/vendor-facts.md, "DCS numeric codes".
DCS_NUMERIC_CODES = {
    "111400002": "DCS.4002", "111400004": "DCS.4004", "111400005": "DCS.4005", "111400007": "DCS.4007",
    "111400008": "DCS.4008", "111400009": "DCS.4009", "111400010": "DCS.4010", "111400011": "DCS.4011",
    "111400012": "DCS.4012", "111400013": "DCS.4013", "111400014": "DCS.4014", "111400016": "DCS.4016",
    "111400017": "DCS.4017", "111400018": "DCS.4018", "111400019": "DCS.4019", "111400020": "DCS.4020",
    "111400021": "DCS.4021", "111400022": "DCS.4022", "111400026": "DCS.4026", "111400027": "DCS.4027",
    "111400035": "DCS.4035", "111400036": "DCS.4036", "111400037": "DCS.4037", "111400038": "DCS.4038",
    "111400039": "DCS.4039", "111400042": "DCS.4042", "111400045": "DCS.4045", "111400046": "DCS.4046",
    "111400047": "DCS.4047", "111400048": "DCS.4048", "111400053": "DCS.4053", "111400054": "DCS.4054",
    "111400060": "DCS.4060", "111400061": "DCS.4061", "111400062": "DCS.4062", "111400063": "DCS.4063",
    "111400064": "DCS.4064", "111400065": "DCS.4065", "111400066": "DCS.4066", "111400067": "DCS.4067",
    "111400068": "DCS.4068", "111400069": "DCS.4069", "111400070": "DCS.4070", "111400072": "DCS.4072",
    "111400073": "DCS.4073", "111400074": "DCS.4074", "111400075": "DCS.4075", "111400076": "DCS.4076",
    "111400080": "DCS.4080", "111400086": "DCS.4086", "111400087": "DCS.4087", "111400094": "DCS.4094",
    "111400095": "DCS.4095", "111400096": "DCS.4096", "111400097": "DCS.4097", "111400098": "DCS.4098",
    "111400099": "DCS.4099", "111400100": "DCS.4100", "111400101": "DCS.4101", "111400102": "DCS.4102",
    "111400103": "DCS.4103", "111400104": "DCS.4104", "111400105": "DCS.4105", "111400106": "DCS.4106",
    "111400107": "DCS.4107", "111400108": "DCS.4108", "111400111": "DCS.4111", "111400113": "DCS.4113",
    "111400114": "DCS.4114", "111400115": "DCS.4115", "111400116": "DCS.4116", "111400117": "DCS.4117",
    "111400118": "DCS.4118", "111400119": "DCS.4119", "111400120": "DCS.4120", "111400800": "DCS.4800",
    "111400842": "DCS.4842", "111400843": "DCS.4843", "111400844": "DCS.4844", "111400845": "DCS.4845",
    "111400849": "DCS.4849", "111400850": "DCS.4850", "111401001": "DCS.1001", "111401002": "DCS.1002",
    "111401003": "DCS.1003", "111401004": "DCS.1004", "111403002": "DCS.3002", "111403003": "DCS.3003",
    "111404001": "DCS.4001", "111404022": "DCS.3022", "111404023": "DCS.4023", "111405001": "DCS.5001",
    "111500000": "DCS.5000", "111500006": "DCS.5006", "111500017": "DCS.5017", "111500020": "DCS.5020",
    "111500024": "DCS.5024", "111500031": "DCS.5031", "111500032": "DCS.5032", "111500037": "DCS.5037",
    "111500041": "DCS.5041", "111500044": "DCS.5044", "111500053": "DCS.5053", "111500054": "DCS.5054",
    "111500070": "DCS.5070", "111500071": "DCS.5071", "111500077": "DCS.5077", "111500078": "DCS.5078",
    "111500079": "DCS.5079", "111500082": "DCS.5082", "111500083": "DCS.5083", "111500085": "DCS.5085",
    "111500090": "DCS.5090", "111500091": "DCS.5091", "111500092": "DCS.5092", "111500095": "DCS.5095",
    "111500104": "DCS.5104",
}

CODEARTS_BUILD_JOB = Resource(
    label="CodeArts Build job", service="codearts_build", id_option="job", plural="jobs",
    delete_call=ApiCall("POST", "/v3/jobs/{id}/delete"),
    read_call=ApiCall("GET", "/v3/jobs/{id}/query"),
    # research: https://support.huaweicloud.com/api-codeci/ShowJobListByProjectId.html (page_index from 0, page_size <= 100)
    listing=Listing("/v3/{codearts_project_id}/jobs", items_key="jobs", total_key="total",
                    paging=Paging("page_index", "page_size", 100, by_page=True), parents=("codearts_project_id",),
                    status_field="last_build_status", name_field="job_name", created_field="last_build_time",
                    # research: https://support.huaweicloud.com/api-codeci/ListProjectJobs.html (build_status values)
                    statuses=("red", "blue", "timeout", "aborted", "building", "none")),
    id_pattern=re.compile(r"^[A-Za-z0-9]{32}$"), id_rule="32 letters and digits",
    absent_replies={
        (422, "CB.00031006"): "observed on the v3 routes (issue 12): the job does not exist",
        (422, "DEVCB.00031006"): "terraform-provider-huaweicloud codeartsbuild/common.go buildTaskNotFoundErr (v1 routes)",
    },
    # research: huaweicloudsdkcodeartsbuild 3.1.219 v3/model/delete_build_job_response.py (status, result) and
    # list_job_config_response.py (result, error, status): the v3 envelope says "success" when it worked
    success_status="success",
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
                    name_field=("spec.resourcename", "spec.resourceName"), created_field="metadata.creationTimestamp",
                    # research: huaweicloudsdkcce 3.1.219 v3/model/v2_job_status.py (status.status)
                    statuses=("Initializing", "Running", "Failed", "Success")),
    # research: T Cloud Public CCE API reference, error codes (opentelekomcloud-docs/cloud-container-engine
    # api-ref/source/appendix/error_codes.rst): "Resource not found" in each of CCE's code families
    absent_replies={
        (404, "CCE.01404001"): "CCE error codes: 404 CCE.01404001 resource not found",
        (404, "CCE.02404001"): "CCE error codes: 404 CCE.02404001 resource not found",
        (404, "CCE.03404001"): "CCE error codes: 404 CCE.03404001 resource not found",
    },
)

WORKSPACE_SUB_JOB = Resource(
    label="Workspace sub-job", service="workspace", id_option="job", plural="sub_jobs",
    delete_call=ApiCall("POST", "/v2/{project_id}/workspace-sub-jobs/batch-delete"), strategy="batch",
    listing=Listing("/v2/{project_id}/workspace-sub-jobs", items_key="jobs", total_key="total_count",
                    paging=Paging("offset", "limit", 1000), filters=("status", "job_id"),
                    name_field="job_type", created_field="begin_time", kind_field="job_type",
                    # research: huaweicloudsdkworkspace 3.1.219 v2/model/list_ita_sub_jobs_request.py (status)
                    statuses=("SUCCESS", "FAILED", "RUNNING", "WAITING")),
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
    # research: the status of a background task has no documented values (huaweicloudsdkdcs 3.1.219
    # v2/model/single_background_task.py "任务状态"; the T Cloud Public ListBackgroundTask page "Task status."): no
    # Listing.statuses, so any value is accepted and compared regardless of case
    parents=("instance_id",),
    # Nobody documents DCS's answer for a missing background task: no absent_replies, the listing decides.
    # research: opentelekomcloud-docs/distributed-cache-service api-ref/source/appendix/error_codes.rst: 404 DCS.3022
    # "This DCS instance does not exist." (numeric 111404022) since 2024; the 2022 table (0a7fd1d) gave the same row
    # as 404 DCS.4022, which is now 400 "Engine does not match the product id." (never absent: another status).
    # Every task of a missing instance is gone too. docs/vendor-facts.md §4
    parent_absent_replies={(404, "DCS.3022"): "instance_id", (404, "DCS.4022"): "instance_id"},
    code_aliases=DCS_NUMERIC_CODES,
)
