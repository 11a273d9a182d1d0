"""The session step: every setting, endpoint and credential is checked before the first request."""

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.options import common_argument_spec
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CCE_JOB, CODEARTS_BUILD_JOB
from ansible_collections.hwc.cleanup.plugins.module_utils.options import check_settings
from ansible_collections.hwc.cleanup.plugins.module_utils.session import Session


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
