"""Fixtures of the unit tests.

``ansible_collections.hwc.cleanup`` is importable without help from here: under plain pytest the plugin
that tests/pytest.ini loads (support/fixtures.py) puts a collection tree on sys.path, under
``ansible-test units`` ansible-test runs from one.
"""

import pytest


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


@pytest.fixture
def threaded_httpserver():
    """A pytest-httpserver that answers requests in parallel, for a pool of workers."""
    from pytest_httpserver import HTTPServer
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()
