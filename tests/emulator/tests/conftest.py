# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures: one emulator subprocess per test session, emptied before each test that asks for it."""

import os
import sys

import pytest

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from emulator.harness import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope="session", name="emulator")
def emulator_process():
    with EmulatorProcess() as process:
        yield process


@pytest.fixture(name="admin")
def emptied_admin(emulator):
    """The admin client of an emptied emulator."""
    emulator.admin.reset()
    return emulator.admin


@pytest.fixture
def demo(admin):
    """The shipped demo seed, loaded; returns its data (credentials, users and resources)."""
    data = admin.demo_seed()
    admin.seed(data)
    return data


@pytest.fixture
def base_url(emulator):
    return emulator.base_url
