"""pytest fixtures of the suites that run Ansible against the emulator: import them into a conftest.py.

The importing conftest.py puts tests/ on sys.path first.
"""

import pytest

from emulator.harness import EmulatorProcess
from support.ansible_run import make_collection_tree


@pytest.fixture(scope="session")
def emulator():
    """One emulator for the session, on a free loopback port."""
    with EmulatorProcess() as running:
        yield running


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    """A collection tree in which hwc.cleanup is this checkout."""
    return make_collection_tree(str(tmp_path_factory.mktemp("collections")))
