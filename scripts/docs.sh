#!/usr/bin/env bash
# make docs: the HTML site in docs/_build/html, offline, failing on any warning or broken internal link.
# antsibull-docs renders the module and role reference from the plugins' own documentation; the Markdown guides of
# docs/ (myst-parser), the roles' READMEs and the changelog (with the unreleased fragments) go beside it, laid out as
# in a checkout so that the relative links between them work on the site as in a clone; docs/sphinx/ holds the
# Sphinx configuration, the start page and the offline inventory of Ansible's own docs.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

cd "${CHECKOUT_DIR}"
SOURCE_DIR="docs/_build/rst"
HTML_DIR="docs/_build/html"
DOCS_TOOLS="scripts/lib/docs_tools.py"

# antsibull-docs and antsibull-changelog read the collection through ansible-doc, which finds it only in a
# collection tree; the changelog's tree is a copy, where a release of the fragments changes nothing of the checkout.
CHANGELOG_TREE=""
cleanup() {
    remove_collection_tree
    if [[ -n "${CHANGELOG_TREE}" ]]; then
        rm -rf "${CHANGELOG_TREE}"
    fi
}
run_on_exit cleanup
make_collection_tree link

# Start from nothing, so that a page whose plugin or guide is gone does not linger.
rm -rf "${SOURCE_DIR}" "${HTML_DIR}"
# antsibull-docs refuses a destination other users could write to.
mkdir -p "${SOURCE_DIR}/docs" "${SOURCE_DIR}/roles"
mkdir -m 700 "${SOURCE_DIR}/reference"
antsibull-docs collection --use-current --squash-hierarchy --fail-on-error \
    --dest-dir "${SOURCE_DIR}/reference" hwc.cleanup
python "${DOCS_TOOLS}" describe-roles "${SOURCE_DIR}/reference/index.rst" roles

cp docs/sphinx/index.rst "${SOURCE_DIR}/"
cp docs/*.md "${SOURCE_DIR}/docs/"
if [[ -d docs/images ]]; then
    cp -r docs/images "${SOURCE_DIR}/docs/"
fi
for readme in roles/*/README.md; do
    mkdir -p "${SOURCE_DIR}/$(dirname "${readme}")"
    cp "${readme}" "${SOURCE_DIR}/${readme}"
done
python "${DOCS_TOOLS}" inventory docs/sphinx/ansible-objects.txt "${SOURCE_DIR}/ansible-objects.inv"

# The release notes with what the fragments add: antsibull-changelog's release of the next version, in a copy.
CHANGELOG_TREE="$(mktemp -d "${TMPDIR:-/tmp}/hwc-cleanup-changelog.XXXXXX")"
mkdir -p "${CHANGELOG_TREE}/ansible_collections/hwc/cleanup"
cp -r changelogs galaxy.yml meta plugins roles "${CHANGELOG_TREE}/ansible_collections/hwc/cleanup/"
(cd "${CHANGELOG_TREE}/ansible_collections/hwc/cleanup" &&
    ANSIBLE_COLLECTIONS_PATH="${CHANGELOG_TREE}" antsibull-changelog release --version "$(
        sed -n 's/^version: *//p' galaxy.yml)" >/dev/null)
cp "${CHANGELOG_TREE}/ansible_collections/hwc/cleanup/CHANGELOG.rst" "${SOURCE_DIR}/changelog.rst"
python "${DOCS_TOOLS}" unreleased "${SOURCE_DIR}/changelog.rst"

# -W -n --keep-going: every warning, and every reference that does not resolve (nitpicky), fails the build after
# all are reported; then every relative link of the HTML must reach its file and anchor.
sphinx-build -q -W -n --keep-going -b html -c docs/sphinx "${SOURCE_DIR}" "${HTML_DIR}"
python "${DOCS_TOOLS}" links "${HTML_DIR}"
echo "Docs site: ${HTML_DIR}/index.html"
