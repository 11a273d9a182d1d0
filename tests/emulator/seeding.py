# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The seed format (POST /_emulator/seed, --seed-file): one row per kind, validated before anything is stored."""

from collections import namedtuple
from datetime import datetime, timezone

from .protocol import check_object, utc_now

# Credentials and users without a domain_id share this account, so AK/SK and password callers see the same projects.
DEFAULT_DOMAIN_ID = "d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f"

# research: huaweicloudsdkcce 3.1.219, huaweicloudsdkcce/v3/model/v2_job_status.py (status: Initializing, Running,
# Failed, Success)
CCE_JOB_STATUSES = ("Initializing", "Running", "Failed", "Success")
# research: huaweicloudsdkworkspace 3.1.219, huaweicloudsdkworkspace/v2/model/list_ita_sub_jobs_request.py (status)
WORKSPACE_SUB_JOB_STATUSES = ("SUCCESS", "FAILED", "RUNNING", "WAITING")
# research: huaweicloudsdkworkspace 3.1.219, v2/model/list_ita_sub_jobs_request.py (the job_type values), plus
# changeAccessVpc, named by v2/workspace_client.py batch_delete_sub_jobs (and
# https://support.huaweicloud.com/api-workspace/BatchDeleteSubJobs.html) among the types that cannot be deleted.
# Seeds should use these; any other string is accepted too (tests may seed made-up types).
WORKSPACE_JOB_TYPES = (
    "createDesktops", "applyWorkspace", "cancelWorkspace", "changeAccessVpc", "expandVolumes", "addVolumes",
    "rebuildDesktops", "createSnapshot", "deleteSnapshot", "deleteDesktops", "desktopRejoinDomain", "operateDesktops",
    "restoreDesktopBySnapshot", "desktopToImage", "attachDesktops", "deleteVolumes", "createWksSnapshot",
    "deleteWksSnapshot", "createDesktopPool", "expandDesktopPool", "deleteDesktopPoolVolumes", "rebuildDesktopPool",
    "addDesktopPoolVolumes", "detachDesktops", "attachDesktopPool", "batchDetachDesktops", "executeDesktopsAction",
    "changeDesktopNetwork", "batchChangeDesktopNetwork")
# The two answers of a project where Workspace is not enabled (see the workspace_not_enabled kind):
# research: terraform-provider-huaweicloud huaweicloud/services/workspace (403 WKS.00010099 "The Workspace service
# is disabled", ou resource; 400 WKS.00170312 "The tenant(Workspace service) not exist", user resource)
WORKSPACE_NOT_ENABLED_CODES = ("WKS.00010099", "WKS.00170312")
# research: https://support.huaweicloud.com/api-codeci/ListProjectJobs.html (build_status values)
CODEARTS_BUILD_STATUSES = ("red", "blue", "timeout", "aborted", "building", "none")

# key: fields that identify a record (a later seed with the same key replaces it); times: ISO 8601 fields;
# created: the time field that defaults to the moment of seeding; flags: boolean fields and their defaults
# (every other field is a non-empty string).
Kind = namedtuple("Kind", "key required optional choices times created flags", defaults=({},))

