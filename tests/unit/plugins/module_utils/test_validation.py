import re

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CODEARTS_BUILD_JOB
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import check_id, check_ids

HOSTILE = ["a/b", "..", "../x", "%2e%2e", "a%2Fb", "a b", " a", "a\n", "", "x" * 129, "x" * 200, "a?b", "a#b", "ü", None, 5]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_are_refused_with_their_value_named(value):
    with pytest.raises(ConfigurationError) as raised:
        check_id("job_id", value)
    assert "job_id" in str(raised.value) and repr(value) in str(raised.value)


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
