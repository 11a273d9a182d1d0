"""Make this checkout importable as ansible_collections.hwc.cleanup for plain pytest runs."""

import atexit
import os
import shutil
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _collection_root():
    marker = os.path.join("ansible_collections", "hwc", "cleanup")
    if ROOT.endswith(marker):  # already inside a collection tree (ansible-test)
        return os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    tree = tempfile.mkdtemp(prefix="hwc-unit-")
    atexit.register(shutil.rmtree, tree, True)
    os.makedirs(os.path.join(tree, "ansible_collections", "hwc"))
    os.symlink(ROOT, os.path.join(tree, "ansible_collections", "hwc", "cleanup"))
    return tree


sys.path.insert(0, _collection_root())


class FakeClock:
    """A monotonic clock that only moves when something sleeps on it: pacing and retries without real waits."""

    def __init__(self, start=1000.0):
        self.now = start
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def fake_clock():
    return FakeClock()
