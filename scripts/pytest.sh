#!/usr/bin/env bash
# pytest on one test directory (make unit / emulator-tests / integration / awx). The configuration is
# tests/pytest.ini (pythonpath, the shared plugin tests/support/fixtures.py). Every pytest exit code
# counts, 5 ("no tests collected") included: a suite that yields no test is a fault.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

suite="$1"
shift
cd "${CHECKOUT_DIR}"
python -m pytest "${suite}" "$@"
