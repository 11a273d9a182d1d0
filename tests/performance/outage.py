"""Outage benchmark: ``python tests/performance/outage.py [--ids 50] [--latency-ms 20] | --odds [--requests N]``.

Every module, delete and _info, runs once through ansible-playbook (playbooks/outage.yml) at the default
options while every service request fails: the emulator's outage (503, 502 and a reset connection in turn),
and for project_info, which only calls IAM, an IAM endpoint that refuses every connection. For each it
prints the wall time of the whole ansible-playbook run (start-up included) and of the module (that minus the
start-up of the same playbook running no module), whether every id (or the list) was reported with the
outage named, and the requests the emulator saw. The target (issue 21: every module fails in < 10 s) is
printed, never enforced: the exit status is non-zero only when a run did not do its work (an id missing
from its result, a task that did not fail, a message that does not name the outage).

``--odds`` prints the other side, without the emulator: how often the breaker (the module_utils code itself,
on a simulated clock) stops a run on a flaky but working service that fails 30 % of attempts at random, per
request, by concurrency and retries, beside f^(retries+1), the share of requests that fail anyway.
"""

import argparse
import heapq
import json
import os
import random
import re
import socket
import sys
import tempfile

from workload import WorkNotDone, cce_job_ids, codearts_job_id, run_benchmark
from support.ansible_run import make_collection_tree  # workload put tests/ on sys.path

TARGET_SECONDS = 10.0
OUTAGE = {"kinds": [503, 502, "reset"]}
CODEARTS_PROJECT_ID = "c0de0a1b2c3d4e5f60718293a4b5c6d7"
DCS_INSTANCE_ID = "5560df16-cebf-4473-95c4-d1b573c16e79"
MODULES = ("cce_job", "cce_job_info", "codearts_build_job", "codearts_build_job_info", "workspace_sub_jobs",
           "workspace_sub_job_info", "dcs_background_task", "dcs_background_task_info", "project_info")
FLAKY_FAILURE_RATE = 0.3
ODDS_SCENARIOS = [(1, 5), (2, 5), (3, 5), (8, 5), (1, 10), (2, 10), (8, 10)]  # (concurrency, retries)
ODDS_LATENCY_SECONDS = 0.02
OUTAGE_NAMED = re.compile(r"the service is failing \(\d+ failures in a row across the task in [\d.]+ s, no answer in "
                          r"between; last: ")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=50, help="ids each delete module is given (default 50)")
    parser.add_argument("--latency-ms", type=float, default=20, help="emulator latency per API request (default 20)")
    parser.add_argument("--odds", action="store_true", help="simulate how often a flaky service trips the breaker instead")
    parser.add_argument("--requests", type=int, default=1000000, help="requests simulated per --odds scenario (default 10^6)")
    args = parser.parse_args(argv)
    if args.ids < 1 or args.latency_ms < 0 or args.requests < 1:
        parser.error("--ids and --requests must be at least 1 and --latency-ms 0 or more")
    return args


