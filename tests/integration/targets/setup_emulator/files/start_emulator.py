# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start the bundled emulator for one ansible-playbook run; setup_emulator calls it when no runner gave one.

The pytest runner (tests/integration/test_targets.py) starts one emulator for its session and passes it to
ansible-playbook as HWC_EMULATOR_URL, HWC_ENDPOINT_URL and HWC_IAM_ENDPOINT. ansible-test passes no such
variable (it gives ansible-playbook a fixed set of its own), so setup_emulator calls this instead, which

- starts ``python tests/emulator --port 0 --port-file ...`` (tests/emulator.harness.EmulatorProcess) in a
  process of its own, found by walking up from this file to the collection's root;
- writes an interpreter wrapper: a shell script that sets the three variables, unless a task's
  ``environment`` sets them, and runs the Python given with ``--python``. setup_emulator makes it the play's
  ansible_python_interpreter, so that every module gets the emulator's endpoints from the environment,
  as under pytest; a role cannot set ``environment`` for the role that depends on it;
- prints ``{"url": ..., "python": <the wrapper>, "pid": ..., "log": ...}`` and returns, while a detached
  watchdog stops the emulator (SIGTERM, then SIGKILL) once the ansible-playbook process that ran this is
  gone, or after ``--max-seconds``, whichever comes first.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

POLL_SECONDS = 0.5


def collection_root(start):
    """The nearest directory above ``start`` that holds tests/emulator (a checkout, a copy or an installed collection)."""
    directory = os.path.dirname(os.path.abspath(start))
    while True:
        if os.path.isfile(os.path.join(directory, "tests", "emulator", "__main__.py")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            raise RuntimeError("no tests/emulator above %s" % start)
        directory = parent


def _parent_and_command(pid):
    """(parent pid, command line) of ``pid``, from /proc or else from ps."""
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8", errors="replace") as handle:
            parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        with open("/proc/%d/cmdline" % pid, "rb") as handle:
            command = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
        return parent, command
    except OSError:
        output = subprocess.run(["ps", "-o", "ppid=", "-o", "args=", "-p", str(pid)], capture_output=True, text=True,
                                check=False).stdout.strip()
        if not output:
            return 0, ""
        parent, _sep, command = output.partition(" ")
        return int(parent), command


def playbook_pid():
    """The outermost ansible-playbook process above this one: its workers are forks with the same command line."""
    found, pid = None, os.getppid()
    while pid > 1:
        parent, command = _parent_and_command(pid)
        if "ansible-playbook" in command:
            found = pid
        pid = parent
    if found is None:
        raise RuntimeError("not run by ansible-playbook: no process to stop the emulator with")
    return found


def is_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_wrapper(path, python, url):
    variables = (("HWC_EMULATOR_URL", url), ("HWC_ENDPOINT_URL", url), ("HWC_IAM_ENDPOINT", url + "/v3"))
    lines = ["#!/bin/sh",
             "# Written by setup_emulator for one ansible-playbook run: the emulator's endpoints for every module,",
             "# unless the task's environment sets them.  ${VAR=value} assigns only when VAR is unset."]
    lines += [': "${%s=%s}"' % (name, value) for name, value in variables]
    lines += ["export " + " ".join(name for name, _value in variables),
              'exec %s "$@"' % shlex.quote(python), ""]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    os.chmod(path, 0o700)


def _detach():
    """Double fork: the caller returns in the original process (True), the grandchild goes on (False)."""
    child = os.fork()
    if child:
        os.waitpid(child, 0)
        return True
    os.setsid()
    if os.fork():
        os._exit(0)  # pylint: disable=protected-access  # the intermediate child of a double fork
    return False


def _serve(args, report_fd):
    """In the detached grandchild: run the emulator, report on ``report_fd``, watch, stop."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(devnull, descriptor)  # the task that started us must not wait for our output
    report = os.fdopen(report_fd, "w", encoding="utf-8")
    try:
        sys.path.insert(0, os.path.join(collection_root(__file__), "tests"))
        from emulator.harness import EmulatorProcess  # pylint: disable=import-outside-toplevel,import-error

        emulator = EmulatorProcess().start()
    except Exception as error:  # pylint: disable=broad-except  # reported to the task, which fails
        report.write(json.dumps({"error": str(error)}))
        report.close()
        return
    wrapper = os.path.join(args.workdir, "python")
    try:
        write_wrapper(wrapper, args.python, emulator.base_url)
        report.write(json.dumps({"url": emulator.base_url, "python": wrapper, "pid": emulator.process.pid,
                                 "log": emulator.log_path, "watching": args.watch_pid}))
        report.close()
        deadline = time.monotonic() + args.max_seconds
        while is_alive(args.watch_pid) and emulator.process.poll() is None and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
    finally:
        emulator.stop(timeout=5.0)
        for path, remove in ((wrapper, os.remove), (args.workdir, os.rmdir)):
            try:
                remove(path)
            except OSError:
                pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--python", default=sys.executable,
                        help="the Python the wrapper runs modules with (default: this one)")
    parser.add_argument("--max-seconds", type=float, default=3600.0,
                        help="stop the emulator after this long even if ansible-playbook still runs")
    args = parser.parse_args(argv)
    args.watch_pid = playbook_pid()
    args.workdir = tempfile.mkdtemp(prefix="hwc-setup-emulator-")

    read_fd, write_fd = os.pipe()
    if not _detach():
        os.close(read_fd)
        try:
            _serve(args, write_fd)
        finally:
            os._exit(0)  # pylint: disable=protected-access  # never return into the caller's stack
    os.close(write_fd)
    with os.fdopen(read_fd, encoding="utf-8") as report:
        message = report.read()
    result = json.loads(message) if message else {"error": "the emulator's watchdog ended without a word"}
    if "error" in result:
        sys.stderr.write("the emulator did not start: %s\n" % result["error"])
        return 1
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
