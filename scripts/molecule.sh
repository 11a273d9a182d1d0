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
# Molecule builds this checkout and installs it under ${ANSIBLE_HOME}/collections before it runs
# the scenarios: a private ANSIBLE_HOME keeps that copy out of ~/.ansible, where it would
# shadow the checkout for every later ansible command.
ANSIBLE_HOME="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-molecule.XXXXXX")"
export ANSIBLE_HOME
run_on_exit rm -rf "${ANSIBLE_HOME}"
# Scenarios run modules on localhost: use the interpreter that has the collection's requirements.
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
echo "molecule against the emulator at ${HWC_EMULATOR_URL}, $(ansible-playbook --version | sed -n 1p)"
if (($# == 0)); then
    set -- --all
fi
molecule test "$@"
