# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The common options of every module, with their environment fallbacks (docs/authentication.md), and the
checks of those that are neither endpoints nor credentials (check_settings).

The doc fragment hwc.cleanup.common documents exactly these; validate-modules and a unit test
keep the two from drifting.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import check_id


def non_empty_env_fallback(*names):
    """The first of the environment variables ``names`` that is set and not empty.

    Unlike ansible's env_fallback, an empty variable counts as unset: an AWX credential injects
    every variable its type lists, as an empty string for a field left blank, and that must not
    hide a later fallback (nor make ``cloud`` or ``project_id`` invalid).
    """
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise AnsibleFallbackNotFound


def _env(*names):
    return {"fallback": (non_empty_env_fallback, list(names))}


def _option(option_type, *env_names, **extra):
    spec = {"type": option_type}
    spec.update(_env(*env_names))
    spec.update(extra)
    return spec


CREDENTIAL_ENV = {
    "auth_token": ("HWC_AUTH_TOKEN", "HW_AUTH_TOKEN", "OS_AUTH_TOKEN", "OS_TOKEN"),
    "access_key": ("HWC_ACCESS_KEY", "HUAWEICLOUD_SDK_AK", "CLOUD_SDK_AK", "HW_ACCESS_KEY", "OS_ACCESS_KEY"),
    "secret_key": ("HWC_SECRET_KEY", "HUAWEICLOUD_SDK_SK", "CLOUD_SDK_SK", "HW_SECRET_KEY", "OS_SECRET_KEY"),
    "security_token": ("HWC_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_SECURITY_TOKEN", "OS_SECURITY_TOKEN"),
    "username": ("HWC_USERNAME", "HW_USER_NAME", "OS_USERNAME"),
    "password": ("HWC_PASSWORD", "HW_USER_PASSWORD", "OS_PASSWORD"),
    "domain_name": ("HWC_DOMAIN_NAME", "HW_DOMAIN_NAME", "OS_DOMAIN_NAME"),
}
SECRET_OPTIONS = frozenset(("auth_token", "secret_key", "security_token", "password"))

SERVICE_ENV_NAMES = {"codearts_build": "CODEARTS_BUILD", "cce": "CCE", "workspace": "WORKSPACE", "dcs": "DCS"}


def common_argument_spec(service=None):
    """Options shared by every module; service picks the endpoint's own environment variable."""
    spec = {
        "cloud": _option("str", "HWC_CLOUD", choices=["huaweicloud", "otc", "otc_swiss"], default="huaweicloud"),
        "region": _option("str", "HWC_REGION", "HUAWEICLOUD_SDK_REGION", "HW_REGION_NAME", "OS_REGION_NAME"),
        "project_id": _option("str", "HWC_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HW_PROJECT_ID", "OS_PROJECT_ID"),
        "iam_endpoint": _option("str", "HWC_IAM_ENDPOINT", "HUAWEICLOUD_SDK_IAM_ENDPOINT", "HW_AUTH_URL", "OS_AUTH_URL"),
        "endpoint": _option("str", *(["HWC_ENDPOINT_URL_" + SERVICE_ENV_NAMES[service]] if service else []) + ["HWC_ENDPOINT_URL"]),
        "allow_insecure_http": _option("bool", "HWC_ALLOW_INSECURE_HTTP", default=False),
        "validate_certs": _option("bool", "HWC_VALIDATE_CERTS", default=True),
        "ca_path": _option("path", "HWC_CA_PATH"),
        "timeout": _option("float", "HWC_TIMEOUT", default=30.0),
        "retries": _option("int", "HWC_RETRIES", default=5),
        "concurrency": _option("int", "HWC_CONCURRENCY", default=8),
        "deadline": _option("float", "HWC_DEADLINE", default=1800.0),
    }
    for name, env_names in CREDENTIAL_ENV.items():
        spec[name] = _option("str", *env_names, no_log=name in SECRET_OPTIONS)
    return spec


MAX_CONCURRENCY = 64


def check_settings(params):
    """The common options that are not endpoints or credentials."""
    if not 1 <= params["concurrency"] <= MAX_CONCURRENCY:
        raise ConfigurationError("concurrency %r is out of range 1-%d" % (params["concurrency"], MAX_CONCURRENCY))
    if params["timeout"] <= 0:
        raise ConfigurationError("timeout %r must be more than 0 seconds" % (params["timeout"],))
    if params["retries"] < 0:
        raise ConfigurationError("retries %r must be 0 or more" % (params["retries"],))
    if params["deadline"] <= 0:
        raise ConfigurationError("deadline %r must be more than 0 seconds" % (params["deadline"],))
    if params["project_id"] is not None:
        check_id("project_id", params["project_id"])
