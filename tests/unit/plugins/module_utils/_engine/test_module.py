"""The module base: the common options (the doc fragment and the argument spec describe the same options; fallbacks
follow the documented order, docs/authentication.md), the checks of ids, and what a task returns for bad input and
for nothing to do, before any request."""

import json
import re

import pytest
import yaml
from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.hwc.cleanup.plugins.doc_fragments.common import ModuleDocFragment
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.auth import SECRET_OPTIONS
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import (
    ConfigurationError, SHOWN_START, shown_value)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import (
    DeleteModule, InfoModule, check_id, check_ids, common_argument_spec, non_empty_env_fallback)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, GENERIC_ID_RULE, WORKSPACE_SUB_JOB)


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


HOSTILE = ["a/b", "..", "../x", "%2e%2e", "a%2Fb", "a b", " a", "a\n", "", "x" * 129, "x" * 200, "a?b", "a#b", "ü", None, 5]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_are_refused_with_their_value_named(value):
    with pytest.raises(ConfigurationError) as raised:
        check_id("job_id", value)
    assert str(raised.value).startswith("job_id: %s is not a valid id (" % shown_value(value))


@pytest.mark.parametrize("value", ["e43c6f3b-87e6-11f0-be88-0255ac10003f", "a", "A_b-9", "x" * 128])
def test_plain_ids_pass(value):
    assert check_id("job_id", value) == value


@pytest.mark.parametrize("value, character", [
    ("0ff9bb51-0944-4e0c-9dfb-369b\u0430b13dfae", "'\u0430' (U+0430)"),  # a Cyrillic a
    ("0ff9bb51\u20130944-4e0c-9dfb-369bab13dfae", "'\u2013' (U+2013)"),  # an en-dash
    ("job\u200b1", "'\\u200b' (U+200B)"),  # a zero-width space, which repr shows escaped
    ("\u00fc", "'\u00fc' (U+00FC)"),
])
def test_a_look_alike_character_is_named_with_its_code_point(value, character):
    """The value alone looks valid: the message names the character that is not ASCII."""
    with pytest.raises(ConfigurationError) as raised:
        check_id("job_id", value)
    assert str(raised.value) == "job_id: %s is not a valid id (%s): it contains %s, not an ASCII character" % (
        shown_value(value), GENERIC_ID_RULE, character)
    with pytest.raises(ConfigurationError) as raised:
        check_id("job_id", "a" * 31 + "\u0430", CODEARTS_BUILD_JOB.id_pattern, CODEARTS_BUILD_JOB.id_rule)
    assert str(raised.value).endswith("(32 letters and digits): it contains '\u0430' (U+0430), not an ASCII character")


def test_each_look_alike_of_a_list_is_named():
    with pytest.raises(ConfigurationError) as raised:
        check_ids("job_ids", ["ok", "b\u0430d", "a/b", "\u2013x"])
    assert str(raised.value) == ("job_ids: 3 values are not valid ids (%s): [1] 'b\u0430d' (contains '\u0430' (U+0430), not an "
                                 "ASCII character), [2] 'a/b', [3] '\u2013x' (contains '\u2013' (U+2013), not an ASCII "
                                 "character)" % GENERIC_ID_RULE)
    with pytest.raises(ConfigurationError, match=re.escape("job_ids[1]: 'b\u0430d' is not a valid id (%s): it contains "
                                                           "'\u0430' (U+0430)" % GENERIC_ID_RULE)):
        check_ids("job_ids", ["ok", "b\u0430d"])


def test_check_ids_names_the_position_and_keeps_order_without_duplicates():
    assert check_ids("job_ids", ["b", "a", "b"]) == ["b", "a"]
    with pytest.raises(ConfigurationError, match=re.escape("job_ids[2]")):
        check_ids("job_ids", ["a", "b", "../c"])


