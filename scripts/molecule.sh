#!/usr/bin/env bash
# make molecule: every scenario under extensions/molecule/ (each directory with a molecule.yml), in one
# `molecule test --all`.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

cd "${CHECKOUT_DIR}"
# Molecule builds this checkout and installs it under ${ANSIBLE_HOME}/collections before it runs
# the scenarios: a private ANSIBLE_HOME keeps that copy out of ~/.ansible, where it would
# shadow the checkout for every later ansible command.
ANSIBLE_HOME="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-molecule.XXXXXX")"
export ANSIBLE_HOME
run_on_exit rm -rf "${ANSIBLE_HOME}"
# Scenarios run modules on localhost: use the interpreter that has the collection's requirements.
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
molecule test --all
