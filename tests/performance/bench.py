"""Benchmark of hwc.cleanup.cce_job against the emulator: ``python tests/performance/bench.py [--profile] [--csv F] [--no-baseline]``.

Real ansible-playbook runs on loopback, the emulator delaying every API request by --latency-ms:
  (a) one task with an empty list: Ansible and module start-up;
  (b) one task deleting --ids seeded CCE jobs at --concurrency;
  (c) what a user writes without hwc.cleanup: ansible.builtin.uri with a token, in a loop over --loop ids.
(a) and (b) run with this checkout and with the previous release (unless --no-baseline): floor / (b) and the
overhead beyond the floor per id are printed side by side.
Prints the figures and the targets (docs/performance.md); exits non-zero when a run did not do its
work (a job left, a decoy touched, a request missing or repeated), never because of a figure.
"""

import argparse
import csv
import os
import statistics
import sys
from collections import Counter, namedtuple
from datetime import datetime

from workload import (PROJECT_ID, USER, WorkNotDone, add_release_options, cce_job_ids, cce_jobs_seed, release_header, run_benchmark,
                      side_by_side, write_figures)
from tcp_connections import ConnectionCounter
from support.measure import demo_token  # workload put tests/ on sys.path

FLOOR_TARGET = 0.92
OVERHEAD_TARGET_MS = 0.3  # per id, beyond the floor
PER_RESOURCE_TARGET = 150
DECOYS = cce_job_ids("bench-decoy", 5)

# play: the workload.Play; emulator_cpu: CPU seconds of the emulator during the run; connections: TCP
# connections opened to the emulator (None where /proc is missing); requests: seconds from the first request's
# arrival at the emulator to its last reply (None without a request), from the request log.
BulkRun = namedtuple("BulkRun", "play emulator_cpu connections requests")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=1000, help="CCE jobs deleted by the bulk task (b) (default 1000)")
    parser.add_argument("--latency-ms", type=float, default=20, help="emulator latency per API request (default 20)")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrency of the bulk task (default 16)")
    parser.add_argument("--loop", type=int, default=30, help="ids of the ansible.builtin.uri loop (c) (default 30)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of (a) and of (b); the best is used (default 5)")
    parser.add_argument("--csv", help="write wall time against the number of ids (bulk task and uri loop) here")
    parser.add_argument("--profile", action="store_true", help="then profile the module (start-up, per-request CPU)")
    add_release_options(parser)
    args = parser.parse_args(argv)
    for name in ("ids", "concurrency", "loop", "repeats"):
        if getattr(args, name) < 1:
            parser.error("--%s must be at least 1, got %d" % (name, getattr(args, name)))
    if args.latency_ms < 0:
        parser.error("--latency-ms must be 0 or more, got %g" % args.latency_ms)
    return args


def verify_deleted(bench, ids, log=None):
    """Every id gone, each by exactly one successful request; the decoys untouched. ``log``: the request log, when
    already read."""
    remaining = sorted(job["id"] for job in bench.admin.state()["cce_jobs"])
    if remaining != sorted(DECOYS):
        left = sorted(set(remaining) - set(DECOYS))
        raise WorkNotDone("after the run the emulator holds %d job(s) besides the decoys (%s) and %d of %d decoys"
                          % (len(left), ", ".join(left[:5]), len(set(remaining) & set(DECOYS)), len(DECOYS)))
    calls = Counter(entry["path"].rsplit("/", 1)[1] for entry in (bench.admin.requests() if log is None else log)
                    if entry["method"] == "DELETE" and entry["status"] in (200, 204))
    wrong = sorted(job_id for job_id in ids if calls[job_id] != 1)
    if wrong or len(calls) != len(ids):
        raise WorkNotDone("expected one successful DELETE per id: %d id(s) got another count (%s), %d paths in all"
                          % (len(wrong), ", ".join(wrong[:5]), len(calls)))


def request_phase(log, latency_ms):
    """Seconds from the first request's arrival to the last reply: the emulator logs a request when it answers,
    after the latency, to the millisecond. None without a request."""
    times = sorted(datetime.strptime(entry["time"], "%Y-%m-%dT%H:%M:%S.%fZ") for entry in log)
    return (times[-1] - times[0]).total_seconds() + latency_ms / 1000.0 if times else None


def run_bulk(bench, count, concurrency, release=None):
    """One timed run of the bulk task over ``count`` fresh jobs with ``release`` (default: the checkout), verified."""
    ids = cce_job_ids("bench-job", count)
    bench.reset()
    bench.admin.seed(cce_jobs_seed(ids + DECOYS))
    bench.admin.clear_requests()
    emulator_cpu = bench.emulator_cpu()
    with ConnectionCounter(bench.emulator.port) as connections:
        play = bench.play("cce_job_bulk.yml", {"bench_ids": ids, "bench_concurrency": concurrency}, release=release)
    emulator_cpu = bench.emulator_cpu() - emulator_cpu
    log = bench.admin.requests()
    verify_deleted(bench, ids, log)
    return BulkRun(play, emulator_cpu, connections.opened, request_phase(log, bench.admin.current_faults()["latency_ms"]))


