"""The module base: what a task returns for bad input and for nothing to do, before any request."""

import json

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.module import DeleteModule, InfoModule
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CCE_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB

testing = pytest.importorskip("ansible.module_utils.testing")  # ansible-core 2.19 and later

BASE = {"region": "eu-de", "cloud": "otc", "access_key": "AK", "secret_key": "SK", "project_id": "p1",
        "endpoint": "http://127.0.0.1:9"}  # a closed port: any request sent would fail differently


def run(module, args, capsys):
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


def test_every_bad_id_is_named_once_and_cut(capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": ["x" * 10000, "ok", "../y"]}, capsys)
    assert code == 1 and result["msg"] == ("job_ids: 2 values are not valid ids (1 to 128 letters, digits, '_' or '-'): "
                                           "[0] '%s…' (10000 characters), [2] '../y'" % ("x" * 40))


def test_plain_http_to_another_host_fails_before_any_request(capsys):
    code, result = run(DeleteModule(CCE_JOB), {"job_ids": ["a"], "endpoint": "http://cce.example.com"}, capsys)
    assert code == 1 and result["msg"].startswith("endpoint uses plain http to cce.example.com")
    assert result["errors"] == [] and result["retries"] == {}
