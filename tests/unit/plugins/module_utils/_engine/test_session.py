"""The session step: every setting, endpoint and credential is checked before the first request; which credential
the options give; where each service lives."""

import json
import os

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ConfigurationError
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


def test_a_long_bad_url_is_shown_cut():
    with pytest.raises(ConfigurationError) as raised:
        service_endpoint("huaweicloud", "eu-de", "cce", "https://" + "h" * 5000 + " x")
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