KINDS = {
    "credentials": Kind(("access_key",), ("access_key", "secret_key", "project_id", "region"),
                        ("security_token", "domain_id"), {}, (), None),
    "users": Kind(("domain_name", "name"), ("name", "password", "domain_name", "project_id", "region"),
                  ("domain_id",), {}, (), None),
    # IAM projects besides those the credentials and users name (their project id, named after their region):
    # research: huaweicloudsdkiam 3.1.219 v3/model/auth_project_result.py (id, name, domain_id, parent_id, enabled);
    # sub-projects are named "{region}_{suffix}" (keystone_create_project_option.py), and every account has "MOS".
    # domain_id defaults to DEFAULT_DOMAIN_ID, parent_id to the domain id (as for a region's own project).
    "projects": Kind(("id",), ("id", "name"), ("domain_id", "enabled", "parent_id"), {}, (), None, {"enabled": True}),
    # Tokens as if IAM had issued them: lets a test use an expired or foreign token without waiting.
    "tokens": Kind(("token",), ("token", "project_id"), ("region", "domain_id", "expires_at"), {},
                   ("expires_at",), None),
    "cce_jobs": Kind(("project_id", "id"), ("project_id", "id", "status"),
                     ("type", "cluster_id", "resource_name", "created", "updated"),
                     {"status": CCE_JOB_STATUSES}, ("created", "updated"), "created"),
    "codearts_build_jobs": Kind(("id",), ("project_id", "id", "name"),
                                ("iam_project_id", "last_build_status", "creator", "created", "last_build_time"),
                                {"last_build_status": CODEARTS_BUILD_STATUSES}, ("created", "last_build_time"), "created"),
    "workspace_sub_jobs": Kind(("project_id", "id"), ("project_id", "id", "status"),
                               ("job_id", "job_type", "entity", "host", "begin_time", "end_time"),
                               {"status": WORKSPACE_SUB_JOB_STATUSES},
                               ("begin_time", "end_time"), "begin_time"),
    # A project where Workspace is not enabled: every Workspace route of it answers the error code given
    # (default WKS.00010099, HTTP 403; WKS.00170312 answers HTTP 400).
    "workspace_not_enabled": Kind(("project_id",), ("project_id",), ("error_code",),
                                  {"error_code": WORKSPACE_NOT_ENABLED_CODES}, (), None),
    "dcs_instances": Kind(("project_id", "instance_id"), ("project_id", "instance_id"), (), {}, (), None),
    # research: https://support.huaweicloud.com/eu/es-es/api-dcs/ListBackgroundTask.html lists the task statuses
    # SUCCESS, FAILED, EXECUTING, CREATED, WAITING; status is not restricted here (any string).
    "dcs_tasks": Kind(("project_id", "instance_id", "id"), ("project_id", "instance_id", "id", "status"),
                      ("name", "user_name", "created_at", "updated_at"), {}, ("created_at", "updated_at"), "created_at"),
}


def record_key(kind, record):
    return tuple(record[field] for field in KINDS[kind].key)


def format_time(moment):
    """ISO 8601 UTC with milliseconds, the form the state and the seeds use."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def parse_time(text):
    """An aware datetime from ISO 8601 text ('Z' or an offset; naive means UTC)."""
    moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _normalize_record(kind, index, record, now):
    spec = KINDS[kind]
    where = "%s[%d]" % (kind, index)
    check_object(record, spec.required + spec.optional, where)
    for field in spec.required:
        if field not in record:
            raise ValueError("%s is missing the required field %r" % (where, field))
    normalized = {}
    for field, value in record.items():
        if value is None:
            continue
        if field in spec.flags:
            if not isinstance(value, bool):
                raise ValueError("%s.%s must be true or false, got %r" % (where, field, value))
            normalized[field] = value
            continue
        if not isinstance(value, str) or not value:
            raise ValueError("%s.%s must be a non-empty string, got %r" % (where, field, value))
        if field in spec.choices and value not in spec.choices[field]:
            raise ValueError("%s.%s is %r; expected one of %s" % (where, field, value, ", ".join(spec.choices[field])))
        if field in spec.times:
            try:
                value = format_time(parse_time(value))
            except ValueError:
                raise ValueError("%s.%s is %r, not an ISO 8601 time such as 2024-03-15T10:15:00Z" % (where, field, value)) from None
        normalized[field] = value
    if spec.created and spec.created not in normalized:
        normalized[spec.created] = format_time(now)
    for field, default in spec.flags.items():
        normalized.setdefault(field, default)
    return normalized


def normalize(payload):
    """{kind: [records]} validated and completed; ValueError naming the bad value otherwise."""
    check_object(payload, KINDS, "the seed")
    now = utc_now()
    result = {}
    for kind, records in payload.items():
        if not isinstance(records, list):
            raise ValueError("%s must be a list, got %r" % (kind, records))
        result[kind] = [_normalize_record(kind, index, record, now) for index, record in enumerate(records)]
    # A task's instance exists even once all its tasks are deleted.
    result["dcs_instances"] = result.get("dcs_instances", []) + [
        {"project_id": task["project_id"], "instance_id": task["instance_id"]} for task in result.get("dcs_tasks", [])]
    return result
