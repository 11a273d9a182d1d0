# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CodeArts Build, CCE, Workspace and DCS: their error facts (SERVICES), handlers and routes (ROUTES).

Every vendor fact carries a "# research:" note naming its source (a URL, or a file of an official SDK wheel,
version 3.1.219); "unverified" marks what no source confirms. docs/vendor-facts.md collects them all.
"""

import hashlib
from collections import namedtuple
from datetime import timezone

from .protocol import ApiError, Response
from .routing import Route
from .seeding import WORKSPACE_NOT_ENABLED_CODES, parse_time

# shape: builds the error body from (HTTP status, code, message); errors: kind -> (HTTP status, error code, message).
Service = namedtuple("Service", "shape errors")


def _plain_shape(_status, code, message):
    return {"error_code": code, "error_msg": message}


def _cce_shape(status, code, message):
    # research: a real CCE error body (quoted in a public terraform example, huaweicloud terraform CCE cluster module):
    # {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","code":400,"errorCode":"CCE.01400001",
    #  "errorMessage":"Invalid request.","error_code":"CCE_CM.0004","error_msg":"Request is invalid","message":..,
    #  "reason":"BadRequest"}: both spellings at once, and error_code may differ from errorCode (here they agree).
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "code": status,
            "errorCode": code, "errorMessage": message, "error_code": code, "error_msg": message,
            "message": message, "reason": _K8S_REASONS.get(status, "InternalError")}


_K8S_REASONS = {400: "BadRequest", 403: "Forbidden", 404: "NotFound", 429: "TooManyRequests"}


def _dcs_shape(_status, code, message):
    # research: https://support.huaweicloud.com/intl/en-us/ally-visitor-1-api-dcs/DeleteBackgroundTask.html
    # (error bodies: error_msg, error_code, error_ext_msg "not used currently and is set to null")
    return {"error_code": code, "error_msg": message, "error_ext_msg": None}


# One row per service, the single place for their error facts.
SERVICES = {
    "codearts_build": Service(_plain_shape, {
        # research: observed (issue 12): the v3 routes answer 422 CB.00031006 for a job that does not exist; the v1
        # routes answer 422 DEVCB.00031006 (terraform-provider-huaweicloud huaweicloud/services/codeartsbuild/common.go
        # buildTaskNotFoundErr, used by resource_huaweicloud_codearts_build_task.go for GET /v1/job/{id}/config and
        # DELETE /v1/job/{id}/delete)
        "not_found": (422, "CB.00031006", "The build job does not exist or has been deleted."),
        # research: unverified: no CodeArts Build code for another tenant's job is documented
        "forbidden": (403, "DEVCB.00031005", "You do not have permission to operate this build job."),
        # research: https://support.huaweicloud.com/intl/en-us/api-codeci/ErrorCode.html (error body
        # {"error_msg", "error_code"}; every code below with its HTTP status). CB.00060211 is 500 there (the page of
        # 2023-12-08) and in the CB table of https://support.huaweicloud.com/api-codeartsmodeling/
        # zh-cn_topic_0000001982521394.html; a table with 400 for it was not found (unverified)
        "bad_request": (400, "CB.00060200", "Invalid parameter."),
        "bad_job_id": (400, "CB.00060201", "Invalid task ID."),
        "internal": (500, "CB.00060101", "Internal error."),
        "busy": (500, "CB.00060100", "Network busy. Try again later."),
        "throttled": (500, "CB.00060211", "Too many requests. Try again later."),
        # research: https://support.huaweicloud.com/api-codeartsmodeling/zh-cn_topic_0000001982521394.html (the CB
        # table, zh-cn): 404 CB.00060214 "the URL you access cannot be found"
        "url_not_found": (404, "CB.00060214", "The URL you access cannot be found."),
    }),
    "cce": Service(_cce_shape, {
        # research: https://support.huaweicloud.com/api-cce/ErrorCode.html as summarized by public projects that use it
        # (not read directly here): 404 CCE.01404001 resource not found, 403 CCE.01403001 permission denied, 400
        # CCE.01400001 invalid request, 500 CCE.01500001 internal error, 429 CCE.01429002 resource locked by another
        # request, 429 CCE.01429003 concurrent job limit, 429 CCE.02429001 maximum requests reached
        "not_found": (404, "CCE.01404001", "Resource not found."),
        "forbidden": (403, "CCE.01403001", "Access denied: the token's project does not own this resource."),
        "bad_request": (400, "CCE.01400001", "Invalid request."),
        "internal": (500, "CCE.01500001", "Internal server error."),
        "throttled": (429, "CCE.02429001", "The maximum number of requests has been reached."),
        "locked": (429, "CCE.01429002", "The resource is locked by another request."),
    }),
    "workspace": Service(_plain_shape, {
        # research: https://support.huaweicloud.com/intl/en-us/api-workspace/ErrorCode.html: 400 WKS.0001 "The request
        # message input by the interface is empty." It is the one documented generic 400 code of Workspace; that the
        # service answers it for every invalid batch-delete body (also more than 10 job_ids, an undeletable job type
        # or a RUNNING/WAITING sub-job) is unverified
        "bad_request": (400, "WKS.0001", "The request message input by the interface is invalid."),
        # research: terraform-provider-huaweicloud huaweicloud/services/workspace: 403 WKS.00010099 "The Workspace
        # service is disabled" (resource_huaweicloud_workspace_ou.go) and 400 WKS.00170312 "The tenant(Workspace
        # service) not exist" (workspace user resource): Workspace not enabled in the project
        "WKS.00010099": (403, "WKS.00010099", "The Workspace service is disabled."),
        "WKS.00170312": (400, "WKS.00170312", "The tenant(Workspace service) not exist."),
        # research: unverified placeholders: no Workspace code for a foreign project or an internal error is
        # documented (WKS.00081102 and WKS.00211401, used before, are Workspace *application* codes with other meanings)
        "forbidden": (403, "WKS.0403", "The token's project does not own this resource."),
        "internal": (500, "WKS.0500", "The requested operation failed. Please try again later."),
    }),
    "dcs": Service(_dcs_shape, {
        # research: unverified: no DCS code for a missing background task is documented. Comparable DCS task APIs
        # answer 400 with "... does not exist" codes (DCS.4133 migration task, DCS.4941 hot key analysis, DCS.4942 big
        # key analysis: terraform-provider-huaweicloud huaweicloud/services/dcs, ConvertExpected400ErrInto404Err);
        # the emulator answers 404 with a code that is neither DCS.4001 nor the instance's
        "not_found": (404, "DCS.4134", "The background task does not exist."),
        # research: opentelekomcloud-docs/distributed-cache-service api-ref/source/appendix/error_codes.rst (DCS API
        # error codes, the same DCS code base as Huawei Cloud): 404 DCS.3022 "This DCS instance does not exist." (its
        # numeric twin 404 111404022, the v1.0 body {"error": {"code", "message"}}), 404 DCS.4001 / 111404001 "The
        # requested URL does not exist.", 400 DCS.4022 "Engine does not match the product id.", 401 DCS.1004, 403
        # DCS.2007, 400 DCS.4800, 500 DCS.5000, 400 DCS.4070. observed: a public script treats DCS.3022 as "instance
        # does not exist"
        "instance_not_found": (404, "DCS.3022", "This DCS instance does not exist."),
        "url_not_found": (404, "DCS.4001", "The requested URL does not exist."),
        "engine_mismatch": (400, "DCS.4022", "Engine does not match the product id."),
        # research: same table: 401 DCS.1004 "Project ID does not match the token.": a path naming a project the
        # credential or token does not act in (server.py answers it instead of "forbidden")
        "project_mismatch": (401, "DCS.1004", "Project ID does not match the token."),
        # research: same table: 403 DCS.2007 "Policy does not allow {} to be performed."
        "forbidden": (403, "DCS.2007", "Policy does not allow this operation to be performed."),
        "bad_request": (400, "DCS.4800", "Invalid parameter in the request."),
        "bad_task_id": (400, "DCS.4070", "Invalid task ID format."),
        "internal": (500, "DCS.5000", "The system is busy. Please try again later."),
    }),
}


def service_error(service, kind, detail=None):
    status, code, message = SERVICES[service].errors[kind]
    if detail:
        message = "%s %s" % (message, detail)
    return ApiError(status, SERVICES[service].shape(status, code, message), kind=(service, kind))


def project_mismatch(service):
    """The error for a path naming a project the caller may not act in: the service's "project_mismatch" (DCS's 401
    DCS.1004) where it has one, else its 403 "forbidden"."""
    return service_error(service, "project_mismatch" if "project_mismatch" in SERVICES[service].errors else "forbidden")


def _page_size(size, request):
    """The page size served for the one asked: at most request.page_cap (a service that caps its pages)."""
    return size if request.page_cap is None else min(size, request.page_cap)


def _int_query(request, service, name, default, minimum, maximum):
    text = request.query_value(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        raise service_error(service, "bad_request", "%s must be an integer, got %r." % (name, text)) from None
    if value < minimum or value > maximum:
        raise service_error(service, "bad_request", "%s is %d; allowed %d..%d." % (name, value, minimum, maximum))
    return value


def _newest_first(records, time_field):
    return sorted(records, key=lambda record: (record[time_field], record["id"]), reverse=True)


def _millis(text):
    return int(parse_time(text).timestamp() * 1000)


def _derived_id(*parts):
    """A stable id for a field the seed left out, so that the state reads the same every run."""
    return hashlib.md5("/".join(parts).encode("utf-8")).hexdigest()  # nosec - an identifier, not security


# CodeArts Build --------------------------------------------------------------------------------------------

def _codearts_take(request, store, delete):
    """The job of the path (deleted when ``delete``), after the not-found and project checks."""
    job_id = request.params["job_id"]
    caller_project = request.caller.project_id

    def take(table):
        job = table.get((job_id,))
        if job is None or job.get("iam_project_id", caller_project) != caller_project:
            return job
        return table.pop((job_id,)) if delete else job

    job = store.mutate("codearts_build_jobs", take)
    if job is None:
        raise service_error("codearts_build", "not_found")
    if job.get("iam_project_id", caller_project) != caller_project:
        raise service_error("codearts_build", "forbidden")
    return job


def _codearts_list_item(job):
    # research: huaweicloudsdkcodeartsbuild 3.1.219, v3/model/job.py (the items of ShowJobListByProjectIdResponse):
    # every field of the model, last_build_time a float (milliseconds)
    status = job.get("last_build_status", "none")
    creator = job.get("creator", "devops_user")
    return {
        "id": job["id"], "job_name": job["name"], "job_creator": _derived_id(job["project_id"], creator),
        "user_name": creator, "last_build_time": float(_millis(job.get("last_build_time", job["created"]))),
        "health_score": 100, "source_code": "codehub", "last_build_status": status, "is_finished": status != "building",
        "disabled": False, "favorite": False, "is_modify": True, "is_delete": True, "is_execute": True, "is_copy": True,
        "is_forbidden": True, "is_view": True, "last_build_user": creator, "trigger_type": "Manual", "build_time": 0,
        "scm_web_url": "", "scm_type": "codehub", "repo_id": "", "build_project_id": _derived_id(job["id"], "build"),
        "last_job_running_status": status, "last_build_user_id": _derived_id(job["project_id"], creator),
    }


def _codearts_job_config(job):
    # research: huaweicloudsdkcodeartsbuild 3.1.219, v3/codeartsbuild_client.py list_job_config (GET
    # /v3/jobs/{job_id}/query answers ListJobConfigResponse: result, error, status) and
    # v3/model/create_build_job_request_body.py (the result: the job's configuration, which has no "id" field).
    # The values are placeholders of the right types; host_type "devcloud" is the value of the API page examples.
    return {
        "arch": "x86-64", "project_id": job["project_id"], "job_name": job["name"], "auto_update_sub_module": "false",
        "flavor": "linux.codeci.2U8G", "parameters": [], "group_id": "", "timeout": None, "scms": [], "steps": [],
        "host_type": "devcloud", "build_config_type": "yml", "build_if_code_updated": False, "triggers": [],
    }


def codearts_delete_job(request, store):
    # research: huaweicloudsdkcodeartsbuild 3.1.219, v3/model/delete_build_job_response.py (status, result) and
    # v3/model/delete_the_job_response_body_result.py (job_id, project_id)
    job = _codearts_take(request, store, delete=True)
    return Response(200, {"status": "success", "result": {"job_id": job["id"], "project_id": job["project_id"]}})


def codearts_show_job(request, store):
    job = _codearts_take(request, store, delete=False)
    return Response(200, {"result": _codearts_job_config(job), "error": None, "status": "success"})


def codearts_list_jobs(request, store):
    # research: huaweicloudsdkcodeartsbuild 3.1.219, v3/model/show_job_list_by_project_id_request.py (page_index >= 0,
    # page_size <= 100) and _response.py (jobs, total); the default page size 10 is unverified
    page_index = _int_query(request, "codearts_build", "page_index", 0, 0, 10 ** 9)
    page_size = _int_query(request, "codearts_build", "page_size", 10, 1, 100)
    project_id = request.params["codearts_project_id"]
    jobs = [job for job in store.records("codearts_build_jobs") if job["project_id"] == project_id]
    if any(job.get("iam_project_id", request.caller.project_id) != request.caller.project_id for job in jobs):
        raise service_error("codearts_build", "forbidden")
    page_size = _page_size(page_size, request)  # the page index counts pages of the size served
    page = _newest_first(jobs, "created")[page_index * page_size:(page_index + 1) * page_size]
    return Response(200, {"jobs": [_codearts_list_item(job) for job in page], "total": len(jobs)})


# CCE -------------------------------------------------------------------------------------------------------

def go_time(text):
    """An ISO 8601 time as CCE writes its job timestamps: Go's time.String() of a UTC time.

    research: issue 12 (observed): "2025-09-02 10:23:38.987955 +0000 UTC"; the SDK types these fields as plain
    strings (huaweicloudsdkcce 3.1.219, v3/model/v2_job_type_object.py). Go trims trailing zeros of the fraction
    and drops it when it is zero, so the fraction has 0 to 9 digits.
    """
    moment = parse_time(text).astimezone(timezone.utc)
    fraction = ("%06d" % moment.microsecond).rstrip("0")
    return moment.strftime("%Y-%m-%d %H:%M:%S") + ("." + fraction if fraction else "") + " +0000 UTC"


def _cce_job(job):
    # research: huaweicloudsdkcce 3.1.219, v3/model/v2_job.py (kind "Job", apiVersion "v2", metadata, spec, status),
    # v2_job_type_object.py (metadata: uid, creationTimestamp, updateTimestamp), v2_job_spec.py (spec keys all
    # lowercase: type, clusteruid, resourceid, resourcename, extendparam, subjobs), v2_job_status.py (status: status,
    # reason, completionTime); the same in https://support.huaweicloud.com/intl/en-us/api-cce/GetOneJob.html and
    # ListJobs.html. (The v3 Job of /api/v3/projects/{project_id}/jobs/{job_id} differs: clusterUID, resourceID,
    # resourceName, extendParam, subJobs and status.phase; huaweicloudsdkcce v3/model/job_spec.py, job_status.py.)
    finished = job["status"] in ("Success", "Failed")
    updated = job.get("updated", job["created"])
    return {
        "kind": "Job",
        "apiVersion": "v2",
        "metadata": {"uid": job["id"], "creationTimestamp": go_time(job["created"]), "updateTimestamp": go_time(updated)},
        "spec": {"type": job.get("type", "CreateNode"), "clusteruid": job.get("cluster_id", _derived_id(job["project_id"], "cluster")),
                 "resourceid": job.get("resource_id", job["id"]), "resourcename": job.get("resource_name", ""),
                 "extendparam": {}, "subjobs": []},
        "status": {"status": job["status"], "reason": "Job failed." if job["status"] == "Failed" else "",
                   "completionTime": go_time(updated) if finished else ""},
    }


def cce_delete_job(request, store):
    # research: 204, no body: https://support.huaweicloud.com/intl/en-us/api-cce/DeleteJob.html (2025-11-05) and T Cloud
    # Public doc-exports docs/cce/api-ref/DeleteJob.html (docs/vendor-facts.md §1)
    key = (request.params["project_id"], request.params["job_id"])
    if store.mutate("cce_jobs", lambda table: table.pop(key, None)) is None:
        raise service_error("cce", "not_found")
    return Response(204)


def cce_show_job(request, store):
    job = store.get("cce_jobs", request.params["project_id"], request.params["job_id"])
    if job is None:
        raise service_error("cce", "not_found")
    return Response(200, _cce_job(job))


def cce_list_jobs(request, store):
    # research: https://support.huaweicloud.com/intl/es-us/ally-visitor-1-api-cce/ListJobs.html ([items]: a top-level
    # array of V2Job; no paging parameters); huaweicloudsdkcce v3/model/list_autopilot_jobs_response.py (body: list)
    jobs = [job for job in store.records("cce_jobs") if job["project_id"] == request.params["project_id"]]
    return Response(200, [_cce_job(job) for job in _newest_first(jobs, "created")])


# Workspace -------------------------------------------------------------------------------------------------

# research: huaweicloudsdkworkspace 3.1.219, v2/model/delete_sub_jobs_req.py (only SUCCESS and FAILED sub-jobs can be
# deleted; job_ids and delete_by_status, exactly one of them)
DELETABLE_SUB_JOB_STATUSES = ("SUCCESS", "FAILED")
# research: huaweicloudsdkworkspace 3.1.219, v2/workspace_client.py batch_delete_sub_jobs ("changeAccessVpc,
# cancelWorkspace, applyWorkspace类型任务不支持删除") and https://support.huaweicloud.com/api-workspace/BatchDeleteSubJobs.html
UNDELETABLE_JOB_TYPES = ("changeAccessVpc", "cancelWorkspace", "applyWorkspace")
# research: issue 12: maxItems 10 for job_ids in the published API definition; neither the SDK model
# (delete_sub_jobs_req.py) nor the API page states it: unverified here
MAX_BATCH_JOB_IDS = 10


def _sub_job(job):
    # research: huaweicloudsdkworkspace 3.1.219, v2/model/job_detail_info.py (every field) and job_entities.py
    finished = job["status"] in DELETABLE_SUB_JOB_STATUSES
    failed = job["status"] == "FAILED"
    return {
        "id": job["id"], "job_type": job.get("job_type", "createDesktops"), "status": job["status"],
        "job_id": job.get("job_id", _derived_id(job["project_id"], job["id"])), "project_id": job["project_id"],
        "begin_time": job["begin_time"], "end_time": job.get("end_time", job["begin_time"] if finished else None),
        "entities": {"desktop_id": _derived_id(job["id"], "desktop"), "product_id": "workspace.x86.general.xlarge2",
                     "user_name": "", "desktop_name": job.get("entity", ""), "ip_address": job.get("host", "")},
        "entity": job.get("entity", ""), "host": job.get("host", ""), "process": 100 if finished else 0,
        "attach_user": "", "ip_address": job.get("host", ""),
        # research: unverified: the failed job's own error code (any WKS code of the failing operation)
        "error_code": "WKS.0500" if failed else None,
        "fail_reason": "The requested operation failed." if failed else None,
    }


def _workspace_enabled(request, store):
    """A project where Workspace is not enabled answers every Workspace route with its code (seed kind
    workspace_not_enabled)."""
    record = store.get("workspace_not_enabled", request.params["project_id"])
    if record is not None:
        raise service_error("workspace", record.get("error_code", WORKSPACE_NOT_ENABLED_CODES[0]))


def workspace_list_sub_jobs(request, store):
    # research: huaweicloudsdkworkspace 3.1.219, v2/model/list_ita_sub_jobs_request.py (limit 0..1000, default 1000;
    # offset from 0; filters status, job_id, job_type) and list_ita_sub_jobs_response.py (total_count, jobs)
    _workspace_enabled(request, store)
    limit = _int_query(request, "workspace", "limit", 1000, 0, 1000)
    offset = _int_query(request, "workspace", "offset", 0, 0, 10 ** 9)
    filters = {name: request.query_value(name) for name in ("status", "job_id", "job_type")}
    jobs = [_sub_job(job) for job in _newest_first(store.records("workspace_sub_jobs"), "begin_time")
            if job["project_id"] == request.params["project_id"]]
    jobs = [job for job in jobs if all(value in (None, "", job[name]) for name, value in filters.items())]
    return Response(200, {"total_count": len(jobs), "jobs": jobs[offset:offset + _page_size(limit, request)]})


def _batch_delete_target(request):
    try:
        body = request.json_body()
    except ValueError:
        raise service_error("workspace", "bad_request", "The body is not JSON.") from None
    if not isinstance(body, dict):
        raise service_error("workspace", "bad_request", "The body must be a JSON object.")
    job_ids, by_status = body.get("job_ids"), body.get("delete_by_status")
    if (job_ids is None) == (by_status is None):
        raise service_error("workspace", "bad_request", "Exactly one of job_ids and delete_by_status must be given.")
    if by_status is not None and by_status not in DELETABLE_SUB_JOB_STATUSES:
        raise service_error("workspace", "bad_request", "delete_by_status is %r; only SUCCESS or FAILED." % (by_status,))
    if job_ids is not None and (not isinstance(job_ids, list) or not job_ids
                                or not all(isinstance(job_id, str) and job_id for job_id in job_ids)):
        raise service_error("workspace", "bad_request", "job_ids must be a non-empty list of ids.")
    if job_ids is not None and len(job_ids) > MAX_BATCH_JOB_IDS:
        raise service_error("workspace", "bad_request", "job_ids has %d ids; at most %d are allowed."
                            % (len(job_ids), MAX_BATCH_JOB_IDS))
    return job_ids, by_status


def workspace_batch_delete(request, store):
    """All or nothing for job_ids: a listed sub-job that is RUNNING or WAITING, or of a type that cannot be deleted,
    refuses the batch; unknown ids are ignored. delete_by_status leaves the undeletable types alone."""
    # research: huaweicloudsdkworkspace 3.1.219, v2/model/batch_delete_sub_jobs_response.py (no fields: 200, empty
    # body). Refusing the whole batch, and ignoring unknown ids (as BatchDeleteAppSubJobs documents for application
    # sub-jobs), is unverified for desktop sub-jobs
    _workspace_enabled(request, store)
    job_ids, by_status = _batch_delete_target(request)
    project_id = request.params["project_id"]

    def delete(table):
        if by_status is not None:
            keys = [key for key, job in table.items() if key[0] == project_id and job["status"] == by_status
                    and job.get("job_type") not in UNDELETABLE_JOB_TYPES]
        else:
            keys = [(project_id, job_id) for job_id in job_ids if (project_id, job_id) in table]
            refused = ["%s is of type %s, which cannot be deleted" % (key[1], table[key]["job_type"])
                       for key in keys if table[key].get("job_type") in UNDELETABLE_JOB_TYPES]
            refused += ["%s is %s; only SUCCESS and FAILED sub-jobs can be deleted" % (key[1], table[key]["status"])
                        for key in keys if table[key]["status"] not in DELETABLE_SUB_JOB_STATUSES]
            if refused:
                return refused
        for key in keys:
            del table[key]
        return []

    refused = store.mutate("workspace_sub_jobs", delete)
    if refused:
        raise service_error("workspace", "bad_request", "Sub-job(s) refused: %s." % "; ".join(refused))
    return Response(200)


# DCS -------------------------------------------------------------------------------------------------------

def _dcs_instance(request, store):
    key = (request.params["project_id"], request.params["instance_id"])
    if store.get("dcs_instances", *key) is None:
        raise service_error("dcs", "instance_not_found")
    return key


def _dcs_task(task):
    # research: huaweicloudsdkdcs 3.1.219, v2/model/single_background_task.py (id, name, details, user_name, user_id,
    # params, status, created_at, updated_at, enable_show; times in the form 2020-06-17T07:38:42.503Z)
    return {
        "id": task["id"], "name": task.get("name", "ChangeInstanceSpec"), "details": {},
        "user_name": task.get("user_name", "dcs_admin"), "user_id": _derived_id(task["project_id"], "user"),
        "params": "", "status": task["status"], "created_at": task["created_at"],
        "updated_at": task.get("updated_at", task["created_at"]), "enable_show": False,
    }


def _in_time_window(task, start, end):
    # research: huaweicloudsdkdcs 3.1.219, v2/model/list_background_task_request.py: start_time / end_time are UTC in
    # the form yyyyMMddHHmmss (compared with created_at here)
    created = parse_time(task["created_at"]).strftime("%Y%m%d%H%M%S")
    return (not start or created >= start) and (not end or created <= end)


def dcs_list_tasks(request, store):
    # research: huaweicloudsdkdcs 3.1.219, v2/model/list_background_task_request.py (offset >= 0, limit: no range
    # given) and list_background_task_response.py (task_count is a string); the default 10 and the maximum 1000 of
    # limit here are unverified
    offset = _int_query(request, "dcs", "offset", 0, 0, 10 ** 9)
    limit = _int_query(request, "dcs", "limit", 10, 1, 1000)
    project_id, instance_id = _dcs_instance(request, store)
    start, end = request.query_value("start_time"), request.query_value("end_time")
    tasks = [task for task in _newest_first(store.records("dcs_tasks"), "created_at")
             if (task["project_id"], task["instance_id"]) == (project_id, instance_id) and _in_time_window(task, start, end)]
    page = tasks[offset:offset + _page_size(limit, request)]
    return Response(200, {"task_count": str(len(tasks)), "tasks": [_dcs_task(task) for task in page]})


def dcs_delete_task(request, store):
    # research: huaweicloudsdkdcs 3.1.219, v2/model/delete_background_task_response.py (message) and
    # https://support.huaweicloud.com/intl/en-us/ally-visitor-1-api-dcs/DeleteBackgroundTask.html (200 {"message"};
    # newer pages also list 204)
    project_id, instance_id = _dcs_instance(request, store)
    key = (project_id, instance_id, request.params["task_id"])
    if store.mutate("dcs_tasks", lambda table: table.pop(key, None)) is None:
        raise service_error("dcs", "not_found")
    return Response(200, {"message": ""})


# research: the paths and methods of every route: huaweicloudsdkcodeartsbuild v3/codeartsbuild_client.py
# (delete_build_job, list_job_config, show_job_list_by_project_id), huaweicloudsdkworkspace v2/workspace_client.py
# (list_ita_sub_jobs, batch_delete_sub_jobs), huaweicloudsdkdcs v2/dcs_client.py (list_background_task,
# delete_background_task); CCE's /api/v2 job routes: https://support.huaweicloud.com/intl/en-us/api-cce/GetOneJob.html
# and ListJobs.html (the CCE SDK only has the autopilot twins, /autopilot/v2/projects/{project_id}/jobs)
ROUTES = [
    Route("codearts_build", "POST", "/v3/jobs/{job_id}/delete", codearts_delete_job, True, None),
    Route("codearts_build", "GET", "/v3/jobs/{job_id}/query", codearts_show_job, True, None),
    Route("codearts_build", "GET", "/v3/{codearts_project_id}/jobs", codearts_list_jobs, True, None),
    Route("cce", "DELETE", "/api/v2/projects/{project_id}/jobs/{job_id}", cce_delete_job, True, "project_id"),
    Route("cce", "GET", "/api/v2/projects/{project_id}/jobs/{job_id}", cce_show_job, True, "project_id"),
    Route("cce", "GET", "/api/v2/projects/{project_id}/jobs", cce_list_jobs, True, "project_id"),
    Route("workspace", "GET", "/v2/{project_id}/workspace-sub-jobs", workspace_list_sub_jobs, True, "project_id"),
    Route("workspace", "POST", "/v2/{project_id}/workspace-sub-jobs/batch-delete", workspace_batch_delete, True, "project_id"),
    Route("dcs", "GET", "/v2/{project_id}/instances/{instance_id}/tasks", dcs_list_tasks, True, "project_id"),
    Route("dcs", "DELETE", "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}", dcs_delete_task, True, "project_id"),
]
