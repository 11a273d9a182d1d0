#!/usr/bin/env bash
# make lint: ansible-lint (production profile, see .ansible-lint), antsibull-changelog lint and
# antsibull-docs lint-collection-docs (the plugins' and roles' documentation, about 15-25 s).
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

cd "${CHECKOUT_DIR}"
# Exactly what a plain `ansible-lint` in a checkout runs: .ansible-lint (not offline) makes it install
# this collection into .ansible/collections/ itself. A collections path set in the caller's shell is
# dropped, so that this sees what a plain run in a clean shell sees.
env -u ANSIBLE_COLLECTIONS_PATH -u ANSIBLE_COLLECTIONS_PATHS ansible-lint
antsibull-changelog lint
antsibull-docs lint-collection-docs --plugin-docs .
