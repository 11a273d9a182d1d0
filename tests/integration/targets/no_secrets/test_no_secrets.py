"""No secret in any output (docs/authentication.md, "What is never logged"): a -vvvv run of secrets.yml, searched for every secret it used.

runme.sh runs this module with pytest when ansible-test runs the target: it seeds the emulator the runner named in
integration_config.yml (hwc_emulator), runs ansible-playbook on secrets.yml at -vvvv as a user would, and searches
stdout, stderr and the log for each secret.
"""

import os
import re
import subprocess

import pytest
import yaml
from jinja2 import Template

from emulator.harness import AdminClient

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = os.path.join(HERE, "secrets.yml")
INVENTORY = os.path.join(HERE, "inventory.ini")
# ansible-test's copy of tests/integration: the target, its dependency setup_emulator and integration_config.yml.
TEST_VARS = os.path.join(HERE, "..", "..", "integration_config.yml")
SETUP_DEFAULTS = os.path.join(HERE, "..", "setup_emulator", "defaults", "main.yml")
SECRET_VARS = ("hwc_sk", "hwc_other_sk", "hwc_temp_sk", "hwc_security_token", "hwc_password")
# What a signed request's Authorization header looks like; no part of it may be printed.
SIGNATURE = re.compile(r"SDK-HMAC-SHA256\s+Access=|Signature=[0-9a-f]{16}")
CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result"


def _load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _test_credentials(test_vars):
    """The credentials and users setup_emulator seeds, rendered with integration_config.yml: one definition for both."""
    with open(SETUP_DEFAULTS, encoding="utf-8") as handle:
        defaults = yaml.safe_load(Template(handle.read()).render(**test_vars))
    return {"credentials": defaults["setup_emulator_credentials"], "users": defaults["setup_emulator_users"]}


def _run_playbook(*args, env):
    """ansible-playbook as a user runs it, with the environment ansible-test gives this script, without colour; the
    targets' directory holds setup_emulator."""
    environment = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0", ANSIBLE_ROLES_PATH=os.path.dirname(HERE), **env)
    return subprocess.run(["ansible-playbook", "-i", INVENTORY, PLAYBOOK] + list(args), env=environment, cwd=HERE,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def secrets_run(tmp_path_factory):
    """Seed the credentials from here, so that no seeding task prints them; then run the playbook at -vvvv."""
    test_vars = _load_yaml(TEST_VARS)
    play_vars = _load_yaml(PLAYBOOK)[0]["vars"]
    admin = AdminClient(test_vars["hwc_emulator"])
    workdir = tmp_path_factory.mktemp("secrets")
    token_file, log_file = workdir / "token", workdir / "ansible.log"
    admin.reset()
    admin.seed(_test_credentials(test_vars))
    admin.clear_requests()
    result = _run_playbook("-vvvv", "-e", "secrets_token_file=" + str(token_file), env={"ANSIBLE_LOG_PATH": str(log_file)})
    secrets = dict((name, test_vars[name]) for name in SECRET_VARS)
    secrets["secrets_wrong_password"] = play_vars["secrets_wrong_password"]
    secrets["issued token"] = token_file.read_text(encoding="utf-8") if token_file.exists() else None
    outputs = {"stdout": result.stdout, "stderr": result.stderr,
               "ansible log": log_file.read_text(encoding="utf-8") if log_file.exists() else ""}
    return {"result": result, "secrets": secrets, "outputs": outputs, "requests": admin.requests(), "vars": test_vars}


def _where(text, secret, name):
    """The lines holding the secret, with the secret replaced by its name."""
    return [line.replace(secret, "<%s>" % name) for line in text.splitlines() if secret in line][:5]


def _task_output(stdout, task_name):
    """What the default callback printed for one task: from its TASK banner to the next banner."""
    start = stdout.index("TASK [%s]" % task_name)
    end = stdout.find("\nTASK [", start + 1)
    return stdout[start:end if end > 0 else len(stdout)]


def test_the_playbook_used_every_secret(secrets_run):
    result, requests, test_vars = secrets_run["result"], secrets_run["requests"], secrets_run["vars"]
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert secrets_run["secrets"]["issued token"], "the playbook did not write the token IAM issued"
    signed_by = set(entry.get("access_key") for entry in requests if entry["auth"] == "aksk")
    assert signed_by == {test_vars["hwc_ak"], test_vars["hwc_temp_ak"], test_vars["hwc_other_ak"]}
    token_statuses = sorted(set(entry["status"] for entry in requests if entry["auth"] == "token"))
    assert token_statuses == [200, 204, 403]
    iam_logins = [entry["status"] for entry in requests if entry["path"] == "/v3/auth/tokens"]
    assert iam_logins == [201, 201, 401]


@pytest.mark.parametrize("stream", ["stdout", "stderr", "ansible log"])
def test_no_secret_in_any_output(secrets_run, stream):
    text = secrets_run["outputs"][stream]
    if stream != "stderr":
        assert "PLAY RECAP" in text, "nothing to search in the %s" % stream
    leaks = dict((name, _where(text, secret, name)) for name, secret in secrets_run["secrets"].items() if secret and secret in text)
    assert not leaks, "secrets printed in the %s: %s" % (stream, leaks)
    assert not SIGNATURE.search(text), "an Authorization header was printed in the %s" % stream


@pytest.mark.parametrize("task_name", ["Authenticate once for the play", "Hand the issued token back to the auth module"])
def test_a_result_holding_a_token_is_censored(secrets_run, task_name):
    printed = _task_output(secrets_run["outputs"]["stdout"], task_name)
    assert CENSORED in printed
    assert "auth_token" not in printed
