import re
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError, ReplyError
from ansible_collections.hwc.cleanup.plugins.module_utils.selection import parse_duration, parse_timestamp, select
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CCE_JOB, DCS_BACKGROUND_TASK
from ansible_collections.hwc.cleanup.plugins.module_utils.validation import shown_value

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, seconds", [("7d", 604800), ("12h", 43200), ("1w2d", 777600), ("90m", 5400), ("30s", 30), ("1d 12h", 129600)])
def test_durations(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "7", "d", "7x", "-7d", "7d;rm", "1.5d", None])
def test_bad_durations_name_the_value(text):
    with pytest.raises(ConfigurationError, match=re.escape("older_than %s is not a duration" % shown_value(text))):
        parse_duration(text)


def test_a_long_duration_is_shown_cut():
    with pytest.raises(ConfigurationError, match=re.escape("older_than '%s…' (5000 characters) is not" % ("7" * 40))):
        parse_duration("7" * 5000)


@pytest.mark.parametrize("value, expected", [
    ("2026-11-01T10:15:00Z", datetime(2026, 11, 1, 10, 15, tzinfo=timezone.utc)),
    ("2020-06-17T07:38:42.503Z", datetime(2020, 6, 17, 7, 38, 42, 503000, tzinfo=timezone.utc)),
    ("2026-11-01T12:15:00+02:00", datetime(2026, 11, 1, 10, 15, tzinfo=timezone.utc)),
    ("2026-11-01T10:15:00.123456789Z", datetime(2026, 11, 1, 10, 15, 0, 123456, tzinfo=timezone.utc)),
    ("2026-11-01 10:15:00", datetime(2026, 11, 1, 10, 15, tzinfo=timezone.utc)),
    ("20200609160000", datetime(2020, 6, 9, 16, 0, tzinfo=timezone.utc)),
    (1598438571000, datetime(2020, 8, 26, 10, 42, 51, tzinfo=timezone.utc)),
    # CCE's creationTimestamp (Go's time.String())
    ("2025-09-02 10:23:38.987955 +0000 UTC", datetime(2025, 9, 2, 10, 23, 38, 987955, tzinfo=timezone.utc)),
    ("2025-09-02 12:23:38.987955123 +0200 CEST", datetime(2025, 9, 2, 10, 23, 38, 987955, tzinfo=timezone.utc)),
    ("2025-09-02 10:23:38 +0000 UTC", datetime(2025, 9, 2, 10, 23, 38, tzinfo=timezone.utc)),
    ("yesterday", None), ("", None), (None, None), (True, None),
])
def test_timestamps_in_every_service_format(value, expected):
    assert parse_timestamp(value) == expected


def task(task_id, status, name, created):
    return {"id": task_id, "status": status, "name": name, "created_at": created}


TASKS = [
    task("a", "SUCCESS", "EXTEND", (NOW - timedelta(days=10)).isoformat()),
    task("b", "FAILED", "BindEip", (NOW - timedelta(days=1)).isoformat()),
    task("c", "EXECUTING", "EXTEND", (NOW - timedelta(days=30)).isoformat()),
    task("d", "SUCCESS", "EXTEND", None),
]


def ids(items):
    return [item["id"] for item in items]


def test_filters_combine_and_missing_ages_are_never_old():
    fields = DCS_BACKGROUND_TASK.listing.fields
    assert ids(select(TASKS, fields, statuses=["SUCCESS", "FAILED"], now=NOW)) == ["a", "b", "d"]
    assert ids(select(TASKS, fields, older_than=timedelta(days=7), now=NOW)) == ["a", "c"]
    assert ids(select(TASKS, fields, statuses=["SUCCESS"], name_pattern="EXT*", older_than=timedelta(days=7), now=NOW)) == ["a"]
    assert ids(select(TASKS, fields, name_pattern="ext*", now=NOW)) == []


