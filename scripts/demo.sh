#!/usr/bin/env bash
# make demo: run playbooks/demo.yml against the bundled emulator, seeded with tests/emulator/seeds/demo.json and
# stopped however the run ends (success, failure, Ctrl-C, SIGTERM). Arguments go to ansible-playbook.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"
# shellcheck source=scripts/lib/emulator.sh
source "$(dirname "$0")/lib/emulator.sh"

with_emulator --seed-file "${CHECKOUT_DIR}/${EMULATOR_SEED_FILE}" -- bash "${BASH_SOURCE[0]}" "$@"

PLAYBOOK="playbooks/demo.yml"
PLAYBOOK_PID=""

stop_demo() {
    terminate "${PLAYBOOK_PID}"
    remove_collection_tree
}
run_on_exit stop_demo

cd "${CHECKOUT_DIR}"
echo "Emulator listening on ${HWC_EMULATOR_URL}, seeded from ${EMULATOR_SEED_FILE}"
use_emulator_environment
make_collection_tree link
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
# In the background so that a signal reaches the trap at once instead of after the playbook.
ansible-playbook "${PLAYBOOK}" "$@" &
PLAYBOOK_PID=$!
wait "${PLAYBOOK_PID}"
