"""Throttled benchmark: ``python tests/performance/throttled.py [--rates 10 40] [--limit-seconds 30] [--no-baseline]``.

The emulator throttles like Huawei Cloud's API gateway: a token bucket of R requests per second, a burst
of half R or of R, beyond it 429 APIGW.0308 with or without Retry-After (docs/emulator.md, rate_limit).
One hwc.cleanup.cce_job task deletes R x --limit-seconds jobs (--ids instead, for every rate) at
concurrency 8 and 16: 16 scenarios with the two default rates. Each runs with this checkout and with the
previous release (unless --no-baseline), printed side by side: the limit that any client has (ids / R +
the same task's start-up with an empty list) against the wall time, requests per id (every DELETE the
emulator saw, 429s included), 429 answers, and ids lost (still in the emulator afterwards). The targets
(docs/performance.md) are printed, never enforced: the exit status is non-zero only when a run did not
do its work in a way no throttling explains (a decoy touched).
"""

import argparse
import itertools
import os
import sys

from workload import (WorkNotDone, add_release_options, cce_job_ids, cce_jobs_seed, release_header, run_benchmark,
                      side_by_side, write_figures)

LIMIT_RATIO_TARGET = 0.9
REQUESTS_PER_ID_TARGET = 1.15
DECOYS = cce_job_ids("throttle-decoy", 3)
BURST_SHARES = (0.5, 1.0)  # of the rate: APIG-like half a second's worth, and the emulator's default of one second's
CONCURRENCIES = (8, 16)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", type=float, nargs="+", default=[10, 40], help="requests per second the gateway allows (default 10 40)")
    # 30 s: issue 21's own measurement (300 ids at 10/s); the first throttles of a run weigh too much in less
    parser.add_argument("--limit-seconds", type=float, default=30,
                        help="size each run to rate x this many ids: seconds of the limit per run (default 30)")
    parser.add_argument("--ids", type=int, help="CCE jobs deleted per run at every rate, instead of --limit-seconds")
    parser.add_argument("--latency-ms", type=float, default=20, help="emulator latency per API request (default 20)")
    add_release_options(parser)
    args = parser.parse_args(argv)
    if min(args.rates) <= 0:
        parser.error("--rates must be above 0, got %s" % " ".join("%g" % rate for rate in args.rates))
    if args.limit_seconds <= 0 or (args.ids is not None and args.ids < 1):
        parser.error("--limit-seconds must be above 0 and --ids at least 1, got %g and %s" % (args.limit_seconds, args.ids))
    if args.latency_ms < 0:
        parser.error("--latency-ms must be 0 or more, got %g" % args.latency_ms)
    return args


def scenarios(args):
    """(rate, burst, Retry-After, concurrency, ids), rate by rate."""
    for rate, share, retry_after, concurrency in itertools.product(args.rates, BURST_SHARES, (True, False), CONCURRENCIES):
        ids = args.ids or max(1, int(round(rate * args.limit_seconds)))
        yield rate, max(1, int(round(rate * share))), retry_after, concurrency, ids


def startup_seconds(bench, release):
    """Wall time of the same task with an empty list: Ansible and module start-up, best of three."""
    return min(bench.play("cce_job_bulk.yml", {"bench_ids": [], "bench_concurrency": 8}, release=release).wall for _repeat in range(3))


def run(bench, scenario, latency_ms, startup, release):
    rate, burst, retry_after, concurrency, count = scenario
    ids = cce_job_ids("throttle-job", count)
    bench.reset()
    bench.admin.seed(cce_jobs_seed(ids + DECOYS))
    bench.admin.clear_requests()
    bench.admin.faults(latency_ms=latency_ms, rate_limit={"rate": rate, "burst": burst, "retry_after": retry_after})
    play = bench.play("cce_job_bulk.yml", {"bench_ids": ids, "bench_concurrency": concurrency}, check=False, release=release)
    bench.admin.faults(latency_ms=latency_ms)
    left = set(job["id"] for job in bench.admin.state()["cce_jobs"])
    if not set(DECOYS) <= left:
        raise WorkNotDone("a decoy was deleted (%s)" % release)
    deletes = [entry for entry in bench.admin.requests() if entry["method"] == "DELETE"]
    limit = count / rate + startup[release]
    return {"wall": play.wall, "limit_ratio": limit / play.wall, "requests_per_id": len(deletes) / float(count),
            "throttled": sum(1 for entry in deletes if entry["status"] == 429), "lost": len(left - set(DECOYS))}


