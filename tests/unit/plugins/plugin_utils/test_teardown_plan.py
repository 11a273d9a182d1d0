"""Applying exactly what was reviewed (plugins/plugin_utils/teardown.py): the plan a dry run records and publishes,
its checks (project, dry run, age, field by field) and what a run that applies it may delete."""

import base64
import json

import pytest

from ansible_collections.hwc.cleanup.plugins.plugin_utils import teardown as t

PROJECT = {"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "name": "eu-de_team1", "region": "eu-de", "enabled": True}
NOW = "2026-12-02T10:00:00.000000+00:00"
JOB = "cccccccccccccccccccccccccccccc01"


def recorded(planned_at="2026-12-02T09:00:00.000000+00:00", dry_run=True):
    results = [
        {"service": "cce_jobs", "scope": {}, "would_delete": ["cce-1", "cce-2"], "deleted": []},
        {"service": "codearts_build_jobs", "scope": {"codearts_project_id": "5f3c2a1b9d8e4f70a6b5c4d3e2f1a0b9"},
         "would_delete": [JOB], "deleted": []},
        {"service": "dcs_tasks", "scope": {"instance_id": "dcs-a"}, "would_delete": [], "deleted": []},
    ]
    runs = [{"discover": {"status": ["Success"]}}, {"discover": {"name_pattern": "ci-*"}}, {"discover": {}}]
    return t.teardown_plan_record(results, runs, PROJECT, planned_at, dry_run)


def reviewed(plan, max_age="24h", now=NOW):
    return t.teardown_reviewed_plan(plan, now, max_age)


def test_a_dry_run_records_its_plan_per_service_and_scope():
    plan = recorded()
    assert plan["format"] == "hwc.cleanup.teardown_plan" and plan["version"] == 1 and plan["dry_run"] is True
    assert plan["project"] == {"id": PROJECT["id"], "name": "eu-de_team1", "region": "eu-de"}
    assert [(entry["service"], entry["ids"], entry["discover"]) for entry in plan["services"]] == [
        ("cce_jobs", ["cce-1", "cce-2"], {"status": ["Success"]}),
        ("codearts_build_jobs", [JOB], {"name_pattern": "ci-*"}),
        ("dcs_tasks", [], {})]
    assert plan["services"][2]["scope"] == {"instance_id": "dcs-a"}
    json.dumps(plan)  # what set_stats and the report carry


def test_a_recorded_plan_is_applied_as_the_runs_it_records():
    checked = reviewed(recorded())
    assert checked["errors"] == []
    assert [(run["service"], run["ids"], run["discover"], run["codearts_project_id"]) for run in checked["runs"]] == [
        ("cce_jobs", ["cce-1", "cce-2"], {"status": ["Success"]}, ""),
        ("codearts_build_jobs", [JOB], {"name_pattern": "ci-*"}, "5f3c2a1b9d8e4f70a6b5c4d3e2f1a0b9"),
        ("dcs_tasks", [], {}, "")]
    assert checked["plan"]["project"]["id"] == PROJECT["id"]


def test_a_plan_that_is_not_a_dry_runs_is_refused():
    errors = reviewed(recorded(dry_run=False))["errors"]
    assert len(errors) == 1 and "dry_run is false: it is not a dry run's plan" in errors[0]
    assert errors[0].startswith("hwc_teardown_plan is not a plan that can be applied")


@pytest.mark.parametrize("max_age, refused", [("24h", False), ("1h", False), ("59m", True), ("30m", True)])
def test_a_plan_older_than_the_maximum_age_is_refused(max_age, refused):
    errors = reviewed(recorded(), max_age=max_age)["errors"]
    assert bool(errors) is refused
    if refused:
        assert "it is too old: planned at 2026-12-02T09:00:00+00:00, 1:00:00 ago" in errors[0]
        assert "hwc_teardown_plan_max_age" in errors[0]


def test_a_plan_from_the_future_is_refused():
    assert "is in the future" in reviewed(recorded(planned_at="2026-12-02T11:00:00+00:00"))["errors"][0]


@pytest.mark.parametrize("max_age", ["24 hours", "0s", "", 5, None])
def test_a_bad_maximum_age_is_named(max_age):
    assert "hwc_teardown_plan_max_age" in reviewed(recorded(), max_age=max_age)["errors"][0]
    assert t.teardown_plan({"plan_max_age": max_age, "dry_run": True})["errors"] or max_age is None


def test_a_look_alike_in_the_plans_project_id_is_named():
    plan = recorded()
    plan["project"] = {"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f\u0430"}
    assert 'project.id is "0a1b2c3d4e5f60718293a4b5c6d7e8f\\u0430", not a project id; "0a1b2c3d4e5f60718293a4b5c6d7e8f\\u0430" ' \
        "contains '\u0430' (U+0430), not an ASCII character" in reviewed(plan)["errors"][0]


@pytest.mark.parametrize("max_age", ["99999999w", "9999999999999w"])
def test_a_maximum_age_longer_than_100_years_is_named_not_a_crash(max_age):
    message = "hwc_teardown_plan_max_age %r is longer than 100 years" % max_age
    expected = "hwc_teardown_plan cannot be checked: %s. Nothing was requested" % message
    assert reviewed(recorded(), max_age=max_age)["errors"] == [expected]
    assert t.teardown_plan({"plan_max_age": max_age, "dry_run": True})["errors"] == [message]


def test_a_malformed_plan_names_every_field():
    plan = recorded()
    plan.update(format="hwc.cleanup.teardown_state", version="1", planned_at="yesterday", project={"id": "../x"})
    plan["services"] = [
        {"service": "cce_job", "scope": {}, "ids": ["cce-1"]},
        {"service": "cce_jobs", "scope": {}, "ids": "cce-1"},
        {"service": "cce_jobs", "scope": {}, "ids": ["cce-1", "../etc", " cce-2"]},
        {"service": "codearts_build_jobs", "scope": {}, "ids": ["not-a-codearts-id"]},
        {"service": "dcs_tasks", "scope": {}, "ids": []},
        {"service": "cce_jobs", "scope": [], "ids": [], "discover": {"status": ["green"]}, "extra": 1},
        "cce-1",
    ]
    errors = reviewed(plan)["errors"]
    assert len(errors) == 1
    message = errors[0]
    for part in ('format is "hwc.cleanup.teardown_state", not hwc.cleanup.teardown_plan', 'version is "1", not 1',
                 'planned_at is "yesterday", not an ISO 8601 time', 'project.id is "../x", not a project id',
                 'services[0].service is "cce_job", not one of cce_jobs',
                 'services[1].ids must be a list of strings, got "cce-1"',
                 'services[2].ids: "../etc", " cce-2" are not ids',
                 'services[3].ids: "not-a-codearts-id" is not an id (32 letters and digits)',
                 "services[4].scope needs the instance_id", "services[5].scope is [], not a mapping",
                 "services[5]: unknown key(s) extra", "services[5].discover.status: 'green' is not among",
                 'services[6] is "cce-1", not a mapping', "Nothing was requested"):
        assert part in message, part


def test_the_path_of_a_dry_runs_report_gives_its_plan():
    report = {"dry_run": True, "plan": recorded(), "services": []}
    content = base64.b64encode(json.dumps(report).encode("utf-8")).decode("ascii")
    checked = t.teardown_reviewed_plan("/tmp/report.json", NOW, "24h", content)
    assert checked["errors"] == [] and checked["runs"][0]["ids"] == ["cce-1", "cce-2"]
    bare = base64.b64encode(json.dumps(recorded()).encode("utf-8")).decode("ascii")
    assert t.teardown_reviewed_plan("/tmp/plan.json", NOW, "24h", bare)["errors"] == []


@pytest.mark.parametrize("content, problem", [
    ({"dry_run": False, "plan": None}, "is the report of a confirmed run (dry_run false), not a dry run's"),
    ("", "is empty"),
    ('{"dry_run": tr', "is not JSON"),
    ([1, 2], "is neither a teardown report with a plan nor a plan"),
])
def test_a_report_that_holds_no_dry_run_plan_is_refused_naming_the_file(content, problem):
    text = content if isinstance(content, str) else json.dumps(content)
    errors = t.teardown_reviewed_plan("/tmp/r.json", NOW, "24h", base64.b64encode(text.encode()).decode())["errors"]
    assert errors[0].startswith("hwc_teardown_plan /tmp/r.json ") and problem in errors[0]


@pytest.mark.parametrize("given, plan_given, path", [
    ({}, False, ""), ("", False, ""), (recorded(), True, ""), ("/tmp/r.json", True, "/tmp/r.json")])
def test_the_teardown_knows_whether_a_plan_is_given(given, plan_given, path):
    planned = t.teardown_plan({"plan": given, "plan_max_age": "24h", "dry_run": False})
    assert (planned["errors"], planned["plan_given"], planned["plan_path"]) == ([], plan_given, path)


def test_a_plan_that_is_neither_a_mapping_nor_a_path_is_refused():
    planned = t.teardown_plan({"plan": ["cce-1"], "dry_run": False})
    assert planned["errors"] == ['hwc_teardown_plan must be a plan (the mapping a dry run publishes as hwc_teardown_plan) '
                                 'or the path of a dry run\'s JSON report, got ["cce-1"]']


def test_what_a_run_applying_a_plan_may_delete():
    """The split the cleanup steps make (roles/cleanup_common/vars/main.yml): protected first, then the plan."""
    found = ["cce-1", "cce-new", "CCE-2", "cce-keep"]
    protected = t.split_ids(found, ["cce-keep"])
    in_plan = t.split_ids(protected["rest"], ["cce-1", "cce-2", "cce-keep"])
    assert protected["matched"] == ["cce-keep"]  # protected wins over the plan
    assert in_plan == {"matched": ["cce-1", "CCE-2"], "rest": ["cce-new"]}  # cce-new: not_in_plan


def test_times_without_an_offset_are_utc_and_the_plan_records_one():
    """Ansible's now(utc=true).isoformat() writes no offset."""
    plan = recorded(planned_at="2026-12-02T09:00:00.123456")
    assert plan["planned_at"] == "2026-12-02T09:00:00.123456+00:00"
    assert t.teardown_reviewed_plan(plan, "2026-12-02T10:00:00", "24h")["errors"] == []
