"""What the module-flow tests (test_flow_*.py) share: a module of the collection run in-process as Ansible runs it
(ModuleRunner), the account every test starts with, and the emulator as one test sees it (Cloud).

ModuleRunner runs ``plugins/modules/<name>.py``'s main() with the given module arguments (ansible-core's own
``patch_module_args``), catches the SystemExit of exit_json / fail_json and reads the JSON it printed. Cloud is the
session's emulator (tests/emulator, started once by support/fixtures.py), emptied and seeded with ACCOUNT. Nothing
here mocks requests: every request goes over a socket. The fixtures are in conftest.py.
"""

import importlib
import json
import os

import pytest

from ansible.module_utils.common import warnings as ansible_warnings

# ansible-core 2.19 and later: a module runs here as 2.19 runs it. With an older ansible-core (tox.ini's floor cell),
# each test_flow_*.py, which imports this, is reported as skipped with this reason.
_NEEDS = "the module-flow tests run a module as ansible-core 2.19 and later do"
ansible_internal = pytest.importorskip("ansible.module_utils._internal", reason=_NEEDS)
patch_module_args = pytest.importorskip("ansible.module_utils.testing", reason=_NEEDS).patch_module_args

MODULES = "ansible_collections.hwc.cleanup.plugins.modules."
# The variables the common options fall back to, and the proxies requests would route loopback through.
ENVIRONMENT_PREFIXES = ("HWC_", "HW_", "OS_", "HUAWEICLOUD_", "CLOUD_SDK_")  # as support/ansible_run.py
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")

# The account every test starts with: one AK/SK, one user, both in the project named after REGION.
REGION = "eu-de"
PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
OTHER_PROJECT_ID = "7f6e5d4c3b2a19081726354453627180"
ACCESS_KEY = "FLOWTESTACCESSKEY0001"
SECRET_KEY = "flowTestSecretKey0001NotARealSecret000"
USERNAME, PASSWORD, DOMAIN_NAME = "flow-operator", "Flow-Passw0rd-NotReal", "flow-account"
TOKEN = "MIITflowTestTokenNotReal0001"
ACCOUNT = {
    "credentials": [{"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "project_id": PROJECT_ID, "region": REGION}],
    "users": [{"name": USERNAME, "password": PASSWORD, "domain_name": DOMAIN_NAME, "project_id": PROJECT_ID,
               "region": REGION}],
    "tokens": [{"token": TOKEN, "project_id": PROJECT_ID, "region": REGION}],
}
SECRETS = (SECRET_KEY, PASSWORD, TOKEN)
AKSK = {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY}
PASSWORD_LOGIN = {"username": USERNAME, "password": PASSWORD, "domain_name": DOMAIN_NAME}


class Ran:
    """What one module run ended with: the exit code (0 exit_json, 1 fail_json), the printed JSON, the result."""

    def __init__(self, code, out):
        self.code = code
        self.out = out
        self.result = json.loads(out)

    @property
    def failed(self):
        return self.code != 0 and self.result.get("failed") is True

    def __getitem__(self, key):
        return self.result[key]

    def get(self, key, default=None):
        return self.result.get(key, default)

    def ids(self):
        """(deleted, already_absent, ids with an error) of a delete module's result."""
        return self["deleted"], self["already_absent"], [error["id"] for error in self["errors"]]

    @property
    def warnings(self):
        return [_message(entry) for entry in self.get("warnings", [])]

    @property
    def deprecations(self):
        return [_message(entry) for entry in self.get("deprecations", [])]


def _message(entry):
    """A warning's or deprecation's text (ansible-core 2.19 sends {"event": {"msg": ..}, ..})."""
    return entry["event"]["msg"]


class ModuleRunner:
    """Runs a module as Ansible would in its own process: the environment without HWC_* and the other fallbacks of
    the common options (they must come from the arguments alone), no controller code loaded, no earlier warnings."""

    def __init__(self, capsys, monkeypatch):
        self._capsys = capsys
        self._monkeypatch = monkeypatch
        for name in list(os.environ):
            if name.startswith(ENVIRONMENT_PREFIXES) or name.lower() in PROXY_VARIABLES:
                monkeypatch.delenv(name)

    def __call__(self, name, args, check_mode=False, diff=False, verbosity=0):
        """Ran of plugins/modules/<name>.py's main() with ``args``."""
        module = importlib.import_module(MODULES + name)
        # Controller code that another test loaded would send warnings to the controller's display, not the result.
        self._monkeypatch.setattr(ansible_internal, "is_controller", False)
        self._monkeypatch.setattr(ansible_warnings, "_global_warnings", {})
        self._monkeypatch.setattr(ansible_warnings, "_global_deprecations", {})
        self._capsys.readouterr()
        internal = {"_ansible_check_mode": check_mode, "_ansible_diff": diff, "_ansible_verbosity": verbosity}
        with patch_module_args(dict(args, **internal)):
            with pytest.raises(SystemExit) as exited:
                module.main()
        return Ran(exited.value.code, self._capsys.readouterr().out)


class Cloud:
    """The emulator as one test sees it: emptied, holding ACCOUNT; options that point a module at it; what it saw."""

    def __init__(self, emulator, run_module):
        self.base_url = emulator.base_url
        self.admin = emulator.admin
        self._run = run_module
        self.admin.reset()
        self.admin.seed(ACCOUNT)

    def seed(self, **kinds):
        self.admin.seed(kinds)

    def options(self, **given):
        """Region, both endpoints and the AK/SK, with ``given`` on top; an option given as None is left out."""
        options = dict(AKSK, region=REGION, endpoint=self.base_url, iam_endpoint=self.base_url)
        options.update(given)
        return dict((name, value) for name, value in options.items() if value is not None)

    def run(self, name, check_mode=False, diff=False, verbosity=0, **given):
        """Run module ``name`` against the emulator; ``given`` on top of options()."""
        return self._run(name, self.options(**given), check_mode, diff, verbosity)

    def requests(self):
        """The requests the emulator saw since the last call, as (method, path, status)."""
        return [(entry["method"], entry["path"], entry["status"]) for entry in self.log()]

    def log(self):
        """The emulator's whole request log entries since the last call (auth kind, query, request id ...)."""
        seen = self.admin.requests()
        self.admin.clear_requests()
        return seen

    def state(self, kind):
        """The ids of ``kind`` the emulator holds now, sorted."""
        return sorted(record["id"] for record in self.admin.state()[kind])


def assert_no_secret(ran, secrets=SECRETS):
    """No secret of the account in anything the module printed (result, msg, invocation)."""
    leaked = [secret for secret in secrets if secret in ran.out]
    assert not leaked, "secret(s) in the module's output: %s" % leaked
