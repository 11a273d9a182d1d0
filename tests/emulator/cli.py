# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: start the emulator, publish its port, stop cleanly on SIGTERM or SIGINT."""

import argparse
import json
import os
import signal
import sys
import tempfile
import threading

from .faults import FAULT_KINDS, OUTAGE_KINDS
from .server import App, EmulatorServer


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python tests/emulator", description=(
        "A local Huawei Cloud (IAM, CodeArts Build, CCE, Workspace, DCS) for hwc.cleanup's tests. "
        "Admin API under /_emulator/; see docs/emulator.md."))
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default 0)")
    parser.add_argument("--port-file", help="write the port here (atomically) once listening; removed on exit")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay every non-admin request by this much")
    parser.add_argument("--fault-rate", type=float, default=0.0,
                        help="share (0..1) of service requests that fail with one of: %s" % ", ".join(map(str, FAULT_KINDS)))
    parser.add_argument("--seed", type=int, help="random seed that makes the injected faults repeatable")
    parser.add_argument("--rate-limit", type=float, metavar="RPS",
                        help="throttle the four services' requests to RPS a second (token bucket; the gateway's 429)")
    parser.add_argument("--rate-burst", type=int, metavar="N",
                        help="with --rate-limit: tokens the bucket holds (default RPS rounded up, at least 1)")
    parser.add_argument("--rate-limit-no-retry-after", action="store_true",
                        help="with --rate-limit: send throttled replies without a Retry-After header")
    parser.add_argument("--outage", metavar="KINDS",
                        help="start in a total outage: every service request fails with these kinds, in turn, "
                             "comma-separated, of: %s" % ", ".join(map(str, OUTAGE_KINDS)))
    parser.add_argument("--seed-file", help="JSON seed data to load at start (the body of POST /_emulator/seed)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser.parse_args(argv)


def write_atomically(path, text):
    """Readers see no file or the whole file, never a half-written one."""
    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".port-")
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)


def faults_config(args):
    """The initial POST /_emulator/faults body the flags describe; ValueError on flags that need another."""
    config = {"latency_ms": args.latency_ms, "fault_rate": args.fault_rate, "seed": args.seed}
    if args.rate_limit is not None:
        config["rate_limit"] = {"rate": args.rate_limit, "burst": args.rate_burst,
                                "retry_after": not args.rate_limit_no_retry_after}
    elif args.rate_burst is not None or args.rate_limit_no_retry_after:
        raise ValueError("--rate-burst and --rate-limit-no-retry-after need --rate-limit")
    if args.outage is not None:
        config["outage"] = {"kinds": [kind.strip() for kind in args.outage.split(",")]}
    return config


def build_app(args):
    app = App(verbose=args.verbose)
    app.faults.configure(faults_config(args))
    if args.seed_file:
        with open(args.seed_file, encoding="utf-8") as handle:
            app.store.seed(json.load(handle))
    return app


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        app = build_app(args)
    except (OSError, ValueError) as error:
        print("emulator: %s" % error, file=sys.stderr)
        return 2
    server = EmulatorServer(args.host, args.port, app)
    port = server.server_address[1]
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    serving.start()
    if args.port_file:
        write_atomically(args.port_file, "%d\n" % port)
    print("emulator listening on http://%s:%d" % ("[%s]" % args.host if ":" in args.host else args.host, port), flush=True)
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    if args.port_file:
        os.remove(args.port_file)
    return 0
