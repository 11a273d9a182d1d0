"""Integration runs: the emulator on loopback, this checkout as hwc.cleanup, ansible-playbook as users run it.

``emulator`` and ``collections_path`` come from support/fixtures.py (tests/pytest.ini).
"""

import os

import pytest

from support.ansible_run import ansible_environment, run_playbook as ansible_playbook

HERE = os.path.dirname(os.path.abspath(__file__))


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
