#!/usr/bin/env bash
# ansible-test with any arguments (make sanity: `sanity --venv --python 3.11`), run on a copy of
# this checkout laid out as ansible_collections/hwc/cleanup/, with pip's bootstrap made offline.
set -euo pipefail
# shellcheck source=scripts/lib/collection-tree.sh
source "$(dirname "$0")/lib/collection-tree.sh"

# Marks the stand-in so that it is refreshed when this checkout's copy changes, while a real
# get-pip script someone cached by hand is left alone.
STAND_IN_MARKER="Offline stand-in for the get-pip script ansible-test downloads"

# ansible-test looks for get_pip_<pip version>.py before downloading it: put the stand-in under
# the name of the pip version this ansible-test asks for.
install_offline_get_pip() {
    local pip_version cached
    pip_version="$(python -c 'import sys, types
from ansible_test._internal.python_requirements import get_venv_packages
print(get_venv_packages(types.SimpleNamespace(version="%d.%d" % sys.version_info[:2]))["pip"])')"
    cached="${HOME}/.ansible/test/cache/get_pip_${pip_version//./_}.py"
    if [[ ! -e "${cached}" ]] || grep -q "${STAND_IN_MARKER}" "${cached}"; then
        if ! cmp -s "${CHECKOUT_DIR}/scripts/get_pip_offline.py" "${cached}"; then
            mkdir -p "$(dirname "${cached}")"
            cp "${CHECKOUT_DIR}/scripts/get_pip_offline.py" "${cached}"
            echo "Installed the offline pip ${pip_version} bootstrap for ansible-test: ${cached}"
        fi
    fi
}

install_offline_get_pip
run_on_exit remove_collection_tree
make_collection_tree copy
cd "${COLLECTION_DIR}"
ansible-test "$@"
