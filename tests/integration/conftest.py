"""Integration runs: the emulator on loopback, this checkout as hwc.cleanup, ansible-playbook as users run it."""

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from emulator.harness import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope="session")
def emulator():
    with EmulatorProcess() as running:
        yield running


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    tree = tmp_path_factory.mktemp("collections")
    (tree / "ansible_collections" / "hwc").mkdir(parents=True)
    (tree / "ansible_collections" / "hwc" / "cleanup").symlink_to(ROOT)
    return str(tree)


@pytest.fixture(scope="session")
def ansible_env(emulator, collections_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HWC_", "HW_", "OS_", "HUAWEICLOUD_", "CLOUD_SDK_"))}
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_ROLES_PATH": os.path.join(HERE, "targets"),
        "ANSIBLE_INVENTORY": os.path.join(HERE, "inventory.ini"),
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "HWC_EMULATOR_URL": emulator.base_url,
        "HWC_ENDPOINT_URL": emulator.base_url,
        "HWC_IAM_ENDPOINT": emulator.base_url + "/v3",
    })
    return env


@pytest.fixture(scope="session")
def run_playbook(ansible_env):
    def run(playbook, *args, env=None):
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), playbook] + list(args)
        return subprocess.run(command, env=dict(ansible_env, **(env or {})), cwd=HERE, capture_output=True, text=True,
                              timeout=600, check=False)
    return run
