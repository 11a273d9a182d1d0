"""What the benchmarks and the soak share: the emulator, the bench credentials, seeding, timed playbook runs
with this checkout and the previous release (baseline.py), the figures CSV, and their main() (run_benchmark).

Playbooks get their ids in an extra-vars file and their credentials from HWC_* environment
variables (as AWX injects them), so nothing secret is on a command line.

The scripts of tests/performance/ are run as files (``python tests/performance/bench.py``), so pytest's
pythonpath (tests/pytest.ini) is not there: importing this module puts tests/ on sys.path for them.
"""

import csv
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

from baseline import BaselineUnavailable, current_release, previous_release  # noqa: E402  pylint: disable=wrong-import-position
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
# What ansible-core says when a module is given an option it does not have.
UNSUPPORTED_OPTIONS = "Unsupported parameters"
FIGURES_HEADER = ("benchmark", "scenario", "release", "figure", "value", "target")


class PlaybookFailed(RuntimeError):
    """ansible-playbook exited non-zero; the message holds the end of its output."""


class WorkNotDone(AssertionError):
    """A run reported success but did not do its work, as the emulator or the module's result shows."""


class ReleaseLacksOptions(RuntimeError):
    """The previous release refused an option the playbook gives: the scenario did not exist then (its figures: n/a)."""


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
    """The emulator (with latency), a collection tree per release and a scratch directory; a context manager.

    ``releases`` lists the labels of the releases installed, this checkout (``current``) first, then the
    previous release when ``baseline``; ``play`` runs a playbook with one of them.
    """

    def __init__(self, latency_ms=0, baseline=False):
        self.emulator = EmulatorProcess(["--latency-ms", str(latency_ms)])
        self.baseline = baseline
        self.scratch = None
        self.envs = {}
        self.releases = []

    def __enter__(self):
        self.emulator.start()
        try:
            self.scratch = tempfile.mkdtemp(prefix="hwc-bench-")
            releases = [current_release()]
            if self.baseline:
                releases.append(previous_release(os.path.join(self.scratch, "previous-release")))
            for number, release in enumerate(releases):
                collections = make_collection_tree(os.path.join(self.scratch, "collections-%d" % number), release.source)
                self.envs[release.label] = ansible_environment(collections, self.emulator.base_url, HWC_ACCESS_KEY=ACCESS_KEY,
                                                               HWC_SECRET_KEY=SECRET_KEY, HWC_PROJECT_ID=PROJECT_ID)
                self.releases.append(release.label)
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

    @property
    def current(self):
        return self.releases[0]

    def reset(self, latency_ms=None):
        """Empty emulator with the bench credentials; the latency stays unless given."""
        latency = self.admin.current_faults()["latency_ms"] if latency_ms is None else latency_ms
        self.admin.reset()
        self.admin.faults(latency_ms=latency)
        self.admin.seed(CREDENTIALS_SEED)

    def emulator_cpu(self):
        return process_cpu_seconds(self.emulator.process.pid)

    def play(self, playbook, extra_vars, env=None, check=True, release=None, timeout=600):
        """Run playbooks/<playbook> with ``extra_vars`` and ``release`` (default: the checkout), for at most ``timeout``
        seconds; a Play.

        ReleaseLacksOptions when the previous release refused an option; PlaybookFailed when ``check`` and it failed.
        """
        release = release or self.current
        vars_path = os.path.join(self.scratch, "extra-vars.json")
        with open(vars_path, "w", encoding="utf-8") as handle:
            json.dump(extra_vars, handle)
        cpu_before, started = children_cpu_seconds(), time.monotonic()
        completed = run_playbook(os.path.join(PLAYBOOKS, playbook), ["-i", "localhost,", "-e", "@" + vars_path],
                                 env=dict(self.envs[release], **(env or {})), cwd=self.scratch, timeout=timeout)
        result = Play(time.monotonic() - started, children_cpu_seconds() - cpu_before, completed.returncode,
                      completed.stdout, completed.stderr)
        if result.returncode != 0 and release != self.current and UNSUPPORTED_OPTIONS in result.stdout:
            raise ReleaseLacksOptions("%s with %s: %s" % (playbook, release, UNSUPPORTED_OPTIONS))
        if check and result.returncode != 0:
            raise PlaybookFailed("%s with %s exited %d:\n%s\n%s"
                                 % (playbook, release, result.returncode, result.stdout[-6000:], result.stderr[-3000:]))
        return result

    def per_release(self, run):
        """{release label: ``run(release)``, or None where the release lacks an option the scenario needs}."""
        figures = {}
        for release in self.releases:
            try:
                figures[release] = run(release)
            except ReleaseLacksOptions:
                figures[release] = None
        return figures


def add_release_options(parser):
    """--no-baseline and --figures, which every benchmark takes."""
    parser.add_argument("--no-baseline", action="store_true",
                        help="run the checkout only, not also the previous release (built from the git history)")
    parser.add_argument("--figures", metavar="CSV", help="write every figure, per scenario and release, here (chart.py figures)")


def side_by_side(releases, figures, format_value, width=9):
    """One column per release: ``format_value(figure)``, or n/a where the release lacks the scenario."""
    return " ".join(("n/a" if figures.get(release) is None else format_value(figures[release])).rjust(width) for release in releases)


def release_header(releases, name, width=9):
    """The header of a side_by_side group: its name above one column per release."""
    columns = " ".join(release.rjust(width) for release in releases)
    return name.center(len(columns), "-"), columns


def write_figures(path, rows):
    """The figures as CSV (FIGURES_HEADER): benchmark, scenario, release, figure, value (empty: n/a), target."""
    if os.path.dirname(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")  # LF: the repository (and its sanity test) has no CRLF
        writer.writerow(FIGURES_HEADER)
        writer.writerows([round(value, 4) if isinstance(value, float) else value for value in row] for row in rows)
    print("figures written to %s" % path)


def run_benchmark(measure, args, latency_ms=0, label="BENCH"):
    """The main() of a benchmark: ``measure(args, bench)`` in a Workbench whose emulator delays requests by ``latency_ms``,
    with the previous release too unless ``args.no_baseline`` (add_release_options; without it, the checkout only).

    SIGTERM ends it as cleanly as Ctrl-C. Returns what ``measure`` returns (None counts as 0), or 1 after
    printing ``<label> FAILED: ...`` when a run did not do its work (WorkNotDone, PlaybookFailed).
    """
    exit_cleanly_on_sigterm()
    try:
        with Workbench(latency_ms, baseline=not getattr(args, "no_baseline", True)) as bench:
            return measure(args, bench) or 0
    except (WorkNotDone, PlaybookFailed, BaselineUnavailable) as failure:
        print("%s FAILED: %s" % (label, failure), file=sys.stderr)
        return 1
