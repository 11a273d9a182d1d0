"""The doc fragment and the argument spec describe the same options; fallbacks follow the documented order (docs/authentication.md)."""

import yaml
import pytest

from ansible_collections.hwc.cleanup.plugins.doc_fragments.common import ModuleDocFragment
from ansible.module_utils.errors import AnsibleFallbackNotFound
from ansible_collections.hwc.cleanup.plugins.module_utils.options import SECRET_OPTIONS, common_argument_spec, non_empty_env_fallback

DOCUMENTED = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]


def test_every_option_is_documented_with_its_type_default_and_choices():
    spec = common_argument_spec("cce")
    assert set(spec) == set(DOCUMENTED)
    for name, option in spec.items():
        doc = DOCUMENTED[name]
        assert doc["type"] == option["type"], name
        assert doc.get("default") == option.get("default"), name
        assert doc.get("choices") == option.get("choices"), name


@pytest.mark.parametrize("name", sorted(set(common_argument_spec()) - {"endpoint"}))
def test_every_environment_fallback_is_documented_in_order(name):
    env_names = common_argument_spec()[name]["fallback"][1]
    description = " ".join(DOCUMENTED[name]["description"])
    positions = [description.index("E(%s)" % env) for env in env_names]
    assert positions == sorted(positions), name


def test_secrets_are_no_log_and_nothing_else_is():
    spec = common_argument_spec()
    assert {name for name, option in spec.items() if option.get("no_log")} == SECRET_OPTIONS
    assert {name for name, option in spec.items() if "no_log" in option} >= {"access_key", "username"}


@pytest.mark.parametrize("service, first", [("codearts_build", "HWC_ENDPOINT_URL_CODEARTS_BUILD"), ("cce", "HWC_ENDPOINT_URL_CCE"),
                                            ("workspace", "HWC_ENDPOINT_URL_WORKSPACE"), ("dcs", "HWC_ENDPOINT_URL_DCS")])
def test_endpoint_falls_back_to_the_service_variable_then_the_general_one(service, first):
    assert common_argument_spec(service)["endpoint"]["fallback"][1] == [first, "HWC_ENDPOINT_URL"]


def test_an_empty_variable_counts_as_unset(monkeypatch):
    """An AWX credential injects a blank field as an empty variable: it must not hide the next fallback."""
    monkeypatch.setenv("HWC_PROJECT_ID", "")
    monkeypatch.setenv("HUAWEICLOUD_SDK_PROJECT_ID", "0a1b2c3d")
    monkeypatch.setenv("OS_PROJECT_ID", "ffff")
    assert non_empty_env_fallback("HWC_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "OS_PROJECT_ID") == "0a1b2c3d"
    monkeypatch.setenv("HUAWEICLOUD_SDK_PROJECT_ID", "")
    monkeypatch.delenv("OS_PROJECT_ID")
    with pytest.raises(AnsibleFallbackNotFound):
        non_empty_env_fallback("HWC_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "OS_PROJECT_ID")
