import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.auth import choose_credential
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError

NONE = dict.fromkeys(("auth_token", "access_key", "secret_key", "security_token", "username", "password", "domain_name"))


def params(**given):
    return dict(NONE, **given)


def test_order_is_token_then_aksk_then_password():
    everything = params(auth_token="t", access_key="a", secret_key="s", username="u", password="p", domain_name="d")
    assert choose_credential(everything) == "token"
    assert choose_credential(dict(everything, auth_token=None)) == "aksk"
    assert choose_credential(params(username="u", password="p", domain_name="d")) == "password"


def test_no_credentials_names_every_option_and_variable_looked_at():
    with pytest.raises(ConfigurationError) as raised:
        choose_credential(params())
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
        choose_credential(params(**given))
    assert missing in str(raised.value)
    for secret in ("s", "p"):
        assert "'%s'" % secret not in str(raised.value)