def test_an_age_in_a_format_we_cannot_read_fails_naming_the_value_instead_of_matching_nothing():
    with pytest.raises(ReplyError, match="'garbage' of d .field created_at."):
        select([task("d", "SUCCESS", "EXTEND", "garbage")], DCS_BACKGROUND_TASK.listing.fields,
               older_than=timedelta(days=7), now=NOW)
    # without an age filter the value does not matter
    assert ids(select([task("d", "SUCCESS", "EXTEND", "garbage")], DCS_BACKGROUND_TASK.listing.fields, now=NOW)) == ["d"]


def cce_job(uid, status, resource_name, created):
    """A V2Job as the CCE API reference and huaweicloudsdkcce's V2Job model give it."""
    return {"kind": "Job", "apiVersion": "v2",
            "metadata": {"uid": uid, "creationTimestamp": created, "updateTimestamp": created},
            "spec": {"type": "CreateNode", "clusteruid": "c1", "resourceid": "r1", "resourcename": resource_name,
                     "extendparam": {}, "subjobs": []},
            "status": {"status": status, "reason": "", "completionTime": created}}


def test_cce_jobs_are_selected_by_the_real_v2job_fields():
    jobs = [cce_job("u1", "Success", "pr-123-node", "2025-09-02 10:23:38.987955 +0000 UTC"),
            cce_job("u2", "Success", "main-node", "2025-09-02 10:23:38.987955 +0000 UTC"),
            cce_job("u3", "Success", "pr-124-node", (NOW - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S.%f +0000 UTC"))]
    found = select(jobs, CCE_JOB.listing.fields, statuses=["Success"], name_pattern="pr-*", older_than=timedelta(days=14), now=NOW)
    assert [(job["id"], job["status"]) for job in found] == [("u1", "Success")]
    assert found[0]["metadata"] == jobs[0]["metadata"]


def test_an_item_without_a_name_never_matches_a_name_pattern():
    fields = DCS_BACKGROUND_TASK.listing.fields
    items = [{"id": "named", "name": "x"}, {"id": "unnamed"}, {"id": "null", "name": None}]
    assert ids(select(items, fields, name_pattern="*")) == ["named"]
    assert ids(select(items, fields, name_pattern="None")) == []


def test_statuses_are_spelled_as_each_service_does_whatever_the_case():
    from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CCE_JOB, CODEARTS_BUILD_JOB, WORKSPACE_SUB_JOB
    from ansible_collections.hwc.cleanup.plugins.module_utils.selection import check_statuses

    assert check_statuses(CCE_JOB.listing, ["success", "FAILED", " Running"]) == ["Success", "Failed", "Running"]
    assert check_statuses(WORKSPACE_SUB_JOB.listing, ["Success"]) == ["SUCCESS"]
    assert check_statuses(CODEARTS_BUILD_JOB.listing, ["BLUE"]) == ["blue"]
    assert check_statuses(DCS_BACKGROUND_TASK.listing, ["whatever"]) == ["whatever"]  # none documented
    assert check_statuses(CCE_JOB.listing, None) is None


@pytest.mark.parametrize("resource_name, statuses, message", [
    ("CCE_JOB", ["SUCCESS", "Done"], "'Done' is not among the statuses the service documents: Initializing, Running, Failed, Success"),
    ("CODEARTS_BUILD_JOB", ["green", "red", "gray"], "'green', 'gray' are not among the statuses the service documents: red, blue"),
    ("WORKSPACE_SUB_JOB", [""], "'' is not a status"),
])
def test_a_status_the_service_does_not_document_fails_naming_the_valid_ones(resource_name, statuses, message):
    from ansible_collections.hwc.cleanup.plugins.module_utils import resources
    from ansible_collections.hwc.cleanup.plugins.module_utils.selection import check_statuses

    with pytest.raises(ConfigurationError) as raised:
        check_statuses(getattr(resources, resource_name).listing, statuses)
    assert message in str(raised.value)


def test_select_compares_statuses_regardless_of_case():
    fields = DCS_BACKGROUND_TASK.listing.fields
    items = [{"id": "a", "status": "SUCCESS"}, {"id": "b", "status": "Failed"}]
    assert ids(select(items, fields, statuses=["success", "failed"])) == ["a", "b"]
