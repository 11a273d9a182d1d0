"""The session step: every setting, endpoint and credential is checked before the first request; which credential
the options give; where each service lives."""

import json
import os

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ConfigurationError, shown_value
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import check_settings, common_argument_spec
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import CCE_JOB, CODEARTS_BUILD_JOB
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.session import (
    Session, check_absent_codes, choose_credential, iam_endpoint, service_endpoint)


def params(**given):
    values = dict((name, spec.get("default")) for name, spec in common_argument_spec("cce").items())
    values.update(region="eu-de", cloud="otc", absent_error_codes=[])
    values.update(given)
    return values


@pytest.mark.parametrize("given, resource, message", [
    ({"auth_token": "t"}, CCE_JOB, "project_id is required with auth_token"),
    ({}, CCE_JOB, "no credentials: give auth_token"),
    ({"access_key": "AK"}, CCE_JOB, "access_key given without secret_key"),
    ({"access_key": "AK", "secret_key": "SK", "region": None}, CCE_JOB, "region is required to derive the endpoint"),
    ({"access_key": "AK", "secret_key": "SK", "absent_error_codes": ["APIGW.0101"]}, CCE_JOB, "absent_error_codes: 'APIGW.0101'"),
    ({"access_key": "AK", "secret_key": "SK"}, CODEARTS_BUILD_JOB, "CodeArts Build is not offered on cloud 'otc'"),
    ({"access_key": "AK", "secret_key": "SK", "endpoint": "https://user:pw@host"}, CCE_JOB, "endpoint 'https://\\*\\*\\*@host'"),
    ({"access_key": "AK", "secret_key": "SK", "endpoint": "http://cce.example.com"}, CCE_JOB, "^endpoint uses plain http to cce.example.com"),
    ({"username": "u", "password": "p", "domain_name": "d", "iam_endpoint": "http://iam.example.com"}, CCE_JOB,
     "^iam_endpoint uses plain http to iam.example.com, which is not a loopback address: the password"),
])
def test_bad_settings_fail_before_any_transport_exists(given, resource, message):
    with pytest.raises(ConfigurationError, match=message):
        Session(params(**given), resource)


def test_plain_http_elsewhere_passes_when_the_user_opts_in():
    session = Session(params(username="u", password="p", domain_name="d", iam_endpoint="http://iam.example.com/v3",
                             endpoint="http://cce.example.com", allow_insecure_http=True), CCE_JOB)
    assert (session.iam_url, session.base_url) == ("http://iam.example.com", "http://cce.example.com")


def test_what_needs_iam_is_known_before_connecting():
    aksk = Session(params(access_key="AK", secret_key="SK"), CCE_JOB)
    assert aksk.kind == "aksk" and aksk.iam_url == "https://iam.eu-de.otc.t-systems.com" and aksk.transport is None
    known = Session(params(access_key="AK", secret_key="SK", project_id="p1"), CCE_JOB)
    assert known.iam_url is None  # the project is given: no IAM call at all
    codearts = Session(params(cloud="huaweicloud", region="cn-north-4", access_key="AK", secret_key="SK"), CODEARTS_BUILD_JOB)
    assert codearts.iam_url is None and codearts.base_url == "https://cloudbuild-ext.cn-north-4.myhuaweicloud.com"


@pytest.mark.parametrize("given, message", [
    ({"concurrency": 0}, "concurrency 0 is out of range 1-64"), ({"timeout": 0}, "timeout 0"),
    ({"retries": -1}, "retries -1"), ({"deadline": 0}, "deadline 0"), ({"project_id": "../x"}, "project_id"),
])
def test_common_options_are_checked(given, message):
    with pytest.raises(ConfigurationError, match=message):
        check_settings(params(**given))


@pytest.mark.parametrize("option", ["timeout", "deadline"])
@pytest.mark.parametrize("seconds, shown", [(float("nan"), "nan"), (float("inf"), "inf"), (float("1e400"), "inf"),
                                            (1e10, "10000000000.0"), (3155760000.5, "3155760000.5")])
def test_seconds_that_no_timer_can_be_set_to_are_refused(option, seconds, shown):
    """NaN passes every comparison (a deadline never reached); inf and huge values overflow the socket's timer."""
    with pytest.raises(ConfigurationError) as raised:
        check_settings(params(**{option: seconds}))
    assert str(raised.value) == "%s %s must be a finite number of seconds, at most 3155760000 (100 years)" % (option, shown)


