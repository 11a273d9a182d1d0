# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The official Huawei Cloud SDK clients against the emulator: if they cannot talk to it, it is not faithful."""

import pytest

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.region.region import Region
from huaweicloudsdkcodeartsbuild.v3 import CodeArtsBuildClient, DeleteBuildJobRequest
from huaweicloudsdkdcs.v2 import DcsClient, DeleteBackgroundTaskRequest, ListBackgroundTaskRequest
from huaweicloudsdkworkspace.v2 import BatchDeleteSubJobsRequest, DeleteSubJobsReq, ListItaSubJobsRequest, WorkspaceClient

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
    assert refused.value.error_code not in ("DCS.4001", "APIG.0101")
    assert refused.value.request_id


def test_codearts_build_delete(base_url, demo, admin):
    job = demo["codearts_build_jobs"][0]
    codearts = _client(CodeArtsBuildClient, base_url, _credentials(demo))
    response = codearts.delete_build_job(DeleteBuildJobRequest(job_id=job["id"]))
    assert response.status == "success"
    assert response.result.job_id == job["id"]
    assert job["id"] not in [record["id"] for record in admin.state()["codearts_build_jobs"]]
    with pytest.raises(ClientRequestException) as refused:
        codearts.delete_build_job(DeleteBuildJobRequest(job_id=job["id"]))
    assert (refused.value.status_code, refused.value.error_code) == (422, "DEVCB.00031006")


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
    assert (refused.value.status_code, refused.value.error_code) == (401, "APIG.0301")
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
