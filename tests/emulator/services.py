# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CodeArts Build, CCE, Workspace and DCS: their error facts (SERVICES), handlers and routes (ROUTES)."""

import hashlib
from collections import namedtuple

from .protocol import ApiError, Response
from .routing import Route
from .seeding import parse_time

# shape: builds the error body from (code, message); errors: kind -> (HTTP status, error code, message).
Service = namedtuple("Service", "shape errors")


def _codearts_shape(code, message):
    return {"error_code": code, "error_msg": message, "status": "error"}


def _cce_shape(code, message):
    # CCE answers in both spellings in some versions; clients must read either.
    return {"errorCode": code, "errorMessage": message, "error_code": code, "error_msg": message}


def _plain_shape(code, message):
    return {"error_code": code, "error_msg": message}


# One row per service; a "# research:" note marks a code the vendor docs do not confirm.
SERVICES = {
    "codearts_build": Service(_codearts_shape, {
        # research: DEVCB.00031006 with HTTP 422 is how the service says "job does not exist" (SPEC section 1)
        "not_found": (422, "DEVCB.00031006", "The build job does not exist or has been deleted."),
        # research: 403 code not confirmed; https://support.huaweicloud.com/api-codeci/DeleteBuildJob.html lists only the shape
        "forbidden": (403, "DEVCB.00031005", "You do not have permission to operate this build job."),
        # research: CB.00060200 is the ErrorResponseBody example of the CodeArts Build API definitions
        "bad_request": (400, "CB.00060200", "Invalid param"),
        "internal": (500, "CB.00060500", "Internal server error."),
    }),
    "cce": Service(_cce_shape, {
        # research: CCE error code table (https://support.huaweicloud.com/api-cce/ErrorCode.html) has 404 CCE.01404001
        # and 403 CCE.01403001; the 400 and 500 codes here are not confirmed
        "not_found": (404, "CCE.01404001", "Resource not found."),
        "forbidden": (403, "CCE.01403001", "Access denied: the token's project does not own this resource."),
        "bad_request": (400, "CCE.01400001", "Invalid request."),
        "internal": (500, "CCE.01500001", "Internal server error."),
    }),
    "workspace": Service(_plain_shape, {
        # research: WKS codes from the Workspace API definitions' error examples (BatchDeleteAppSubJobs)
        "forbidden": (403, "WKS.00081102", "User does not have permission to access this resource."),
        "bad_request": (400, "WKS.00211102", "The parameter is invalid."),
        "internal": (500, "WKS.00211401", "The requested operation failed. Please try again later."),
    }),
    "dcs": Service(_plain_shape, {
        # research: DCS v2 answers {"error_code": "DCS.4xxx", "error_msg"}; these not-found codes are not confirmed
        # by https://support.huaweicloud.com/api-dcs/ErrorCode.html. DCS.4001 is avoided on purpose: it means
        # the URL itself is wrong, which a client must not take for "already absent".
        "not_found": (404, "DCS.4134", "The background task does not exist."),
        "instance_not_found": (404, "DCS.4010", "The DCS instance does not exist."),
        "forbidden": (403, "DCS.4003", "Access denied: the project does not own this instance."),
        "bad_request": (400, "DCS.4800", "Invalid request parameter."),
        "internal": (500, "DCS.5000", "Internal service error."),
    }),
}


def service_error(service, kind, detail=None):
    status, code, message = SERVICES[service].errors[kind]
    if detail:
        message = "%s %s" % (message, detail)
    return ApiError(status, SERVICES[service].shape(code, message))


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
    status = job.get("last_build_status", "none")
    return {
        "id": job["id"], "job_name": job["name"], "job_creator": job.get("creator", _derived_id(job["project_id"])),
        "user_name": job.get("creator", "devops_user"), "last_build_time": _millis(job.get("last_build_time", job["created"])),
        "health_score": 100, "source_code": "codehub", "last_build_status": status, "is_finished": status != "building",
        "disabled": False, "favorite": False, "is_modify": True, "is_delete": True, "is_execute": True, "is_copy": True,
        "is_forbidden": True, "is_view": True,
    }


def codearts_delete_job(request, store):
    job = _codearts_take(request, store, delete=True)
    return Response(200, {"status": "success", "result": {"job_id": job["id"], "project_id": job["project_id"]}})


def codearts_show_job(request, store):
    job = _codearts_take(request, store, delete=False)
    item = _codearts_list_item(job)
    return Response(200, {"result": dict(item, project_id=job["project_id"], create_time=_millis(job["created"])),
                          "error": None, "status": "success"})


def codearts_list_jobs(request, store):
    # research: https://support.huaweicloud.com/api-codeci/ShowJobListByProjectId.html: page_index >= 0 (first
    # page 0), page_size <= 100; the default page size 10 comes from ListProjectJobs
    page_index = _int_query(request, "codearts_build", "page_index", 0, 0, 10 ** 9)
    page_size = _int_query(request, "codearts_build", "page_size", 10, 1, 100)
    project_id = request.params["codearts_project_id"]
    jobs = [job for job in store.records("codearts_build_jobs") if job["project_id"] == project_id]
    if any(job.get("iam_project_id", request.caller.project_id) != request.caller.project_id for job in jobs):
        raise service_error("codearts_build", "forbidden")
    page = _newest_first(jobs, "created")[page_index * page_size:(page_index + 1) * page_size]
    return Response(200, {"jobs": [_codearts_list_item(job) for job in page], "total": len(jobs)})


# CCE -------------------------------------------------------------------------------------------------------