def test_codearts_ids_are_32_letters_and_digits():
    good = "901878212b1a49be9c1a1054c272762a"
    assert check_id("job_id", good, CODEARTS_BUILD_JOB.id_pattern, CODEARTS_BUILD_JOB.id_rule) == good
    for bad in (good[:-1], good + "a", good[:-1] + "-"):
        with pytest.raises(ConfigurationError, match="32 letters and digits"):
            check_id("job_id", bad, CODEARTS_BUILD_JOB.id_pattern, CODEARTS_BUILD_JOB.id_rule)


def test_path_values_are_percent_encoded_even_if_validation_were_bypassed():
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import CCE_JOB
    path = CCE_JOB.delete_call.path({"project_id": "p/../q"}, "a b/..")
    assert path == "/api/v2/projects/p%2F..%2Fq/jobs/a%20b%2F.."


def test_a_long_value_is_shown_cut_to_its_start_and_length():
    with pytest.raises(ConfigurationError) as raised:
        check_id("job_id", "x" * 10000)
    message = str(raised.value)
    assert message == "job_id: '%s…' (10000 characters) is not a valid id (%s)" % ("x" * SHOWN_START, GENERIC_ID_RULE)
    assert shown_value(["y" * 500]).endswith("… (504 characters)") and len(shown_value(["y" * 500])) < 100


@pytest.mark.parametrize("value, why", [(None, "null, not a string"), (123, "a number, not a string: quote it in YAML"),
                                        (1.5, "a number, not a string: quote it in YAML"), (True, "a bool, not a string"),
                                        (["a"], "a list, not a string")])
def test_a_value_that_is_no_string_is_refused_naming_its_kind(value, why):
    with pytest.raises(ConfigurationError) as raised:
        check_ids("job_ids", ["ok", value])
    assert str(raised.value) == "job_ids[1]: %s is not a valid id (%s)" % (shown_value(value), why)


def test_every_bad_id_of_a_list_is_named_up_to_ten_then_counted():
    values = ["ok", "a b", None, 123] + ["../%d" % number for number in range(10)]
    with pytest.raises(ConfigurationError) as raised:
        check_ids("job_ids", values)
    message = str(raised.value)
    assert message.startswith("job_ids: 13 values are not valid ids (%s): [1] 'a b', [2] null (null, not a string), "
                              "[3] 123 (a number, not a string: quote it in YAML), [4] '../0'," % GENERIC_ID_RULE)
    assert "[10] '../6'" in message and "'../7'" not in message and message.endswith(" and 3 more")


def test_a_list_of_long_bad_ids_stays_short():
    with pytest.raises(ConfigurationError) as raised:
        check_ids("job_ids", ["x" * 10000] * 20)
    assert len(str(raised.value)) < 1000 and str(raised.value).endswith("(10000 characters) and 10 more")


BASE = {"region": "eu-de", "cloud": "otc", "access_key": "AK", "secret_key": "SK", "project_id": "p1",
        "endpoint": "http://127.0.0.1:9"}  # a closed port: any request sent would fail differently


def run(module, args, capsys):
    testing = pytest.importorskip("ansible.module_utils.testing")  # ansible-core 2.19 and later
    with testing.patch_module_args(dict(BASE, **args)):
        with pytest.raises(SystemExit) as exited:
            module.main()
    return exited.value.code, json.loads(capsys.readouterr().out)


