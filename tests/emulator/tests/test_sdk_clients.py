# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The official Huawei Cloud SDK clients against the emulator: if they cannot talk to it, it is not faithful."""

import pytest

from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.region.region import Region
from huaweicloudsdkcodeartsbuild.v3 import (CodeArtsBuildClient, DeleteBuildJobRequest, ListJobConfigRequest,
                                            ShowJobListByProjectIdRequest)
from huaweicloudsdkcodeartsbuild.v3.model import CreateBuildJobRequestBody, Job
from huaweicloudsdkdcs.v2 import DcsClient, DeleteBackgroundTaskRequest, ListBackgroundTaskRequest
from huaweicloudsdkdcs.v2.model import ListBackgroundTaskResponse, SingleBackgroundTask
from huaweicloudsdkiam.v3 import IamClient, KeystoneListAuthProjectsRequest, KeystoneListProjectsRequest, KeystoneShowProjectRequest
from huaweicloudsdkiam.v3.model import AuthProjectResult, KeystoneListAuthProjectsResponse, ProjectResult
from huaweicloudsdkworkspace.v2 import BatchDeleteSubJobsRequest, DeleteSubJobsReq, ListItaSubJobsRequest, WorkspaceClient
from huaweicloudsdkworkspace.v2.model import JobDetailInfo

from emulator.seeding import DEFAULT_DOMAIN_ID

from .clients import signed

PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"


def _client(client_class, base_url, credentials):
    return client_class.new_builder().with_credentials(credentials).with_endpoints([base_url]).build()


def _credentials(demo, secret_key=None):
    credential = demo["credentials"][0]
    return BasicCredentials(credential["access_key"], secret_key or credential["secret_key"], credential["project_id"])


def _ids(records, **match):
    return sorted(record["id"] for record in records if all(record.get(key) == value for key, value in match.items()))


def test_dcs_list_pages_and_delete(base_url, demo, admin):
    instance_id = demo["dcs_tasks"][0]["instance_id"]
    dcs = _client(DcsClient, base_url, _credentials(demo))
    seen = []
    for offset in (0, 2, 4):
        page = dcs.list_background_task(ListBackgroundTaskRequest(instance_id=instance_id, offset=offset, limit=2))
        seen += [task.id for task in page.tasks]
    expected = _ids(demo["dcs_tasks"], instance_id=instance_id)
    assert page.task_count == str(len(expected))
    assert sorted(seen) == expected

    response = dcs.delete_background_task(DeleteBackgroundTaskRequest(instance_id=instance_id, task_id=seen[0]))
    assert response.status_code == 200
    assert seen[0] not in [task["id"] for task in admin.state()["dcs_tasks"]]
    with pytest.raises(ClientRequestException) as refused:
        dcs.delete_background_task(DeleteBackgroundTaskRequest(instance_id=instance_id, task_id=seen[0]))
    assert refused.value.status_code == 404
    assert refused.value.error_code not in ("DCS.4001", "APIGW.0101")
    assert refused.value.request_id
    raw = signed("GET", base_url, "/v2/%s/instances/%s/tasks" % (PROJECT, instance_id), demo["credentials"][0]).json()
    assert set(raw) == _wire_keys(ListBackgroundTaskResponse)
    assert all(set(task) == _wire_keys(SingleBackgroundTask) for task in raw["tasks"])
    with pytest.raises(ClientRequestException) as unknown:
        dcs.list_background_task(ListBackgroundTaskRequest(instance_id="no-such-instance"))
    assert (unknown.value.status_code, unknown.value.error_code) == (404, "DCS.3022")


