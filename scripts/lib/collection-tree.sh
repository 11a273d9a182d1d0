# shellcheck shell=bash
# Sourced by the scripts beside it. Ansible resolves hwc.cleanup only from a directory laid out
# as <root>/ansible_collections/hwc/cleanup/, which a checkout is not: build one in a temporary
# directory. The caller removes it with remove_collection_tree, e.g. run_on_exit remove_collection_tree.
#
#   make_collection_tree copy   a copy of the files git tracks or would track (never .venv or
#                               ignored output): ansible-test refuses a symlinked collection.
#   make_collection_tree link   a symlink to the checkout: enough for ansible-playbook and
#                               ansible-lint, and error paths stay the checkout's.
#
# Sets and exports ANSIBLE_COLLECTIONS_PATH (the tree's root); sets COLLECTION_DIR.

CHECKOUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COLLECTION_TREE=""
# The scripts also work outside make once .venv exists; in another venv (a cell of tox.ini), that venv's commands.
if [[ -z "${VIRTUAL_ENV:-}" ]]; then
    PATH="${CHECKOUT_DIR}/.venv/bin:${PATH}"
fi

make_collection_tree() {
    local mode="$1"
    COLLECTION_TREE="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-tree.XXXXXX")"
    COLLECTION_DIR="${COLLECTION_TREE}/ansible_collections/hwc/cleanup"
    mkdir -p "$(dirname "${COLLECTION_DIR}")"
    case "${mode}" in
        link)
            ln -s "${CHECKOUT_DIR}" "${COLLECTION_DIR}"
            ;;
        copy)
            mkdir "${COLLECTION_DIR}"
            (cd "${CHECKOUT_DIR}" && list_collection_files | tar --null --files-from=- -cf -) |
                tar -xf - -C "${COLLECTION_DIR}"
            ;;
        *)
            echo "make_collection_tree: unknown mode '${mode}' (copy or link)" >&2
            return 2
            ;;
    esac
    export ANSIBLE_COLLECTIONS_PATH="${COLLECTION_TREE}"
}

# NUL-separated: tracked files still present in the work tree, plus new files .gitignore does
# not exclude; .venv is refused even if .gitignore were to lose it.
list_collection_files() {
    local path
    git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' path; do
        if [[ -e "${path}" && "${path}" != .venv && "${path}" != .venv/* ]]; then
            printf '%s\0' "${path}"
        fi
    done
}

remove_collection_tree() {
    if [[ -n "${COLLECTION_TREE}" ]]; then
        rm -rf "${COLLECTION_TREE}"
    fi
}

# Run "$@" when the calling script exits, also on Ctrl-C or SIGTERM (bash does not run an
# EXIT trap for a signal it has no trap for). One call per script: a later one replaces it.
run_on_exit() {
    # shellcheck disable=SC2064 # expand now: the trap runs exactly this command
    trap "$(printf '%q ' "$@")" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}
