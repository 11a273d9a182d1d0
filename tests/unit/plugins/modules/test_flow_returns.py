"""Each module's RETURN names exactly the keys a run of it returns, in-process against the emulator
(fixtures: conftest.py). RETURN takes no doc fragment before ansible-core 2.20, so the modules repeat what they share;
test_result_keys.py keeps the repeated entries alike, this keeps each module's entries true to the engine."""

import pytest

from flow_support import PROJECT_ID
from test_result_keys import RESERVED, documented_results

BUILD_JOB = "0123456789abcdef0123456789ABCDEF"
CCE_JOBS = {"cce_jobs": [{"project_id": PROJECT_ID, "id": "job-1", "status": "Success"}]}
BUILD_JOBS = {"codearts_build_jobs": [{"project_id": "codearts-project", "id": BUILD_JOB, "name": "nightly"}]}
SUB_JOBS = {"workspace_sub_jobs": [{"project_id": PROJECT_ID, "id": "f1", "status": "FAILED", "job_type": "createDesktops"},
                                   {"project_id": PROJECT_ID, "id": "v1", "status": "FAILED", "job_type": "applyWorkspace"}]}

# {module: (what the emulator holds, the module's arguments)}: a run that fills every list it returns, so that the
# entries are checked against what the docs say they contain. The DCS instance is missing: missing_parents names it.
RUNS = {
    "cce_job": (CCE_JOBS, {"job_ids": ["job-1", "gone"]}),
    "codearts_build_job": (BUILD_JOBS, {"job_ids": [BUILD_JOB]}),
    "dcs_background_task": ({}, {"instance_id": "inst-9", "task_ids": ["t1"]}),
    "workspace_sub_jobs": (SUB_JOBS, {"delete_by_status": "FAILED"}),
    "cce_job_info": (CCE_JOBS, {}),
    "codearts_build_job_info": (BUILD_JOBS, {"codearts_project_id": "codearts-project"}),
    "dcs_background_task_info": ({}, {"instance_id": "inst-9"}),
    "workspace_sub_job_info": (SUB_JOBS, {}),
}
# {case: its arguments, the module first} for a run the gateway refuses (a wrong secret key): a delete module gives each id its
# entry in errors, and every module the first error's status_code, error_code, error_msg and request_id.
REFUSED = {
    "cce_job": {"job_ids": ["job-1"]},
    "codearts_build_job": {"job_ids": [BUILD_JOB]},
    "dcs_background_task": {"instance_id": "inst-1", "task_ids": ["t1"]},
    "workspace_sub_jobs": {"job_ids": ["f1"]},
    "workspace_sub_jobs by status": {"delete_by_status": "FAILED"},  # fails on its list, before any id
    "cce_job_info": {},
    "codearts_build_job_info": {"codearts_project_id": "codearts-project"},
    "dcs_background_task_info": {"instance_id": "inst-1"},
    "workspace_sub_job_info": {},
    "auth": {"project_id": None},  # given the project, AK/SK auth sends nothing: it looks the region's project up
    "project_info": {},
}

# The documented `returned` of the keys each kind of run carries.
RETURNED = {"success": ("always", "success"), "failure": ("always", "on failure")}


def assert_documented_keys_are_returned(name, outcome, ran):
    expected = dict((key, entry) for key, entry in documented_results(name).items() if entry["returned"] in RETURNED[outcome])
    assert sorted(set(ran.result) - RESERVED) == sorted(expected)
    for key, entry in expected.items():
        for value in ran[key] if entry["type"] == "list" else [ran[key]]:
            if "contains" in entry:
                assert sorted(value) == sorted(entry["contains"]), key
            elif entry["type"] == "dict":  # documented by its sample alone, which then shows every key
                assert sorted(value) == sorted(entry["sample"]), key


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_run_returns_the_keys_its_module_documents(cloud, name):
    seed, arguments = RUNS[name]
    cloud.seed(**seed)
    ran = cloud.run(name, project_id=PROJECT_ID, **arguments)
    assert ran.code == 0, ran.get("msg")
    assert_documented_keys_are_returned(name, "success", ran)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_run_returns_the_keys_its_module_documents(cloud, case):
    name = case.split()[0]
    ran = cloud.run(name, **dict({"project_id": PROJECT_ID, "secret_key": "wrong-secret"}, **REFUSED[case]))
    assert ran.failed and ran["status_code"] == 401
    assert_documented_keys_are_returned(name, "failure", ran)


# {module: its arguments} for a run that fails before any request (bad input): its failure keys are there, null.
BAD_INPUT = {
    "cce_job": {"job_ids": ["job-1", "bad id"]},
    "cce_job_info": {"older_than": "bogus"},
    "project_info": {"project_id": "not a project id"},
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_a_run_failing_before_any_request_returns_the_keys_its_module_documents(cloud, name):
    ran = cloud.run(name, **dict({"project_id": PROJECT_ID}, **BAD_INPUT[name]))
    assert ran.failed and cloud.requests() == [] and ran["status_code"] is None and ran["request_id"] is None
    assert_documented_keys_are_returned(name, "failure", ran)
