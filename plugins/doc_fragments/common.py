# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # What every module shares. The options are the twin of common_argument_spec (plugins/module_utils/_engine/
    # module.py): validate-modules and tests/unit keep them equal. The attributes are described here; each module or
    # fragment variable adds its support and details, which ansible-core merges into these.
    DOCUMENTATION = r"""
options:
  cloud:
    description:
      - Which cloud to talk to; with O(region) it gives the default endpoints.
      - V(otc) is T Cloud Public (formerly Open Telekom Cloud, regions C(eu-de), C(eu-nl)); V(otc_swiss) its Swiss region C(eu-ch2).
      - Falls back to the environment variable E(HWC_CLOUD).
    type: str
    choices: [huaweicloud, otc, otc_swiss]
    default: huaweicloud
  region:
    description:
      - Region name, for example C(eu-de) or C(cn-north-4). Used to derive endpoints and, for AK/SK or password
        authentication without O(project_id), to find the project named after the region.
      - Whenever set, also with O(endpoint) and O(iam_endpoint) given, a value that is not shaped like a region name
        fails the task before any request.
      - Falls back to E(HWC_REGION), E(HUAWEICLOUD_SDK_REGION), E(HW_REGION_NAME), E(OS_REGION_NAME), first found wins.
    type: str
  project_id:
    description:
      - The IAM project id. Looked up once per module run when not given (AK/SK by region name; password from the token).
      - Required with O(auth_token), except for CodeArts Build, which is not project scoped.
      - Falls back to E(HWC_PROJECT_ID), E(HUAWEICLOUD_SDK_PROJECT_ID), E(HW_PROJECT_ID), E(OS_PROJECT_ID).
      - A string; a number is refused, naming it (quote ids in YAML).
    type: raw
  access_key:
    description:
      - Access key (AK) for SDK-HMAC-SHA256 request signing, with O(secret_key).
      - Falls back to E(HWC_ACCESS_KEY), E(HUAWEICLOUD_SDK_AK), E(CLOUD_SDK_AK), E(HW_ACCESS_KEY), E(OS_ACCESS_KEY).
    type: str
  secret_key:
    description:
      - Secret key (SK) belonging to O(access_key). Never logged.
      - Falls back to E(HWC_SECRET_KEY), E(HUAWEICLOUD_SDK_SK), E(CLOUD_SDK_SK), E(HW_SECRET_KEY), E(OS_SECRET_KEY).
    type: str
  security_token:
    description:
      - Security token of temporary AK/SK credentials; sent and signed as C(X-Security-Token). Never logged.
      - Falls back to E(HWC_SECURITY_TOKEN), E(HUAWEICLOUD_SDK_SECURITY_TOKEN), E(HW_SECURITY_TOKEN), E(OS_SECURITY_TOKEN).
    type: str
  auth_token:
    description:
      - An IAM token, sent as C(X-Auth-Token). Takes precedence over every other credential. Never logged.
      - M(hwc.cleanup.auth) returns one to hand to later tasks through C(module_defaults).
      - Falls back to E(HWC_AUTH_TOKEN), E(HW_AUTH_TOKEN), E(OS_AUTH_TOKEN), E(OS_TOKEN).
    type: str
  username:
    description:
      - IAM user name for password authentication, with O(password) and O(domain_name). One IAM call per module run.
      - Falls back to E(HWC_USERNAME), E(HW_USER_NAME), E(OS_USERNAME).
    type: str
  password:
    description:
      - Password of O(username). Never logged.
      - Falls back to E(HWC_PASSWORD), E(HW_USER_PASSWORD), E(OS_PASSWORD).
    type: str
  domain_name:
    description:
      - Account (domain) name of O(username).
      - Falls back to E(HWC_DOMAIN_NAME), E(HW_DOMAIN_NAME), E(OS_DOMAIN_NAME).
    type: str
  iam_endpoint:
    description:
      - IAM URL, with or without a trailing C(/v3). Default derived from O(cloud) and O(region).
      - "Like O(endpoint): C(http(s)://host[:port][/path]) in printable ASCII, without a user or password (C(@));
        anything else fails the task before any request."
      - Falls back to E(HWC_IAM_ENDPOINT), E(HUAWEICLOUD_SDK_IAM_ENDPOINT), E(HW_AUTH_URL), E(OS_AUTH_URL).
    type: str
  endpoint:
    description:
      - URL of this module's service. Default derived from O(cloud) and O(region); required for a service the cloud does not offer.
      - "C(http(s)://host[:port][/path]) in printable ASCII (a host name in another script in its C(xn--) form): a host
        name, an IPv4 address or an IPv6 address in brackets, a port from 1 to 65535, no user or password (C(@)).
        Anything else fails the task before any request, and what comes before an C(@) is never shown."
      - Falls back to E(HWC_ENDPOINT_URL_<SERVICE>) (C(SERVICE) is C(CODEARTS_BUILD), C(CCE), C(WORKSPACE) or C(DCS)),
        then E(HWC_ENDPOINT_URL) (all services).
    type: str
  allow_insecure_http:
    description:
      - Allow plain C(http://) in O(endpoint) and O(iam_endpoint) to a host that is not loopback.
      - Off by default, and the task fails before any request, since over plain http the password, the token or the
        request signature would travel in clear text. C(127.0.0.0/8), C(::1) and C(localhost) are always allowed.
      - Falls back to E(HWC_ALLOW_INSECURE_HTTP).
    type: bool
    default: false
    version_added: 2.0.0
  validate_certs:
    description:
      - Verify TLS certificates.
      - Falls back to E(HWC_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - Path to a CA bundle for private certificate authorities, a file or a directory.
      - When an https endpoint would use it, one that is not there or not readable fails the task before any request;
        so does E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE), used when this is not set.
      - Falls back to E(HWC_CA_PATH).
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP request. More than 0 and at most 100 years (3155760000); C(nan) and C(inf) are
        refused before any request.
      - Falls back to E(HWC_TIMEOUT).
    type: float
    default: 30
  retries:
    description:
      - Retries of one request after the first attempt for connection errors, timeouts and HTTP 500/502/503/504,
        with exponential backoff and full jitter (base 1 s, cap 30 s); C(Retry-After) is obeyed up to 120 s.
      - Throttling answers (HTTP 429, C(APIG.0308), C(APIGW.0308), C(CB.00060211), C(CB.00060100), C(CCE.02429001),
        C(CCE.01429002), C(CCE.01429003)) are not counted here. The throttled request waits its C(Retry-After),
        and the task paces every parallel request near the gateway's limit, measured from the throttles, bounded
        by O(deadline).
      - When the service answers only failures (20 in a row across the task, no other answer in between; or a
        request's last attempt failing after 5 s of only failures, O(retries) + 1 of them), the task stops sending
        and reports every id not yet settled in RV(ignore:errors) as not attempted. While failures go on, a retry
        waits no longer than those 5 s, so a task in an outage that answers fails within about 5 s.
      - Falls back to E(HWC_RETRIES).
    type: int
    default: 5
  concurrency:
    description:
      - Parallel requests for a list of ids, 1 to 64, over one keep-alive connection pool.
      - Falls back to E(HWC_CONCURRENCY).
    type: int
    default: 8
  deadline:
    description:
      - Seconds the whole task may take. Throttling answers (HTTP 429 or a throttling code) do not use up
        O(retries), since the service never processed them; the pool slows down until the service lets requests
        through, for as long as this deadline allows. Past it, every id not yet settled is reported in
        RV(ignore:errors) with a message saying so, and the task fails.
      - More than 0 and at most 100 years (3155760000); C(nan), which would never be reached, and C(inf) are
        refused before any request.
      - Falls back to E(HWC_DEADLINE).
    type: float
    default: 1800
    version_added: 1.0.0
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
  action_group:
    description: Use C(group/hwc.cleanup.hwc) in C(module_defaults) to set defaults for this module.
    support: full
    membership: [hwc.cleanup.hwc]
notes:
  - Every option falls back to the environment variables named in its description, first found wins;
    a variable set to an empty string counts as unset.
  - No redirect is followed, so signed headers and tokens never travel to another host.
  - Secrets (O(secret_key), O(security_token), O(auth_token), O(password)) never appear in results, messages or logs.
requirements:
  - python >= 3.8
  - requests >= 2.25
"""

    # The connection options of the collection's controller plugins (the hwc.cleanup.projects inventory), with the
    # same environment variables as the modules. Ansible would take the last variable set of an env list, and an
    # empty one as a value; the plugins resolve them as the modules do (common_argument_spec: first set and not empty
    # wins), and tests/unit keeps these lists equal to its.
    PLUGIN = r"""
options:
  cloud:
    description:
      - Which cloud to talk to; with O(region) it gives the default IAM endpoint.
      - V(otc) is T Cloud Public (formerly Open Telekom Cloud); V(otc_swiss) its Swiss region C(eu-ch2).
    type: str
    choices: [huaweicloud, otc, otc_swiss]
    default: huaweicloud
    env:
      - name: HWC_CLOUD
  region:
    description:
      - The region whose IAM endpoint is called, and for O(username) and O(password) without O(project_id) the
        project the token is scoped to (the one named after the region).
      - Whenever set, also with O(iam_endpoint) given, a value that is not shaped like a region name is an error,
        before any request.
    type: str
    env:
      - name: HWC_REGION
      - name: HUAWEICLOUD_SDK_REGION
      - name: HW_REGION_NAME
      - name: OS_REGION_NAME
  project_id:
    description:
      - Scopes the password token of O(username) and O(password) to this project instead of the region's.
      - A string; a number is refused, naming it (quote ids in YAML).
    type: raw
    env:
      - name: HWC_PROJECT_ID
      - name: HUAWEICLOUD_SDK_PROJECT_ID
      - name: HW_PROJECT_ID
      - name: OS_PROJECT_ID
  access_key:
    description:
      - Access key (AK) for SDK-HMAC-SHA256 request signing, with O(secret_key).
    type: str
    env:
      - name: HWC_ACCESS_KEY
      - name: HUAWEICLOUD_SDK_AK
      - name: CLOUD_SDK_AK
      - name: HW_ACCESS_KEY
      - name: OS_ACCESS_KEY
  secret_key:
    description:
      - Secret key (SK) belonging to O(access_key). Never logged.
    type: str
    env:
      - name: HWC_SECRET_KEY
      - name: HUAWEICLOUD_SDK_SK
      - name: CLOUD_SDK_SK
      - name: HW_SECRET_KEY
      - name: OS_SECRET_KEY
  security_token:
    description:
      - Security token of temporary AK/SK credentials; sent and signed as C(X-Security-Token). Never logged.
    type: str
    env:
      - name: HWC_SECURITY_TOKEN
      - name: HUAWEICLOUD_SDK_SECURITY_TOKEN
      - name: HW_SECURITY_TOKEN
      - name: OS_SECURITY_TOKEN
  auth_token:
    description:
      - An IAM token, sent as C(X-Auth-Token). Takes precedence over every other credential. Never logged.
    type: str
    env:
      - name: HWC_AUTH_TOKEN
      - name: HW_AUTH_TOKEN
      - name: OS_AUTH_TOKEN
      - name: OS_TOKEN
  username:
    description:
      - IAM user name for password authentication, with O(password) and O(domain_name).
    type: str
    env:
      - name: HWC_USERNAME
      - name: HW_USER_NAME
      - name: OS_USERNAME
  password:
    description:
      - Password of O(username). Never logged.
    type: str
    env:
      - name: HWC_PASSWORD
      - name: HW_USER_PASSWORD
      - name: OS_PASSWORD
  domain_name:
    description:
      - Account (domain) name of O(username).
    type: str
    env:
      - name: HWC_DOMAIN_NAME
      - name: HW_DOMAIN_NAME
      - name: OS_DOMAIN_NAME
  iam_endpoint:
    description:
      - IAM URL, with or without a trailing C(/v3). Default derived from O(cloud) and O(region).
      - "C(http(s)://host[:port][/path]) in printable ASCII: a host name, an IPv4 address or an IPv6 address in
        brackets, a port from 1 to 65535, no user or password (C(@)). Anything else is an error before any request,
        and what comes before an C(@) is never shown."
    type: str
    env:
      - name: HWC_IAM_ENDPOINT
      - name: HUAWEICLOUD_SDK_IAM_ENDPOINT
      - name: HW_AUTH_URL
      - name: OS_AUTH_URL
  allow_insecure_http:
    description:
      - Allow plain C(http://) in O(iam_endpoint) to a host that is not loopback.
      - Off by default, and the inventory fails before any request, since over plain http the password, the token or
        the request signature would travel in clear text. C(127.0.0.0/8), C(::1) and C(localhost) are always allowed.
    type: bool
    default: false
    version_added: 2.0.0
    env:
      - name: HWC_ALLOW_INSECURE_HTTP
  validate_certs:
    description:
      - Verify TLS certificates.
    type: bool
    default: true
    env:
      - name: HWC_VALIDATE_CERTS
  ca_path:
    description:
      - Path to a CA bundle for private certificate authorities, a file or a directory.
      - When an https O(iam_endpoint) would use it, one that is not there or not readable is an error before any
        request; so is E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE), used when this is not set.
    type: path
    env:
      - name: HWC_CA_PATH
  timeout:
    description:
      - Seconds to wait for each HTTP request. More than 0 and at most 100 years (3155760000); C(nan) and C(inf) are
        errors before any request.
    type: float
    default: 30
    env:
      - name: HWC_TIMEOUT
  retries:
    description:
      - Retries of one request after the first attempt for connection errors, timeouts and HTTP 500/502/503/504,
        with exponential backoff and full jitter; throttling answers are waited out and not counted.
    type: int
    default: 5
    env:
      - name: HWC_RETRIES
notes:
  - Each option not set in the inventory file falls back to the environment variables listed with it, the first one
    that is set and not empty winning, as for the collection's modules.
  - Secrets (O(secret_key), O(security_token), O(auth_token), O(password)) never appear in host variables, in
    C(ansible-inventory) output or in error messages. Prefer the environment variables to writing them into the
    inventory file.
requirements:
  - python >= 3.8
  - requests >= 2.25
"""
