"""Every target under targets/ (but the setup_ helpers) as one test: ansible-playbook must succeed."""

import os

import pytest

TARGETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets")
NAMES = sorted(name for name in os.listdir(TARGETS) if not name.startswith("setup_"))


@pytest.mark.parametrize("target", NAMES)
def test_target(run_playbook, target):
    result = run_playbook("target.yml", "-e", "hwc_target=" + target)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
