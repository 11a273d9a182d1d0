"""Apply exactly what was reviewed, the way an AWX workflow does it, without AWX (docs/awx.md, "Approve, then
apply exactly what was reviewed").

Node 1 is the job template's dry run; ansible-runner (AWX's engine) reports the play's global custom stats
(set_stats, per_host false) as the ``artifact_data`` of its ``playbook_on_stats`` event, which it writes under
artifacts/<ident>/job_events/ and which AWX stores as the job's artifacts. After the approval node, AWX passes those
artifacts to the next node as extra vars: node 3 is the same job template, confirmed, with ``hwc_teardown_plan``
taken from node 1's artifacts. A resource created between the two nodes survives, reported as not_in_plan.
"""

import glob
import json
import os
import sys

import ansible_runner
import pytest

import awx_credentials
from support.ansible_run import CHECKOUT, CLOUD_VARIABLE_PREFIXES

CREDENTIAL_TYPE = os.path.join(CHECKOUT, "extensions", "awx", "credential_type_hwc.yml")
PLAYBOOK = "extensions/awx/playbooks/teardown.yml"
REGION = "eu-de"
PROJECT = "3c5f7a9b1d2e4f6081a2b3c4d5e6f708"
ACCESS_KEY, SECRET_KEY = "AWXPLANTESTKEY000001", "AwxPlanTestSecretKey-2c4e6a8b"
SEED = {
    "credentials": [{"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "project_id": PROJECT, "region": REGION}],
    "cce_jobs": [{"project_id": PROJECT, "id": job_id, "status": status}
                 for job_id, status in (("cce-done-1", "Success"), ("cce-done-2", "Failed"), ("cce-running", "Running"))],
    "workspace_sub_jobs": [{"project_id": PROJECT, "id": "ws-done", "status": "SUCCESS"}],
}
# Created after the review, before the approved run: matched by the same selectors, never reviewed.
CREATED_AFTER_REVIEW = {
    "cce_jobs": [{"project_id": PROJECT, "id": "cce-after-review", "status": "Success"}],
    "workspace_sub_jobs": [{"project_id": PROJECT, "id": "ws-after-review", "status": "FAILED"}],
}
JOB_TEMPLATE_VARIABLES = {
    "hwc_teardown_cce_jobs": {"status": ["Success", "Failed"]},
    "hwc_teardown_workspace_sub_jobs": {"statuses": ["SUCCESS", "FAILED"]},
}


def _run(private_data_dir, env, collections_path, ident, extravars):
    envvars = dict(env, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    with pytest.MonkeyPatch.context() as patch:
        for name in os.environ:
            if name.startswith(CLOUD_VARIABLE_PREFIXES):
                patch.delenv(name)
        patch.setenv("PATH", os.path.dirname(sys.executable), prepend=os.pathsep)
        return ansible_runner.run(private_data_dir=private_data_dir, project_dir=CHECKOUT, playbook=PLAYBOOK, ident=ident,
                                  envvars=envvars, extravars=extravars, quiet=True, timeout=600)


def _read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _artifacts(runner):
    """The job's artifacts as AWX takes them: the artifact_data of the playbook_on_stats event, read from the file
    ansible-runner wrote under artifacts/<ident>/job_events/."""
    paths = [path for path in glob.glob(os.path.join(runner.config.artifact_dir, "job_events", "*.json"))
             if _read_json(path).get("event") == "playbook_on_stats"]
    assert len(paths) == 1
    with open(paths[0], encoding="utf-8") as handle:
        return json.load(handle)["event_data"]["artifact_data"]


@pytest.fixture(scope="module")
def workflow(emulator, collections_path, tmp_path_factory):
    credential_type = awx_credentials.load(CREDENTIAL_TYPE)
    inputs = {"cloud": "huaweicloud", "region": REGION, "access_key": ACCESS_KEY, "secret_key": SECRET_KEY,
              "iam_endpoint": emulator.base_url + "/v3", "endpoint": emulator.base_url}
    env, _safe_env = awx_credentials.inject(credential_type, inputs)
    emulator.admin.reset()
    emulator.admin.seed(SEED)
    # Node 1: the dry run, whose output the approver reviews.
    dry_run = _run(str(tmp_path_factory.mktemp("dry_run")), env, collections_path, "dry_run",
                   dict(JOB_TEMPLATE_VARIABLES, hwc_teardown_confirm="false"))
    artifacts = _artifacts(dry_run)
    # Between the nodes (the approval may take hours), something new appears.
    emulator.admin.seed(CREATED_AFTER_REVIEW)
    # Node 3: the same job template, confirmed, with node 1's artifacts as extra vars (JSON, as AWX passes them).
    passed_on = json.loads(json.dumps(artifacts))
    apply = _run(str(tmp_path_factory.mktemp("apply")), env, collections_path, "apply",
                 dict(JOB_TEMPLATE_VARIABLES, hwc_teardown_confirm="true", **passed_on))
    return {"dry_run": dry_run, "artifacts": artifacts, "apply": apply, "apply_artifacts": _artifacts(apply),
            "state": emulator.admin.state(), "requests": emulator.admin.requests()}


def test_the_dry_run_publishes_its_plan_as_an_artifact(workflow):
    assert (workflow["dry_run"].status, workflow["dry_run"].rc) == ("successful", 0)
    plan = workflow["artifacts"]["hwc_teardown_plan"]
    assert plan["format"] == "hwc.cleanup.teardown_plan" and plan["dry_run"] is True
    assert plan["project"]["id"] == PROJECT and plan["project"]["region"] == REGION
    assert [(entry["service"], entry["ids"]) for entry in plan["services"]] == [
        ("cce_jobs", ["cce-done-1", "cce-done-2"]), ("workspace_sub_jobs", ["ws-done"])]
    # runner.stats, ansible-runner's summary of the same event, has the host counts only, not the custom stats.
    assert "hwc_teardown_plan" not in json.dumps(workflow["dry_run"].stats)


def test_the_approved_run_deletes_exactly_the_plan(workflow):
    apply = workflow["apply"]
    assert (apply.status, apply.rc) == ("successful", 0), apply.stdout.read()[-20000:]
    remaining = dict((kind, sorted(item["id"] for item in workflow["state"][kind])) for kind in ("cce_jobs", "workspace_sub_jobs"))
    assert remaining == {"cce_jobs": ["cce-after-review", "cce-running"], "workspace_sub_jobs": ["ws-after-review"]}
    deletes = [entry["path"] for entry in workflow["requests"] if entry["method"] not in ("GET", "HEAD")]
    assert not [path for path in deletes if "after-review" in path]


def test_what_appeared_after_the_review_is_reported_not_in_plan(workflow):
    summary = workflow["apply_artifacts"]["hwc_teardown_summary"]
    assert summary["dry_run"] is False and summary["totals"]["deleted"] == 3
    assert summary["applied_plan"]["planned_at"] == workflow["artifacts"]["hwc_teardown_plan"]["planned_at"]
    assert dict((entry["service"], entry["not_in_plan"]) for entry in summary["services"]) == {
        "cce_jobs": ["cce-after-review"], "workspace_sub_jobs": ["ws-after-review"]}
    assert summary["totals"]["not_in_plan"] == 2
    # A confirmed run publishes no plan to apply.
    assert "hwc_teardown_plan" not in workflow["apply_artifacts"]
