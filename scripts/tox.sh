#!/usr/bin/env bash
# tox with the matrix of tox.ini, every installed CPython 3 findable as python3.X: pyenv's shims fail for a version
# that is not the active one, so the interpreters of pyenv's versions (under `pyenv root`, else PYENV_ROOT) are
# linked into a temporary directory put first on PATH, python3.X being the newest 3.X.* installed. Nothing else of
# theirs is put on PATH. Arguments go to tox: bash scripts/tox.sh run -e floor.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

pythons="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-pythons.XXXXXX")"
run_on_exit rm -rf "${pythons}"
pyenv_root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-}")"
if [[ -n "${pyenv_root}" && -d "${pyenv_root}/versions" ]]; then
    while IFS= read -r python; do
        ln -sf "${python}" "${pythons}/${python##*/}"
    done < <(find "${pyenv_root}/versions" -mindepth 3 -maxdepth 3 -regex '.*/versions/3\.[0-9.]*/bin/python3\.[0-9]+' |
        sort -V)
fi
cd "${CHECKOUT_DIR}"
PATH="${pythons}:${PATH}" tox "$@"
