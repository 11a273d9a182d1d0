"""No module result carries a key Ansible gives a meaning to (issue 18): a truthy ``skipped`` made Ansible show a
Workspace task that deleted six sub-jobs as skipped, with changed=0. A key that several modules return from the same
engine code is documented alike in each (issue 20): RETURN takes no doc fragment before ansible-core 2.20, so each
module repeats it; test_flow_returns.py checks the documented keys against real runs."""

import importlib
import pkgutil
import re

import pytest
import yaml

from ansible_collections.hwc.cleanup.plugins import modules
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.module import DeleteModule
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.deletion import Outcome

# Keys ansible-core reads or writes in a task result (executor/task_executor.py, executor/task_result.py, the
# callbacks, the async and loop machinery), where a module's own value would change how the task is shown.
# ``changed`` (a bool), ``msg`` (a message) and ``diff`` (before/after) are used as Ansible means them.
# ``retries`` is ours and allowed: ansible-core writes its own only into the intermediate results of an
# ``until`` loop, for the retry message; the registered result keeps the module's (docs/decisions.md).
RESERVED = {"skipped", "failed", "changed", "msg", "warnings", "deprecations", "invocation", "exception", "results",
            "ansible_facts", "diff", "rc", "stdout", "stdout_lines", "stderr", "stderr_lines", "attempts",
            "ansible_job_id", "started", "finished", "failed_when_result", "changed_when_result", "skip_reason",
            "item", "ansible_loop_var", "censored"}

MODULE_NAMES = sorted(module.name for module in pkgutil.iter_modules(modules.__path__))

FAILURE_KEYS = ("status_code", "error_code", "error_msg", "request_id")
# The result keys several modules share, and the fields of their entries that may differ: DeleteModule and Outcome
# build them alike for every delete module, HwcModule.main for every other module that fails (an ApiError's facts), and
# HwcModule.missing_parents for both DCS modules (a delete module returns it on failure too, an _info module only
# with its list).
SHARED_RESULT_KEYS = [
    pytest.param(("cce_job", "codearts_build_job", "dcs_background_task", "workspace_sub_jobs"),
                 ("deleted", "already_absent", "errors", "retries") + FAILURE_KEYS, (), id="delete"),
    pytest.param(("cce_job_info", "codearts_build_job_info", "dcs_background_task_info", "workspace_sub_job_info", "auth",
                  "project_info"), FAILURE_KEYS, (), id="info-auth-project"),
    pytest.param(("dcs_background_task", "dcs_background_task_info"), ("missing_parents",), ("returned",), id="dcs"),
]
# What a shared entry may say of its own service: an example of the service's error code.
ERROR_CODE_EXAMPLE = re.compile(r"such as C\([^)]*\)")


def documented_results(name):
    return yaml.safe_load(importlib.import_module(modules.__name__ + "." + name).RETURN) or {}


def without_service_examples(entries):
    """RETURN entries less what shows the module's own service: the samples and the examples of an error code."""
    plain = {}
    for key, entry in entries.items():
        plain[key] = dict((field, without_service_examples(value) if field == "contains" else value)
                          for field, value in entry.items() if field != "sample")
        if key == "error_code":
            plain[key]["description"] = ERROR_CODE_EXAMPLE.sub("such as C(...)", entry["description"])
    return plain


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_no_documented_result_key_is_one_ansible_reserves(name):
    documented = documented_results(name)
    assert not set(documented) & RESERVED, name
    assert not [key for key in documented if key.startswith(("ansible_", "_ansible"))], name


@pytest.mark.parametrize("resource", [CODEARTS_BUILD_JOB, CCE_JOB, WORKSPACE_SUB_JOB, DCS_BACKGROUND_TASK],
                         ids=lambda resource: resource.service)
def test_a_delete_result_uses_the_keys_ansible_reserves_only_as_ansible_means_them(resource):
    outcome = Outcome(["a", "b"], reports_undeletable=True)
    outcome.add_deleted("a")
    outcome.add_undeletable("b", "of a type the service cannot delete")
    result = outcome.result(with_diff=True)
    assert result["changed"] is True
    assert set(result["diff"]) == {"before", "after"}
    assert not (set(result) | set(DeleteModule(resource).failed_result)) & (RESERVED - {"changed", "diff"})


@pytest.mark.parametrize("names, keys, apart", SHARED_RESULT_KEYS)
def test_modules_document_the_result_keys_they_share_alike(names, keys, apart):
    shared = [dict((key, dict((field, value) for field, value in entries[key].items() if field not in apart)) for key in keys)
              for entries in (without_service_examples(documented_results(name)) for name in names)]
    for name, entries in zip(names[1:], shared[1:]):
        assert entries == shared[0], "%s documents %s unlike %s" % (name, ", ".join(keys), names[0])
