# shellcheck shell=bash
# Sourced by demo.sh and emulator.sh: the bundled emulator on a free loopback port, seeded with the demo data
# (tests/emulator/seeds/demo.json), and the environment that points the collection at it. The caller stops it
# with stop_emulator, e.g. from its exit trap (collection-tree.sh's run_on_exit).
#
#   start_emulator             starts it in the background; sets EMULATOR_PID and EMULATOR_URL
#   stop_emulator              stops it (SIGTERM, then SIGKILL after 5 s) and removes its run directory
#   use_emulator_environment   exports the endpoints and the seed's first AK/SK, project and region, after
#                              dropping every cloud setting this shell carries
#   terminate PID              SIGTERM, then SIGKILL after 5 s: nothing a script started may outlive it

EMULATOR_SEED_FILE="tests/emulator/seeds/demo.json"
EMULATOR_STARTUP_SECONDS=30
EMULATOR_PID=""
EMULATOR_URL=""
EMULATOR_RUN_DIR=""
# The variables use_emulator_environment exports, in the order emulator.sh prints them.
EMULATOR_VARIABLES=(HWC_ENDPOINT_URL HWC_IAM_ENDPOINT HWC_REGION HWC_PROJECT_ID HWC_ACCESS_KEY HWC_SECRET_KEY)

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

start_emulator() {
    local port_file waited=0
    EMULATOR_RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-emulator.XXXXXX")"
    port_file="${EMULATOR_RUN_DIR}/port"
    python tests/emulator --host 127.0.0.1 --port 0 --port-file "${port_file}" --seed-file "${EMULATOR_SEED_FILE}" \
        >"${EMULATOR_RUN_DIR}/emulator.log" 2>&1 &
    EMULATOR_PID=$!
    while [[ ! -s "${port_file}" ]]; do
        if ! kill -0 "${EMULATOR_PID}" 2>/dev/null || ((waited >= EMULATOR_STARTUP_SECONDS * 10)); then
            echo "The emulator did not start; its output:" >&2
            cat "${EMULATOR_RUN_DIR}/emulator.log" >&2
            exit 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    EMULATOR_URL="http://127.0.0.1:$(<"${port_file}")"
    echo "Emulator listening on ${EMULATOR_URL}, seeded from ${EMULATOR_SEED_FILE}"
}

stop_emulator() {
    terminate "${EMULATOR_PID}"
    if [[ -n "${EMULATOR_RUN_DIR}" ]]; then
        rm -rf "${EMULATOR_RUN_DIR}"
    fi
}

# Only the emulator's settings: drop every cloud setting this shell may carry (the environment fallbacks of the
# common options) but the demo's own, so that no token, project or endpoint of a real cloud takes precedence.
# The emulator serves IAM and every service on one port; the seed's first AK/SK signs, as a real one would.
# shellcheck disable=SC2034  # the HWC_* settings are exported by name, through EMULATOR_VARIABLES
use_emulator_environment() {
    local name settings
    for name in $(compgen -e); do
        case "${name}" in
            HWC_DEMO_*) ;;
            HWC_* | HUAWEICLOUD_SDK_* | CLOUD_SDK_* | HW_* | OS_*) unset "${name}" ;;
        esac
    done
    settings="$(python -c 'import json, sys
credential = json.load(open(sys.argv[1]))["credentials"][0]
print(credential["access_key"], credential["secret_key"], credential["project_id"], credential["region"])' "${EMULATOR_SEED_FILE}")"
    read -r HWC_ACCESS_KEY HWC_SECRET_KEY HWC_PROJECT_ID HWC_REGION <<<"${settings}"
    HWC_ENDPOINT_URL="${EMULATOR_URL}"
    HWC_IAM_ENDPOINT="${EMULATOR_URL}"
    export "${EMULATOR_VARIABLES[@]}"
}
