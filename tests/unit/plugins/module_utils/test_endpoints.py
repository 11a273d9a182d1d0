import json
import os

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.endpoints import iam_endpoint, service_endpoint
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError


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


with open(os.path.join(os.path.dirname(__file__), "fixtures", "sdk_regions.json"), encoding="utf-8") as _handle:
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
