"""AWX's path without AWX: the emulator on loopback, this checkout as hwc.cleanup, ansible-runner as AWX's engine."""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from support.ansible_run import CHECKOUT  # noqa: E402  pylint: disable=wrong-import-position
from support.fixtures import collections_path, emulator  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import


@pytest.fixture(scope="session")
def importable_collection(collections_path):  # pylint: disable=redefined-outer-name
    """ansible_collections.hwc.cleanup importable from the collection tree, for what the tests compare with the code."""
    sys.path.insert(0, collections_path)
    return collections_path


@pytest.fixture(scope="session")
def checkout():
    return CHECKOUT
