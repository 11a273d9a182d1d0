"""Throttled benchmark: ``python tests/performance/throttled.py [--ids 300] [--rate 10] [--latency-ms 20]``.

The emulator throttles like Huawei Cloud's API gateway (a token bucket of --rate requests per second,
burst --rate, beyond it 429 APIGW.0308, with or without Retry-After). One hwc.cleanup.cce_job task deletes
--ids jobs at concurrency 8 and 16. For each run it prints, side by side: the wall time against the limit
that any client has (ids / rate + the module's start-up), requests per id, 429 answers, and ids lost (still
in the emulator afterwards). The targets (docs/performance.md) are printed, never enforced: the exit status
is non-zero only when a run did not do its work in a way no throttling explains (a decoy touched).
"""

import argparse
import os
import sys

from workload import WorkNotDone, cce_job_ids, cce_jobs_seed, run_benchmark

LIMIT_RATIO_TARGET = 0.9
REQUESTS_PER_ID_TARGET = 1.15
DECOYS = cce_job_ids("throttle-decoy", 3)
SCENARIOS = [(8, True), (16, True), (8, False), (16, False)]  # (concurrency, Retry-After)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=300, help="CCE jobs deleted per run (default 300)")
    parser.add_argument("--rate", type=float, default=10, help="requests per second the gateway allows (default 10)")
    parser.add_argument("--latency-ms", type=float, default=20, help="emulator latency per API request (default 20)")
    args = parser.parse_args(argv)
    if args.ids < 1 or args.rate <= 0 or args.latency_ms < 0:
        parser.error("--ids must be at least 1, --rate more than 0 and --latency-ms 0 or more")
    return args


def startup_seconds(bench):
    """Wall time of the same task with an empty list: Ansible and module start-up, best of three."""
    return min(bench.play("cce_job_bulk.yml", {"bench_ids": [], "bench_concurrency": 8}).wall for _repeat in range(3))


def run(bench, args, concurrency, retry_after):
    ids = cce_job_ids("throttle-job", args.ids)
    bench.reset()
    bench.admin.seed(cce_jobs_seed(ids + DECOYS))
    bench.admin.clear_requests()
    bench.admin.faults(latency_ms=args.latency_ms,
                       rate_limit={"rate": args.rate, "burst": int(args.rate), "retry_after": retry_after})
    play = bench.play("cce_job_bulk.yml", {"bench_ids": ids, "bench_concurrency": concurrency}, check=False)
    bench.admin.faults(latency_ms=args.latency_ms)
    left = set(job["id"] for job in bench.admin.state()["cce_jobs"])
    if not set(DECOYS) <= left:
        raise WorkNotDone("a decoy was deleted")
    deletes = [entry for entry in bench.admin.requests() if entry["method"] == "DELETE"]
    return {"wall": play.wall, "requests": len(deletes), "throttled": sum(1 for entry in deletes if entry["status"] == 429),
            "lost": len(left - set(DECOYS)), "returncode": play.returncode}


def measure(args, bench):
    print("gateway %g requests/s (burst %d), %d ids, latency %g ms; %d CPUs, load average %.2f"
          % (args.rate, int(args.rate), args.ids, args.latency_ms, os.cpu_count(), os.getloadavg()[0]), flush=True)
    startup = startup_seconds(bench)
    limit = args.ids / args.rate + startup
    print("limit = %d / %g + start-up %.2f s = %.2f s" % (args.ids, args.rate, startup, limit))
    print("%-11s %-11s %8s %13s %13s %6s %5s" % ("concurrency", "Retry-After", "wall s", "limit / wall", "requests/id", "429s", "lost"))
    met = True
    for concurrency, retry_after in SCENARIOS:
        figures = run(bench, args, concurrency, retry_after)
        ratio, per_id = limit / figures["wall"], figures["requests"] / float(args.ids)
        met = met and ratio >= LIMIT_RATIO_TARGET and per_id <= REQUESTS_PER_ID_TARGET and figures["lost"] == 0
        row = (concurrency, "yes" if retry_after else "no", figures["wall"], ratio, per_id, figures["throttled"], figures["lost"])
        print("%-11d %-11s %8.2f %13.3f %13.3f %6d %5d" % row, flush=True)
    print("targets: limit / wall >= %.2f, requests/id <= %.2f, 0 lost: %s" % (
        LIMIT_RATIO_TARGET, REQUESTS_PER_ID_TARGET, "met" if met else "NOT met"))
    print("load average after the runs %.2f" % os.getloadavg()[0])


def main(argv=None):
    args = parse_args(argv)
    return run_benchmark(measure, args, args.latency_ms)


if __name__ == "__main__":
    sys.exit(main())
