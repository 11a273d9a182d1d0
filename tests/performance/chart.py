"""Charts of the benchmarks' CSVs with matplotlib: ``python tests/performance/chart.py figures OUT.svg CSV...`` or
``python tests/performance/chart.py wall-time bench.csv OUT.svg``.

figures: the CSVs that bench.py, throttled.py and soak.py write with --figures (one row per scenario,
release and figure); one panel per figure that has a target, a bar per scenario and release, the
target as a dashed line. wall-time: bench.py --csv, wall time against the number of ids for one bulk
task and for an ansible.builtin.uri loop, on log-log axes (the two differ by orders of magnitude),
extrapolated loop points hollow on a dashed line. The format follows OUT's extension (svg, png, pdf).
"""

import argparse
import csv
import re
from collections import OrderedDict

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402  pylint: disable=wrong-import-position

# The same SVG bytes for the same CSV: no date, fixed ids.
matplotlib.rcParams["svg.hashsalt"] = "hwc.cleanup"
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: a smaller file, searchable
METADATA = {"svg": {"Date": None}, "png": {}, "pdf": {"CreationDate": None}}
RELEASE_COLOURS = ("#1f6fb2", "#c4452c", "#4d9a4a", "#8a5fb0")
BAR_HEIGHT = 0.8
TARGET = re.compile(r"^\s*(>=|<=)\s*([0-9.]+)\s*$")


def read_rows(paths):
    rows = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    if not rows:
        raise SystemExit("%s: no rows" % ", ".join(paths))
    return rows


def panels(rows):
    """{(benchmark, figure, target): {scenario: {release: value or None}}}, in the CSVs' order, figures with a
    target (>= or <= a number) only."""
    grouped = OrderedDict()
    for row in rows:
        if not TARGET.match(row["target"]):
            continue
        scenarios = grouped.setdefault((row["benchmark"], row["figure"], row["target"]), OrderedDict())
        scenarios.setdefault(row["scenario"], OrderedDict())[row["release"]] = float(row["value"]) if row["value"] else None
    return grouped


def draw_panel(axes, title, target, scenarios):
    releases = list(OrderedDict.fromkeys(release for values in scenarios.values() for release in values))
    height = BAR_HEIGHT / len(releases)
    for number, release in enumerate(releases):
        positions = [index + (number - (len(releases) - 1) / 2.0) * height for index in range(len(scenarios))]
        values = [values.get(release) for values in scenarios.values()]
        axes.barh([p for p, v in zip(positions, values) if v is not None], [v for v in values if v is not None],
                  height=height, color=RELEASE_COLOURS[number % len(RELEASE_COLOURS)], label=release)
        for position, value in zip(positions, values):
            if value is None:
                axes.text(0, position, " n/a", va="center", fontsize=7)
    _comparison, limit = TARGET.match(target).groups()
    axes.axvline(float(limit), color="#555", linestyle="--", linewidth=1, label="target %s" % target.strip())
    axes.set_yticks(range(len(scenarios)))
    axes.set_yticklabels(list(scenarios), fontsize=8)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=10, loc="left")
    axes.legend(fontsize=8, loc="best")
    axes.grid(axis="x", color="#ddd")


def figures_chart(rows, output):
    grouped = panels(rows)
    if not grouped:
        raise SystemExit("no figure with a target in the CSVs")
    heights = [1.2 + 0.3 * len(scenarios) * len(next(iter(scenarios.values()))) for scenarios in grouped.values()]
    figure, axes_list = plt.subplots(len(grouped), 1, figsize=(9, sum(heights)), squeeze=False,
                                     gridspec_kw={"height_ratios": heights})
    for axes, ((benchmark, name, target), scenarios) in zip(axes_list[:, 0], grouped.items()):
        draw_panel(axes, "%s: %s" % (benchmark, name.replace("_", " ")), target, scenarios)
    save(figure, output)


def wall_time_chart(path, output, title):
    """bench.py --csv: ids, bulk_task_seconds, uri_loop_seconds, uri_loop_source."""
    points = sorted((int(row["ids"]), float(row["bulk_task_seconds"]), float(row["uri_loop_seconds"]),
                     row.get("uri_loop_source", "measured") == "measured") for row in read_rows([path]))
    ids = [point[0] for point in points]
    figure, axes = plt.subplots(figsize=(7.2, 4.4))
    axes.plot(ids, [point[1] for point in points], "o-", color=RELEASE_COLOURS[0], label="one hwc.cleanup.cce_job task with job_ids")
    measured = [point for point in points if point[3]]
    axes.plot([point[0] for point in measured], [point[2] for point in measured], "o-", color=RELEASE_COLOURS[1],
              label="ansible.builtin.uri in a loop, one task per id")
    extrapolated = [point for point in points if not point[3]]
    if extrapolated:
        joined = measured[-1:] + extrapolated
        axes.plot([point[0] for point in joined], [point[2] for point in joined], "--", color=RELEASE_COLOURS[1])
        axes.plot([point[0] for point in extrapolated], [point[2] for point in extrapolated], "o", markerfacecolor="white",
                  color=RELEASE_COLOURS[1], label="extrapolated from the measured loop runs")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("number of ids (log scale)")
    axes.set_ylabel("wall time, seconds (log scale)")
    axes.set_title(title, fontsize=11, loc="left")
    axes.grid(color="#ddd", which="both")
    axes.legend(fontsize=8)
    save(figure, output)


def save(figure, output):
    figure.tight_layout()
    extension = output.rsplit(".", 1)[-1].lower()
    figure.savefig(output, metadata=METADATA.get(extension))
    plt.close(figure)
    print("chart written to %s" % output)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="panels of the figures CSVs (--figures of bench.py, throttled.py, soak.py)")
    figures.add_argument("output", help="the chart file: .svg, .png or .pdf")
    figures.add_argument("csv", nargs="+", help="figures CSVs")
    wall_time = commands.add_parser("wall-time", help="bench.py --csv: wall time against the number of ids")
    wall_time.add_argument("csv", help="the CSV bench.py --csv wrote")
    wall_time.add_argument("output", help="the chart file: .svg, .png or .pdf")
    wall_time.add_argument("--title", default="Wall time against the number of ids deleted")
    args = parser.parse_args(argv)
    if args.command == "figures":
        figures_chart(read_rows(args.csv), args.output)
    else:
        wall_time_chart(args.csv, args.output, args.title)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
