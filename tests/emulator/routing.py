# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route declarations and path matching (``{name}`` stands for one path segment)."""

from collections import namedtuple
from urllib.parse import unquote

# service: name used in the request log and for error shapes; authenticated: AK/SK or token required;
# project_param: the path parameter that must name a project the caller may act in (else 403; iam.may_act_in), or None.
Route = namedtuple("Route", "service method pattern handler authenticated project_param")


def _match_pattern(pattern, path):
    pattern_segments = pattern.strip("/").split("/")
    path_segments = path.strip("/").split("/")
    if len(pattern_segments) != len(path_segments):
        return None
    params = {}
    for expected, actual in zip(pattern_segments, path_segments):
        if expected.startswith("{") and expected.endswith("}"):
            if not actual:
                return None
            params[expected[1:-1]] = unquote(actual)
        elif expected != actual:
            return None
    return params


def find_route(routes, method, path):
    """(route, path parameters) of the route for method and path, or (None, {}).

    A known path with another method is not a match: the gateway answers APIGW.0101 for both.
    research: https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html (404 APIGW.0101 "The
    API does not exist", described as "The request method does not exist")
    """
    for route in routes:
        if route.method != method:
            continue
        params = _match_pattern(route.pattern, path)
        if params is not None:
            return route, params
    return None, {}
