# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""hwc.cleanup's test cloud: a local Huawei Cloud (IAM, CodeArts Build, CCE, Workspace, DCS) over real HTTP.

Start it with ``python tests/emulator --port 0 --port-file F``; see docs/emulator.md.
"""
