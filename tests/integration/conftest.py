"""Integration runs: the emulator on loopback, this checkout as hwc.cleanup, ansible-playbook as users run it."""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from emulator.harness import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position
from support.ansible_run import ansible_environment, make_collection_tree, run_playbook as ansible_playbook  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope="session")
def emulator():
    with EmulatorProcess() as running:
        yield running


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    return make_collection_tree(str(tmp_path_factory.mktemp("collections")))


@pytest.fixture(scope="session")
def ansible_env(emulator, collections_path):
    return ansible_environment(collections_path, emulator.base_url,
                               ANSIBLE_ROLES_PATH=os.path.join(HERE, "targets"),
                               ANSIBLE_INVENTORY=os.path.join(HERE, "inventory.ini"))


@pytest.fixture(scope="session")
def run_playbook(ansible_env):
    def run(playbook, *args, env=None):
        return ansible_playbook(playbook, args, env=dict(ansible_env, **(env or {})), cwd=HERE)
    return run
