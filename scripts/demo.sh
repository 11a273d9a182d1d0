#!/usr/bin/env bash
# make demo: start the bundled emulator on a free loopback port, seeded with
# tests/emulator/seeds/demo.json, run playbooks/demo.yml against it, and stop the emulator
# however the run ends (success, failure, Ctrl-C, SIGTERM). Arguments go to ansible-playbook.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

PLAYBOOK="playbooks/demo.yml"
SEED_FILE="tests/emulator/seeds/demo.json"
STARTUP_SECONDS=30
EMULATOR_PID=""
PLAYBOOK_PID=""
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-demo.XXXXXX")"

# SIGTERM, then SIGKILL after 5 s: nothing this script started may outlive it.
terminate() {
    local pid="$1"
    if [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null; then
        kill -TERM "${pid}" 2>/dev/null || true
        for _ in {1..50}; do
            kill -0 "${pid}" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "${pid}" 2>/dev/null || true
        wait "${pid}" 2>/dev/null || true
    fi
}

stop_demo() {
    terminate "${PLAYBOOK_PID}"
    terminate "${EMULATOR_PID}"
    rm -rf "${RUN_DIR}"
    remove_collection_tree
}
run_on_exit stop_demo

start_emulator() {
    local port_file="${RUN_DIR}/port" waited=0
    python tests/emulator --host 127.0.0.1 --port 0 --port-file "${port_file}" --seed-file "${SEED_FILE}" \
        >"${RUN_DIR}/emulator.log" 2>&1 &
    EMULATOR_PID=$!
    while [[ ! -s "${port_file}" ]]; do
        if ! kill -0 "${EMULATOR_PID}" 2>/dev/null || ((waited >= STARTUP_SECONDS * 10)); then
            echo "The emulator did not start; its output:" >&2
            cat "${RUN_DIR}/emulator.log" >&2
            exit 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    EMULATOR_URL="http://127.0.0.1:$(<"${port_file}")"
    echo "Emulator listening on ${EMULATOR_URL}, seeded from ${SEED_FILE}"
}

# The demo talks to the emulator only: drop every cloud setting this shell may carry (the
# environment fallbacks of the common options) but the demo's own, so that no token, project
# or endpoint of a real cloud takes precedence over the emulator's.
forget_cloud_environment() {
    local name
    for name in $(compgen -e); do
        case "${name}" in
            HWC_DEMO_*) ;;
            HWC_* | HUAWEICLOUD_SDK_* | CLOUD_SDK_* | HW_* | OS_*) unset "${name}" ;;
        esac
    done
}

# Sign with the seed's first AK/SK, as a real teardown would with its own.
use_demo_credentials() {
    local settings
    settings="$(python -c 'import json, sys
credential = json.load(open(sys.argv[1]))["credentials"][0]
print(credential["access_key"], credential["secret_key"], credential["project_id"], credential["region"])' "${SEED_FILE}")"
    read -r HWC_ACCESS_KEY HWC_SECRET_KEY HWC_PROJECT_ID HWC_REGION <<<"${settings}"
    export HWC_ACCESS_KEY HWC_SECRET_KEY HWC_PROJECT_ID HWC_REGION
}

cd "${CHECKOUT_DIR}"
start_emulator
forget_cloud_environment
use_demo_credentials
# The emulator serves IAM and every service on one port: point every endpoint at it.
export HWC_EMULATOR_URL="${EMULATOR_URL}" HWC_ENDPOINT_URL="${EMULATOR_URL}" HWC_IAM_ENDPOINT="${EMULATOR_URL}"
make_collection_tree link
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
# In the background so that a signal reaches the trap at once instead of after the playbook.
ansible-playbook "${PLAYBOOK}" "$@" &
PLAYBOOK_PID=$!
wait "${PLAYBOOK_PID}"
