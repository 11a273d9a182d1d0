# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The admin API under /_emulator/: unauthenticated, for loopback peers only, never delayed, faulted, throttled or logged."""

import ipaddress

from .protocol import ApiError, Response

PREFIX = "/_emulator/"


def is_admin_path(path):
    return path.startswith(PREFIX)


def _is_loopback(peer):
    address = ipaddress.ip_address(peer)
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def _payload(request):
    try:
        return request.json_body() if request.body else {}
    except ValueError:
        raise ApiError(400, {"error": "the body is not JSON"}) from None


def _reset(app, _request):
    app.store.reset()
    app.faults.configure({})  # all defaults: no latency, faults, rate limit or outage
    app.lockout.reset()  # no failures counted, no key locked
    app.configure_replies({})  # all defaults: no chosen replies, the default AK/SK lockout
    return {"reset": True}


def _seed(app, request):
    return {"seeded": app.store.seed(_payload(request))}


def _clear_requests(app, _request):
    return {"cleared": app.store.clear_request_log()}


ACTIONS = {
    ("POST", "reset"): _reset,
    ("POST", "seed"): _seed,
    ("GET", "state"): lambda app, _request: dict(app.store.snapshot(), ak_lockouts=app.lockout.lockouts()),
    ("GET", "requests"): lambda app, _request: {"requests": app.store.request_log()},
    ("DELETE", "requests"): _clear_requests,
    ("GET", "faults"): lambda app, _request: app.faults.current(),
    ("POST", "faults"): lambda app, request: app.faults.configure(_payload(request)),
    ("GET", "replies"): lambda app, _request: app.replies.current(),
    ("POST", "replies"): lambda app, request: app.configure_replies(_payload(request)),
}


def handle(app, request, peer):
    if not _is_loopback(peer):
        return Response(403, {"error": "the admin API answers loopback clients only"})
    action = ACTIONS.get((request.method, request.path[len(PREFIX):].strip("/")))
    if action is None:
        return Response(404, {"error": "no admin route %s %s; routes: %s" % (
            request.method, request.path, ", ".join("%s %s%s" % (method, PREFIX, name) for method, name in ACTIONS))})
    try:
        return Response(200, action(app, request))
    except ValueError as error:
        return Response(400, {"error": str(error)})
    except ApiError as error:
        return error.response