def test_codearts_build_delete(base_url, demo, admin):
    job = demo["codearts_build_jobs"][0]
    codearts = _client(CodeArtsBuildClient, base_url, _credentials(demo))
    response = codearts.delete_build_job(DeleteBuildJobRequest(job_id=job["id"]))
    assert response.status == "success"
    assert response.result.job_id == job["id"]
    assert job["id"] not in [record["id"] for record in admin.state()["codearts_build_jobs"]]
    with pytest.raises(ClientRequestException) as refused:
        codearts.delete_build_job(DeleteBuildJobRequest(job_id=job["id"]))
    assert (refused.value.status_code, refused.value.error_code) == (422, "CB.00031006")


def _wire_keys(model_class):
    """The JSON keys of an SDK model: the values of its attribute_map."""
    return set(model_class.attribute_map.values())


def test_codearts_build_list_and_query_have_the_sdk_fields(base_url, demo, admin):
    job = demo["codearts_build_jobs"][0]
    codearts = _client(CodeArtsBuildClient, base_url, _credentials(demo))
    page = codearts.show_job_list_by_project_id(ShowJobListByProjectIdRequest(project_id=job["project_id"],
                                                                              page_index=0, page_size=100))
    assert page.total == len(demo["codearts_build_jobs"])
    assert sorted(item.id for item in page.jobs) == _ids(demo["codearts_build_jobs"])
    shown = codearts.list_job_config(ListJobConfigRequest(job_id=job["id"]))
    assert (shown.status, shown.error, shown.result.job_name, shown.result.project_id) == (
        "success", None, job["name"], job["project_id"])
    # The emulator answers exactly the SDK's fields: nothing invented (the query result has no "id").
    raw_list = signed("GET", base_url, "/v3/%s/jobs" % job["project_id"], demo["credentials"][0]).json()
    assert set(raw_list["jobs"][0]) == _wire_keys(Job)
    raw_query = signed("GET", base_url, "/v3/jobs/%s/query" % job["id"], demo["credentials"][0]).json()
    assert set(raw_query["result"]) == _wire_keys(CreateBuildJobRequestBody)


def test_workspace_list_and_batch_delete(base_url, demo, admin):
    workspace = _client(WorkspaceClient, base_url, _credentials(demo))
    listed = workspace.list_ita_sub_jobs(ListItaSubJobsRequest(status="SUCCESS", limit=1000, offset=0))
    successful = _ids(demo["workspace_sub_jobs"], project_id=PROJECT, status="SUCCESS")
    assert listed.total_count == len(successful)
    assert sorted(job.id for job in listed.jobs) == successful

    response = workspace.batch_delete_sub_jobs(BatchDeleteSubJobsRequest(body=DeleteSubJobsReq(job_ids=successful[:2])))
    assert response.status_code == 200
    remaining = [job["id"] for job in admin.state()["workspace_sub_jobs"]]
    assert not set(successful[:2]) & set(remaining)

    running = _ids(demo["workspace_sub_jobs"], project_id=PROJECT, status="RUNNING")
    with pytest.raises(ClientRequestException) as refused:
        workspace.batch_delete_sub_jobs(BatchDeleteSubJobsRequest(body=DeleteSubJobsReq(job_ids=running)))
    assert refused.value.status_code == 400
    assert running[0] in refused.value.error_msg

    workspace.batch_delete_sub_jobs(BatchDeleteSubJobsRequest(body=DeleteSubJobsReq(delete_by_status="FAILED")))
    statuses = {job["status"] for job in admin.state()["workspace_sub_jobs"] if job["project_id"] == PROJECT}
    assert "FAILED" not in statuses and "RUNNING" in statuses


