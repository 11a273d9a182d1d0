"""The pytest plugin of every plain pytest suite (tests/pytest.ini loads it with ``-p``).

- One collection tree per session, in which hwc.cleanup is this checkout (make_collection_tree), is put
  on sys.path before any conftest or test is imported: ``ansible_collections.hwc.cleanup`` imports as it
  does under ``ansible-test units``, which neither reads tests/pytest.ini nor loads this plugin.
- Fixtures: ``collections_path`` (that tree, for ANSIBLE_COLLECTIONS_PATH) and ``emulator`` (one
  emulator for the session, on a free loopback port).
"""

import shutil
import sys
import tempfile

import pytest

from emulator.harness import EmulatorProcess
from support.ansible_run import make_collection_tree

COLLECTIONS_PATH = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config):
    tree = make_collection_tree(tempfile.mkdtemp(prefix="hwc-collections-"))
    early_config.stash[COLLECTIONS_PATH] = tree
    # The tree's name is only known now: the one sys.path entry pythonpath cannot give.
    sys.path.insert(0, tree)

    def remove_tree():
        if tree in sys.path:
            sys.path.remove(tree)
        shutil.rmtree(tree, ignore_errors=True)

    early_config.add_cleanup(remove_tree)


@pytest.fixture(scope="session")
def collections_path(pytestconfig):
    """The session's collection tree, in which hwc.cleanup is this checkout."""
    return pytestconfig.stash[COLLECTIONS_PATH]


@pytest.fixture(scope="session")
def emulator():
    """One emulator for the session, on a free loopback port."""
    with EmulatorProcess() as running:
        yield running
