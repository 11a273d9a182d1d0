from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ConfigurationError
from ansible_collections.hwc.cleanup.plugins.module_utils.filters import parse_duration, parse_timestamp, select
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CCE_JOB, DCS_BACKGROUND_TASK

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, seconds", [("7d", 604800), ("12h", 43200), ("1w2d", 777600), ("90m", 5400), ("30s", 30), ("1d 12h", 129600)])
def test_durations(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "7", "d", "7x", "-7d", "7d;rm", "1.5d", None])
def test_bad_durations_name_the_value(text):
    with pytest.raises(ConfigurationError, match="older_than %s" % repr(text).replace("(", r"\(")):
        parse_duration(text)


@pytest.mark.parametrize("value, expected", [
    ("2026-11-01T10:15:00Z", datetime(2026, 11, 1, 10, 15, tzinfo=timezone.utc)),
    ("2020-06-17T07:38:42.503Z", datetime(2020, 6, 17, 7, 38, 42, 503000, tzinfo=timezone.utc)),
    ("2026-11-01T12:15:00+02:00", datetime(2026, 11, 1, 10, 15, tzinfo=timezone.utc)),
    ("2026-11-01T10:15:00.123456789Z", datetime(2026, 11, 1, 10, 15, 0, 123456, tzinfo=timezone.utc)),
    ("2026-11-01 10:15:00", datetime(2026, 11, 1, 10, 15, tzinfo=timezone.utc)),
    ("20200609160000", datetime(2020, 6, 9, 16, 0, tzinfo=timezone.utc)),
    (1598438571000, datetime(2020, 8, 26, 10, 42, 51, tzinfo=timezone.utc)),
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
    task("d", "SUCCESS", "EXTEND", "garbage"),
]


def ids(items):
    return [item["id"] for item in items]


def test_filters_combine_and_unknown_ages_are_never_old():
    fields = DCS_BACKGROUND_TASK.listing.fields
    assert ids(select(TASKS, fields, statuses=["SUCCESS", "FAILED"], now=NOW)) == ["a", "b", "d"]
    assert ids(select(TASKS, fields, older_than=timedelta(days=7), now=NOW)) == ["a", "c"]
    assert ids(select(TASKS, fields, statuses=["SUCCESS"], name_pattern="EXT*", older_than=timedelta(days=7), now=NOW)) == ["a"]
    assert ids(select(TASKS, fields, name_pattern="ext*", now=NOW)) == []


def test_nested_fields_are_normalized_to_id_and_status():
    job = {"metadata": {"uid": "u1", "name": "n", "creationTimestamp": "2026-01-01T00:00:00Z"}, "status": {"status": "Failed"}}
    [found] = select([job], CCE_JOB.listing.fields, statuses=["Failed"], older_than=timedelta(days=1), now=NOW)
    assert (found["id"], found["status"], found["metadata"]) == ("u1", "Failed", job["metadata"])
