"""A teardown job the way AWX runs one, without AWX.

The credential type of extensions/awx is checked as AWX checks it on creation, a credential's
inputs are injected by AWX's own code (awx-plugins.interfaces, through awx_credentials.py), and
the resulting variables are the environment of ansible-runner, AWX's engine, which runs the job
template's playbook (extensions/awx/playbooks/teardown.yml) from the project with the job template's variables and
survey answer as extra vars. One job per way to authenticate, each against a freshly seeded
emulator: the test checks what was deleted and what was not, the summary the job publishes,
and that no secret is in the runner's artifacts or the job's extra vars, but in the job's
environment.
"""

import json
import os
import stat
import sys

import ansible_runner
import pytest
from awx_plugins.interfaces._temporary_private_inject_api import HIDDEN_PASSWORD

import awx_credentials
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import SECRET_OPTIONS
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import common_argument_spec
from support.ansible_run import CHECKOUT, CLOUD_VARIABLE_PREFIXES

CREDENTIAL_TYPE = os.path.join(CHECKOUT, "extensions", "awx", "credential_type_hwc.yml")
PLAYBOOK = "extensions/awx/playbooks/teardown.yml"  # as a job template names it, relative to the project

REGION = "eu-de"
PROJECT = "3c5f7a9b1d2e4f6081a2b3c4d5e6f708"
OTHER_PROJECT = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"
# Test-only secrets, each shaped like the real thing and unlike anything else in a job's output.
ACCESS_KEY = "AWXTESTTEMPKEY000001"
SECRET_KEY = "AwxTestSecretKey-5d1f8c3a9e7b"
SECURITY_TOKEN = "AwxTestSecurityToken-Jb7QpXz41mKw"
IAM_TOKEN = "AwxTestIamToken-MIIa8Yq2Lr5Tz0Vx"
USER, PASSWORD, DOMAIN = "awx-teardown-bot", "AwxTestPassword-8b2e!4c6d", "awx-test-domain"
SECRET_INPUTS = ("secret_key", "security_token", "auth_token", "password")  # docs/authentication.md, "What is never logged"

CREDENTIAL_INPUTS = {
    "temporary AK/SK": {"cloud": "huaweicloud", "region": REGION, "access_key": ACCESS_KEY, "secret_key": SECRET_KEY,
                        "security_token": SECURITY_TOKEN},
    "IAM user and password": {"cloud": "huaweicloud", "region": REGION, "username": USER, "password": PASSWORD,
                              "domain_name": DOMAIN},
    "IAM token": {"cloud": "huaweicloud", "project_id": PROJECT, "auth_token": IAM_TOKEN},
}
# How the emulator's request log names the credential each job must have signed with.
EXPECTED_AUTH = {"temporary AK/SK": "aksk", "IAM user and password": "token", "IAM token": "token"}

CODEARTS_JOB, CODEARTS_OTHER_JOB = "5a0c3e7f9b1d4f6a8c2e4a6b8d0f2a4c", "7e9a1c3e5f7b9d1f3a5c7e9b1d3f5a7c"
SEED = {
    "credentials": [{"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "security_token": SECURITY_TOKEN,
                     "project_id": PROJECT, "region": REGION}],
    "users": [{"name": USER, "password": PASSWORD, "domain_name": DOMAIN, "project_id": PROJECT, "region": REGION}],
    "tokens": [{"token": IAM_TOKEN, "project_id": PROJECT, "region": REGION}],
    "cce_jobs": [{"project_id": project, "id": job_id, "status": "Success"}
                 for project, job_id in ((PROJECT, "cce-nightly-1"), (PROJECT, "cce-nightly-2"), (PROJECT, "cce-protected"),
                                         (PROJECT, "cce-not-listed"), (OTHER_PROJECT, "cce-nightly-1"))],
    "codearts_build_jobs": [{"project_id": PROJECT, "id": job_id, "name": "nightly"} for job_id in (CODEARTS_JOB, CODEARTS_OTHER_JOB)],
    "workspace_sub_jobs": [{"project_id": PROJECT, "id": "ws-done", "status": "SUCCESS"},
                           {"project_id": PROJECT, "id": "ws-failed", "status": "FAILED"},
                           {"project_id": PROJECT, "id": "ws-running", "status": "RUNNING"},
                           {"project_id": PROJECT, "id": "ws-protected", "status": "SUCCESS"}],
    "dcs_tasks": [{"project_id": PROJECT, "instance_id": "dcs-nightly", "id": "dcs-done", "status": "SUCCESS"},
                  {"project_id": PROJECT, "instance_id": "dcs-nightly", "id": "dcs-running", "status": "RUNNING"}],
}
# The job template's variables; the survey adds hwc_teardown_confirm, as the string a survey answers.
JOB_TEMPLATE_VARIABLES = {
    "hwc_teardown_cce_jobs": ["cce-nightly-1", "cce-nightly-2", "cce-protected", "cce-already-gone"],
    "hwc_teardown_codearts_build_jobs": [CODEARTS_JOB],
    "hwc_teardown_workspace_sub_jobs": {"statuses": ["SUCCESS", "FAILED"]},
    "hwc_teardown_dcs_tasks": [{"instance_id": "dcs-nightly", "statuses": ["SUCCESS", "FAILED"]}],
    "hwc_teardown_protected_ids": ["cce-protected", "ws-protected"],
}
SURVEY_ANSWERS = {"hwc_teardown_confirm": "true"}
REMAINING = {
    "cce_jobs": {(PROJECT, "cce-protected"), (PROJECT, "cce-not-listed"), (OTHER_PROJECT, "cce-nightly-1")},
    "codearts_build_jobs": {(PROJECT, CODEARTS_OTHER_JOB)},
    "workspace_sub_jobs": {(PROJECT, "ws-running"), (PROJECT, "ws-protected")},
    "dcs_tasks": {(PROJECT, "dcs-running")},
}
DELETED = 6  # cce-nightly-1, cce-nightly-2, the CodeArts job, ws-done, ws-failed, dcs-done