def test_seconds_up_to_100_years_pass():
    check_settings(params(timeout=3155760000.0, deadline=3155760000.0))


@pytest.mark.parametrize("region", ["eu-de&name=eu-nl", "../../x", "eu-de\nx", "EU-DE", " ", "eu-de.evil.com"])
def test_a_region_of_the_wrong_shape_is_refused_also_when_the_endpoints_are_given(region):
    """IAM gets the region as the name of the project to look up, or to scope a password token to."""
    given = params(region=region, endpoint="https://cce.example.com", iam_endpoint="https://iam.example.com")
    with pytest.raises(ConfigurationError) as raised:
        check_settings(given)
    assert str(raised.value) == "region %r is not a region name such as 'eu-de' or 'cn-north-4'" % region


@pytest.mark.parametrize("region", [None, "", "eu-de", "cn-north-4", "ap-southeast-1", "eu-west-101", "la-south-2"])
def test_a_region_of_the_right_shape_or_none_passes(region):
    check_settings(params(region=region))


def test_project_info_and_the_inventory_always_know_the_iam_endpoint():
    given = Session(params(access_key="AK", secret_key="SK", project_id="p1"), need_iam=True)
    assert given.iam_url == "https://iam.eu-de.otc.t-systems.com" and given.need_project
    listing = Session(params(auth_token="t"), need_project=False, need_iam=True)  # no project_id needed to list them
    assert listing.iam_url == "https://iam.eu-de.otc.t-systems.com" and not listing.need_project


@pytest.mark.parametrize("given, need_project, message", [
    ({"username": "u", "password": "p", "domain_name": "d", "region": None}, False, "region is required to scope the password token"),
    ({"username": "u", "password": "p", "domain_name": "d", "region": None}, None, "region is required to find the project id"),
])
def test_a_password_token_needs_a_scope(given, need_project, message):
    with pytest.raises(ConfigurationError, match=message):
        Session(params(iam_endpoint="https://iam.example", **given), need_project=need_project, need_iam=True)


NO_CREDENTIALS = dict.fromkeys(("auth_token", "access_key", "secret_key", "security_token", "username", "password", "domain_name"))


def credentials(**given):
    return dict(NO_CREDENTIALS, **given)


def test_order_is_token_then_aksk_then_password():
    everything = credentials(auth_token="t", access_key="a", secret_key="s", username="u", password="p", domain_name="d")
    assert choose_credential(everything) == "token"
    assert choose_credential(dict(everything, auth_token=None)) == "aksk"
    assert choose_credential(credentials(username="u", password="p", domain_name="d")) == "password"


def test_no_credentials_names_every_option_and_variable_looked_at():
    with pytest.raises(ConfigurationError) as raised:
        choose_credential(credentials())
    text = str(raised.value)
    for name in ("auth_token", "access_key", "secret_key", "username", "password", "domain_name",
                 "HWC_AUTH_TOKEN", "OS_TOKEN", "HUAWEICLOUD_SDK_AK", "CLOUD_SDK_SK", "HW_USER_PASSWORD", "OS_DOMAIN_NAME"):
        assert name in text


@pytest.mark.parametrize("given, missing", [
    ({"access_key": "a"}, "secret_key (HWC_SECRET_KEY"),
    ({"secret_key": "s"}, "access_key (HWC_ACCESS_KEY"),
    ({"username": "u", "password": "p"}, "domain_name (HWC_DOMAIN_NAME"),
])
def test_half_a_credential_says_what_is_missing_without_echoing_secrets(given, missing):
    with pytest.raises(ConfigurationError) as raised:
        choose_credential(credentials(**given))
    assert missing in str(raised.value)
    for secret in ("s", "p"):
        assert "'%s'" % secret not in str(raised.value)


