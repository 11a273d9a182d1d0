# shellcheck shell=bash
# Sourced after collection-tree.sh by the scripts that need the bundled emulator (integration, molecule, demo,
# emulator). The emulator starts one way: tests/emulator/harness.py, which runs a command with an emulator and
# hands it over as HWC_EMULATOR_URL.
#
#   with_emulator [EMULATOR OPTIONS] -- bash "${BASH_SOURCE[0]}" "$@"
#                              unless HWC_EMULATOR_URL names a running emulator already, run the calling script
#                              again inside the harness (exec: this process becomes the harness), which stops the
#                              emulator when the script ends, however it ends
#   use_emulator_environment   exports the endpoints and the demo seed's first AK/SK, project and region, after
#                              dropping every cloud setting this shell carries (demo.sh, emulator.sh)
#   terminate PID              SIGTERM, then SIGKILL after 5 s: nothing a script started may outlive it

EMULATOR_SEED_FILE="tests/emulator/seeds/demo.json"
# The variables use_emulator_environment exports, in the order emulator.sh prints them.
EMULATOR_VARIABLES=(HWC_EMULATOR_URL HWC_ENDPOINT_URL HWC_IAM_ENDPOINT HWC_REGION HWC_PROJECT_ID HWC_ACCESS_KEY
    HWC_SECRET_KEY)

with_emulator() {
    if [[ -z "${HWC_EMULATOR_URL:-}" ]]; then
        exec python "${CHECKOUT_DIR}/tests/emulator/harness.py" "$@"
    fi
}

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

# Only the emulator's settings: drop every cloud setting this shell may carry (the environment fallbacks of the
# common options) but the demo's own and the emulator's URL, so that no token, project or endpoint of a real cloud
# takes precedence. The emulator serves IAM and every service on one port; the seed's first AK/SK signs, as a real
# one would.
# shellcheck disable=SC2034  # the HWC_* settings are exported by name, through EMULATOR_VARIABLES
use_emulator_environment() {
    local name settings url="${HWC_EMULATOR_URL}"
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
    HWC_EMULATOR_URL="${url}"
    HWC_ENDPOINT_URL="${url}"
    HWC_IAM_ENDPOINT="${url}"
    export "${EMULATOR_VARIABLES[@]}"
}