def _cce_job(job):
    return {
        "kind": "Job",
        "apiVersion": "v3",
        "metadata": {"uid": job["id"], "creationTimestamp": job["created"][:19] + "Z",
                     "updateTimestamp": job.get("updated", job["created"])[:19] + "Z"},
        "spec": {"type": job.get("type", "CreateNode"), "clusterUID": job.get("cluster_id", _derived_id(job["project_id"], "cluster")),
                 "resourceID": job["id"], "resourceName": job.get("resource_name", ""), "extendParam": {}, "subJobs": []},
        "status": {"status": job["status"], "phase": job["status"], "reason": ""},
    }


def cce_delete_job(request, store):
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
    jobs = [job for job in store.records("cce_jobs") if job["project_id"] == request.params["project_id"]]
    return Response(200, [_cce_job(job) for job in _newest_first(jobs, "created")])


# Workspace -------------------------------------------------------------------------------------------------

DELETABLE_SUB_JOB_STATUSES = ("SUCCESS", "FAILED")


def _sub_job(job):
    finished = job["status"] in DELETABLE_SUB_JOB_STATUSES
    return {
        "id": job["id"], "job_type": job.get("job_type", "CREATE_DESKTOP"), "status": job["status"],
        "job_id": job.get("job_id", _derived_id(job["project_id"], job["id"])), "project_id": job["project_id"],
        "begin_time": job["begin_time"], "end_time": job.get("end_time", job["begin_time"] if finished else None),
        "entity": job.get("entity", ""), "host": job.get("host", ""), "process": 100 if finished else 0,
        "error_code": "WKS.00211401" if job["status"] == "FAILED" else None,
        "fail_reason": "The requested operation failed." if job["status"] == "FAILED" else None,
    }


def workspace_list_sub_jobs(request, store):
    # research: ListItaSubJobs in huaweicloudsdkworkspace: limit 0..1000 (default 1000), offset from 0
    limit = _int_query(request, "workspace", "limit", 1000, 0, 1000)
    offset = _int_query(request, "workspace", "offset", 0, 0, 10 ** 9)
    filters = {name: request.query_value(name) for name in ("status", "job_id", "job_type")}
    jobs = [_sub_job(job) for job in _newest_first(store.records("workspace_sub_jobs"), "begin_time")
            if job["project_id"] == request.params["project_id"]]
    jobs = [job for job in jobs if all(value in (None, "", job[name]) for name, value in filters.items())]
    return Response(200, {"total_count": len(jobs), "jobs": jobs[offset:offset + limit]})


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
    return job_ids, by_status


def workspace_batch_delete(request, store):
    """All or nothing: a listed sub-job that is RUNNING or WAITING refuses the batch; unknown ids are ignored."""
    job_ids, by_status = _batch_delete_target(request)
    project_id = request.params["project_id"]

    def delete(table):
        if by_status is not None:
            keys = [key for key, job in table.items() if key[0] == project_id and job["status"] == by_status]
        else:
            keys = [(project_id, job_id) for job_id in job_ids if (project_id, job_id) in table]
            busy = [key[1] for key in keys if table[key]["status"] not in DELETABLE_SUB_JOB_STATUSES]
            if busy:
                return busy
        for key in keys:
            del table[key]
        return []

    busy = store.mutate("workspace_sub_jobs", delete)
    if busy:
        raise service_error("workspace", "bad_request", "Sub-job(s) %s are RUNNING or WAITING; only SUCCESS and FAILED "
                                                        "sub-jobs can be deleted." % ", ".join(busy))
    return Response(200)


# DCS -------------------------------------------------------------------------------------------------------

def _dcs_instance(request, store):
    key = (request.params["project_id"], request.params["instance_id"])
    if store.get("dcs_instances", *key) is None:
        raise service_error("dcs", "instance_not_found")
    return key


def _dcs_task(task):
    return {
        "id": task["id"], "name": task.get("name", "ChangeInstanceSpec"), "details": {},
        "user_name": task.get("user_name", "dcs_admin"), "user_id": _derived_id(task["project_id"], "user"),
        "params": "", "status": task["status"], "created_at": task["created_at"],
        "updated_at": task.get("updated_at", task["created_at"]), "enable_show": False,
    }


def _in_time_window(task, start, end):
    # start_time / end_time are UTC in the form yyyyMMddHHmmss, compared with created_at.
    created = parse_time(task["created_at"]).strftime("%Y%m%d%H%M%S")
    return (not start or created >= start) and (not end or created <= end)


def dcs_list_tasks(request, store):
    # research: https://support.huaweicloud.com/api-dcs/ListBackgroundTask.html: offset >= 0; the default and the
    # maximum of limit (10, 1000 here) are not confirmed; task_count is a string in the SDK's model
    offset = _int_query(request, "dcs", "offset", 0, 0, 10 ** 9)
    limit = _int_query(request, "dcs", "limit", 10, 1, 1000)
    project_id, instance_id = _dcs_instance(request, store)
    start, end = request.query_value("start_time"), request.query_value("end_time")
    tasks = [task for task in _newest_first(store.records("dcs_tasks"), "created_at")
             if (task["project_id"], task["instance_id"]) == (project_id, instance_id) and _in_time_window(task, start, end)]
    return Response(200, {"task_count": str(len(tasks)), "tasks": [_dcs_task(task) for task in tasks[offset:offset + limit]]})


def dcs_delete_task(request, store):
    project_id, instance_id = _dcs_instance(request, store)
    key = (project_id, instance_id, request.params["task_id"])
    if store.mutate("dcs_tasks", lambda table: table.pop(key, None)) is None:
        raise service_error("dcs", "not_found")
    return Response(200, {"message": ""})


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
