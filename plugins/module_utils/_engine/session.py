# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""From the checked options to a connected client, in two steps: check everything that needs no network, then connect.

Session(params, resource) raises ConfigurationError for a bad endpoint (where each service lives: the cloud x
region x service table and the overrides), credential (which one the options give) or absent_error_codes before a
single request (the other common options: module.check_settings); open() then makes the transport and at most one
IAM call (a password token, or the project of a region for AK/SK). project_info and the projects inventory make
their own IAM calls with the session's transport and credential.
"""

import ipaddress
import os
import re

from ansible_collections.hwc.cleanup.plugins.module_utils._engine import auth
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import REGION_PATTERN
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import URL_USERINFO, ConfigurationError, shown_value
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.replies import (
    ROUTE_MISSING_CODES, Client, ReplyRules, is_gateway_code)

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

URL_PATTERN = re.compile(r"^https?://([^/?#]+)(/[^?#]*)?$")  # after the checks of '@' and of the characters
# The host of a URL: an IPv6 address in brackets, or DNS labels (IPv4 addresses among them).
LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
HOST_NAME = re.compile(r"^%s(?:\.%s)*\.?$" % (LABEL, LABEL))
IPV6_HOST = re.compile(r"^\[[0-9A-Fa-f:.]+\]$")  # no zone (%eth0): urllib3 wants it written %25eth0
PORT = re.compile(r"^[0-9]{1,5}$")


def check_region_shape(region):
    """Refuse a region that could change the host name it is put into, or the project name IAM is asked for."""
    if not REGION_PATTERN.fullmatch(region):
        raise ConfigurationError("region %s is not a region name such as 'eu-de' or 'cn-north-4'" % shown_value(region))


def check_region(cloud, region):
    """Refuse a region of the wrong shape, or that the cloud lacks."""
    if not region:
        raise ConfigurationError("region is required to derive the endpoint: set region (or HWC_REGION), "
                                 "or give endpoint and iam_endpoint explicitly")
    check_region_shape(region)
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
    """A user-given endpoint URL, without its trailing slash; plain http only to loopback unless allowed. Whatever
    the transport could not send to is refused here, naming the option, rather than failing in it."""
    shown = shown_value(URL_USERINFO.sub(r"\1***@", url or ""))  # a user and password are never shown
    if "@" in (url or ""):
        raise ConfigurationError("%s %s contains '@' (a user or password?): credentials go in their own options, never "
                                 "in the URL" % (option, shown))
    # Printable ASCII only: a space or a control character breaks the request line, and a look-alike letter in a
    # host name would reach another host.
    strange = next((char for char in url or "" if not " " < char < "\x7f"), None)
    if strange is not None:
        raise ConfigurationError("%s %s contains %r (U+%04X), which is not a printable ASCII character%s"
                                 % (option, shown, strange, ord(strange),
                                    "" if strange.isascii() else " (a host name in another script is written in its xn-- form)"))
    matched = URL_PATTERN.fullmatch(url or "")
    if not matched:
        raise ConfigurationError("%s %s is not an http(s) URL such as https://host[:port][/path]" % (option, shown))
    host, port = _host_and_port(matched.group(1))
    if port is not None and not (PORT.fullmatch(port) and 0 < int(port) < 65536):
        # Port 0 too: the transport would silently send to the scheme's default port.
        raise ConfigurationError("%s %s has the port %s, not a number from 1 to 65535" % (option, shown, shown_value(port)))
    if not _is_host(host):
        raise ConfigurationError("%s %s has the host %s, which is neither a host name nor an IP address (an IPv6 address "
                                 "goes in brackets)" % (option, shown, shown_value(host)))
    host = host.strip("[]")
    if url.startswith("http://") and not allow_insecure_http and not is_loopback(host):
        raise ConfigurationError("%s uses plain http to %s, which is not a loopback address: the password, token or "
                                 "request signature would travel in clear text. Use https, or set allow_insecure_http "
                                 "(HWC_ALLOW_INSECURE_HTTP) to true if this network is trusted" % (option, host))
    return url.rstrip("/")


def _host_and_port(netloc):
    """(host, the text after its ':' or None) of a URL's host[:port]; an IPv6 host is in brackets."""
    end = (netloc.index("]") + 1 if "]" in netloc else len(netloc)) if netloc.startswith("[") else 0
    rest, colon, port = netloc[end:].partition(":")
    return netloc[:end] + rest, port if colon else None


