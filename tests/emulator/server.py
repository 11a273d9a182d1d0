# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP server: one thread per connection, routing, authentication, faults and the request log.

Why the standard library's ThreadingHTTPServer: see docs/emulator.md.
"""

import json
import socket
import struct
import sys
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import admin, auth, iam, services
from .faults import STATUS_FAULTS, TOKEN_FAULTS, Faults
from .protocol import ApiError, Request, Response, gateway_error, new_request_id, utc_now
from .replies import JSON_TYPE, Replies
from .routing import find_route
from .seeding import format_time
from .store import Store

ROUTES = iam.ROUTES + services.ROUTES
GATEWAY_FAULTS = {429: "throttled", 502: "bad_gateway", 503: "unavailable", 504: "gateway_timeout"}
LISTEN_BACKLOG = 128


class App:
    """Everything but the socket: state, faults, chosen replies, and how one request becomes a response."""

    def __init__(self, verbose=False):
        self.store = Store()
        self.faults = Faults()
        self.replies = Replies()
        self.lockout = auth.AkLockout()
        self.configure_replies({})
        self.verbose = verbose

    def configure_replies(self, payload):
        """POST /_emulator/replies: the whole configuration replaced; the lockout takes its new limits."""
        config = self.replies.configure(payload)
        self.lockout.configure(config["ak_lockout"])
        return config

    def error_response(self, error):
        """The reply of an ApiError: the one a test chose for that error of the service, else its own."""
        chosen = self.replies.error_reply(*error.kind) if error.kind else None
        return error.response if chosen is None else chosen

    def process(self, request, route):
        """The response of the route (authentication, project check, canned reply or handler), or its error reply."""
        try:
            if route is None:
                raise gateway_error(request, "no_route")
            if route.authenticated:
                request.caller = auth.authenticate(request, self.store, self.lockout)
            if route.project_param and not iam.may_act_in(self.store, request.caller, request.params[route.project_param]):
                raise services.project_mismatch(route.service)
            if route.service in services.SERVICES:
                canned = self.replies.route_reply(route)
                if canned is not None:
                    return canned
                request.page_cap = self.replies.page_cap(route.service)
            return route.handler(request, self.store)
        except ApiError as error:
            return self.error_response(error)
        except Exception:  # pylint: disable=broad-except  # an emulator bug: say so instead of dropping the connection
            traceback.print_exc()
            return Response(500, {"error_code": "EMULATOR.0500", "error_msg": "emulator bug: %s" % traceback.format_exc(limit=1)})

    def fault_response(self, request, route, kind, retry_after):
        """The reply of an injected status fault: the gateway's body, or the service's own for 500."""
        if kind == 500:
            return self.error_response(services.service_error(route.service, "internal"))
        headers = {"Retry-After": str(retry_after)} if kind == 429 and retry_after is not None else None
        return gateway_error(request, GATEWAY_FAULTS[kind], headers=headers).response

    @staticmethod
    def throttled_response(request, rate, retry_after):
        """The gateway's 429 of the rate limit, with the limit in the message as APIG words it."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        response = gateway_error(request, GATEWAY_FAULTS[429], headers=headers).response
        response.body["error_msg"] = "%s,limit:%s,time:1 second" % (response.body["error_msg"], "%g" % rate)
        return response

    def log(self, request, route, status, fault):
        # Only what identifies the call: never a header, a token, a body or a signature. The access key is
        # not a secret; it is logged as presented, also when the signature was refused.
        auth_kind, access_key = auth.presented(request)
        entry = {"method": request.method, "path": request.path, "query": request.query, "status": status,
                 "auth": auth_kind, "service": route.service if route else "unknown",
                 "request_id": request.request_id, "time": format_time(utc_now())}
        if access_key:
            entry["access_key"] = access_key
        if fault is not None:
            entry["fault"] = fault
        self.store.log_request(entry)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the client's delayed ACK
    # (about 40 ms on Linux) on every keep-alive request.
    disable_nagle_algorithm = True

    def version_string(self):
        return "api-gateway"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin  # the base class's signature
        if self.server.app.verbose:
            super().log_message(format, *args)

    def _read_body(self):
        """The body, or None when its length is not given (chunked bodies are not supported)."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return None
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower() or length < 0:
            return None
        return self.rfile.read(length) if length else b""

    def _send(self, response, request_id):
        if response.raw is not None:
            payload, content_type = response.raw, response.content_type
        else:
            payload = b"" if response.body is None else json.dumps(response.body).encode("utf-8")
            content_type = JSON_TYPE
        self.send_response(response.status)
        self.send_header("X-Request-Id", request_id)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if payload:
            self.send_header("Content-Type", content_type)
        if response.status != 204:
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    def _reset_connection(self):
        """Drop the connection with a TCP RST and no reply: SO_LINGER 0, then close."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _handle(self):
        app = self.server.app
        body = self._read_body()
        if body is None:
            self.close_connection = True
            self._send(Response(411, {"error": "send a valid Content-Length; chunked bodies are not supported"}), new_request_id())
            return
        path, _separator, query = self.path.partition("?")
        request = Request(self.command, path, query, self.headers, body)
        if admin.is_admin_path(path):
            self._send(admin.handle(app, request, self.client_address[0]), request.request_id)
            return
        route, request.params = find_route(ROUTES, self.command, path)
        # Drawn before the sleep, and the sleep holds no lock: latency cannot serialize requests. An outage,
        # a throttled request or a status fault never reaches authentication or the handler: nothing changes.
        injectable = route is not None and route.service in services.SERVICES
        token = auth.token_of(request) if injectable else None
        decision = app.faults.decide(self.command, injectable=injectable, token=token is not None)
        if decision.kind in TOKEN_FAULTS:
            # Revoked at once, not after the latency: a concurrent request with the same token is refused too.
            auth.revoke_token(app.store, token)
        if decision.latency_seconds:
            time.sleep(decision.latency_seconds)
        kind = decision.kind
        if kind in ("reset", "timeout"):
            app.log(request, route, None, decision.fault)
            if kind == "timeout":
                time.sleep(decision.timeout_seconds)
                self.close_connection = True
            else:
                self._reset_connection()
            return
        if decision.fault == "throttled":
            response = app.throttled_response(request, decision.limit, decision.retry_after)
        elif kind in STATUS_FAULTS:
            response = app.fault_response(request, route, kind, decision.retry_after)
        elif kind in TOKEN_FAULTS:
            # The gateway's answer to an expired token, before authentication or the handler: nothing applied.
            response = gateway_error(request, "bad_token").response
        else:
            response = app.process(request, route)
        app.log(request, route, response.status, decision.fault)
        if kind == "lost_reply":
            self._reset_connection()
            return
        self._send(response, request.request_id)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, host, port, app):
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.app = app
        super().__init__((host, port), Handler)

    def handle_error(self, request, client_address):
        # A client that went away (or a connection a fault dropped) is not an emulator error.
        if isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout)):
            return
        super().handle_error(request, client_address)
