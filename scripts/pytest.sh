#!/usr/bin/env bash
# pytest on one test directory (make unit / emulator-tests / integration).
# A suite that has no test file yet is reported and skipped, so pytest never runs on an empty
# directory; once a test file exists, every pytest exit code counts, 5 ("no tests collected")
# included, because a test file that yields no test is a fault.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

suite="$1"
shift
cd "${CHECKOUT_DIR}"
if [[ ! -d "${suite}" ]] || [[ -z "$(find "${suite}" -type f \( -name 'test_*.py' -o -name '*_test.py' \) -print -quit)" ]]; then
    echo "${suite}: no test files yet, nothing to run"
    exit 0
fi
python -m pytest "${suite}" "$@"