def refused_url():
    """A loopback URL where nothing listens: a port the system just gave and took back."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % probe.getsockname()[1]


def ids_of(count):
    return {
        "cce_job": cce_job_ids("outage-cce", count),
        "codearts_build_job": [codearts_job_id("outage-codearts-%d" % number) for number in range(count)],
        "workspace_sub_jobs": cce_job_ids("outage-sub-job", count),
        "dcs_background_task": cce_job_ids("outage-dcs", count),
    }


def run(bench, module, extra_vars, latency_ms):
    """One playbook run of ``module`` in the outage: (Play, the module's result)."""
    result_path = os.path.join(bench.scratch, "outage-result.json")
    if os.path.exists(result_path):
        os.remove(result_path)
    bench.reset()
    bench.admin.faults(latency_ms=latency_ms, outage=OUTAGE)
    play = bench.play("outage.yml", dict(extra_vars, outage_module=module, outage_result_path=result_path))
    bench.admin.faults(latency_ms=latency_ms)
    with open(result_path, encoding="utf-8") as handle:
        return play, json.load(handle)


def reported(module, result, ids):
    """'every id' or 'the list' when the result reports all of it with the outage named; WorkNotDone otherwise."""
    if not result.get("failed"):
        raise WorkNotDone("%s did not fail in an outage: %s" % (module, json.dumps(result)[:300]))
    if module not in ids:
        if not OUTAGE_NAMED.search(result.get("msg", "")):
            raise WorkNotDone("%s: the message does not name the outage: %s" % (module, result.get("msg")))
        return "the list"
    errors = result.get("errors") or []
    if sorted(error["id"] for error in errors) != sorted(ids[module]) or result.get("deleted"):
        raise WorkNotDone("%s: errors name %d of %d ids" % (module, len(errors), len(ids[module])))
    unnamed = [error for error in errors if not OUTAGE_NAMED.search(error.get("msg", ""))]
    if unnamed:
        raise WorkNotDone("%s: %d error(s) do not name the outage, e.g. %s" % (module, len(unnamed), unnamed[0].get("msg")))
    return "every id (%d)" % len(ids[module])


def measure(args, bench):
    ids = ids_of(args.ids)
    extra_vars = {"outage_ids": ids, "outage_codearts_project_id": CODEARTS_PROJECT_ID,
                  "outage_dcs_instance_id": DCS_INSTANCE_ID, "outage_refused_url": refused_url()}
    kinds = "/".join(str(kind) for kind in OUTAGE["kinds"])
    print("outage %s (project_info: IAM refuses connections), %d ids per delete module, latency %g ms, default options; "
          "%d CPUs, load average %.2f" % (kinds, args.ids, args.latency_ms, os.cpu_count(), os.getloadavg()[0]), flush=True)
    startup = min(run(bench, "none", extra_vars, args.latency_ms)[0].wall for _repeat in range(2))
    print("start-up (the same playbook, no module): %.2f s" % startup)
    print("%-25s %8s %9s %-16s %9s %s" % ("module", "wall s", "module s", "reported", "requests", "< %g s" % TARGET_SECONDS))
    met = True
    for module in MODULES:
        play, result = run(bench, module, extra_vars, args.latency_ms)
        what = reported(module, result, ids)
        requests = len([entry for entry in bench.admin.requests() if entry["service"] != "iam"])
        fast = play.wall < TARGET_SECONDS
        met = met and fast
        print("%-25s %8.2f %9.2f %-16s %9d %s" % (module, play.wall, play.wall - startup, what, requests,
                                                  "met" if fast else "NOT met"), flush=True)
    print("target: every module fails in < %g s (wall, start-up included), every id or the list reported with the "
          "outage named: %s" % (TARGET_SECONDS, "met" if met else "NOT met"))
    print("load average after the runs %.2f" % os.getloadavg()[0])


def opens_per_request(concurrency, retries, requests, seed=20261207):
    """Runs stopped per request by the breaker (sending.OutageBreaker, sending.RetryPolicy) on a simulated clock:
    ``concurrency`` workers send one request after another, each attempt answered or failed (FLAKY_FAILURE_RATE)
    ODDS_LATENCY_SECONDS after it was sent, as Transport.request does with them; an open breaker starts a new run."""
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import OutageBreaker, RetryPolicy

    draw = random.Random(seed).random
    now = [0.0]
    policy = RetryPolicy(retries, draw)
    breaker = OutageBreaker(timed_failures=retries + 1, clock=lambda: now[0])
    sends = [(draw() * ODDS_LATENCY_SECONDS, worker, 0) for worker in range(concurrency)]  # (when, worker, retries used)
    opens = finished = 0
    while finished < requests:
        sent, worker, used = heapq.heappop(sends)
        now[0] = sent + ODDS_LATENCY_SECONDS
        if draw() >= FLAKY_FAILURE_RATE:
            breaker.answered()
        else:
            breaker.failed("HTTP 503", used >= retries)
            if breaker.open:
                opens += 1
                breaker = OutageBreaker(timed_failures=retries + 1, clock=lambda: now[0])
            elif used < retries:
                wait = breaker.wait(policy.delay(used + 1), policy.ceiling(used + 1), used + 1 == retries)
                heapq.heappush(sends, (now[0] + wait, worker, used + 1))
                continue
        finished += 1
        heapq.heappush(sends, (now[0], worker, 0))
    return opens / float(requests)


def print_odds(args):
    # Run as a file, this script has no collection tree on sys.path: one for this process, as pytest's plugin makes.
    with tempfile.TemporaryDirectory(prefix="hwc-outage-odds-") as scratch:
        sys.path.insert(0, make_collection_tree(scratch))
        print_odds_table(args)


def print_odds_table(args):
    print("a flaky service: %d %% of attempts fail at random, %g ms per request, %d requests per scenario"
          % (FLAKY_FAILURE_RATE * 100, ODDS_LATENCY_SECONDS * 1000, args.requests))
    print("%-11s %7s %24s %24s" % ("concurrency", "retries", "runs stopped / request", "requests failing anyway"))
    for concurrency, retries in ODDS_SCENARIOS:
        print("%-11d %7d %24.2e %24.2e" % (concurrency, retries, opens_per_request(concurrency, retries, args.requests),
                                           FLAKY_FAILURE_RATE ** (retries + 1)), flush=True)


def main(argv=None):
    args = parse_args(argv)
    if args.odds:
        return print_odds(args)
    return run_benchmark(measure, args, args.latency_ms)


if __name__ == "__main__":
    sys.exit(main())