def test_workspace_sdk_fields_limits_and_undeletable_types(base_url, demo, admin):
    workspace = _client(WorkspaceClient, base_url, _credentials(demo))
    listed = workspace.list_ita_sub_jobs(ListItaSubJobsRequest(limit=1000, offset=0))
    raw = signed("GET", base_url, "/v2/%s/workspace-sub-jobs" % PROJECT, demo["credentials"][0]).json()
    assert all(set(job) == _wire_keys(JobDetailInfo) for job in raw["jobs"])
    assert {job.job_type for job in listed.jobs} >= {"applyWorkspace", "createDesktops"}
    apply_workspace = [job.id for job in listed.jobs if job.job_type == "applyWorkspace"]

    eleven = _ids(demo["workspace_sub_jobs"], project_id=PROJECT, status="SUCCESS")[:1] * 11
    with pytest.raises(ClientRequestException) as too_many:
        workspace.batch_delete_sub_jobs(BatchDeleteSubJobsRequest(body=DeleteSubJobsReq(job_ids=eleven)))
    assert (too_many.value.status_code, too_many.value.error_code) == (400, "WKS.0001")
    with pytest.raises(ClientRequestException) as undeletable:
        workspace.batch_delete_sub_jobs(BatchDeleteSubJobsRequest(body=DeleteSubJobsReq(job_ids=apply_workspace)))
    assert undeletable.value.status_code == 400 and "applyWorkspace" in undeletable.value.error_msg
    workspace.batch_delete_sub_jobs(BatchDeleteSubJobsRequest(body=DeleteSubJobsReq(delete_by_status="SUCCESS")))
    assert set(apply_workspace) <= {job["id"] for job in admin.state()["workspace_sub_jobs"]}


def test_cce_v2_jobs_deserialize_into_the_sdk_v2_job(base_url, demo):
    """The CCE SDK has no client call for /api/v2/projects/{project_id}/jobs, only its autopilot twin with the same
    V2Job model: call that one with the path swapped."""
    cce_v3 = pytest.importorskip("huaweicloudsdkcce.v3")
    cce = _client(cce_v3.CceClient, base_url, _credentials(demo))
    job = [record for record in demo["cce_jobs"] if record["project_id"] == PROJECT][0]

    http_info = cce_v3.CceClient._get_autopilot_one_job_http_info(cce_v3.GetAutopilotOneJobRequest(job_id=job["id"]))
    http_info["resource_path"] = "/api/v2/projects/{project_id}/jobs/{job_id}"
    shown = cce._call_api(**http_info)
    assert (shown.kind, shown.api_version, shown.metadata.uid, shown.status.status) == ("Job", "v2", job["id"], job["status"])
    assert (shown.spec.resourcename, shown.spec.clusteruid, shown.spec.type) == (job["resource_name"], job["cluster_id"], job["type"])
    assert shown.metadata.creation_timestamp.endswith(" +0000 UTC")

    http_info = cce_v3.CceClient._list_autopilot_jobs_http_info(cce_v3.ListAutopilotJobsRequest())
    http_info["resource_path"] = "/api/v2/projects/{project_id}/jobs"
    listed = cce._call_api(**http_info)
    assert sorted(item.metadata.uid for item in listed.body) == _ids(demo["cce_jobs"], project_id=PROJECT)

    raw = signed("GET", base_url, "/api/v2/projects/%s/jobs/%s" % (PROJECT, job["id"]), demo["credentials"][0]).json()
    models = cce_v3.model
    assert set(raw) == _wire_keys(models.V2Job)
    assert set(raw["metadata"]) == _wire_keys(models.V2JobTypeObject)
    assert set(raw["spec"]) == _wire_keys(models.V2JobSpec)
    assert set(raw["status"]) == _wire_keys(models.V2JobStatus)


@pytest.mark.parametrize("client_class, request_factory", [
    (DcsClient, lambda demo: ListBackgroundTaskRequest(instance_id=demo["dcs_tasks"][0]["instance_id"])),
    (CodeArtsBuildClient, lambda demo: DeleteBuildJobRequest(job_id=demo["codearts_build_jobs"][0]["id"])),
    (WorkspaceClient, lambda demo: ListItaSubJobsRequest()),
])
def test_wrong_secret_key_is_refused(base_url, demo, admin, client_class, request_factory):
    client = _client(client_class, base_url, _credentials(demo, secret_key="not-the-secret-key"))
    call = {DcsClient: "list_background_task", CodeArtsBuildClient: "delete_build_job", WorkspaceClient: "list_ita_sub_jobs"}
    with pytest.raises(ClientRequestException) as refused:
        getattr(client, call[client_class])(request_factory(demo))
    assert (refused.value.status_code, refused.value.error_code) == (401, "APIGW.0301")
    assert len(admin.state()["codearts_build_jobs"]) == len(demo["codearts_build_jobs"])