def _is_host(host):
    if IPV6_HOST.fullmatch(host):
        try:
            return ipaddress.ip_address(host[1:-1]).version == 6
        except ValueError:
            return False
    return bool(HOST_NAME.fullmatch(host))


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


def check_ca_bundle(validate_certs, ca_path):
    """requests refuses a CA bundle that is not there only when it connects, with an error the task cannot report."""
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.transport import ca_bundle  # as open() does

    bundle = ca_bundle(validate_certs, ca_path)
    if bundle and not (os.path.exists(bundle[1]) and os.access(bundle[1], os.R_OK)):
        raise ConfigurationError("%s %s, the CA bundle that TLS certificates are verified against, is not a readable "
                                 "file or directory" % (bundle[0], shown_value(bundle[1])))


# The environment variables of each credential option, first set and not empty wins (docs/authentication.md).
CREDENTIAL_ENV = {
    "auth_token": ("HWC_AUTH_TOKEN", "HW_AUTH_TOKEN", "OS_AUTH_TOKEN", "OS_TOKEN"),
    "access_key": ("HWC_ACCESS_KEY", "HUAWEICLOUD_SDK_AK", "CLOUD_SDK_AK", "HW_ACCESS_KEY", "OS_ACCESS_KEY"),
    "secret_key": ("HWC_SECRET_KEY", "HUAWEICLOUD_SDK_SK", "CLOUD_SDK_SK", "HW_SECRET_KEY", "OS_SECRET_KEY"),
    "security_token": ("HWC_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_SECURITY_TOKEN", "OS_SECURITY_TOKEN"),
    "username": ("HWC_USERNAME", "HW_USER_NAME", "OS_USERNAME"),
    "password": ("HWC_PASSWORD", "HW_USER_PASSWORD", "OS_PASSWORD"),
    "domain_name": ("HWC_DOMAIN_NAME", "HW_DOMAIN_NAME", "OS_DOMAIN_NAME"),
}


def _named(option):
    return "%s (%s)" % (option, ", ".join(CREDENTIAL_ENV[option]))


def _require_together(params, options):
    given = [name for name in options if params.get(name)]
    if given and len(given) < len(options):
        missing = [name for name in options if not params.get(name)]
        raise ConfigurationError("%s given without %s" % (" and ".join(given), " and ".join(_named(m) for m in missing)))
    return bool(given)


# Credentials that travel in a header or sign one: visible ASCII only. A line break (a YAML "|" block keeps its last
# one) or a space would fail the request as it is sent, in an error that quotes the header in an escaped form no
# masking recognizes.
HEADER_CREDENTIALS = ("auth_token", "access_key", "secret_key", "security_token")
VISIBLE_ASCII = re.compile(r"^[!-~]+$")


def choose_credential(params):
    """The kind of credential the options give, in the documented order; an error before any request if none, or if
    one could not be sent as given (its value never shown)."""
    for name in HEADER_CREDENTIALS:
        if params.get(name) and not VISIBLE_ASCII.fullmatch(params[name]):
            raise ConfigurationError("%s has a line break, a space or a character that is not ASCII, which no credential "
                                     "has (a YAML '|' block keeps its last line break: use '|-'); its value is not shown"
                                     % _named(name))
    if params.get("auth_token"):
        return "token"
    if _require_together(params, ("access_key", "secret_key")):
        return "aksk"
    if _require_together(params, ("username", "password", "domain_name")):
        return "password"
    raise ConfigurationError(
        "no credentials: give auth_token, or access_key and secret_key (optionally security_token), "
        "or username, password and domain_name. Looked for the options and the environment variables "
        + "; ".join(_named(option) for option in ("auth_token", "access_key", "secret_key", "username", "password", "domain_name")))


