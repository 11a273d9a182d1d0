#!/usr/bin/env bash
# make lint: ansible-lint (production profile, see .ansible-lint), antsibull-changelog lint and
# antsibull-docs lint-collection-docs (the plugins' and roles' documentation, about 15-25 s).
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

# Offline, ansible-lint resolves hwc.cleanup.* only through ANSIBLE_COLLECTIONS_PATH.
run_on_exit remove_collection_tree
make_collection_tree link
cd "${CHECKOUT_DIR}"
ansible-lint
antsibull-changelog lint
antsibull-docs lint-collection-docs --plugin-docs .
