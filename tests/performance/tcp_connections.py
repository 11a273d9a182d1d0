"""How many TCP connections clients opened to a local port, from the system's connection table (psutil).

A connection stays listed after it closes (TIME_WAIT, about 60 s), so a few samples per second
see every connection of a run: a pooled client shows its pool size, a client without keep-alive
one connection per request.
"""

import threading

import psutil


def client_ports(server_port):
    """Ports of the client ends of every listed connection to ``server_port``; None where the table cannot be read."""
    try:
        connections = psutil.net_connections(kind="tcp")
    except psutil.AccessDenied:
        return None
    ports = set()
    for connection in connections:
        if connection.status == psutil.CONN_LISTEN or not connection.raddr:
            continue
        if connection.raddr.port == server_port:
            ports.add(connection.laddr.port)
        elif connection.laddr.port == server_port:
            ports.add(connection.raddr.port)
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