@pytest.mark.parametrize("cloud, region, service, url", [
    ("huaweicloud", "cn-north-4", "codearts_build", "https://cloudbuild-ext.cn-north-4.myhuaweicloud.com"),
    ("huaweicloud", "ap-southeast-1", "cce", "https://cce.ap-southeast-1.myhuaweicloud.com"),
    ("huaweicloud", "ap-southeast-1", "workspace", "https://workspace.ap-southeast-1.myhuaweicloud.com"),
    ("huaweicloud", "la-south-2", "dcs", "https://dcs.la-south-2.myhuaweicloud.com"),
    ("otc", "eu-de", "cce", "https://cce.eu-de.otc.t-systems.com"),
    ("otc", "eu-nl", "dcs", "https://dcs.eu-nl.otc.t-systems.com"),
    ("otc_swiss", "eu-ch2", "dcs", "https://dcs.eu-ch2.sc.otc.t-systems.com"),
    # Dublin: https://support.huaweicloud.com/eu/api-codeci/cloudbuild_03_0003.html (not in the SDK's region file)
    ("huaweicloud", "eu-west-101", "codearts_build", "https://build-backend.eu-west-101.myhuaweicloud.eu"),
    ("huaweicloud", "eu-west-101", "cce", "https://cce.eu-west-101.myhuaweicloud.eu"),
    ("huaweicloud", "eu-west-101", "dcs", "https://dcs.eu-west-101.myhuaweicloud.com"),
])
def test_default_service_endpoints(cloud, region, service, url):
    assert service_endpoint(cloud, region, service) == url


@pytest.mark.parametrize("cloud, region, url", [
    ("huaweicloud", "cn-north-4", "https://iam.cn-north-4.myhuaweicloud.com"),
    ("huaweicloud", "eu-west-101", "https://iam.eu-west-101.myhuaweicloud.eu"),
    ("otc", "eu-de", "https://iam.eu-de.otc.t-systems.com"),
    ("otc_swiss", "eu-ch2", "https://iam-pub.eu-ch2.sc.otc.t-systems.com"),
])
def test_default_iam_endpoints(cloud, region, url):
    assert iam_endpoint(cloud, region) == url


@pytest.mark.parametrize("cloud, service", [("otc", "codearts_build"), ("otc", "workspace"), ("otc_swiss", "workspace")])
def test_a_service_the_cloud_lacks_fails_and_says_how_to_override(cloud, service):
    with pytest.raises(ConfigurationError, match="not offered on cloud '%s'.*HWC_ENDPOINT_URL_%s" % (cloud, service.upper())):
        service_endpoint(cloud, "eu-de", service)


def test_overrides_win_and_iam_accepts_with_or_without_v3():
    assert service_endpoint("otc", "eu-de", "workspace", "http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    assert iam_endpoint("otc", None, "https://iam.example/v3") == "https://iam.example"
    assert iam_endpoint("otc", None, "https://iam.example/v3/") == "https://iam.example"
    assert iam_endpoint("otc", None, "https://iam.example") == "https://iam.example"


@pytest.mark.parametrize("region", ["eu-de.evil.com/x", "eu-de@evil", "EU-DE", "", None, "eu"])
def test_a_region_that_could_change_the_host_is_refused(region):
    with pytest.raises(ConfigurationError, match="region"):
        service_endpoint("huaweicloud", region, "cce")


def test_a_region_of_another_cloud_is_refused_with_the_valid_ones():
    with pytest.raises(ConfigurationError, match="eu-de, eu-nl"):
        service_endpoint("otc", "eu-ch2", "cce")


@pytest.mark.parametrize("url", ["ftp://x", "https://", "https://user:pw@host", "host:80", "https://a b"])
def test_bad_endpoint_urls_are_refused_naming_the_option(url):
    with pytest.raises(ConfigurationError, match="endpoint"):
        service_endpoint("huaweicloud", "eu-de", "cce", url)


def test_a_password_in_a_bad_url_is_not_echoed():
    with pytest.raises(ConfigurationError) as raised:
        service_endpoint("huaweicloud", "eu-de", "cce", "https://admin:S3cr3t@host")
    assert "S3cr3t" not in str(raised.value)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://127.8.9.10", "http://[::1]:80/x", "http://localhost:1",
                                 "http://LocalHost", "https://iam.example.com"])
def test_plain_http_to_loopback_and_https_anywhere_pass(url):
    assert service_endpoint("huaweicloud", "eu-de", "cce", url) == url
    assert iam_endpoint("huaweicloud", "eu-de", url) == url


