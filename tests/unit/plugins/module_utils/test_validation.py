import re

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CODEARTS_BUILD_JOB
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import GENERIC_ID_RULE, SHOWN_START, check_id, check_ids, shown_value

HOSTILE = ["a/b", "..", "../x", "%2e%2e", "a%2Fb", "a b", " a", "a\n", "", "x" * 129, "x" * 200, "a?b", "a#b", "ü", None, 5]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_are_refused_with_their_value_named(value):
    with pytest.raises(ConfigurationError) as raised:
        check_id("job_id", value)
    assert str(raised.value).startswith("job_id: %s is not a valid id (" % shown_value(value))


@pytest.mark.parametrize("value", ["e43c6f3b-87e6-11f0-be88-0255ac10003f", "a", "A_b-9", "x" * 128])
def test_plain_ids_pass(value):
    assert check_id("job_id", value) == value


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
    from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CCE_JOB
    path = CCE_JOB.delete_call.path({"project_id": "p/../q"}, "a b/..")
    assert path == "/api/v2/projects/p%2F..%2Fq/jobs/a%20b%2F.."


def test_a_long_value_is_shown_cut_to_its_start_and_length():
    with pytest.raises(ConfigurationError) as raised:
        check_id("job_id", "x" * 10000)
    message = str(raised.value)
    assert message == "job_id: '%s…' (10000 characters) is not a valid id (%s)" % ("x" * SHOWN_START, GENERIC_ID_RULE)
    assert shown_value(["y" * 500]).endswith("… (504 characters)") and len(shown_value(["y" * 500])) < 100


@pytest.mark.parametrize("value, shown", [(None, "null"), ("a b", "'a b'"), (123, "123"), (1.5, "1.5"), ("x" * 100, repr("x" * 100))])
def test_a_short_value_is_shown_whole_and_null_as_null(value, shown):
    assert shown_value(value) == shown


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
