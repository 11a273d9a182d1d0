#!/usr/bin/env bash
# ansible-test runs this, with the verbosity flags it was given: test_no_secrets.py under pytest, with the collection's
# pytest configuration (tests/pytest.ini: tests/ on sys.path for the emulator's admin client).
set -euo pipefail
# A list of roots: ansible-test 2.20 and later put their own collections before the tree of the one under test.
IFS=: read -ra collection_roots <<<"${ANSIBLE_COLLECTIONS_PATH}"
for root in "${collection_roots[@]}"; do
    collection="${root}/ansible_collections/hwc/cleanup"
    if [[ -d "${collection}" ]]; then
        exec python -m pytest -c "${collection}/tests/pytest.ini" -p no:cacheprovider test_no_secrets.py "$@"
    fi
done
echo "no_secrets: no hwc.cleanup under ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH}" >&2
exit 1
