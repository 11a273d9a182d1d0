"""How many TCP connections clients opened to a local port, read from Linux's /proc/net/tcp.

A connection stays listed after it closes (TIME_WAIT, about 60 s), so a few samples per second
see every connection of a run: a pooled client shows its pool size, a client without keep-alive
one connection per request.
"""

import threading

PROC_NET_TCP = "/proc/net/tcp"
LISTEN_STATE = "0A"


def client_ports(server_port):
    """Ports of the client ends of every listed connection to ``server_port``; None without /proc."""
    try:
        with open(PROC_NET_TCP, encoding="ascii") as handle:
            rows = handle.read().splitlines()[1:]
    except OSError:
        return None
    ports = set()
    for row in rows:
        fields = row.split()
        local, remote, state = int(fields[1].rsplit(":", 1)[1], 16), int(fields[2].rsplit(":", 1)[1], 16), fields[3]
        if state == LISTEN_STATE:
            continue
        if remote == server_port:
            ports.add(local)
        elif local == server_port:
            ports.add(remote)
    return ports


class ConnectionCounter:
    """Samples while a ``with`` block runs; ``opened`` is the number of connections new since it began."""

    def __init__(self, server_port, interval=0.05):
        self.server_port = server_port
        self.interval = interval
        self.opened = None
        self._before = set()
        self._seen = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while True:
            ports = client_ports(self.server_port)
            if ports is None:
                return
            self._seen |= ports
            if self._stop.wait(self.interval):
                return

    def __enter__(self):
        self._before = client_ports(self.server_port)
        if self._before is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        if self._before is None:
            return
        self._thread.join()
        self._seen |= client_ports(self.server_port) or set()
        self.opened = len(self._seen - self._before)