def run_uri_loop(bench, count):
    """One timed run of the ansible.builtin.uri loop over ``count`` fresh jobs, verified; its wall time."""
    ids = cce_job_ids("bench-job", count)
    bench.reset()
    bench.admin.seed(cce_jobs_seed(ids + DECOYS))
    # The token is fetched outside the timed run: the loop alone is measured, in the loop's favour.
    token = demo_token(bench.emulator.base_url, USER)
    bench.admin.clear_requests()
    play = bench.play("cce_job_uri_loop.yml", {"bench_ids": ids, "bench_project_id": PROJECT_ID},
                      env={"BENCH_AUTH_TOKEN": token})
    verify_deleted(bench, ids)
    return play.wall


def linear_fit(points):
    """(intercept, slope) of the least-squares line through [(x, y)]."""
    xs, ys = zip(*points)
    mean_x, mean_y = statistics.mean(xs), statistics.mean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return mean_y - slope * mean_x, slope


def write_csv(path, bulk_points, loop_points, sizes):
    """ids, bulk task seconds (best of --repeats), uri loop seconds (one run up to --loop, else extrapolated)."""
    intercept, slope = linear_fit(sorted(loop_points.items()))
    if os.path.dirname(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")  # LF: the repository (and its sanity test) has no CRLF
        writer.writerow(["ids", "bulk_task_seconds", "uri_loop_seconds", "uri_loop_source"])
        for size in sizes:
            measured = size in loop_points
            loop_seconds = loop_points[size] if measured else intercept + slope * size
            writer.writerow([size, "%.3f" % bulk_points[size], "%.3f" % loop_seconds, "measured" if measured else "extrapolated"])
    return intercept, slope


def describe(values):
    return "best %.3f s, median %.3f s, runs %s" % (min(values), statistics.median(values), " ".join("%.3f" % value for value in values))


def report(args, startup, bulk, loop_wall):
    a_best = min(play.wall for play in startup)
    b_best = min(run.play.wall for run in bulk)
    ideal_requests = args.ids * args.latency_ms / 1000.0 / args.concurrency
    floor = a_best + ideal_requests
    per_b, per_c = b_best / args.ids, loop_wall / args.loop
    print("(a) empty list, start-up:            %s" % describe([play.wall for play in startup]))
    print("(b) %d ids at concurrency %d:       %s" % (args.ids, args.concurrency, describe([run.play.wall for run in bulk])))
    print("(c) ansible.builtin.uri loop, %d ids: %.3f s" % (args.loop, loop_wall))
    print("floor = (a) + %d x %g ms / %d = %.3f + %.3f = %.3f s" % (args.ids, args.latency_ms, args.concurrency, a_best, ideal_requests, floor))
    print("floor / (b) = %.3f (target >= %.2f: %s)   [best runs; medians give %.3f]" % (
        floor / b_best, FLOOR_TARGET, "met" if floor / b_best >= FLOOR_TARGET else "NOT met",
        (statistics.median(play.wall for play in startup) + ideal_requests) / statistics.median(run.play.wall for run in bulk)))
    print("per resource: (b) %.2f ms, (c) %.1f ms: (b) is %.0fx faster (target >= %dx: %s)" % (
        per_b * 1000, per_c * 1000, per_c / per_b, PER_RESOURCE_TARGET, "met" if per_c / per_b >= PER_RESOURCE_TARGET else "NOT met"))
    print("  without start-up ((x - a) / ids): (b) %.2f ms, (c) %.1f ms: %.0fx" % (
        (b_best - a_best) / args.ids * 1000, (loop_wall - a_best) / args.loop * 1000,
        ((loop_wall - a_best) / args.loop) / ((b_best - a_best) / args.ids)))
    best = min(bulk, key=lambda run: run.play.wall)
    print("(b) best run: client CPU %.2f s (ansible-playbook + module), emulator CPU %s, TCP connections to the emulator %s"
          % (best.play.cpu, "n/a" if best.emulator_cpu is None else "%.2f s" % best.emulator_cpu,
             "n/a" if best.connections is None else best.connections))
    print("(a) client CPU %.2f s" % min(startup, key=lambda play: play.wall).cpu)


def floor_figures(args, startup, bulk):
    """floor / (b) and the overhead beyond the floor in ms per id, from the best runs of (a) and (b)."""
    floor = min(play.wall for play in startup) + args.ids * args.latency_ms / 1000.0 / args.concurrency
    best = min(run.play.wall for run in bulk)
    return {"startup": min(play.wall for play in startup), "bulk": best, "floor_ratio": floor / best,
            "overhead_ms_per_id": (best - floor) / args.ids * 1000}


# (key, header, format, target as printed in the figures CSV)
RELEASE_COLUMNS = (
    ("startup", "(a) s", "%.3f", ""),
    ("bulk", "(b) s", "%.3f", ""),
    ("floor_ratio", "floor / (b)", "%.3f", ">= %g" % FLOOR_TARGET),
    ("overhead_ms_per_id", "overhead ms/id", "%.3f", "<= %g" % OVERHEAD_TARGET_MS),
)


def phase_medians(startup, bulk):
    """Medians of (b)'s phases: its request phase (the emulator's log), the rest of it (Ansible's and the module's
    start-up and exit), and (b) - (a) of the same turn (the releases take turns: the pairs share the machine's load)."""
    timed = [run for run in bulk if run.requests is not None]
    return {"requests": statistics.median(run.requests for run in timed),
            "rest": statistics.median(run.play.wall - run.requests for run in timed),
            "paired": statistics.median(run.play.wall - play.wall for play, run in zip(startup, bulk))}


PHASE_COLUMNS = (("requests", "(b) requests s"), ("rest", "(b) rest s"), ("paired", "(b) - (a) s"))


def report_releases(args, bench, runs):
    """(a), (b), floor / (b) and the overhead beyond the floor, best runs, one column per release, then the medians of
    (b)'s phases; the figures CSV rows."""
    figures = {release: floor_figures(args, *runs[release]) for release in bench.releases}
    groups = [release_header(bench.releases, name) for _key, name, _fmt, _target in RELEASE_COLUMNS]
    print("\nbest runs, side by side (targets for %s: floor / (b) >= %.2f, overhead beyond the floor <= %g ms per id)"
          % (bench.current, FLOOR_TARGET, OVERHEAD_TARGET_MS))
    print("  ".join(top for top, _bottom in groups))
    print("  ".join(bottom for _top, bottom in groups))
    print("  ".join(side_by_side(bench.releases, figures, lambda values, key=key, fmt=fmt: fmt % values[key])
                    for key, _name, fmt, _target in RELEASE_COLUMNS))
    phases = {release: phase_medians(*runs[release]) for release in bench.releases}
    groups = [release_header(bench.releases, name) for _key, name in PHASE_COLUMNS]
    print("medians of (b): its requests (the emulator's first request to its last reply), the rest of it (start-up "
          "and exit), and (b) - (a) of the same turn")
    print("  ".join(top for top, _bottom in groups))
    print("  ".join(bottom for _top, bottom in groups))
    print("  ".join(side_by_side(bench.releases, phases, lambda values, key=key: "%.3f" % values[key]) for key, _name in PHASE_COLUMNS))
    scenario = "%d ids at %g ms, concurrency %d" % (args.ids, args.latency_ms, args.concurrency)
    return [("bench", scenario, release, key, figures[release][key], target)
            for release in bench.releases for key, _name, _fmt, target in RELEASE_COLUMNS]


def measure(args, bench):
    print("emulator latency %g ms, %d ids at concurrency %d, uri loop over %d ids, %d run(s) of (a) and (b); releases %s; "
          "%d CPUs, load average %.2f" % (args.latency_ms, args.ids, args.concurrency, args.loop, args.repeats,
                                          ", ".join(bench.releases), os.cpu_count(), os.getloadavg()[0]), flush=True)
    # The releases take turns, (a) then (b), in alternating order: a drift of the machine's load during the runs
    # falls on both alike instead of on whichever release ran first.
    runs = {release: ([], []) for release in bench.releases}
    for repeat in range(args.repeats):
        for release in bench.releases if repeat % 2 == 0 else bench.releases[::-1]:
            startup, bulk = runs[release]
            startup.append(run_bulk(bench, 0, args.concurrency, release).play)
            bulk.append(run_bulk(bench, args.ids, args.concurrency, release))
    startup, bulk = runs[bench.current]
    loop_wall = run_uri_loop(bench, args.loop)
    report(args, startup, bulk, loop_wall)
    rows = report_releases(args, bench, runs)
    if args.figures:
        write_figures(args.figures, rows)
    print("load average after the runs %.2f (other processes on the machine make every figure worse)" % os.getloadavg()[0])
    if args.csv:
        sizes = sorted({1, 10, 100, args.ids} | {args.loop})
        bulk_points = {args.ids: min(run.play.wall for run in bulk)}
        bulk_points.update((size, min(run_bulk(bench, size, args.concurrency).play.wall for repeat in range(args.repeats)))
                           for size in sizes if size not in bulk_points)
        loop_points = {args.loop: loop_wall}
        loop_points.update((size, run_uri_loop(bench, size)) for size in (1, 10) if size < args.loop)
        intercept, slope = write_csv(args.csv, bulk_points, loop_points, sizes)
        print("CSV %s: uri loop extrapolated as %.3f s + %.1f ms per id" % (args.csv, intercept, slope * 1000))
    if args.profile:
        from profiling import profile_module  # pylint: disable=import-outside-toplevel  # only with --profile
        profile_module(bench, args)


def main(argv=None):
    args = parse_args(argv)
    return run_benchmark(measure, args, args.latency_ms)


if __name__ == "__main__":
    sys.exit(main())
