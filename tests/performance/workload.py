"""What the benchmarks and the soak share: the emulator, the bench credentials, seeding, timed playbook runs,
and their main() (run_benchmark).

Playbooks get their ids in an extra-vars file and their credentials from HWC_* environment
variables (as AWX injects them), so nothing secret is on a command line.

The scripts of tests/performance/ are run as files (``python tests/performance/bench.py``), so pytest's
pythonpath (tests/pytest.ini) is not there: importing this module puts tests/ on sys.path for them.
"""

import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import namedtuple

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

from emulator.harness import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position
from support.ansible_run import ansible_environment, make_collection_tree, run_playbook  # noqa: E402  pylint: disable=wrong-import-position
from support.measure import process_cpu_seconds  # noqa: E402  pylint: disable=wrong-import-position

PLAYBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")

# Exist in the emulator and nowhere else.
PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
ACCESS_KEY = "HWCBENCHACCESSKEY001"
SECRET_KEY = "BenchSecretKey-emulator-only-5d1c9e"
USER = {"name": "bench-user", "password": "BenchPassword-emulator-only-8f2a", "domain_name": "hwc-bench-domain",
        "project_id": PROJECT_ID, "region": "eu-de"}
CREDENTIALS_SEED = {
    "credentials": [{"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "project_id": PROJECT_ID, "region": "eu-de"}],
    "users": [USER],
}

# wall and client CPU (ansible-playbook and everything it started) in seconds.
Play = namedtuple("Play", "wall cpu returncode stdout stderr")


class PlaybookFailed(RuntimeError):
    """ansible-playbook exited non-zero; the message holds the end of its output."""


class WorkNotDone(AssertionError):
    """A run reported success but did not do its work, as the emulator or the module's result shows."""


def cce_job_ids(prefix, count):
    return ["%s-%04d" % (prefix, number) for number in range(count)]


def codearts_job_id(name):
    """CodeArts Build job ids are 32 letters and digits: a stable one per name."""
    return hashlib.md5(name.encode("utf-8")).hexdigest()  # nosec - an identifier, not security


def cce_jobs_seed(ids):
    return {"cce_jobs": [{"project_id": PROJECT_ID, "id": job_id, "status": "Success"} for job_id in ids]}


def children_cpu_seconds():
    times = os.times()
    return times.children_user + times.children_system


def exit_cleanly_on_sigterm():
    """Turn SIGTERM (a CI timeout, kill) into SystemExit, so that the emulator and the scratch directory go too."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


class Workbench:
    """The emulator (with latency), a collection tree and a scratch directory; a context manager."""

    def __init__(self, latency_ms=0):
        self.emulator = EmulatorProcess(["--latency-ms", str(latency_ms)])
        self.scratch = None
        self.env = None

    def __enter__(self):
        self.emulator.start()
        try:
            self.scratch = tempfile.mkdtemp(prefix="hwc-bench-")
            collections = make_collection_tree(os.path.join(self.scratch, "collections"))
            self.env = ansible_environment(collections, self.emulator.base_url, HWC_ACCESS_KEY=ACCESS_KEY,
                                           HWC_SECRET_KEY=SECRET_KEY, HWC_PROJECT_ID=PROJECT_ID)
            self.reset()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc_info):
        self.emulator.stop()
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)

    @property
    def admin(self):
        return self.emulator.admin

    def reset(self, latency_ms=None):
        """Empty emulator with the bench credentials; the latency stays unless given."""
        latency = self.admin.current_faults()["latency_ms"] if latency_ms is None else latency_ms
        self.admin.reset()
        self.admin.faults(latency_ms=latency)
        self.admin.seed(CREDENTIALS_SEED)

    def emulator_cpu(self):
        return process_cpu_seconds(self.emulator.process.pid)

    def play(self, playbook, extra_vars, env=None, check=True):
        """Run playbooks/<playbook> with ``extra_vars``; a Play. PlaybookFailed when ``check`` and it failed."""
        vars_path = os.path.join(self.scratch, "extra-vars.json")
        with open(vars_path, "w", encoding="utf-8") as handle:
            json.dump(extra_vars, handle)
        cpu_before, started = children_cpu_seconds(), time.monotonic()
        completed = run_playbook(os.path.join(PLAYBOOKS, playbook), ["-i", "localhost,", "-e", "@" + vars_path],
                                 env=dict(self.env, **(env or {})), cwd=self.scratch)
        result = Play(time.monotonic() - started, children_cpu_seconds() - cpu_before, completed.returncode,
                      completed.stdout, completed.stderr)
        if check and result.returncode != 0:
            raise PlaybookFailed("%s exited %d:\n%s\n%s" % (playbook, result.returncode, result.stdout[-6000:], result.stderr[-3000:]))
        return result


def run_benchmark(measure, args, latency_ms=0, label="BENCH"):
    """The main() of a benchmark: ``measure(args, bench)`` in a Workbench whose emulator delays requests by ``latency_ms``.

    SIGTERM ends it as cleanly as Ctrl-C. Returns what ``measure`` returns (None counts as 0), or 1 after
    printing ``<label> FAILED: ...`` when a run did not do its work (WorkNotDone, PlaybookFailed).
    """
    exit_cleanly_on_sigterm()
    try:
        with Workbench(latency_ms) as bench:
            return measure(args, bench) or 0
    except (WorkNotDone, PlaybookFailed) as failure:
        print("%s FAILED: %s" % (label, failure), file=sys.stderr)
        return 1
