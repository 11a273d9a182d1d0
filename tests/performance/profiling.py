"""What stands between the bulk task and its floor (bench.py --profile).

The module's own AnsiballZ payload (kept with ANSIBLE_KEEP_REMOTE_FILES) is run directly, without
Ansible around it, to separate Ansible's cost from the module's: start-up and its imports
(python -X importtime), the request phase at the benchmark's latency and concurrency, and the CPU
of one request (at concurrency 1 and no latency, under cProfile, which sees one thread only).
"""

import glob
import json
import os
import pstats
import statistics
import subprocess
import sys
import time

from workload import WorkNotDone, children_cpu_seconds, cce_job_ids, cce_jobs_seed

PROFILED_RUN = "import cProfile, runpy, sys\nscript, output = sys.argv[1:3]\nsys.argv = [script]\n" \
               "cProfile.run(\"runpy.run_path(script, run_name='__main__')\", output)\n"
# (label, file the function is in, function name): the rows of the per-request profile.
PROFILE_ROWS = (
    ("Transport.request: one request, retries included", "module_utils/_engine/transport.py", "request"),
    ("  AkSkAuth.apply: SDK-HMAC-SHA256 signing", "module_utils/_engine/auth.py", "apply"),
    ("  Transport._send: one attempt, body read", "module_utils/_engine/transport.py", "_send"),
    ("    urllib3 HTTPConnectionPool.urlopen", "urllib3/connectionpool.py", "urlopen"),
    ("      http.client: sending the request", "http/client.py", "endheaders"),
    ("      http.client: reading status and headers", "http/client.py", "begin"),
    ("        socket recv_into: waiting for the emulator", "~", "<method 'recv_into' of '_socket.socket' objects>"),
    ("    requests PreparedRequest.prepare: once per host, per request only with cookies", "requests/models.py", "prepare"),
    ("  replies.judge: what the reply means", "module_utils/_engine/replies.py", "judge"),
)
IMPORTS_SHOWN = 8


def keep_payload(bench, count, concurrency):
    """Run the bulk task over ``count`` fresh jobs keeping the module's AnsiballZ file; its path."""
    remote_tmp = os.path.join(bench.scratch, "remote-tmp")
    pattern = os.path.join(remote_tmp, "*", "AnsiballZ_cce_job.py")
    before = set(glob.glob(pattern))
    bench.admin.seed(cce_jobs_seed(cce_job_ids("bench-job", count)))
    bench.play("cce_job_bulk.yml", {"bench_ids": cce_job_ids("bench-job", count), "bench_concurrency": concurrency},
               env={"ANSIBLE_KEEP_REMOTE_FILES": "1", "ANSIBLE_REMOTE_TMP": remote_tmp})
    (payload,) = set(glob.glob(pattern)) - before
    return payload, count


def run_payload(bench, payload, python_options=(), command=None):
    """Reseed the payload's jobs and run it without Ansible: (wall, module CPU, emulator CPU, stderr)."""
    path, count = payload
    bench.admin.seed(cce_jobs_seed(cce_job_ids("bench-job", count)))
    cpu, emulator_cpu, started = children_cpu_seconds(), bench.emulator_cpu(), time.monotonic()
    completed = subprocess.run(command or [sys.executable] + list(python_options) + [path], env=bench.envs[bench.current], cwd=bench.scratch,
                               capture_output=True, text=True, timeout=600, check=False)
    wall, cpu, emulator_cpu = time.monotonic() - started, children_cpu_seconds() - cpu, bench.emulator_cpu() - emulator_cpu
    result = json.loads(completed.stdout or "{}")
    if completed.returncode != 0 or len(result.get("deleted", [])) != count:
        raise WorkNotDone("the kept module run failed (exit %d): %s %s" % (completed.returncode, completed.stdout[-2000:], completed.stderr[-2000:]))
    return wall, cpu, emulator_cpu, completed.stderr


def top_imports(importtime_output):
    """(total seconds, [(seconds, package)] of the top-level imports, costliest first) from -X importtime."""
    top = []
    for line in importtime_output.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        cumulative, package = line.split("|")[1:]
        if not package.startswith("  "):  # nested imports are indented below a top-level one
            top.append((int(cumulative) / 1e6, package.strip()))
    return sum(seconds for seconds, package in top), sorted(top, reverse=True)


def print_imports(label, importtime_output):
    total, top = top_imports(importtime_output)
    print("  imports, %s: %.3f s; costliest: %s" % (label, total, ", ".join("%s %.3f" % (name, seconds) for seconds, name in top[:IMPORTS_SHOWN])))


def profile_rows(stats_path):
    """[(label, cumulative seconds or None when never called, calls)] for PROFILE_ROWS."""
    stats = pstats.Stats(stats_path).stats  # pylint: disable=no-member  # filled by the constructor
    rows = []
    for label, filename, function in PROFILE_ROWS:
        found = [(value[3], value[1]) for (path, _line, name), value in stats.items() if name == function and path.endswith(filename)]
        rows.append((label, sum(seconds for seconds, calls in found) if found else None, sum(calls for seconds, calls in found)))
    return rows


def profile_module(bench, args):
    print("\nprofile of hwc.cleanup.cce_job (its AnsiballZ payload run without Ansible):", flush=True)
    bench.reset(latency_ms=args.latency_ms)
    empty = keep_payload(bench, 0, args.concurrency)
    startup = [run_payload(bench, empty) for repeat in range(5)]
    print("  module start-up, empty list: wall %.3f s, CPU %.3f s (median of 5)"
          % (statistics.median(run[0] for run in startup), statistics.median(run[1] for run in startup)))
    print_imports("empty list", run_payload(bench, empty, ["-X", "importtime"])[3])
    print_imports("one id deleted", run_payload(bench, keep_payload(bench, 1, args.concurrency), ["-X", "importtime"])[3])

    bulk = keep_payload(bench, args.ids, args.concurrency)
    runs = [run_payload(bench, bulk) for repeat in range(3)]
    wall, cpu, emulator_cpu = min(runs)[:3]
    ideal = args.ids * args.latency_ms / 1000.0 / args.concurrency
    print("  module alone, %d ids at concurrency %d, %g ms latency: wall %.3f s (best of 3; start-up + %.3f s ideal = %.3f s), "
          "module CPU %.2f s, emulator CPU %.2f s"
          % (args.ids, args.concurrency, args.latency_ms, wall, ideal, statistics.median(run[0] for run in startup) + ideal,
             cpu, emulator_cpu))

    bench.reset(latency_ms=0)
    serial = keep_payload(bench, args.ids, 1)
    runs = [run_payload(bench, serial) for repeat in range(3)]
    per_request = (min(run[1] for run in runs) - statistics.median(run[1] for run in startup)) / args.ids
    emulator_per_request = min(run[2] for run in runs) / args.ids
    print("  CPU per request (concurrency 1, no latency, best of 3): module %.3f ms, emulator %.3f ms"
          % (per_request * 1000, emulator_per_request * 1000))
    stats_path = os.path.join(bench.scratch, "module.prof")
    run_payload(bench, serial, command=[sys.executable, "-c", PROFILED_RUN, serial[0], stats_path])
    print("  cProfile of those %d requests (cumulative seconds under the profiler, which inflates Python code):" % args.ids)
    for label, seconds, calls in profile_rows(stats_path):
        print("    %-62s %s" % (label, "not called" if seconds is None else "%7.3f s  %6d calls" % (seconds, calls)))
    bench.reset(latency_ms=args.latency_ms)