@pytest.fixture(scope="module")
def credential_type():
    return awx_credentials.load(CREDENTIAL_TYPE)


def _injected_environment(credential_type, inputs, emulator):
    """The credential's inputs, with the emulator as the private IAM and gateway endpoints, injected as AWX does."""
    inputs = dict(inputs, iam_endpoint=emulator.base_url + "/v3", endpoint=emulator.base_url)
    assert awx_credentials.credential_problems(credential_type, inputs) == []
    return awx_credentials.inject(credential_type, inputs)


def _run_job(private_data_dir, job_environment, collections_path):
    """ansible-runner as AWX calls it, with this process's own cloud variables out of the way."""
    envvars = dict(job_environment, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    with pytest.MonkeyPatch.context() as patch:
        for name in os.environ:
            if name.startswith(CLOUD_VARIABLE_PREFIXES):
                patch.delenv(name)
        patch.setenv("PATH", os.path.dirname(sys.executable), prepend=os.pathsep)  # runner looks ansible-playbook up on PATH
        return ansible_runner.run(private_data_dir=private_data_dir, project_dir=CHECKOUT, playbook=PLAYBOOK, ident="job",
                                  envvars=envvars, extravars=dict(JOB_TEMPLATE_VARIABLES, **SURVEY_ANSWERS),
                                  verbosity=3, quiet=True, timeout=600)


@pytest.fixture(scope="module", params=sorted(CREDENTIAL_INPUTS))
def job(request, credential_type, emulator, collections_path, tmp_path_factory):
    inputs = CREDENTIAL_INPUTS[request.param]
    env, safe_env = _injected_environment(credential_type, inputs, emulator)
    emulator.admin.reset()
    emulator.admin.seed(SEED)
    runner = _run_job(str(tmp_path_factory.mktemp("job")), env, collections_path)
    secrets = dict((name, inputs[name]) for name in SECRET_INPUTS if inputs.get(name))
    return {"name": request.param, "runner": runner, "env": env, "safe_env": safe_env, "secrets": secrets,
            "state": emulator.admin.state(), "requests": emulator.admin.requests()}


def _remaining(state):
    return dict((kind, set((item["project_id"], item["id"]) for item in state[kind])) for kind in REMAINING)


def _read(path):
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", "replace")


def _artifact_files(runner):
    """{path relative to the artifacts directory: text} for every file the runner wrote there."""
    files = {}
    for root, _directories, names in os.walk(runner.config.artifact_dir):
        for name in names:
            path = os.path.join(root, name)
            files[os.path.relpath(path, runner.config.artifact_dir)] = _read(path)
    return files


def _spellings(secret):
    """The secret as written, and as a JSON string would carry it."""
    return set((secret, json.dumps(secret)[1:-1]))


def _leaks(files, secrets):
    return dict((path, sorted(name for name, secret in secrets.items() if any(form in text for form in _spellings(secret))))
                for path, text in files.items() if any(form in text for secret in secrets.values() for form in _spellings(secret)))


def test_awx_accepts_the_credential_type(credential_type):
    assert awx_credentials.credential_type_problems(credential_type) == []


def test_every_injected_variable_is_the_first_fallback_of_its_option(credential_type):
    """docs/awx.md: the credential type injects what the modules read first; secrets are AWX secrets."""
    spec = common_argument_spec()
    injected = credential_type["injectors"]["env"]
    field_ids = [field["id"] for field in awx_credentials.fields(credential_type)]
    assert set(field_ids) <= set(spec)
    for field_id in field_ids:
        # endpoint: the variable every service falls back to (the first is per service)
        expected = spec[field_id]["fallback"][1][-1 if field_id == "endpoint" else 0]
        assert injected.get(expected) == "{{ %s }}" % field_id, field_id
    assert len(injected) == len(field_ids)
    assert set(awx_credentials.secret_fields(credential_type)) == SECRET_OPTIONS
    cloud = next(field for field in awx_credentials.fields(credential_type) if field["id"] == "cloud")
    assert cloud["choices"] == spec["cloud"]["choices"] and cloud["default"] == spec["cloud"]["default"]


def test_a_blank_field_is_injected_as_an_empty_variable(job):
    """Why hwc.cleanup reads an empty variable as unset: AWX cannot leave one out."""
    blank = [name for name, value in job["env"].items() if value == ""]
    assert "HWC_PROJECT_ID" in blank or "HWC_REGION" in blank
    assert "HWC_SECURITY_TOKEN" in blank or job["name"] == "temporary AK/SK"
    assert all(job["safe_env"][name] in ("", HIDDEN_PASSWORD) for name in blank)


def test_the_job_deletes_what_it_was_asked_to_and_nothing_else(job):
    runner = job["runner"]
    assert (runner.status, runner.rc) == ("successful", 0), runner.stdout.read()[-20000:]
    assert _remaining(job["state"]) == REMAINING


def test_the_job_used_the_injected_credential(job):
    service_requests = [entry for entry in job["requests"] if entry["service"] not in ("iam", "unknown")]
    assert service_requests
    assert set(entry["auth"] for entry in service_requests) == {EXPECTED_AUTH[job["name"]]}
    if EXPECTED_AUTH[job["name"]] == "aksk":
        assert set(entry["access_key"] for entry in service_requests) == {ACCESS_KEY}
    logins = [entry["status"] for entry in job["requests"] if entry["path"] == "/v3/auth/tokens"]
    if job["name"] == "IAM user and password":
        assert logins and set(logins) == {201}  # one login per module run
    else:
        assert logins == []


def test_the_job_publishes_its_summary_as_artifacts(job):
    """set_stats: AWX shows it on the job's page and hands it to the next workflow node."""
    stats = [event for event in job["runner"].events if event["event"] == "playbook_on_stats"]
    summary = stats[-1]["event_data"]["artifact_data"]["hwc_teardown_summary"]
    assert summary["dry_run"] is False
    assert summary["totals"]["deleted"] == DELETED
    assert summary["totals"]["protected"] == 2 and summary["totals"]["failed"] == 0


def test_no_secret_in_the_artifacts_or_extra_vars_but_the_job_environment(job):
    """Job events, stdout, status, the command line, and the extra vars (which AWX shows on the job's
    page): nothing. ansible-runner writes the job's whole environment into artifacts/<ident>/command
    (readable by its owner only), so the injected variables are there, as for AWX's own cloud
    credentials: the secrets must be there, under the injected names, and nowhere else."""
    runner = job["runner"]
    files = _artifact_files(runner)
    assert any(path.startswith("job_events" + os.sep) for path in files) and "PLAY RECAP" in files["stdout"]
    command = json.loads(files.pop("command"))
    files["command, without its environment"] = json.dumps(dict((key, value) for key, value in command.items() if key != "env"))
    files["extra vars"] = _read(os.path.join(runner.config.private_data_dir, "env", "extravars"))
    assert _leaks(files, job["secrets"]) == {}
    carriers = sorted(name for name, value in command["env"].items() if any(secret in value for secret in job["secrets"].values()))
    assert carriers == sorted(name for name, value in job["env"].items() if value in job["secrets"].values())
    assert stat.S_IMODE(os.stat(os.path.join(runner.config.artifact_dir, "command")).st_mode) == 0o600


def test_awx_shows_no_secret_in_the_job_environment(job):
    assert not [name for name, value in job["safe_env"].items() if any(secret in value for secret in job["secrets"].values())]
