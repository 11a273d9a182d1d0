"""The teardown's and the cleanup roles' logic (plugins/plugin_utils/teardown.py): planning and checking the inputs,
matching protected ids, the project guard, the saved state, where the run writes."""

import base64
import json

import pytest

from ansible_collections.hwc.cleanup.plugins.plugin_utils import teardown as t

UUID = "48668d77-e827-462c-b8b7-d0ac84773ce0"
PROJECT = {"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "name": "eu-de_team1", "region": "eu-de"}


def plan(**inputs):
    inputs.setdefault("dry_run", True)
    return t.teardown_plan(inputs)


def test_a_list_and_a_selector_plan_runs_in_service_order():
    result = plan(cce_jobs=["a", "a", "b"], workspace_sub_jobs={"job_ids": ["w"], "statuses": ["success"]},
                  dcs_tasks=[{"instance_id": "i1"}, {"instance_id": "i2", "task_ids": ["t"]}])
    assert result["errors"] == []
    assert [(run["service"], run["scope"]) for run in result["runs"]] == [
        ("cce_jobs", {}), ("workspace_sub_jobs", {}), ("dcs_tasks", {"instance_id": "i1"}), ("dcs_tasks", {"instance_id": "i2"})]
    assert result["runs"][0]["ids"] == ["a", "b"]
    assert result["runs"][1] == {"service": "workspace_sub_jobs", "scope": {}, "ids": ["w"],
                                 "discover": {"status": ["SUCCESS"]}, "codearts_project_id": ""}


@pytest.mark.parametrize("service, given, spelled", [
    ("cce_jobs", ["success", "FAILED"], ["Success", "Failed"]),
    ("workspace_sub_jobs", ["Success"], ["SUCCESS"]),
    ("codearts_build_jobs", ["BLUE"], ["blue"]),
    ("dcs_tasks", ["anything"], ["anything"]),  # DCS documents no statuses
])
def test_statuses_are_spelled_as_the_service_does_and_statuses_works_everywhere(service, given, spelled):
    selector = {"statuses": given, "codearts_project_id": "p1"} if service == "codearts_build_jobs" else {"statuses": given}
    if service == "dcs_tasks":
        selector["instance_id"] = "i1"
        result = plan(dcs_tasks=[selector])
    else:
        result = plan(**{service: selector})
    assert result["errors"] == []
    assert result["runs"][0]["discover"]["status"] == spelled


@pytest.mark.parametrize("service, status, valid", [
    ("cce_jobs", "SUCCEEDED", "Initializing, Running, Failed, Success"),
    ("codearts_build_jobs", "green", "red, blue, timeout, aborted, building, none"),
    ("workspace_sub_jobs", "DONE", "SUCCESS, FAILED, RUNNING, WAITING"),
])
def test_an_unknown_status_names_the_valid_ones(service, status, valid):
    result = plan(**{service: {"status": [status], "codearts_project_id": "p1"} if service == "codearts_build_jobs"
                     else {"status": [status]}})
    assert result["runs"] == []
    assert len(result["errors"]) == 1
    assert status in result["errors"][0] and valid in result["errors"][0]
    assert result["errors"][0].startswith("hwc_teardown_%s.status" % service)


def test_every_bad_id_is_named_and_long_ones_are_cut():
    long_id = "x" * 10000
    result = plan(cce_jobs=["ok", "a/b", None, 123, long_id])
    (error,) = result["errors"]
    assert '"a/b", null, 123, "%s... (10000 characters) are not ids' % ("x" * 40) in error
    assert long_id not in error


def test_named_values_stop_at_a_limit_then_count():
    result = plan(cce_jobs=["bad/%d" % index for index in range(25)])
    assert '"bad/9" and 15 more are not ids' in result["errors"][0]


def test_codearts_build_job_ids_follow_the_service_rule():
    result = plan(codearts_build_jobs=["a" * 32, "short"])
    assert result["errors"] == ['hwc_teardown_codearts_build_jobs: "short" is not an id (32 letters and digits)']


@pytest.mark.parametrize("bad", ["48668D77-E827-462C-B8B7-D0AC84773CE0 ", "../x", 5, "", None, "a" * 129])
def test_protected_ids_are_checked_as_strictly_as_ids_to_delete(bad):
    result = plan(protected_ids=["ok", bad])
    assert result["errors"] and result["errors"][0].startswith("hwc_teardown_protected_ids: ")
    assert result["protected_ids"] == ["ok"]


def test_protected_ids_must_be_a_list():
    assert plan(protected_ids="abc")["errors"] == ['hwc_teardown_protected_ids must be a list of strings, got "abc"']


@pytest.mark.parametrize("value", ["", False, 0])
def test_a_protective_input_that_is_no_list_is_refused_not_read_as_none(value):
    # An unset variable gives "": read as "no protection" it would let everything go, silently.
    errors = plan(protected_ids=value, allowed_projects=value, blocked_projects=value)["errors"]
    assert [error.split(" must be a list")[0] for error in errors] == [
        "hwc_teardown_protected_ids", "hwc_teardown_allowed_projects", "hwc_teardown_blocked_projects"]
    assert t.cleanup_inputs({"service": "cce_jobs", "protected_ids": value, "named": "cce_jobs_cleanup"})["errors"] == [
        "cce_jobs_cleanup_protected_ids must be a list of strings, got %s" % t.shown(value)]
    assert plan(protected_ids=None)["errors"] == []


def test_selectors_name_every_bad_key_and_value():
    errors = plan(cce_jobs={"status": "Success", "older_than": "14days"},
                  codearts_build_jobs={"name_pattern": "pr-*", "job_name": "x"},
                  dcs_tasks=[{"instance_id": "i", "ids": ["task/1"]}, "no"])["errors"]
    assert 'hwc_teardown_cce_jobs.status must be a list of strings, got "Success"' in errors
    assert "hwc_teardown_cce_jobs.older_than '14days' is not a duration such as 7d, 12h, 1w2d or 90m" in errors
    assert any(error.startswith('hwc_teardown_codearts_build_jobs: unknown key(s) job_name;') for error in errors)
    assert any("needs codearts_project_id" in error for error in errors)
    assert 'hwc_teardown_dcs_tasks[0].ids: "task/1" is not an id (1-128 of A-Z a-z 0-9 _ -)' in errors
    assert any(error.startswith("hwc_teardown_dcs_tasks[1] needs an instance_id") for error in errors)


@pytest.mark.parametrize("older_than", ["99999999w", "9999999999999w", "9" * 5000 + "d"])
def test_a_discovery_older_than_the_modules_refuse_is_refused_before_any_request(older_than):
    """The _info module's own rule: past 100 years its cutoff would fail after the list was read."""
    errors = plan(cce_jobs={"older_than": older_than})["errors"]
    assert len(errors) == 1 and errors[0].startswith("hwc_teardown_cce_jobs.older_than '9")
    assert errors[0].endswith(" is longer than 100 years")
    checked = t.cleanup_inputs({"service": "cce_jobs", "named": "cce_jobs_cleanup", "discover": {"older_than": older_than}})
    assert checked["discover"] == {} and checked["errors"][0].startswith("cce_jobs_cleanup_discover.older_than '9")


@pytest.mark.parametrize("older_than", ["\u0663d", "7 days"])
def test_a_discovery_age_the_modules_cannot_read_is_refused(older_than):
    errors = plan(cce_jobs={"older_than": older_than})["errors"]
    assert errors == ["hwc_teardown_cce_jobs.older_than %r is not a duration such as 7d, 12h, 1w2d or 90m" % older_than]


@pytest.mark.parametrize("name_pattern", ["", "   ", None])
def test_a_discovery_name_pattern_that_matches_nothing_is_refused(name_pattern):
    errors = plan(cce_jobs={"name_pattern": name_pattern})["errors"]
    assert errors == ["hwc_teardown_cce_jobs.name_pattern: %r is not a shell-style name pattern such as 'ci-*'"
                      % name_pattern if name_pattern is not None else
                      "hwc_teardown_cce_jobs.name_pattern: null is not a shell-style name pattern such as 'ci-*'"]


def test_a_look_alike_character_in_an_id_is_named_with_its_code_point():
    errors = plan(cce_jobs=["0ff9bb51-0944-4e0c-9dfb-369b\u0430b13dfae", "ok", "a\u2013b"], protected_ids=["p\u0430"],
                  dcs_tasks=[{"instance_id": "inst\u0430"}, {"instance_id": "i", "ids": ["t"]}])["errors"]
    assert errors == [
        'hwc_teardown_cce_jobs: "0ff9bb51-0944-4e0c-9dfb-369b\\u0430b13dfae", "a\\u2013b" are not ids (1-128 of A-Z a-z 0-9 _ '
        '-); "0ff9bb51-0944-4e0c-9dfb-369b\\u0430b13dfae" contains \'\u0430\' (U+0430), not an ASCII character; "a\\u2013b" '
        'contains \'\u2013\' (U+2013), not an ASCII character',
        'hwc_teardown_dcs_tasks[0] needs an instance_id (1-128 of A-Z a-z 0-9 _ -), got {"instance_id": "inst\\u0430"}; '
        '"inst\\u0430" contains \'\u0430\' (U+0430), not an ASCII character',
        'hwc_teardown_protected_ids: "p\\u0430" is not an id (1-128 of A-Z a-z 0-9 _ -); "p\\u0430" contains \'\u0430\' '
        '(U+0430), not an ASCII character']
    checked = t.cleanup_inputs({"service": "dcs_tasks", "named": "dcs_tasks_cleanup", "instance_id": "\u0430"})
    assert checked["errors"] == ['dcs_tasks_cleanup_instance_id must be an id (1-128 of A-Z a-z 0-9 _ -), got "\\u0430"; '
                                 '"\\u0430" contains \'\u0430\' (U+0430), not an ASCII character']


def test_codearts_project_is_the_scope_of_a_codearts_selector():
    run = plan(codearts_build_jobs={"codearts_project_id": "p1", "name_pattern": "pr-*"})["runs"][0]
    assert run["scope"] == {"codearts_project_id": "p1"} and run["codearts_project_id"] == "p1"


def test_outputs_and_save_state_in_a_confirmed_run():
    result = plan(report="/var/log/r.json", save_state="s.json", dry_run=False)
    assert result["outputs"] == [{"input": "hwc_teardown_report", "path": "/var/log/r.json", "parent": "/var/log"},
                                 {"input": "hwc_teardown_save_state", "path": "s.json", "parent": "."}]
    assert any("records a dry run" in error for error in result["errors"])
    assert not any("records a dry run" in error for error in plan(save_state="s.json", dry_run="True")["errors"])


@pytest.mark.parametrize("protected", [UUID.upper(), UUID, " ".join([UUID]).upper()])
def test_protected_ids_match_regardless_of_case(protected):
    assert t.split_ids([UUID, "other"], [protected]) == {"matched": [UUID], "rest": ["other"]}


def test_cleanup_inputs_name_the_roles_inputs():
    checked = t.cleanup_inputs({"service": "codearts_build_jobs", "named": "codearts_build_jobs_cleanup",
                                "ids": ["a" * 32], "protected_ids": ["cce-protected"],
                                "discover": {"statuses": ["GREEN"], "name": "x"}})
    errors = checked["errors"]
    assert 'codearts_build_jobs_cleanup_protected_ids: "cce-protected" is not an id (32 letters and digits)' in errors
    assert any(error.startswith("codearts_build_jobs_cleanup_discover.statuses: 'GREEN'") for error in errors)
    assert any(error.startswith('codearts_build_jobs_cleanup_discover: unknown key(s) name;') for error in errors)


def test_cleanup_inputs_generic_protected_rule_and_normalised_discover():
    checked = t.cleanup_inputs({"service": "codearts_build_jobs", "protected_rule": "generic", "ids": [],
                                "protected_ids": ["cce-protected"], "codearts_project_id": "p1",
                                "discover": {"statuses": ["Blue", "RED"], "older_than": "1d"}})
    assert checked == {"errors": [], "ids": [], "protected_ids": ["cce-protected"],
                       "discover": {"status": ["blue", "red"], "older_than": "1d"}, "service": "codearts_build_jobs"}


def test_cleanup_inputs_dcs_needs_an_instance():
    assert t.cleanup_inputs({"service": "dcs_tasks", "named": "dcs_tasks_cleanup", "instance_id": "a/b"})["errors"] == [
        'dcs_tasks_cleanup_instance_id must be an id (1-128 of A-Z a-z 0-9 _ -), got "a/b"']


def sub_job(job_id, reason=None):
    return {"id": job_id, "deletable": reason is None, "undeletable_reason": reason}


def selection(ids=(), protected=(), found=None, spared=(), plan_ids=None):
    checked = t.cleanup_inputs({"service": "workspace_sub_jobs", "ids": list(ids), "protected_ids": list(protected),
                                "protected_rule": "generic"})
    assert checked["errors"] == []
    return t.cleanup_selection(checked, {"sub_jobs": found} if found is not None else {}, list(spared), plan_ids)


def test_protected_then_spared_ids_match_regardless_of_case_and_the_rest_is_deleted_in_order():
    result = selection(ids=["a1", "B2", "c3"], protected=["A1"], spared=["b2", "a1"], found=[sub_job("d4"), sub_job("c3")])
    assert result == {"discovered": ["d4", "c3"], "protected": ["a1"], "spared": ["B2"], "skipped": [],
                      "not_in_plan": [], "targets": ["c3", "d4"]}


def test_found_items_the_service_cannot_delete_are_skipped_with_the_info_modules_reason():
    running = "Workspace sub-job r1 is RUNNING: only SUCCESS or FAILED ones can be deleted"
    result = selection(ids=["l1"], protected=["p1"], spared=["s1"], found=[
        sub_job("r1", running), sub_job("l1", "listed"), sub_job("p1", "protected"), sub_job("s1", "spared"), sub_job("ok")])
    assert result["skipped"] == [{"id": "r1", "reason": running}]
    # a listed id stays in the deletion, whose module reports it; protected and spared ones are only that
    assert result["targets"] == ["l1", "ok"]
    assert (result["protected"], result["spared"]) == (["p1"], ["s1"])


def test_applying_a_plan_deletes_only_its_ids_and_reports_the_rest_found_as_not_in_plan():
    result = selection(ids=["p1"], protected=["x"], found=[sub_job("P2"), sub_job("new"), sub_job("x"),
                                                           sub_job("run", "running")], plan_ids=["p1", "p2"])
    assert (result["targets"], result["not_in_plan"]) == (["p1", "P2"], ["new"])
    assert [entry["id"] for entry in result["skipped"]] == ["run"] and result["protected"] == ["x"]
    assert selection(ids=["a"], plan_ids=[])["not_in_plan"] == ["a"]  # an empty plan deletes nothing


def test_without_discovery_only_the_ids_asked_for_are_selected():
    for discovery in ({}, {"skipped": True, "changed": False}):
        checked = t.cleanup_inputs({"service": "cce_jobs", "ids": ["j1"]})
        assert t.cleanup_selection(checked, discovery) == {"discovered": [], "protected": [], "spared": [], "skipped": [],
                                                           "not_in_plan": [], "targets": ["j1"]}


@pytest.mark.parametrize("allowed, blocked, refused", [
    ([], ["EU-DE_TEAM1"], "blocked"),
    ([], [" eu-de_team1 "], "blocked"),
    ([], [PROJECT["id"].upper()], "blocked"),
    (["eu-de_team1"], ["eu-de_team1"], "blocked"),  # blocked wins
    (["eu-de_team2"], [], "not in hwc_teardown_allowed_projects"),
    ([" Eu-De_Team1"], [], ""),
    ([], [], ""),
])
def test_the_guard_matches_regardless_of_case_and_space(allowed, blocked, refused):
    verdict = t.teardown_guard(PROJECT, allowed, blocked)
    assert (refused in verdict["refused"]) if refused else verdict["refused"] == ""
    assert verdict["warnings"] == []


def test_prod_needs_the_allow_list():
    prod = dict(PROJECT, name="eu-de_Prod-payments")
    assert "prod" in t.teardown_guard(prod)["refused"]
    assert t.teardown_guard(prod, ["EU-DE_PROD-PAYMENTS"])["refused"] == ""


def test_allowed_entries_that_can_match_no_project_are_warnings():
    verdict = t.teardown_guard(PROJECT, ["eu-de_team1", "prod", "team 1"], ["eu-west-101", "0f" * 16, "MOS"])
    assert verdict["refused"] == ""
    (warning,) = verdict["warnings"]
    assert warning.startswith('hwc_teardown_allowed_projects: "prod", "team 1" are neither this project')


@pytest.mark.parametrize("entry", ["eu-de\u200b", "eu\u2011de", "eu-de_team1\u200b", "eu-de_team\u00a01", "team 1", "prod"])
def test_a_blocked_entry_that_can_match_no_project_refuses_a_confirmed_run(entry):
    verdict = t.teardown_guard(PROJECT, [], [entry])
    assert "hwc_teardown_blocked_projects: %s can match no project" % t.shown(entry) in verdict["refused"]


def state_file(**fields):
    state = {"format": "hwc.cleanup.teardown_state", "version": 1, "project": {"id": PROJECT["id"]},
             "saved_at": "2026-12-01T04:00:00.000000+00:00",
             "services": [{"service": "cce_jobs", "scope": {}, "ids": ["c1"]},
                          {"service": "dcs_tasks", "scope": {"instance_id": "i"}, "ids": ["t1"]}]}
    state.update(fields)
    return base64.b64encode(json.dumps(state).encode()).decode()


@pytest.mark.parametrize("saved_at", [None, [1, 2], "yesterday", 1764561600])
def test_a_state_must_say_when_it_was_saved(saved_at):
    (error,) = t.teardown_state(state_file(saved_at=saved_at), "/s.json")["errors"]
    assert error.startswith("hwc_teardown_spare_state /s.json is not a valid saved state: saved_at is ")


def test_each_planned_run_a_state_has_no_entry_for_is_named_in_a_warning():
    runs = [{"service": "cce_jobs", "scope": {}}, {"service": "dcs_tasks", "scope": {"instance_id": "I"}},
            {"service": "dcs_tasks", "scope": {"instance_id": "new"}}, {"service": "workspace_sub_jobs", "scope": {}}]
    state = t.teardown_state(state_file(), "/s.json", runs=runs)
    assert state["errors"] == [] and state["warnings"] == [
        "hwc_teardown_spare_state /s.json has no entry for dcs_tasks instance_id new: nothing of it is spared",
        "hwc_teardown_spare_state /s.json has no entry for workspace_sub_jobs: nothing of it is spared"]
    assert t.teardown_state(state_file(), "/s.json")["warnings"] == []


def test_a_state_nested_too_deeply_is_named_not_a_crash():
    deep = base64.b64encode(("[" * 100000 + "]" * 100000).encode()).decode()
    assert t.teardown_state(deep, "/s.json")["errors"] == [
        "hwc_teardown_spare_state /s.json is nested too deeply to be read: it is not a saved state"]


def test_a_valid_state():
    state = t.teardown_state(state_file(), "/s.json")
    assert state["errors"] == [] and state["project_id"] == PROJECT["id"]
    assert t.spared_ids(state, "dcs_tasks") == ["t1"] and t.spared_ids(state, "cce_jobs") == ["c1"]


@pytest.mark.parametrize("content, problem", [
    ("", "is empty"),
    (base64.b64encode(b"   \n").decode(), "is empty"),
    (base64.b64encode(b"{not json").decode(), "is not JSON"),
    (base64.b64encode(b"\xff\xfe").decode(), "is not UTF-8 text"),
    (base64.b64encode(b"[1]").decode(), "a JSON object is expected"),
    (state_file(format="other"), 'format is "other"'),
    (state_file(version="1"), 'version is "1"'),
    (state_file(version=True), "version is true"),
    (state_file(project="x"), "project.id is null"),
    (state_file(services={"cce_jobs": []}), "services is {"),
    (state_file(services=[{"service": "cce_job", "scope": {}, "ids": []}]), 'services[0].service is "cce_job", not one of'),
    (state_file(services=[{"service": "cce_jobs", "scope": [], "ids": []}]), "services[0].scope is [], not a mapping"),
    (state_file(services=[{"service": "cce_jobs", "ids": "c1"}]), 'services[0].ids must be a list of strings, got "c1"'),
    (state_file(services=[{"service": "cce_jobs", "ids": ["../c"]}]), 'services[0].ids: "../c" is not an id'),
    (state_file(project={"id": "p\u0430"}), 'project.id is "p\\u0430", not a project id; "p\\u0430" contains \'\u0430\' (U+0430)'),
])
def test_a_bad_state_names_the_file_and_the_problem(content, problem):
    state = t.teardown_state(content, "/tmp/s.json")
    assert state["services"] == []
    (error,) = state["errors"]
    assert error.startswith("hwc_teardown_spare_state /tmp/s.json ")
    assert problem in error


def test_unwritable_outputs_are_named():
    outputs = [t.output("hwc_teardown_report", "/no/r.json"), t.output("hwc_teardown_report", "/ro/r.json"),
               t.output("hwc_teardown_save_state", "/d"), t.output("hwc_teardown_report", "/ok/r.json"),
               t.output("hwc_teardown_report", "/ok/locked.json")]
    files = [{"stat": {"exists": False}}, {"stat": {"exists": False}}, {"stat": {"exists": True, "isdir": True}},
             {"stat": {"exists": False}}, {"stat": {"exists": True, "isdir": False, "writeable": False}}]
    dirs = [{"stat": {"exists": False}}, {"stat": {"exists": True, "isdir": True, "writeable": False, "executable": True}},
            {"stat": {"exists": True, "isdir": True, "writeable": True, "executable": True}},
            {"stat": {"exists": True, "isdir": True, "writeable": True, "executable": True}},
            {"stat": {"exists": True, "isdir": True, "writeable": True, "executable": True}}]
    assert t.teardown_unwritable(outputs[:1], [{"failed": True}], [{"failed": True, "msg": "Permission denied"}]) == [
        "hwc_teardown_report /no/r.json cannot be written: its directory /no cannot be looked at (Permission denied)"]
    assert t.teardown_unwritable(outputs, files, dirs) == [
        "hwc_teardown_report /no/r.json cannot be written: its directory /no does not exist",
        "hwc_teardown_report /ro/r.json cannot be written: its directory /ro is not writable",
        "hwc_teardown_save_state /d is a directory",
        "hwc_teardown_report /ok/locked.json exists and is not writable",
    ]
    # A file that exists is written anew through its directory: a writable file in a read-only directory cannot be.
    assert t.teardown_unwritable(outputs[1:2], [{"stat": {"exists": True, "isdir": False, "writeable": True}}], dirs[1:2]) == [
        "hwc_teardown_report /ro/r.json cannot be written: its directory /ro is not writable"]


@pytest.mark.parametrize("inputs, error", [
    ({"report": "/tmp/run.json", "save_state": "/tmp/./run.json"},
     "hwc_teardown_report and hwc_teardown_save_state are the same file (/tmp/./run.json)"),
    ({"report": "~/state.json", "spare_state": "~/state.json", "dry_run": False},
     "hwc_teardown_report and hwc_teardown_spare_state are the same file (~/state.json)"),
    ({"report": "/tmp/plan.json", "plan": "/tmp/plan.json", "dry_run": False},
     "hwc_teardown_report and hwc_teardown_plan are the same file (/tmp/plan.json)"),
])
def test_two_inputs_naming_one_file_are_refused(inputs, error):
    assert error + ": the run would write one over the other" in t.teardown_plan(inputs)["errors"]


def test_saved_state_records_what_exists():
    results = [{"service": "workspace_sub_jobs", "scope": {}, "discovered": ["b", "a"], "would_delete": ["a", "c"],
                "skipped": [{"id": "d", "reason": "r"}]}]
    state = t.teardown_saved_state(results, PROJECT, "2026-12-01T04:00:00.000000+00:00")
    assert state["services"] == [{"service": "workspace_sub_jobs", "scope": {}, "ids": ["a", "b", "c", "d"]}]
    assert state["format"] == "hwc.cleanup.teardown_state" and state["version"] == 1
    # What a dry run saves, the teardown reads back.
    encoded = base64.b64encode(json.dumps(state).encode()).decode()
    assert t.teardown_state(encoded, "s")["errors"] == []


@pytest.mark.parametrize("path, problem", [
    ("/tmp/new/", "names a directory (it ends with /)"),
    ("/tmp/" + "r" * 300 + ".json", "is longer than a file name (255 bytes) or path (4095 bytes) may be"),
    ("/" + "d/" * 2100 + "r.json", "is longer than a file name"),
])
def test_a_path_that_can_never_be_a_file_is_refused_before_any_request(path, problem):
    plan = t.teardown_plan({"report": path})
    assert plan["outputs"] == [] and len(plan["errors"]) == 1
    assert plan["errors"][0].startswith("hwc_teardown_report ") and problem in plan["errors"][0]


@pytest.mark.parametrize("fields, problem", [
    ({"services": [{"service": "cce_jobs", "ids": ["c1"]}]}, "services[0].scope is missing, not a mapping"),
    ({"services": [{"service": "cce_jobs", "scope": {}, "ids": ["c1"], "id": "c2"}]}, 'services[0]: unknown key(s) "id"'),
    ({"sevices": []}, 'unknown key(s) "sevices"'),
])
def test_a_hand_edited_state_is_refused_naming_what_is_wrong(fields, problem):
    state = t.teardown_state(state_file(**fields), "/tmp/state.json")
    assert state["services"] == [] and problem in state["errors"][0]


def test_status_and_its_alias_together_are_refused():
    plan = t.teardown_plan({"cce_jobs": {"status": ["Success"], "statuses": ["Failed"]}})
    assert plan["runs"] == [] and "hwc_teardown_cce_jobs: give status or its alias statuses, not both" in plan["errors"]


def test_well_formed_entries_that_name_no_visible_project_are_warnings():
    visible = [PROJECT, {"id": "0f" * 16, "name": "eu-de_team2"}]
    verdict = t.teardown_guard(PROJECT, ["EU-DE_TEAM2", "eu-de_gone"], ["eu-de_old", "0F" * 16], visible)
    assert verdict["refused"] == "it is not in hwc_teardown_allowed_projects (EU-DE_TEAM2, eu-de_gone)"
    assert verdict["warnings"] == [
        'hwc_teardown_allowed_projects: "eu-de_gone" matches no project this credential can access',
        'hwc_teardown_blocked_projects: "eu-de_old" matches no project this credential can access']
    assert t.teardown_guard(PROJECT, ["eu-de_gone"], [])["warnings"] == []  # not listed: nothing to say