def test_an_empty_list_changes_nothing_and_sends_nothing(capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": []}, capsys)
    assert code == 0 and result["changed"] is False and result["deleted"] == []
    assert result["retries"]["requests"] == 0


def test_a_bad_id_fails_naming_it_with_the_delete_result_keys(capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": ["ok", "../x"]}, capsys)
    assert code == 1 and result["msg"].startswith("job_ids[1]: '../x' is not a valid id")
    assert (result["deleted"], result["already_absent"], result["errors"]) == ([], [], [])


def test_workspace_results_carry_undeletable_also_when_failing(capsys):
    code, result = run(DeleteModule(WORKSPACE_SUB_JOB), {"job_ids": ["a b"]}, capsys)
    assert code == 1 and result["undeletable"] == [] and "skipped" not in result


def test_a_bad_common_option_fails_before_ids_are_read(capsys):
    code, result = run(DeleteModule(DCS_BACKGROUND_TASK), {"instance_id": "i", "task_ids": ["t"], "deadline": 0}, capsys)
    assert code == 1 and result["msg"] == "deadline 0.0 must be more than 0 seconds"


def test_ids_and_status_together_are_refused_by_the_argument_spec(capsys):
    code, result = run(DeleteModule(WORKSPACE_SUB_JOB), {"job_ids": ["a"], "delete_by_status": "FAILED"}, capsys)
    assert code == 1 and "mutually exclusive" in result["msg"]


def test_an_info_module_refuses_a_gateway_code_as_absent_before_any_request(capsys):
    code, result = run(InfoModule(CCE_JOB), {"absent_error_codes": ["APIGW.0101"]}, capsys)
    assert code == 1 and result["msg"].startswith("absent_error_codes: 'APIGW.0101' is the code of a request that reached no API")


@pytest.mark.parametrize("ids, message", [
    ([None], "job_ids[0]: null is not a valid id (null, not a string)"),
    ([123], "job_ids[0]: 123 is not a valid id (a number, not a string: quote it in YAML)"),
    (["ok", 1.5], "job_ids[1]: 1.5 is not a valid id (a number, not a string: quote it in YAML)"),
])
def test_an_id_that_is_no_string_is_refused_as_given_not_as_ansible_would_convert_it(ids, message, capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": ids}, capsys)
    assert code == 1 and result["msg"] == message


def test_one_id_that_is_a_number_is_refused_too(capsys):
    code, result = run(DeleteModule(DCS_BACKGROUND_TASK), {"instance_id": "i", "task_id": 123}, capsys)
    assert code == 1 and result["msg"].startswith("task_id: 123 is not a valid id (a number")


@pytest.mark.parametrize("module, args, message", [
    # YAML reads job_ids: 0123 as 83: as a list option Ansible would make it ['83'], another id.
    (DeleteModule(CCE_JOB), {"job_ids": 83}, "job_ids: 83 is not a list of ids (a number, not a string: quote it in YAML)"),
    (DeleteModule(CCE_JOB), {"job_ids": {"a": 1}}, "job_ids: {'a': 1} is not a list of ids (a dict, not a string)"),
    (DeleteModule(DCS_BACKGROUND_TASK), {"instance_id": 83, "task_ids": ["t"]}, "instance_id: 83 is not a valid id (a number"),
    (InfoModule(DCS_BACKGROUND_TASK), {"instance_id": 83}, "instance_id: 83 is not a valid id (a number"),
    (InfoModule(CODEARTS_BUILD_JOB), {"codearts_project_id": 83}, "codearts_project_id: 83 is not a valid id (a number"),
    (DeleteModule(CCE_JOB), {"job_ids": ["a"], "project_id": 83}, "project_id: 83 is not a valid id (a number"),
])
def test_a_list_of_ids_or_a_parent_given_as_a_number_is_refused_not_converted(module, args, message, capsys):
    code, result = run(module, args, capsys)
    assert code == 1 and result["msg"].startswith(message)


def test_a_string_of_ids_separated_by_commas_is_still_a_list_of_ids(capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": "ok,../y"}, capsys)
    assert code == 1 and result["msg"] == "job_ids[1]: '../y' is not a valid id (1 to 128 letters, digits, '_' or '-')"


def test_every_bad_id_is_named_once_and_cut(capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": ["x" * 10000, "ok", "../y"]}, capsys)
    assert code == 1 and result["msg"] == ("job_ids: 2 values are not valid ids (1 to 128 letters, digits, '_' or '-'): "
                                           "[0] '%s…' (10000 characters), [2] '../y'" % ("x" * 40))


def test_plain_http_to_another_host_fails_before_any_request(capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": ["a"], "endpoint": "http://cce.example.com"}, capsys)
    assert code == 1 and result["msg"].startswith("endpoint uses plain http to cce.example.com")
    assert result["errors"] == [] and result["retries"]["requests"] == 0 and set(result["retries"].values()) == {0}
