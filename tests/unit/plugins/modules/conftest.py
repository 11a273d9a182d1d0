"""Fixtures of the module-flow tests (test_flow_*.py); what they are made of is in flow_support.py."""

import pytest


@pytest.fixture
def run_module(capsys, monkeypatch):
    """run_module(name, args, check_mode=False, diff=False, verbosity=0) -> flow_support.Ran."""
    # Imported here, not above: with an ansible-core before 2.19 flow_support skips what imports it, and the other
    # tests of this directory still run.
    from flow_support import ModuleRunner  # pylint: disable=import-outside-toplevel
    return ModuleRunner(capsys, monkeypatch)


@pytest.fixture
def cloud(request, run_module):
    """The session's emulator, emptied and seeded with ACCOUNT; skipped where the plugin that starts it is not loaded
    (ansible-test units reads neither tests/pytest.ini nor support/fixtures.py)."""
    try:
        emulator = request.getfixturevalue("emulator")
    except pytest.FixtureLookupError:
        pytest.skip("the emulator fixture comes from support/fixtures.py, which only tests/pytest.ini loads")
    from flow_support import Cloud  # pylint: disable=import-outside-toplevel
    return Cloud(emulator, run_module)
