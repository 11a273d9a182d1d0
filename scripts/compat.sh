#!/usr/bin/env bash
# make compat: the integration tests (tests/integration, what make integration runs on .venv) on
# each Python x ansible-core pair of MATRIX, each in its own cached venv under .venv-compat/<cell>.
# Arguments go to pytest (bash scripts/compat.sh -k auth). Ends with a summary table; fails if any
# cell fails.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

# cell name, Python (major.minor), ansible-core as a pip version specifier. "floor" is the minimum
# requires_ansible declares in meta/runtime.yml: that cell is the proof of the declared range, so
# it must run; a cell whose Python this machine lacks is skipped.
# The one list of tested versions: README's compatibility table is this script's summary, and the execution
# environment's ansible-core pin (extensions/awx/execution-environment.yml) stays below the next minor of "newest".
MATRIX=(
    "oldest 3.11 floor"
    "core217 3.11 ==2.17.*"
    "core218 3.11 ==2.18.*"
    "core220 3.12 ==2.20.*"
    "newest 3.13 ==2.21.*"
)
COMPAT_DIR="${CHECKOUT_DIR}/.venv-compat"
REQUIREMENTS=(requirements-integration-tests.txt requirements.txt)
# The summary's columns: cell, python, ansible-core, result, time (or why the cell did not run); a Markdown table,
# README's "Compatibility" table as it is.
ROW_FORMAT='| %s | %s | %s | %s | %s |\n'
SUMMARY=()
FAILED=0

# The version after ">=" in requires_ansible, e.g. 2.16.0.
declared_floor() {
    sed -n 's/^requires_ansible: *["'\'']\{0,1\}>=\([0-9][0-9.]*\).*/\1/p' "${CHECKOUT_DIR}/meta/runtime.yml"
}

# The interpreter of a Python major.minor: pyenv's newest patch release (its bin/, not a shim,
# which ansible's interpreter discovery trips over), else pythonX.Y on PATH; nothing if neither.
find_python() {
    local version="$1" newest
    newest="$(printf '%s\n' "${PYENV_ROOT:-${HOME}/.pyenv}/versions/${version}".*/bin/python | sort -V | tail -n 1)"
    if [[ -x "${newest}" ]]; then
        echo "${newest}"
    else
        command -v "python${version}" || true
    fi
}

# Builds the venv unless the stamp says it was built from the same interpreter, ansible-core
# specifier and requirements files; a half-built venv has no stamp and is rebuilt.
ensure_venv() {
    local venv="$1" python="$2" core="$3" wanted stamp="$1/.compat.stamp"
    wanted="$("${python}" -c 'import sys; print(sys.executable, sys.version.split()[0])') ${core} $(
        cd "${CHECKOUT_DIR}" && cat "${REQUIREMENTS[@]}" | sha256sum | cut -d ' ' -f 1)"
    if [[ -f "${stamp}" && "$(<"${stamp}")" == "${wanted}" ]]; then
        return 0
    fi
    echo "Building ${venv} (${core}) with ${python}"
    rm -rf "${venv}"
    "${python}" -m venv "${venv}" || return 1
    "${venv}/bin/python" -m pip install --quiet --disable-pip-version-check "${core}" \
        -r "${CHECKOUT_DIR}/${REQUIREMENTS[0]}" || return 1
    echo "${wanted}" >"${stamp}"
}

installed_versions() {
    "$1/bin/python" -c 'import platform
from ansible.release import __version__
print(platform.python_version(), __version__)'
}

minutes() {
    printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

record() {
    # shellcheck disable=SC2059 # the format is ROW_FORMAT
    SUMMARY+=("$(printf "${ROW_FORMAT}" "$@")")
}

run_cell() {
    local name="$1" version="$2" specifier="$3" python core venv="${COMPAT_DIR}/$1" started
    local python_version core_version
    shift 3
    core="ansible-core${specifier}"
    if [[ "${specifier}" == floor ]]; then
        core="ansible-core==$(declared_floor)"
    fi
    echo
    echo "=== ${name}: Python ${version}, ${core}"
    python="$(find_python "${version}")"
    if [[ -z "${python}" ]]; then
        if [[ "${specifier}" == floor ]]; then
            record "${name}" "${version}" "${core#ansible-core}" "FAILED" "no Python ${version}"
            FAILED=1
        else
            record "${name}" "${version}" "${core#ansible-core}" "skipped" "no Python ${version}"
        fi
        return
    fi
    if ! ensure_venv "${venv}" "${python}" "${core}"; then
        record "${name}" "${version}" "${core#ansible-core}" "FAILED" "venv not built"
        FAILED=1
        return
    fi
    read -r python_version core_version <<<"$(installed_versions "${venv}")"
    started="${SECONDS}"
    # The venv first on PATH, as .venv is for make integration: ansible-playbook and the
    # modules' interpreter are this venv's.
    if (cd "${CHECKOUT_DIR}" && PATH="${venv}/bin:${PATH}" VIRTUAL_ENV="${venv}" \
        "${venv}/bin/python" -m pytest tests/integration "$@"); then
        record "${name}" "${python_version}" "${core_version}" "passed" "$(minutes $((SECONDS - started)))"
    else
        record "${name}" "${python_version}" "${core_version}" "FAILED" "$(minutes $((SECONDS - started)))"
        FAILED=1
    fi
}

# pytest and pip turn Ctrl-C into an exit status: stop the whole matrix rather than the one cell.
trap 'exit 130' INT
trap 'exit 143' TERM
if [[ -z "$(declared_floor)" ]]; then
    echo "meta/runtime.yml: no requires_ansible \">=X.Y.Z\" to take the oldest ansible-core from" >&2
    exit 2
fi
for cell in "${MATRIX[@]}"; do
    # shellcheck disable=SC2086 # a cell is three words
    run_cell ${cell} "$@"
done

echo
echo "Compatibility matrix: tests/integration, $(date -u +%Y-%m-%d), $(minutes "${SECONDS}") in all"
# shellcheck disable=SC2059  # the format is ROW_FORMAT
printf "${ROW_FORMAT}" cell python ansible-core result time
# shellcheck disable=SC2059  # the format is ROW_FORMAT
printf "${ROW_FORMAT}" --- --- --- --- ---
printf '%s\n' "${SUMMARY[@]}"
exit "${FAILED}"
