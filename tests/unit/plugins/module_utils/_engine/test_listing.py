"""Paging logic over a recording stand-in for the client (the HTTP side is tested in test_transport), and the _info
filters: durations, timestamps, statuses, selection."""

import re
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import (
    ApiError, ConfigurationError, ReplyError, shown_value)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.listing import (
    check_name_pattern, list_all, list_unless_parent_missing, listed_by_id, parse_duration, parse_timestamp, select)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB, field)


class PagedService:
    """A list endpoint in memory; ``page_cap`` serves fewer items than asked, as a service that caps pages does."""

    def __init__(self, items, items_key, total_key, by_page, total_as_string=False, page_cap=None, total=None,
                 with_total=True):
        self.items, self.items_key, self.total_key, self.by_page = items, items_key, total_key, by_page
        self.total_as_string, self.page_cap, self.total, self.with_total = total_as_string, page_cap, total, with_total
        self.queries = []

    def call_json(self, method, path, params=None):
        self.queries.append((method, path, dict(params or {})))
        if self.items_key is None:
            return list(self.items)
        size = params.get("limit", params.get("page_size"))
        start = params.get("offset", params.get("page_index", 0) * size)
        total = len(self.items) if self.total is None else self.total
        page = self.items[start:start + min(size, self.page_cap or size)]
        if not self.with_total:
            return {self.items_key: page}
        return {self.items_key: page, self.total_key: str(total) if self.total_as_string else total}


def test_offset_paging_reads_every_page_with_the_maximum_size():
    items = [{"id": "t%d" % n, "status": "SUCCESS"} for n in range(250)]
    service = PagedService(items, "tasks", "task_count", by_page=False, total_as_string=True)
    found = list_all(service, DCS_BACKGROUND_TASK, {"project_id": "p", "instance_id": "i"})
    assert [item["id"] for item in found] == [item["id"] for item in items]
    assert [query[2]["offset"] for query in service.queries] == [0, 100, 200]
    assert service.queries[0][1] == "/v2/p/instances/i/tasks"


def test_page_index_paging_counts_pages_from_zero():
    items = [{"id": "%032d" % n, "last_build_status": "blue"} for n in range(201)]
    service = PagedService(items, "jobs", "total", by_page=True)
    found = list_all(service, CODEARTS_BUILD_JOB, {"codearts_project_id": "c"})
    assert len(found) == 201
    assert [query[2]["page_index"] for query in service.queries] == [0, 1, 2]


