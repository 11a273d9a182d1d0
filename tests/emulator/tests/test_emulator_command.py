# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make emulator` (scripts/emulator.sh) as a user runs it: start it, export what it prints in another shell, run a
playbook of one's own against it, stop it with a signal."""

import json
import os
import shlex
import signal
import socket
import subprocess
import textwrap
from urllib.parse import urlsplit

import pytest

from support.ansible_run import CHECKOUT, CLOUD_VARIABLE_PREFIXES, run_playbook

SEED_FILE = os.path.join(CHECKOUT, "tests", "emulator", "seeds", "demo.json")
PRINTED = ("HWC_EMULATOR_URL", "HWC_ENDPOINT_URL", "HWC_IAM_ENDPOINT", "HWC_REGION", "HWC_PROJECT_ID", "HWC_ACCESS_KEY", "HWC_SECRET_KEY",
           "ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_PYTHON_INTERPRETER")
PLAYBOOK = textwrap.dedent("""\
    - name: My own playbook against the emulator
      hosts: localhost
      gather_facts: false
      tasks:
        - name: Which project the environment points at
          hwc.cleanup.project_info:
          register: project

        - name: The CCE jobs there
          hwc.cleanup.cce_job_info:
          register: cce

        - name: Keep both for the test
          ansible.builtin.copy:
            content: "{{ {'project': project.project, 'cce_jobs': cce.jobs | length} | to_json }}"
            dest: "{{ playbook_dir }}/result.json"
            mode: "0600"
    """)


def _exports(process):
    """The `export NAME=value` lines the command prints before the blank line that ends them."""
    exported, started = {}, False
    for line in process.stdout:
        if line.startswith("export "):
            started = True
            name, value = line[len("export "):].rstrip("\n").split("=", 1)
            exported[name] = shlex.split(value)[0] if value else ""
        elif started and not line.strip():
            return exported
    pytest.fail("scripts/emulator.sh ended before printing the environment: %s" % process.stderr.read())


def _listening(url):
    address = urlsplit(url)
    try:
        with socket.create_connection((address.hostname, address.port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def emulator_command():
    """scripts/emulator.sh as a terminal starts it: in its own process group, with Ctrl-C's SIGINT not ignored, even
    when these tests run in the background (a shell's `&` without job control ignores SIGINT for all it starts);
    SIGTERM-ed (and waited for) if the test did not stop it."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(CLOUD_VARIABLE_PREFIXES)}
    process = subprocess.Popen(["bash", os.path.join(CHECKOUT, "scripts", "emulator.sh")], cwd=CHECKOUT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()


def test_make_emulator_prints_an_environment_a_playbook_of_ones_own_runs_with(emulator_command, tmp_path):
    exported = _exports(emulator_command)
    with open(SEED_FILE, encoding="utf-8") as handle:
        seed = json.load(handle)
    credential = seed["credentials"][0]
    assert list(exported) == list(PRINTED)
    assert (exported["HWC_ACCESS_KEY"], exported["HWC_SECRET_KEY"]) == (credential["access_key"], credential["secret_key"])
    assert _listening(exported["HWC_ENDPOINT_URL"])
    assert exported["HWC_EMULATOR_URL"] == exported["HWC_ENDPOINT_URL"]

    playbook = tmp_path / "mine.yml"
    playbook.write_text(PLAYBOOK)
    env = {name: value for name, value in os.environ.items() if not name.startswith(CLOUD_VARIABLE_PREFIXES)}
    env.update(exported, ANSIBLE_NOCOLOR="1")
    run = run_playbook(str(playbook), env=env, cwd=str(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["project"]["id"] == credential["project_id"]
    assert result["cce_jobs"] == sum(job["project_id"] == credential["project_id"] for job in seed["cce_jobs"])

    # Ctrl-C in the shell that runs it (SIGINT to the foreground process group) stops the emulator and removes the
    # collection tree it made.
    os.killpg(emulator_command.pid, signal.SIGINT)
    emulator_command.wait(timeout=30)
    assert not _listening(exported["HWC_ENDPOINT_URL"])
    assert not os.path.exists(exported["ANSIBLE_COLLECTIONS_PATH"])