def met(figures):
    return (figures["limit_ratio"] >= LIMIT_RATIO_TARGET and figures["requests_per_id"] <= REQUESTS_PER_ID_TARGET
            and figures["lost"] == 0)


# (key, column header, format, width, target as printed in the figures CSV)
COLUMNS = (
    ("limit_ratio", "limit / wall", "%.3f", 9, ">= %g" % LIMIT_RATIO_TARGET),
    ("requests_per_id", "requests/id", "%.3f", 9, "<= %g" % REQUESTS_PER_ID_TARGET),
    ("lost", "lost", "%d", 9, "0"),
    ("throttled", "429s", "%d", 9, ""),
    ("wall", "wall s", "%.2f", 9, ""),
)


def print_header(releases):
    groups = [release_header(releases, name, width) for _key, name, _fmt, width, _target in COLUMNS]
    print("%-44s %s" % ("", "  ".join(top for top, _bottom in groups)))
    columns = "  ".join(bottom for _top, bottom in groups)
    print("%-5s %-5s %-11s %-11s %-8s %s" % ("rate", "burst", "Retry-After", "concurrency", "ids", columns))


def measure(args, bench):
    print("gateway rates %s requests/s, bursts of %s the rate, latency %g ms; releases %s; %d CPUs, load average %.2f"
          % (" ".join("%g" % rate for rate in args.rates), " and ".join("%g" % share for share in BURST_SHARES),
             args.latency_ms, ", ".join(bench.releases), os.cpu_count(), os.getloadavg()[0]), flush=True)
    startup = {release: startup_seconds(bench, release) for release in bench.releases}
    print("limit = ids / rate + start-up (%s)" % ", ".join("%s %.2f s" % (release, startup[release]) for release in bench.releases))
    print_header(bench.releases)
    rows, all_met = [], True
    for scenario in scenarios(args):
        rate, burst, retry_after, concurrency, count = scenario
        figures = bench.per_release(lambda release, scenario=scenario: run(bench, scenario, args.latency_ms, startup, release))
        all_met = all_met and figures[bench.current] is not None and met(figures[bench.current])
        columns = "  ".join(side_by_side(bench.releases, figures, lambda values, key=key, fmt=fmt: fmt % values[key], width)
                            for key, _name, fmt, width, _target in COLUMNS)
        print("%-5g %-5d %-11s %-11d %-8d %s" % (rate, burst, "yes" if retry_after else "no", concurrency, count, columns), flush=True)
        name = "%g/s burst %d%s c%d" % (rate, burst, "" if retry_after else " no Retry-After", concurrency)
        rows += [("throttled", name, release, key, "" if figures[release] is None else figures[release][key], target)
                 for release in bench.releases for key, _name, _fmt, _width, target in COLUMNS]
    print("targets for %s: limit / wall >= %.2f, requests/id <= %.2f, 0 lost: %s" % (
        bench.current, LIMIT_RATIO_TARGET, REQUESTS_PER_ID_TARGET, "met in every scenario" if all_met else "NOT met"))
    print("load average after the runs %.2f" % os.getloadavg()[0])
    if args.figures:
        write_figures(args.figures, rows)


def main(argv=None):
    args = parse_args(argv)
    return run_benchmark(measure, args, args.latency_ms)


if __name__ == "__main__":
    sys.exit(main())