def test_an_exact_multiple_of_the_page_size_stops_on_the_total():
    items = [{"id": "j%d" % n, "status": "SUCCESS"} for n in range(2000)]
    service = PagedService(items, "jobs", "total_count", by_page=False)
    assert len(list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"}, {"status": "SUCCESS"})) == 2000
    assert len(service.queries) == 2
    assert service.queries[0][2]["status"] == "SUCCESS"


def test_filters_the_api_does_not_know_are_not_sent_and_none_is_dropped():
    service = PagedService([], "jobs", "total_count", by_page=False)
    list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"}, {"status": None, "bogus": "x"})
    assert set(service.queries[0][2]) == {"offset", "limit"}


def test_a_top_level_array_is_read_in_one_call_with_nested_fields():
    jobs = [{"metadata": {"uid": "u1"}, "status": {"status": "Running"}}, {"metadata": {"uid": "u2"}, "status": {"status": "Failed"}}]
    service = PagedService(jobs, None, None, by_page=False)
    assert sorted(listed_by_id(list_all(service, CCE_JOB, {"project_id": "p"}), CCE_JOB)) == ["u1", "u2"]
    assert len(service.queries) == 1


def test_field_reads_dotted_paths_and_tolerates_missing_levels():
    assert field({"a": {"b": 1}}, "a.b") == 1
    assert field({"a": None}, "a.b") is None
    assert field({}, "x") is None


def test_a_page_shorter_than_asked_does_not_end_the_list_while_the_total_says_more():
    tasks = [{"id": "t%d" % n} for n in range(25)]
    service = PagedService(tasks, "tasks", "task_count", by_page=False, total_as_string=True, page_cap=10)
    found = list_all(service, DCS_BACKGROUND_TASK, {"project_id": "p", "instance_id": "i"})
    assert [item["id"] for item in found] == [task["id"] for task in tasks]
    assert [query[2]["offset"] for query in service.queries] == [0, 10, 20]


def test_a_reply_without_the_total_its_api_documents_is_an_error():
    service = PagedService([], "tasks", "task_count", by_page=False, with_total=False)
    with pytest.raises(ReplyError, match=r"GET /v2/p/instances/i/tasks answered without its task_count"):
        list_all(service, DCS_BACKGROUND_TASK, {"project_id": "p", "instance_id": "i"})


def test_where_the_api_documents_no_total_paging_goes_on_until_an_empty_page():
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import Listing, Paging, Resource

    listing = Listing("/{project_id}/things", items_key="things", paging=Paging("offset", "limit", 10))
    things = Resource("Thing", "cce", "thing", "things", None, listing)
    service = PagedService([{"id": "t%d" % n} for n in range(25)], "things", None, by_page=False, with_total=False)
    assert len(list_all(service, things, {"project_id": "p"})) == 25
    assert [query[2]["offset"] for query in service.queries] == [0, 10, 20, 25]


def test_pages_that_end_before_the_total_are_an_error_naming_the_route():
    service = PagedService([{"id": "t%d" % n} for n in range(5)], "tasks", "task_count", by_page=False, total=9)
    with pytest.raises(ReplyError, match=r"GET /v2/p/instances/i/tasks ended after 5 item\(s\) although its task_count says 9"):
        list_all(service, DCS_BACKGROUND_TASK, {"project_id": "p", "instance_id": "i"})


def test_numbered_pages_shorter_than_asked_before_the_total_cannot_be_continued():
    jobs = [{"id": "%032d" % n} for n in range(150)]
    service = PagedService(jobs, "jobs", "total", by_page=True, page_cap=50)
    with pytest.raises(ReplyError, match="answered 50 item.* page_size=100 on page 0, before its total 150"):
        list_all(service, CODEARTS_BUILD_JOB, {"codearts_project_id": "c"})


@pytest.mark.parametrize("reply", [{"total_count": 3}, {"jobs": None, "total_count": 0}, {"jobs": "x"}, [], None])
def test_a_reply_without_its_items_is_an_error_naming_the_route(reply):
    service = PagedService([], "jobs", "total_count", by_page=False)
    service.call_json = lambda method, path, params=None: reply
    with pytest.raises(ReplyError, match=r"GET /v2/p/workspace-sub-jobs answered without its list of items \(jobs\)"):
        list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"})


def test_a_top_level_array_must_be_an_array():
    service = PagedService([], None, None, by_page=False)
    service.call_json = lambda method, path, params=None: {"items": []}
    with pytest.raises(ReplyError, match="without its list of items \\(a top-level array\\)"):
        list_all(service, CCE_JOB, {"project_id": "p"})


@pytest.mark.parametrize("item", [{"metadata": {}}, {"metadata": {"uid": ""}}, "u1", None])
def test_an_item_without_its_id_is_an_error(item):
    service = PagedService([{"metadata": {"uid": "u0"}}, item], None, None, by_page=False)
    with pytest.raises(ReplyError, match=r"listed an item without its id \(metadata.uid\)"):
        list_all(service, CCE_JOB, {"project_id": "p"})


def test_a_total_that_is_not_a_number_is_an_error():
    service = PagedService([{"id": "a"}], "jobs", "total_count", by_page=False)
    service.call_json = lambda method, path, params=None: {"jobs": [{"id": "a"}], "total_count": "many"}
    with pytest.raises(ReplyError, match="total_count that is not a number"):
        list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"})


class ChangingService(PagedService):
    """A paged list that ``change(items, query_number)`` alters before the query of that number is answered, as
    another client deleting or creating items between two page reads does."""

    def __init__(self, items, change, **kwargs):
        PagedService.__init__(self, items, "jobs", "total_count", by_page=False, **kwargs)
        self.change = change

    def call_json(self, method, path, params=None):
        self.change(self.items, len(self.queries) + 1)
        return PagedService.call_json(self, method, path, params)


def sub_job_ids(count):
    return [{"id": "sub-%04d" % n} for n in range(count)]


def delete_one_before_query(number):
    def change(items, query_number):
        if query_number == number:
            del items[3]
    return change


def test_a_list_that_shrinks_between_pages_is_read_again_from_its_start():
    # Offset paging after a delete on page 1: sub-1000 moves to offset 999 and page 2 (offset 1000) is empty, with
    # a total that agrees with the shorter list. A read that believed it would miss a job that exists.
    service = ChangingService(sub_job_ids(1001), delete_one_before_query(2))
    found = [item["id"] for item in list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"})]
    assert found == ["sub-%04d" % n for n in range(1001) if n != 3]
    assert [query[2]["offset"] for query in service.queries] == [0, 1000, 0]  # the 1000 left fit one page


def test_an_id_listed_twice_means_the_list_moved_and_it_is_read_again():
    def insert_at_front(items, query_number):
        if query_number == 2:
            items.insert(0, {"id": "new"})
            items.pop()  # and one is deleted at the end: the total stays the same
    service = ChangingService(sub_job_ids(1500), insert_at_front)
    found = [item["id"] for item in list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"})]
    assert len(found) == len(set(found)) == 1500 and found[0] == "new"
    assert len(service.queries) == 4


def test_a_list_that_keeps_changing_under_every_read_is_an_error_naming_the_route_and_the_change():
    def always(items, query_number):
        if query_number % 2 == 0:
            del items[0]
    service = ChangingService(sub_job_ids(1400), always)
    with pytest.raises(ReplyError, match=r"GET /v2/p/workspace-sub-jobs changed while it was read, 3 times in a row "
                                         r"\(its total_count went from \d+ to \d+\): the list cannot be read whole"):
        list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"})
    assert len(service.queries) == 6


def test_an_id_a_list_of_several_pages_lacks_is_looked_for_in_a_second_read():
    # A delete on page 1 and a create after the page boundary keep the total: no read can see the skip.
    def delete_and_append(items, query_number):
        if query_number == 2:
            del items[3]
            items.append({"id": "late"})
    service = ChangingService(sub_job_ids(1001), delete_and_append)
    found = [item["id"] for item in list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"},
                                             absent_unless_listed=["sub-1000"])]
    assert "sub-1000" in found and found.count("sub-0999") == 1
    assert [query[2]["offset"] for query in service.queries] == [0, 1000, 0, 1000]


def test_no_second_read_when_every_id_is_listed_or_the_list_fits_one_page():
    service = ChangingService(sub_job_ids(1500), lambda items, number: None)
    list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"}, absent_unless_listed=["sub-0000", "sub-1499"])
    assert len(service.queries) == 2
    service = ChangingService(sub_job_ids(10), lambda items, number: None)
    list_all(service, WORKSPACE_SUB_JOB, {"project_id": "p"}, absent_unless_listed=["gone"])
    assert len(service.queries) == 1  # one reply is one moment


def test_only_the_parents_documented_not_found_gives_an_empty_list():
    def failing(error):
        service = PagedService([], "tasks", "task_count", by_page=False)

        def call_json(method, path, params=None):
            raise error
        service.call_json = call_json
        return service

    scope = {"project_id": "p", "instance_id": "i"}
    gone = ApiError("GET", "/x", 404, "DCS.3022", "instance does not exist", missing_parent="instance_id")
    assert list_unless_parent_missing(failing(gone), DCS_BACKGROUND_TASK, scope) == ([], "instance_id")
    with pytest.raises(ApiError):
        list_unless_parent_missing(failing(ApiError("GET", "/x", 404, None, None)), DCS_BACKGROUND_TASK, scope)


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


@pytest.mark.parametrize("text", ["99999999w", "9999999999999w", "9" * 5000 + "w", "36526d", "5218w", "36525d1s",
                                  "3155760001s", "100000000000000000000d"])
def test_a_duration_longer_than_100_years_is_refused_naming_option_and_value(text):
    """Past 100 years, the cutoff (now - older_than) leaves the dates Python has, or the count int() will read."""
    with pytest.raises(ConfigurationError) as raised:
        parse_duration(text, "x.older_than")
    assert str(raised.value) == "x.older_than %s is longer than 100 years" % shown_value(text)


@pytest.mark.parametrize("text, days", [("36525d", 36525), ("5217w", 36519), ("0000000000000000001d", 1), ("0d", 0)])
def test_durations_up_to_100_years_give_a_cutoff(text, days):
    assert parse_duration(text) == timedelta(days=days)
    assert select([], CCE_JOB.listing.fields, older_than=parse_duration(text), now=NOW) == []


@pytest.mark.parametrize("text", ["\u0663d", "\uff17d", "1\u0661h"])
def test_digits_of_other_scripts_are_no_duration(text):
    """'٣d' would read as 3 days: the teardown's check, which the modules' must match, takes ASCII digits only."""
    with pytest.raises(ConfigurationError, match="is not a duration"):
        parse_duration(text)


@pytest.mark.parametrize("pattern", ["", " ", "\t\n", None, 5])
def test_an_empty_name_pattern_is_refused_naming_the_option(pattern):
    """It would match no name: an _info module finding nothing, an exclusion leaving nothing out."""
    with pytest.raises(ConfigurationError) as raised:
        check_name_pattern("name_pattern", pattern)
    assert str(raised.value) == "name_pattern: %s is not a shell-style name pattern such as 'ci-*'" % shown_value(pattern)


@pytest.mark.parametrize("pattern", ["*", "ci-*", " ci-*", "[ab]?"])
def test_a_name_pattern_is_taken_as_given(pattern):
    assert check_name_pattern("name_pattern", pattern) == pattern


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
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import (
        CCE_JOB, CODEARTS_BUILD_JOB, WORKSPACE_SUB_JOB)
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.listing import check_statuses

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
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine import resources
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.listing import check_statuses

    with pytest.raises(ConfigurationError) as raised:
        check_statuses(getattr(resources, resource_name).listing, statuses)
    assert message in str(raised.value)


def test_select_compares_statuses_regardless_of_case():
    fields = DCS_BACKGROUND_TASK.listing.fields
    items = [{"id": "a", "status": "SUCCESS"}, {"id": "b", "status": "Failed"}]
    assert ids(select(items, fields, statuses=["success", "failed"])) == ["a", "b"]