def test_temporary_credentials_with_security_token(base_url, admin):
    admin.seed({"credentials": [{"access_key": "TEMPAK", "secret_key": "temp-sk", "security_token": "temp-security-token",
                                 "project_id": PROJECT, "region": "eu-de"}],
                "dcs_tasks": [{"project_id": PROJECT, "instance_id": "instance-1", "id": "task-1", "status": "SUCCESS"}]})
    request = ListBackgroundTaskRequest(instance_id="instance-1")
    with_token = BasicCredentials("TEMPAK", "temp-sk", PROJECT).with_security_token("temp-security-token")
    assert _client(DcsClient, base_url, with_token).list_background_task(request).task_count == "1"
    with pytest.raises(ClientRequestException) as refused:
        _client(DcsClient, base_url, BasicCredentials("TEMPAK", "temp-sk", PROJECT)).list_background_task(request)
    assert refused.value.status_code == 401


def test_sdk_finds_the_project_id_through_iam(base_url, demo):
    """BasicCredentials without a project id: the SDK asks GET /v3/projects?name={region} itself."""
    credential = demo["credentials"][0]
    credentials = BasicCredentials(credential["access_key"], credential["secret_key"]).with_iam_endpoint(base_url)
    dcs = DcsClient.new_builder().with_credentials(credentials).with_region(Region("eu-de", base_url)).build()
    instance_id = demo["dcs_tasks"][0]["instance_id"]
    assert int(dcs.list_background_task(ListBackgroundTaskRequest(instance_id=instance_id, limit=100)).task_count) > 0
    assert credentials.project_id == PROJECT


def test_iam_projects_through_the_iam_sdk(base_url, demo, admin):
    """IamClient (a global service: GlobalCredentials, signed with the account's domain id) lists the projects the
    credential can access, finds a project by name and shows one; the replies have the SDK models' keys."""
    admin.seed({"projects": [{"id": "1" * 32, "name": "eu-de_ci", "parent_id": PROJECT}, {"id": "2" * 32, "name": "MOS"}]})
    credential = demo["credentials"][0]
    iam = _client(IamClient, base_url, GlobalCredentials(credential["access_key"], credential["secret_key"], DEFAULT_DOMAIN_ID))
    listed = iam.keystone_list_auth_projects(KeystoneListAuthProjectsRequest())
    assert sorted(project.name for project in listed.projects) == ["MOS", "eu-de", "eu-de_ci", "eu-de_production"]
    assert {project.id: project.parent_id for project in listed.projects}["1" * 32] == PROJECT
    assert all(project.enabled is True and project.is_domain is False for project in listed.projects)
    assert [project.id for project in iam.keystone_list_projects(KeystoneListProjectsRequest(name="eu-de_ci")).projects] == ["1" * 32]
    assert iam.keystone_show_project(KeystoneShowProjectRequest(project_id="1" * 32)).project.name == "eu-de_ci"
    with pytest.raises(ClientRequestException) as unknown:
        iam.keystone_show_project(KeystoneShowProjectRequest(project_id="9" * 32))
    assert unknown.value.status_code == 404
    raw = signed("GET", base_url, "/v3/auth/projects", credential).json()
    assert set(raw) == _wire_keys(KeystoneListAuthProjectsResponse)
    assert all(set(project) == _wire_keys(AuthProjectResult) for project in raw["projects"])
    shown = signed("GET", base_url, "/v3/projects/" + PROJECT, credential).json()["project"]
    assert set(shown) == _wire_keys(ProjectResult)
