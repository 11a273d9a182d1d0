# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the emulator for a test suite: a real subprocess on a free port, and a client for its admin API.

The one way the emulator is started (docs/development.md, "Test tooling"). Standard library only, so any
suite, benchmark or helper can use it, with tests/ on sys.path (under pytest: tests/pytest.ini)::

    from emulator.harness import EmulatorProcess

    with EmulatorProcess() as emulator:           # python tests/emulator --port 0 --port-file ...
        emulator.admin.seed(emulator.admin.demo_seed())
        run_something_against(emulator.base_url)  # http://127.0.0.1:<port>
        assert emulator.admin.state()["cce_jobs"] == []

Shell scripts (the integration runner, molecule, the demo) run a command with one instead::

    python tests/emulator/harness.py [EMULATOR OPTIONS] -- COMMAND [ARGUMENT...]

which starts the emulator with the options of ``python tests/emulator`` (``--seed-file F``, ...), runs COMMAND
with ``HWC_EMULATOR_URL`` set to it, stops it when COMMAND ends, and exits with COMMAND's status.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from urllib.error import HTTPError
from urllib.request import Request, urlopen

EMULATOR_DIR = os.path.dirname(os.path.abspath(__file__))
DEMO_SEED = os.path.join(EMULATOR_DIR, "seeds", "demo.json")


class AdminError(RuntimeError):
    """The admin API refused a call (its message names the bad value)."""


class AdminClient:
    """The emulator's /_emulator/ API: reset, seed, state, requests, faults, replies."""

    def __init__(self, base_url, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _call(self, method, name, payload=None):
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = Request("%s/_emulator/%s" % (self.base_url, name), data=data, method=method,
                          headers={"Content-Type": "application/json"})
        try:
            with urlopen(request, timeout=self.timeout) as response:  # nosec - a loopback test server
                return json.loads(response.read().decode("utf-8"))
        except HTTPError as error:
            raise AdminError("%s /_emulator/%s: HTTP %d %s" % (method, name, error.code, error.read().decode("utf-8"))) from None

    def reset(self):
        """Empty the emulator: state, credentials, tokens, faults (rate limit and outage too), chosen replies, AK/SK
        lockouts and request log."""
        return self._call("POST", "reset")

    def seed(self, data):
        """Add records (same shape as GET state, plus secrets); returns the count per kind."""
        return self._call("POST", "seed", data)["seeded"]

    def state(self):
        """The resources in the seed's shape (no secrets), plus ``ak_lockouts``: every AK/SK lockout since the reset."""
        return self._call("GET", "state")

    def requests(self):
        """The request log: [{method, path, query, status, auth, access_key?, service, fault?, request_id, time}].

        ``fault`` is the random fault's kind (500, "reset", ..), "throttled" (rate limit) or "outage".
        """
        return self._call("GET", "requests")["requests"]

    def clear_requests(self):
        return self._call("DELETE", "requests")["cleared"]

    def current_faults(self):
        return self._call("GET", "faults")

    def faults(self, **config):
        """Replace the fault configuration (omitted fields take their defaults); returns the new one.

        Every field of POST /_emulator/faults is passed through as given, e.g.
        ``faults(rate_limit={"rate": 10, "burst": 10, "retry_after": True})`` or
        ``faults(outage={"status": 503})`` / ``faults(outage={"kinds": [502, "reset"]})``;
        ``rate_limit=None`` / ``outage=None`` (or leaving them out) turns them off.
        """
        return self._call("POST", "faults", config)

    def current_replies(self):
        return self._call("GET", "replies")

    def replies(self, **config):
        """Replace the chosen replies (omitted fields take their defaults); returns the new configuration.

        Fields of POST /_emulator/replies, passed through as given, e.g.
        ``replies(errors=[{"service": "cce", "kind": "not_found", "status": 404, "body": {}}])``,
        ``replies(routes=[{"method": "GET", "route": "/v2/{project_id}/workspace-sub-jobs", "status": 200,
        "body": {"total_count": 3}, "count": 1}])``, ``replies(page_caps={"dcs": 10})``,
        ``replies(ak_lockout={"failures": 5, "seconds": 300})`` (``ak_lockout=None``: no lockout).
        """
        return self._call("POST", "replies", config)

    @staticmethod
    def demo_seed():
        with open(DEMO_SEED, encoding="utf-8") as handle:
            return json.load(handle)


class EmulatorProcess:
    """``python tests/emulator`` as a subprocess; a context manager. Extra CLI flags go in ``args``."""

    def __init__(self, args=(), python=None, startup_timeout=20.0):
        self.args = list(args)
        self.python = python or sys.executable
        self.startup_timeout = startup_timeout
        self.process = None
        self.port = None
        self._workdir = None

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self.port

    @property
    def admin(self):
        return AdminClient(self.base_url)

    @property
    def log_path(self):
        """Where the emulator's stdout and stderr go (kept until stop())."""
        return os.path.join(self._workdir, "emulator.log")

    def start(self):
        self._workdir = tempfile.mkdtemp(prefix="hwc-emulator-")
        port_file = os.path.join(self._workdir, "port")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with  # lives until stop()
                [self.python, EMULATOR_DIR, "--host", "127.0.0.1", "--port", "0", "--port-file", port_file] + self.args,
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_timeout
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = self._read_log()
                self.stop()
                raise RuntimeError("the emulator did not start:\n%s" % output)
            time.sleep(0.02)
        with open(port_file, encoding="utf-8") as handle:
            self.port = int(handle.read())
        return self

    def _read_log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def stop(self, timeout=10.0):
        """SIGTERM, then wait; returns the exit code (0 on a clean stop)."""
        code = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
            try:
                code = self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                code = self.process.wait()
            self.process = None
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
        return code

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def run_command(argv):
    """``[EMULATOR OPTIONS] -- COMMAND [ARGUMENT...]``: COMMAND's exit status (128 + N after signal N).

    A Ctrl-C reaches COMMAND from the terminal, as it is in this process group: this process waits for COMMAND to end
    rather than leave it behind. SIGTERM and SIGHUP are passed on to COMMAND. The emulator stops when COMMAND ends.
    """
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        sys.stderr.write("usage: python tests/emulator/harness.py [EMULATOR OPTIONS] -- COMMAND [ARGUMENT...]\n")
        return 2
    split = argv.index("--")
    try:
        emulator = EmulatorProcess(argv[:split]).start()
    except RuntimeError as error:
        sys.stderr.write("%s\n" % error)
        return 2
    try:
        try:
            child = subprocess.Popen(argv[split + 1:], env=dict(os.environ, HWC_EMULATOR_URL=emulator.base_url))
        except OSError as error:
            sys.stderr.write("%s: %s\n" % (argv[split + 1], error))
            return 127
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, lambda received, _frame: child.send_signal(received))
        status = child.wait()
    finally:
        emulator.stop()
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(run_command(sys.argv[1:]))
