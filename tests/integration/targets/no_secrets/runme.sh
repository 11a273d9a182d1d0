#!/usr/bin/env bash
# ansible-test runs this, with the verbosity flags it was given: test_no_secrets.py under pytest, with the collection's
# pytest configuration (tests/pytest.ini: tests/ on sys.path for the emulator's admin client).
set -euo pipefail
collection="${ANSIBLE_COLLECTIONS_PATH}/ansible_collections/hwc/cleanup"
python -m pytest -c "${collection}/tests/pytest.ini" -p no:cacheprovider test_no_secrets.py "$@"
