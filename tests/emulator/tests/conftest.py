# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures: the session's emulator (``emulator``, support/fixtures.py), emptied before each test that asks for it."""

import pytest


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
