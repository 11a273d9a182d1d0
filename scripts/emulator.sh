#!/usr/bin/env bash
# make emulator: start the bundled emulator seeded with the demo data (as make demo does), print the environment
# that points your own playbooks at it, and keep it running until Ctrl-C or SIGTERM. docs/emulator-playground.md.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"
# shellcheck source=scripts/lib/emulator.sh
source "$(dirname "$0")/lib/emulator.sh"

with_emulator --seed-file "${CHECKOUT_DIR}/${EMULATOR_SEED_FILE}" -- bash "${BASH_SOURCE[0]}" "$@"

WAIT_PID=""
stop() {
    terminate "${WAIT_PID}"
    remove_collection_tree
}
run_on_exit stop
cd "${CHECKOUT_DIR}"
use_emulator_environment
make_collection_tree link
# The interpreter that has requests: pyenv's shims, which interpreter discovery may pick, fail.
# shellcheck disable=SC2034  # printed by name below
ANSIBLE_PYTHON_INTERPRETER="$(command -v python)"

echo "Emulator listening on ${HWC_EMULATOR_URL}, seeded from ${EMULATOR_SEED_FILE}"
echo "In another shell, export this environment (the emulator's demo credentials, not a real cloud's) and run"
echo "ansible-playbook there; Ctrl-C here stops the emulator."
echo
for name in "${EMULATOR_VARIABLES[@]}" ANSIBLE_COLLECTIONS_PATH ANSIBLE_PYTHON_INTERPRETER; do
    printf 'export %s=%q\n' "${name}" "${!name}"
done
echo
# Until a signal: the trap stops the sleep and removes the collection tree; the harness stops the emulator once this
# script has ended.
sleep infinity &
WAIT_PID=$!
wait "${WAIT_PID}"
