#!/usr/bin/env bash
# make docs: the HTML site in docs/_build/html, offline. antsibull-docs renders the module and
# role reference from the plugins' own documentation; the Markdown guides of docs/ (myst-parser)
# and CHANGELOG.rst go beside it; docs/sphinx/ holds the Sphinx configuration and the start page.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

cd "${CHECKOUT_DIR}"
SOURCE_DIR="docs/_build/rst"
HTML_DIR="docs/_build/html"

# antsibull-docs reads the collection through ansible-doc, which finds it only in a collection tree.
run_on_exit remove_collection_tree
make_collection_tree link

# Start from nothing, so that a page whose plugin or guide is gone does not linger.
rm -rf "${SOURCE_DIR}" "${HTML_DIR}"
# antsibull-docs refuses a destination other users could write to.
mkdir -p "${SOURCE_DIR}"
mkdir -m 700 "${SOURCE_DIR}/reference"
antsibull-docs collection --use-current --squash-hierarchy --fail-on-error \
    --dest-dir "${SOURCE_DIR}/reference" hwc.cleanup

cp docs/sphinx/index.rst docs/*.md "${SOURCE_DIR}/"
cp CHANGELOG.rst "${SOURCE_DIR}/changelog.rst"
if [[ -d docs/images ]]; then
    cp -r docs/images "${SOURCE_DIR}/"
fi

# Warnings are printed, not fatal: without intersphinx (no internet) links into the Ansible
# documentation cannot resolve, and they are the only expected ones.
sphinx-build -q -b html -c docs/sphinx "${SOURCE_DIR}" "${HTML_DIR}"
echo "Docs site: ${HTML_DIR}/index.html"