def check_absent_codes(codes):
    """The user's absent_error_codes, refusing the gateway's and the route-missing ones: they never mean that a
    resource is gone."""
    for code in codes or ():
        if not isinstance(code, str) or not code.strip() or any(char.isspace() for char in code):
            raise ConfigurationError("absent_error_codes: %s is not an error code such as DCS.4133" % shown_value(code))
        if is_gateway_code(code) or code in ROUTE_MISSING_CODES:
            raise ConfigurationError("absent_error_codes: %s is the code of a request that reached no API (a wrong "
                                     "endpoint); it never means that a resource is absent" % shown_value(code))
    return tuple(codes or ())


class Session:
    """One module run's connection to the resource's service; ``resource`` None for IAM only (hwc.cleanup.auth)."""

    def __init__(self, params, resource=None, need_project=None, need_iam=False):
        """``need_project`` False: no project is looked up (the projects inventory lists them all); ``need_iam``:
        the caller makes IAM calls of its own (project_info, the inventory), so the IAM endpoint is always needed."""
        self.params = params
        self.resource = resource
        self.need_project = (resource is None or resource.project_scoped) if need_project is None else need_project
        self.rules = ReplyRules.of(resource, check_absent_codes(params.get("absent_error_codes"))) if resource else None
        self.base_url = service_endpoint(params["cloud"], params["region"], resource.service, params["endpoint"],
                                         params["allow_insecure_http"]) if resource else None
        self.kind = choose_credential(params)
        self.project_id = params["project_id"]
        self.project = None  # project_facts of the project looked up, when one was
        lookup = self.need_project and not self.project_id
        if lookup and self.kind == "token":
            raise ConfigurationError("project_id is required with auth_token (hwc.cleanup.auth returns it), "
                                     "or set HWC_PROJECT_ID")
        needs_iam = need_iam or self.kind == "password" or lookup
        if needs_iam and lookup and not params["region"]:
            raise ConfigurationError("region is required to find the project id; or set project_id")
        if self.kind == "password" and not (self.project_id or params["region"]):
            raise ConfigurationError("region is required to scope the password token to the project named after it; "
                                     "or set project_id")
        self.iam_url = iam_endpoint(params["cloud"], params["region"], params["iam_endpoint"],
                                    params["allow_insecure_http"]) if needs_iam else None
        if any(url and url.startswith("https://") for url in (self.base_url, self.iam_url)):
            check_ca_bundle(params["validate_certs"], params["ca_path"])
        self.transport = None
        self.credential = None
        self.client = None  # once open, the Client of the resource's service, with the resource's reply rules

    def open(self, requests_lib):
        """The transport and the credential, then the project id when it must be looked up, and the client."""
        from ansible_collections.hwc.cleanup.plugins.module_utils._engine.transport import Transport

        params = self.params
        self.transport = Transport(requests_lib, params["timeout"], params["retries"], params["validate_certs"],
                                   params["ca_path"], pool_size=params["concurrency"], deadline=params["deadline"])
        self.credential = auth.credential(self.kind, params, self.transport, self.iam_url)
        if self.need_project and not self.project_id:
            # A password token names its project; AK/SK asks IAM for the project named after the region.
            token_project = getattr(self.credential, "project", None)
            self.project = auth.project_facts(token_project) if token_project and token_project.get("id") else \
                auth.project_by_region(self.transport, self.iam_url, self.credential, params["region"])
            self.project_id = self.project["id"]
        if self.resource is not None:
            self.client = Client(self.transport, self.base_url, self.credential,
                                 self.project_id if self.resource.project_scoped else None, self.rules)
        return self

    def close(self):
        if self.transport is not None:
            self.transport.close()
