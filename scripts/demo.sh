#!/usr/bin/env bash
# make demo: start the bundled emulator on a free loopback port, seeded with
# tests/emulator/seeds/demo.json, run playbooks/demo.yml against it, and stop the emulator
# however the run ends (success, failure, Ctrl-C, SIGTERM). Arguments go to ansible-playbook.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"
# shellcheck source=scripts/lib/emulator.sh
source "$(dirname "$0")/lib/emulator.sh"

PLAYBOOK="playbooks/demo.yml"
PLAYBOOK_PID=""

stop_demo() {
    terminate "${PLAYBOOK_PID}"
    stop_emulator
    remove_collection_tree
}
run_on_exit stop_demo

cd "${CHECKOUT_DIR}"
start_emulator
use_emulator_environment
make_collection_tree link
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
# In the background so that a signal reaches the trap at once instead of after the playbook.
ansible-playbook "${PLAYBOOK}" "$@" &
PLAYBOOK_PID=$!
wait "${PLAYBOOK_PID}"
