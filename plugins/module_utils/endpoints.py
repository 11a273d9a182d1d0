# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where each service lives: the cloud x region x service table and the overrides."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import shown_value

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover
    from urlparse import urlsplit

# research: https://developer.huaweicloud.com/intl/en-us/endpoint (Huawei Cloud endpoints), the region files of
# the official Python SDK 3.1.219 (tests/unit/plugins/module_utils/fixtures/sdk_regions.json, made by
# scripts/sdk_regions.py, which a unit test compares with this table) and
# https://docs.otc.t-systems.com/regions-and-endpoints/index.html (T Cloud Public, eu-de / eu-nl,
# Swiss eu-ch2 under sc.otc.t-systems.com). CodeArts Build and Workspace are not offered on OTC.
CLOUDS = {
    "huaweicloud": {
        "domain": "myhuaweicloud.com",
        "regions": None,  # many, and new ones appear: not checked beyond their shape
        "iam_host": "iam.{region}",
        "services": {"codearts_build": "cloudbuild-ext", "cce": "cce", "workspace": "workspace", "dcs": "dcs"},
        # Hosts off the <service>.<region>.<domain> pattern. eu-west-101 (Dublin) is under myhuaweicloud.eu for IAM
        # and CCE (SDK region files), and CodeArts Build (https://support.huaweicloud.com/eu/api-codeci/
        # cloudbuild_03_0003.html); DCS and Workspace stay under myhuaweicloud.com there (SDK region files).
        "hosts": {
            ("iam", "eu-west-101"): "iam.eu-west-101.myhuaweicloud.eu",
            ("cce", "eu-west-101"): "cce.eu-west-101.myhuaweicloud.eu",
            ("codearts_build", "eu-west-101"): "build-backend.eu-west-101.myhuaweicloud.eu",
        },
    },
    "otc": {
        "domain": "otc.t-systems.com",
        "regions": ("eu-de", "eu-nl"),
        "iam_host": "iam.{region}",
        "services": {"cce": "cce", "dcs": "dcs"},
    },
    "otc_swiss": {
        "domain": "sc.otc.t-systems.com",
        "regions": ("eu-ch2",),
        "iam_host": "iam-pub.{region}",
        "services": {"cce": "cce", "dcs": "dcs"},
    },
}

SERVICE_LABELS = {"codearts_build": "CodeArts Build", "cce": "CCE", "workspace": "Workspace", "dcs": "DCS"}

REGION_PATTERN = re.compile(r"^[a-z]{2}(-[a-z0-9]+){1,3}$")
URL_PATTERN = re.compile(r"^https?://[^/?#@\s]+(/[^?#\s]*)?$")
USERINFO = re.compile(r"^([a-z]+://)[^@/]*@", re.IGNORECASE)


def check_region(cloud, region):
    """Refuse a region that could change the host name it is put into, or that the cloud lacks."""
    if not region:
        raise ConfigurationError("region is required to derive the endpoint: set region (or HWC_REGION), "
                                 "or give endpoint and iam_endpoint explicitly")
    if not REGION_PATTERN.fullmatch(region):
        raise ConfigurationError("region %s is not a region name such as 'eu-de' or 'cn-north-4'" % shown_value(region))
    known = CLOUDS[cloud]["regions"]
    if known and region not in known:
        raise ConfigurationError("region %s is not a region of cloud %r (%s)" % (shown_value(region), cloud, ", ".join(known)))


def is_loopback(host):
    """127.0.0.0/8, ::1 or localhost: plain http there never leaves the machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(option, url, allow_insecure_http=False):
    """A user-given endpoint URL, without its trailing slash; plain http only to loopback unless allowed."""
    if not URL_PATTERN.fullmatch(url or ""):
        shown = USERINFO.sub(r"\1***@", url or "")  # never echo a password written into a URL
        raise ConfigurationError("%s %s is not an http(s) URL such as https://host[:port][/path]" % (option, shown_value(shown)))
    host = urlsplit(url).hostname or ""
    if url.startswith("http://") and not allow_insecure_http and not is_loopback(host):
        raise ConfigurationError("%s uses plain http to %s, which is not a loopback address: the password, token or "
                                 "request signature would travel in clear text. Use https, or set allow_insecure_http "
                                 "(HWC_ALLOW_INSECURE_HTTP) to true if this network is trusted" % (option, host))
    return url.rstrip("/")


def service_endpoint(cloud, region, service, override=None, allow_insecure_http=False):
    if override:
        return check_url("endpoint", override, allow_insecure_http)
    host = CLOUDS[cloud]["services"].get(service)
    if host is None:
        raise ConfigurationError("%s is not offered on cloud %r; give its URL in endpoint (or HWC_ENDPOINT_URL_%s)"
                                 % (SERVICE_LABELS[service], cloud, service.upper()))
    check_region(cloud, region)
    return "https://" + _host(cloud, region, service, "%s.%s.%s" % (host, region, CLOUDS[cloud]["domain"]))


def iam_endpoint(cloud, region, override=None, allow_insecure_http=False):
    """IAM base URL without the /v3 suffix, which users may or may not write."""
    if override:
        url = check_url("iam_endpoint", override, allow_insecure_http)
        return url[:-3] if url.endswith("/v3") else url
    check_region(cloud, region)
    return "https://" + _host(cloud, region, "iam", "%s.%s" % (CLOUDS[cloud]["iam_host"].format(region=region),
                                                               CLOUDS[cloud]["domain"]))


def _host(cloud, region, service, usual):
    return CLOUDS[cloud].get("hosts", {}).get((service, region), usual)