@pytest.mark.parametrize("url, host", [("http://iam.example.com", "iam.example.com"), ("http://10.0.0.1:8080/v3", "10.0.0.1"),
                                       ("http://127.0.0.1.nip.io", "127.0.0.1.nip.io"), ("http://localhost.evil.com", "localhost.evil.com"),
                                       ("http://0.0.0.0:80", "0.0.0.0"), ("http://[::2]", "::2")])
def test_plain_http_elsewhere_is_refused_naming_option_host_and_the_opt_in(url, host):
    for option, check in (("endpoint", lambda **kw: service_endpoint("huaweicloud", "eu-de", "cce", url, **kw)),
                          ("iam_endpoint", lambda **kw: iam_endpoint("huaweicloud", "eu-de", url, **kw))):
        with pytest.raises(ConfigurationError) as raised:
            check()
        message = str(raised.value)
        assert message.startswith("%s uses plain http to %s, which is not a loopback address" % (option, host))
        assert "password, token or request signature would travel in clear text" in message
        assert "allow_insecure_http (HWC_ALLOW_INSECURE_HTTP)" in message
        assert check(allow_insecure_http=True).startswith("http://")


def both_endpoints(url):
    """(option, the check of a URL given in it) for the service's and IAM's endpoint."""
    return (("endpoint", lambda: service_endpoint("huaweicloud", "eu-de", "cce", url)),
            ("iam_endpoint", lambda: iam_endpoint("huaweicloud", "eu-de", url)))


@pytest.mark.parametrize("url, problem", [
    ("https://127.0.0.1:99999", "has the port '99999', not a number from 1 to 65535"),
    ("https://127.0.0.1:abc", "has the port 'abc', not a number from 1 to 65535"),
    ("https://127.0.0.1:0", "has the port '0', not a number from 1 to 65535"),  # urllib3 would send to 443
    ("https://host:/v3", "has the port '', not a number from 1 to 65535"),
    ("https://host:+443", "has the port '+443', not a number from 1 to 65535"),
    ("https://a:b:443", "has the port 'b:443', not a number from 1 to 65535"),
    ("https://h\x00x", "contains '\\x00' (U+0000), which is not a printable ASCII character"),
    ("https://host/v3\x7f", "contains '\\x7f' (U+007F), which is not a printable ASCII character"),
    ("https://host\x1c", "contains '\\x1c' (U+001C), which is not a printable ASCII character"),
    ("https://host/a b", "contains ' ' (U+0020), which is not a printable ASCII character"),
    ("https://\u0441ce.example.com", "contains '\u0441' (U+0441), which is not a printable ASCII character (a host name "
                                     "in another script is written in its xn-- form)"),
    ("https://[::1", "has the host '[::1', which is neither a host name nor an IP address (an IPv6 address goes in "
                     "brackets)"),
    ("https://[zz]:443", "has the host '[zz]', which is neither"),
    ("https://[::1]x", "has the host '[::1]x', which is neither"),
    ("https://[fe80::1%eth0]", "has the host '[fe80::1%eth0]', which is neither"),
    ("https://a..b", "has the host 'a..b', which is neither"),
    ("https://-host", "has the host '-host', which is neither"),
    ("https://a!b/v3", "has the host 'a!b', which is neither"),
])
def test_a_url_the_transport_could_not_send_to_is_refused_naming_the_option_and_the_part(url, problem):
    for option, check in both_endpoints(url):
        with pytest.raises(ConfigurationError) as raised:
            check()
        assert str(raised.value).startswith("%s %s %s" % (option, shown_value(url), problem))


@pytest.mark.parametrize("url", ["https://cce.eu-de.otc.t-systems.com", "https://[::1]:8443/x", "http://127.0.0.1:1/",
                                 "https://h:65535", "https://h:0443/p", "https://my_host.internal./v3", "https://10.0.0.1",
                                 "https://xn--e1afmkfd.example/p%20q", "https://[2001:db8::ffff:10.0.0.1]"])
def test_a_url_that_passes_is_one_urllib3_reads_as_written(url):
    """What the transport's urllib3 refuses, or reads with another port, never passes the check."""
    urllib3 = pytest.importorskip("urllib3")
    parsed = urllib3.util.parse_url(url)
    assert service_endpoint("huaweicloud", "eu-de", "cce", url) == url.rstrip("/")
    assert iam_endpoint("huaweicloud", "eu-de", url)
    assert parsed.port is None or 0 < parsed.port < 65536


