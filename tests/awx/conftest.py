"""AWX's path without AWX: the emulator on loopback, this checkout as hwc.cleanup, ansible-runner as AWX's engine.

``emulator`` and ``collections_path`` come from support/fixtures.py (tests/pytest.ini), which also makes
``ansible_collections.hwc.cleanup`` importable for what the tests compare with the code.
"""

import pytest

from support.ansible_run import CHECKOUT


@pytest.fixture(scope="session")
def checkout():
    return CHECKOUT
