#!/usr/bin/env bash
# make galaxy-importer: build the collection's tarball as a release would (ansible-galaxy collection
# build, galaxy.yml's build_ignore), check that no cache or development-only file got into it, and
# run galaxy-importer on it, the importer Galaxy and Automation Hub run on every upload (config:
# scripts/galaxy-importer.cfg). Fails on any ERROR or WARNING line in the importer's output: it exits
# 0 for many of its errors (an ansible-doc failure, say) and reports ansible-lint findings as warnings.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-importer.XXXXXX")"
run_on_exit rm -rf "${work}"
cd "${CHECKOUT_DIR}"
ansible-galaxy collection build --force --output-path "${work}" .
tarball="$(find "${work}" -maxdepth 1 -name '*.tar.gz' -print -quit)"

# What build_ignore must keep out: caches at any depth, build output, development-only tools.
unwanted='(^|/)(__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.cache|\.ansible|\.git|\.venv[^/]*|\.molecule)(/|$)'
unwanted+='|\.py[co]$|(^|/)\.coverage|^(tests/output|tests/performance|tests/unit/scripts|scripts|extensions/molecule|build|context|docs/_build)/'
unwanted+='|^(Makefile|tox\.ini|\.tox/.*|requirements-dev\.txt|[^/]*\.tar\.gz)$'
if tar -tzf "${tarball}" | sed 's#^\./##' | grep -E "${unwanted}"; then
    echo "galaxy-importer: the files above must not be in ${tarball##*/}: add them to build_ignore in galaxy.yml" >&2
    exit 1
fi

export GALAXY_IMPORTER_CONFIG="${CHECKOUT_DIR}/scripts/galaxy-importer.cfg"
# The importer's scratch space and ansible-lint's cache stay in ${work}, not in ~/.ansible.
export GALAXY_IMPORTER_TMP_ROOT_DIR="${work}" GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP="${work}/ansible-tmp"
mkdir -p "${work}/ansible-tmp"
status=0
(cd "${work}" && python -m galaxy_importer.main "${tarball}") | tee "${work}/importer.log" || status=$?
if ((status != 0)) || grep -qE '^(ERROR|WARNING)' "${work}/importer.log"; then
    echo "galaxy-importer: ${tarball##*/} would not import cleanly (exit ${status}; ERROR or WARNING lines above)" >&2
    exit 1
fi
echo "galaxy-importer: ${tarball##*/} imports cleanly"
