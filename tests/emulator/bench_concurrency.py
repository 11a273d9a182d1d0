# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Does injected latency serialize requests? ``python tests/emulator/bench_concurrency.py`` prints the figures.

N token-authenticated GETs from T client threads (one requests.Session each) against an emulator
that delays every request by L ms. Perfectly concurrent: N * L / T; serialized: N * L. The clients and
the CPU counters are support/measure.py's, which the emulator's tests and tests/performance/ use too.
"""

import argparse
import os
import sys

if not __package__:  # run as a file: the packages next to tests/emulator/, as for `python tests/emulator`
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from emulator.harness import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position
from support.measure import demo_token, own_cpu_seconds, process_cpu_seconds, timed_gets  # noqa: E402  pylint: disable=wrong-import-position


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--latency-ms", type=float, default=20)
    args = parser.parse_args(argv)
    with EmulatorProcess(["--latency-ms", str(args.latency_ms)]) as emulator:
        seed = emulator.admin.demo_seed()
        emulator.admin.seed(seed)
        user = seed["users"][0]
        token = demo_token(emulator.base_url, user)
        server_cpu, client_cpu = process_cpu_seconds(emulator.process.pid), own_cpu_seconds()
        wall, statuses = timed_gets(emulator.base_url, token, "/api/v2/projects/%s/jobs" % user["project_id"], args.requests, args.threads)
        client_cpu = own_cpu_seconds() - client_cpu
        server_cpu = None if server_cpu is None else process_cpu_seconds(emulator.process.pid) - server_cpu
    ideal = args.requests * args.latency_ms / 1000.0 / args.threads
    print("%d requests, %d threads, %g ms latency: wall %.3f s, ideal %.3f s, ratio %.2f (serialized: %.1f s); statuses %s"
          % (args.requests, args.threads, args.latency_ms, wall, ideal, wall / ideal,
             args.requests * args.latency_ms / 1000.0, dict(statuses)))
    # On a small machine the CPU of the Python client, not the emulator, bounds the wall time.
    print("CPU seconds: client %.2f, emulator %s" % (client_cpu, "n/a" if server_cpu is None else "%.2f" % server_cpu))
    return 0 if set(statuses) == {200} else 1


if __name__ == "__main__":
    sys.exit(main())
