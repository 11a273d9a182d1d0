#!/usr/bin/env bash
# make integration: every target of tests/integration/targets under `ansible-test integration --local`, against one
# emulator for the whole run. Arguments go to ansible-test (default: every target); e.g.
#   bash scripts/integration.sh cce_job auth
# The emulator is tests/emulator/harness.py's (or the one HWC_EMULATOR_URL names); ansible-test runs on a copy of
# this checkout laid out as ansible_collections/hwc/cleanup/, whose tests/integration/integration_config.yml gets
# `hwc_emulator: <its URL>` (the localenv pattern: the targets read what they need from outside there).
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"
# shellcheck source=scripts/lib/emulator.sh
source "$(dirname "$0")/lib/emulator.sh"

with_emulator -- bash "${BASH_SOURCE[0]}" "$@"

run_on_exit remove_collection_tree
make_collection_tree copy
printf 'hwc_emulator: %s\n' "${HWC_EMULATOR_URL}" >>"${COLLECTION_DIR}/tests/integration/integration_config.yml"
# No file of the checkout is executable (docs/development.md); ansible-test runs a script target only if it is.
chmod +x "${COLLECTION_DIR}"/tests/integration/targets/*/runme.sh
cd "${COLLECTION_DIR}"
echo "ansible-test integration against the emulator at ${HWC_EMULATOR_URL}, $(ansible --version | sed -n 1p)"
# A target that hangs fails the run after this long (ansible-test's own timeout; a whole run takes about 4 minutes).
ansible-test env --color no --timeout "${INTEGRATION_TIMEOUT_MINUTES:-30}" >/dev/null
ansible-test integration --local --color no "$@"
