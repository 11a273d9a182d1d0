"""Chart of bench.py's CSV as an SVG: ``python tests/performance/chart.py results.csv docs/images/wall-time.svg``.

Wall time against the number of ids, for one bulk task and for an ansible.builtin.uri loop, on
log-log axes (the two differ by orders of magnitude). Extrapolated loop points are drawn hollow on
a dashed line. Standard library only, so that the chart needs nothing installed.
"""

import argparse
import csv
import math
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 440
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 50, 60
SERIES = (
    ("bulk_task_seconds", "one hwc.cleanup.cce_job task with job_ids", "#1f6fb2"),
    ("uri_loop_seconds", "ansible.builtin.uri in a loop, one task per id", "#c4452c"),
)


def read_points(path):
    """[(ids, bulk seconds, loop seconds, loop measured?)], sorted by ids."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        raise SystemExit("%s: no rows" % path)
    points = [(int(row["ids"]), float(row["bulk_task_seconds"]), float(row["uri_loop_seconds"]),
               row.get("uri_loop_source", "measured") == "measured") for row in rows]
    return sorted(points)


def decades(low, high):
    """Powers of ten covering [low, high]."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    if first == last:
        last += 1
    return [10.0 ** exponent for exponent in range(first, last + 1)]


class LogScale:
    def __init__(self, ticks, start, length):
        self.low, self.high = math.log10(ticks[0]), math.log10(ticks[-1])
        self.start, self.length = start, length

    def __call__(self, value):
        return self.start + (math.log10(value) - self.low) / (self.high - self.low) * self.length


def label(value):
    return "%g" % value


def render(points, title):
    x_ticks = decades(points[0][0], points[-1][0])
    y_ticks = decades(min(min(p[1], p[2]) for p in points), max(max(p[1], p[2]) for p in points))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x_of = LogScale(x_ticks, LEFT, plot_width)
    y_scale = LogScale(y_ticks, 0, plot_height)

    def y_of(value):
        return TOP + plot_height - y_scale(value)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="sans-serif" font-size="12">' % (WIDTH, HEIGHT, WIDTH, HEIGHT),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="28" font-size="15" font-weight="bold">%s</text>' % (LEFT, escape(title))]
    for tick in x_ticks:
        x = x_of(tick)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x, TOP, x, TOP + plot_height))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x, TOP + plot_height + 18, label(tick)))
    for tick in y_ticks:
        y = y_of(tick)
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (LEFT, y, LEFT + plot_width, y))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (LEFT - 8, y + 4, label(tick)))
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#555"/>' % (LEFT, TOP, plot_width, plot_height))
    out.append('<text x="%d" y="%d" text-anchor="middle">number of ids (log scale)</text>' % (LEFT + plot_width / 2, HEIGHT - 18))
    out.append('<text transform="translate(18 %d) rotate(-90)" text-anchor="middle">wall time, seconds (log scale)</text>'
               % (TOP + plot_height / 2))
    for column, (_key, name, colour) in enumerate(SERIES, start=1):
        coordinates = [(x_of(point[0]), y_of(point[column]), column == 1 or point[3]) for point in points]
        measured = [(x, y) for x, y, real in coordinates if real]
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                   % (colour, " ".join("%.1f,%.1f" % (x, y) for x, y in measured)))
        extrapolated = [coordinates[index] for index in range(len(coordinates))
                        if not coordinates[index][2] or (index + 1 < len(coordinates) and not coordinates[index + 1][2])]
        if len(extrapolated) > 1:
            out.append('<polyline fill="none" stroke="%s" stroke-width="2" stroke-dasharray="6 4" points="%s"/>'
                       % (colour, " ".join("%.1f,%.1f" % (x, y) for x, y, _real in extrapolated)))
        for x, y, real in coordinates:
            out.append('<circle cx="%.1f" cy="%.1f" r="4" fill="%s" stroke="%s" stroke-width="2"/>'
                       % (x, y, colour if real else "white", colour))
        legend_y = TOP + 18 * column
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>'
                   % (LEFT + 12, legend_y - 4, LEFT + 36, legend_y - 4, colour))
        out.append('<text x="%d" y="%d">%s</text>' % (LEFT + 42, legend_y, escape(name)))
    if not all(point[3] for point in points):
        out.append('<text x="%d" y="%d" fill="#555">hollow points: extrapolated from the measured loop runs</text>'
                   % (LEFT + 42, TOP + 18 * (len(SERIES) + 1)))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="the CSV bench.py --csv wrote")
    parser.add_argument("svg", help="where to write the chart")
    parser.add_argument("--title", default="Wall time against the number of ids deleted")
    args = parser.parse_args(argv)
    with open(args.svg, "w", encoding="utf-8") as handle:
        handle.write(render(read_points(args.csv), args.title))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
