"""ansible-playbook as users run it, with this checkout installed as hwc.cleanup.

Shared by the integration tests (tests/integration/conftest.py) and the benchmarks
(tests/performance/): the collection tree, the environment that points modules at the emulator,
and the ansible-playbook command of the running Python.
"""

import os
import subprocess
import sys

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
# Variables of the caller's shell that could point a module at a real cloud or a real credential.
CLOUD_VARIABLE_PREFIXES = ("HWC_", "HW_", "OS_", "HUAWEICLOUD_", "CLOUD_SDK_")


def make_collection_tree(directory, source=CHECKOUT):
    """Make ``directory``/ansible_collections/hwc/cleanup a link to ``source`` (this checkout, or another
    release's files for the benchmarks); returns ``directory``.

    Ansible resolves hwc.cleanup only from a tree of that shape, which a checkout is not.
    """
    namespace = os.path.join(directory, "ansible_collections", "hwc")
    os.makedirs(namespace)
    os.symlink(source, os.path.join(namespace, "cleanup"))
    return directory


def ansible_environment(collections_path, emulator_url, **extra):
    """The caller's environment without cloud variables, with every service of hwc.cleanup on the emulator.

    The interpreter is the running Python: interpreter discovery can pick a pyenv shim that fails.
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith(CLOUD_VARIABLE_PREFIXES)}
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "HWC_EMULATOR_URL": emulator_url,
        "HWC_ENDPOINT_URL": emulator_url,
        "HWC_IAM_ENDPOINT": emulator_url + "/v3",
    })
    env.update(extra)
    return env


def run_playbook(playbook, args=(), env=None, cwd=None, timeout=600):
    """ansible-playbook ``playbook`` ``args``: the CompletedProcess, with stdout and stderr as text."""
    return subprocess.run([ANSIBLE_PLAYBOOK, playbook] + list(args), env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False)
