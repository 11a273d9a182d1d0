#!/usr/bin/env bash
# make molecule: every scenario under extensions/molecule/ (each directory with a molecule.yml) in one `molecule test
# --all`, against one emulator for the run (tests/emulator/harness.py's, or the one HWC_EMULATOR_URL names; each
# scenario's prepare empties and seeds it). Arguments replace --all: bash scripts/molecule.sh -s teardown.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"
# shellcheck source=scripts/lib/emulator.sh
source "$(dirname "$0")/lib/emulator.sh"

with_emulator -- bash "${BASH_SOURCE[0]}" "$@"

cd "${CHECKOUT_DIR}"
# The scenarios run the collection as users install it: built from this checkout (galaxy.yml's build_ignore
# applies) and installed once for the run, here rather than by molecule's prerun before each scenario
# (extensions/molecule/config.yml: prerun: false), which cost 8 s a scenario. A private ANSIBLE_HOME keeps the
# installed copy out of ~/.ansible, where it would shadow the checkout for every later ansible command.
ANSIBLE_HOME="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-molecule.XXXXXX")"
export ANSIBLE_HOME
run_on_exit rm -rf "${ANSIBLE_HOME}"
ansible-galaxy collection install --force -p "${ANSIBLE_HOME}/collections" "${CHECKOUT_DIR}" >/dev/null
export ANSIBLE_COLLECTIONS_PATH="${ANSIBLE_HOME}/collections"
# Scenarios run modules on localhost: use the interpreter that has the collection's requirements.
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
echo "molecule against the emulator at ${HWC_EMULATOR_URL}, $(ansible-playbook --version | sed -n 1p)"
if (($# == 0)); then
    set -- --all
fi
molecule test "$@"