@pytest.mark.parametrize("url", ["https://user:SECRET@host", "user:SECRET@host", "https://user:SE/CRET@host",
                                 "https://user:SECRET@host/v3@x", "ftp://SECRET@host", "SECRET@", "https://user:SECRET@h:99999",
                                 "https://host/SECRET@x", "user:SECRET@h\x00x"])
def test_a_user_or_password_in_a_url_is_refused_and_never_shown(url):
    """Whatever the URL's shape: anything up to the last '@' is hidden."""
    for option, check in both_endpoints(url):
        with pytest.raises(ConfigurationError) as raised:
            check()
        message = str(raised.value)
        assert message.startswith(option + " '") and "***@" in message and "SECRET" not in message and "CRET" not in message
        assert message.endswith("contains '@' (a user or password?): credentials go in their own options, never in the URL")


def test_a_ca_bundle_that_is_not_there_is_refused_when_tls_would_use_it(tmp_path, monkeypatch):
    """requests refuses it only when connecting, outside any error the task reports."""
    for variable in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(variable, raising=False)
    missing = str(tmp_path / "ca.pem")
    https = params(access_key="AK", secret_key="SK", project_id="p1", endpoint="https://cce.example.com")
    with pytest.raises(ConfigurationError) as raised:
        Session(dict(https, ca_path=missing), CCE_JOB)
    assert str(raised.value) == ("ca_path %r, the CA bundle that TLS certificates are verified against, is not a readable "
                                 "file or directory" % missing)
    for variable in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.setenv(variable, missing)
        with pytest.raises(ConfigurationError, match="^the environment variable REQUESTS_CA_BUNDLE '"):
            Session(https, CCE_JOB)
    password_iam = params(username="u", password="p", domain_name="d", endpoint="http://127.0.0.1:1",
                          iam_endpoint="https://iam.example.com", ca_path=missing)
    with pytest.raises(ConfigurationError, match="^ca_path '"):
        Session(password_iam, CCE_JOB)
    # Not used, not checked: TLS not verified, or no https at all.
    Session(dict(https, validate_certs=False, ca_path=missing), CCE_JOB)
    Session(dict(https, endpoint="http://127.0.0.1:8080", ca_path=missing), CCE_JOB)
    (tmp_path / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    for there in (missing, str(tmp_path)):  # a file, or a directory of certificates
        Session(dict(https, ca_path=there), CCE_JOB)


def test_a_long_bad_url_is_shown_cut():
    with pytest.raises(ConfigurationError) as raised:
        service_endpoint("huaweicloud", "eu-de", "cce", "https://" + "h" * 5000 + "?x")
    assert "(5010 characters) is not an http(s) URL" in str(raised.value) and len(str(raised.value)) < 200


def test_a_trailing_newline_does_not_sneak_through():
    with pytest.raises(ConfigurationError):
        service_endpoint("huaweicloud", "eu-de\n", "cce")
    with pytest.raises(ConfigurationError):
        service_endpoint("huaweicloud", "eu-de", "cce", "https://host\n")


with open(os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "sdk_regions.json"), encoding="utf-8") as _handle:
    SDK_REGIONS = json.load(_handle)
SDK_ENDPOINTS = [(service, region, url) for service, table in sorted(SDK_REGIONS.items()) if not service.startswith("_")
                 for region, url in sorted(table.items())]


def test_the_sdk_table_covers_every_service():
    assert set(service for service, _region, _url in SDK_ENDPOINTS) == {"iam", "cce", "codearts_build", "dcs", "workspace"}
    assert len(SDK_ENDPOINTS) > 100


@pytest.mark.parametrize("service, region, url", SDK_ENDPOINTS)
def test_every_region_of_the_official_sdk_gets_the_sdk_host(service, region, url):
    if service == "iam":
        assert iam_endpoint("huaweicloud", region) == url
    else:
        assert service_endpoint("huaweicloud", region, service) == url


@pytest.mark.parametrize("code", ["APIGW.0101", "APIG.0101", "DCS.4001", "111404001", "CB.00060214", "", "two words", 42])
def test_user_codes_that_would_hide_a_wrong_endpoint_or_are_not_codes_are_refused(code):
    with pytest.raises(ConfigurationError, match="absent_error_codes: "):
        check_absent_codes([code])
