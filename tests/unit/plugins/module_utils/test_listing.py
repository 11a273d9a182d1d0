"""Paging logic over a recording stand-in for the client (the HTTP side is tested in test_transport)."""

from ansible_collections.hwc.cleanup.plugins.module_utils.listing import field, ids_with_status, list_all
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB)


class PagedService:
    def __init__(self, items, items_key, total_key, by_page, total_as_string=False):
        self.items, self.items_key, self.total_key, self.by_page = items, items_key, total_key, by_page
        self.total_as_string = total_as_string
        self.queries = []

    def call_json(self, method, path, params=None):
        self.queries.append((method, path, dict(params or {})))
        if self.items_key is None:
            return list(self.items)
        size = params.get("limit", params.get("page_size"))
        start = params.get("offset", params.get("page_index", 0) * size)
        total = len(self.items)
        return {self.items_key: self.items[start:start + size], self.total_key: str(total) if self.total_as_string else total}


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
    assert ids_with_status(list_all(service, CCE_JOB, {"project_id": "p"}), CCE_JOB) == {"u1": "Running", "u2": "Failed"}
    assert len(service.queries) == 1


def test_field_reads_dotted_paths_and_tolerates_missing_levels():
    assert field({"a": {"b": 1}}, "a.b") == 1
    assert field({"a": None}, "a.b") is None
    assert field({}, "x") is None
