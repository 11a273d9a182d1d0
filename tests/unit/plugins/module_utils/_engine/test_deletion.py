"""The deletion strategies over an in-process stand-in for the client: which calls, which outcome per id; and
what the run reports (Outcome)."""

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.deletion import Outcome, STRATEGIES
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.replies import ABSENT, FAILED, OK, UNPROVEN, Verdict
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import (
    CCE_JOB, CODEARTS_BUILD_JOB, DCS_BACKGROUND_TASK, WORKSPACE_SUB_JOB)


class FakeService:
    """Answers judged() from ``answers`` ((method, path) or path -> Verdict or ApiError) and call_json() from
    ``items`` in the Workspace shape, or ``listing`` (a body, an ApiError to raise, or a function of the query)."""

    def __init__(self, answers=None, items=(), listing=None):
        self.answers, self.items, self.listing, self.calls = answers or {}, list(items), listing, []

    def judged(self, method, path, params=None, json_body=None):
        self.calls.append((method, path, json_body))
        answer = self.answers.get((method, path), self.answers.get(path, Verdict(OK)))
        if isinstance(answer, ApiError):
            raise answer
        return answer

    def call_json(self, method, path, params=None):
        self.calls.append((method, path, dict(params or {})))
        if isinstance(self.listing, ApiError):
            raise self.listing
        if callable(self.listing):
            return self.listing(params)
        if self.listing is not None:
            return self.listing
        return {"total_count": len(self.items), "jobs": self.items}


def error(status, code, **kwargs):
    return ApiError("DELETE", "/x", status, code, "msg", "req", **kwargs)


JOBS = "/api/v2/projects/p/jobs/"
UNPROVEN_404 = Verdict(UNPROVEN, error(404, None))


def test_each_strategy_sends_one_call_per_id_and_reads_the_verdicts():
    jobs = "/api/v2/projects/p/jobs/"
    service = FakeService({jobs + "gone": Verdict(ABSENT, error(404, "CCE.01404001")),
                           jobs + "lost": Verdict(ABSENT, error(404, "CCE.01404001"), outcome_unknown=True),
                           jobs + "denied": Verdict(FAILED, error(403, "CCE.01403001")),
                           jobs + "broken": error(None, None)})
    ids = ["ok", "gone", "lost", "denied", "broken"]
    outcome = STRATEGIES[CCE_JOB.strategy](service, CCE_JOB, {"project_id": "p"}, ids, None, 4, False)
    result = outcome.result(with_diff=False)
    assert sorted(call[1] for call in service.calls) == sorted(jobs + job_id for job_id in ids)
    assert {call[0] for call in service.calls} == {"DELETE"}
    assert result["deleted"] == ["ok", "lost"]  # gone after an attempt whose outcome was unknown: maybe ours
    assert result["already_absent"] == ["gone"]
    assert [entry["id"] for entry in result["errors"]] == ["denied", "broken"]


def test_each_strategy_in_check_mode_reads_and_an_unknown_outcome_is_still_absent():
    service = FakeService({"/api/v2/projects/p/jobs/gone": Verdict(ABSENT, error(404, None), outcome_unknown=True)})
    outcome = STRATEGIES["each"](service, CCE_JOB, {"project_id": "p"}, ["here", "gone"], None, 1, True)
    assert {call[0] for call in service.calls} == {"GET"}
    assert (outcome.deleted, outcome.already_absent, outcome.present_before) == (["here"], ["gone"], ["here"])


def sub_job(job_id, status="SUCCESS", job_type="createDesktops"):
    return {"id": job_id, "status": status, "job_type": job_type}


def test_batch_strategy_lists_first_and_sends_batches_of_ten():
    items = [sub_job("s%02d" % number) for number in range(23)] + [sub_job("busy", "RUNNING"), sub_job("apply", job_type="applyWorkspace")]
    service = FakeService(items=items)
    ids = [item["id"] for item in items] + ["missing"]
    outcome = STRATEGIES[WORKSPACE_SUB_JOB.strategy](service, WORKSPACE_SUB_JOB, {"project_id": "p"}, ids, None, 8, False)
    posts = [call for call in service.calls if call[0] == "POST"]
    assert [len(call[2]["job_ids"]) for call in posts] == [10, 10, 3]
    assert len(outcome.deleted) == 23 and outcome.already_absent == ["missing"]
    assert [entry["id"] for entry in outcome.errors] == ["busy", "apply"]
    assert "of type applyWorkspace" in outcome.errors[1]["msg"]


def test_batch_strategy_by_status_spares_undeletable_types_and_then_sends_ids():
    items = [sub_job("a"), sub_job("b"), sub_job("vpc", job_type="changeAccessVpc"), sub_job("f", "FAILED")]
    service = FakeService(items=items)
    outcome = STRATEGIES["batch"](service, WORKSPACE_SUB_JOB, {"project_id": "p"}, [], "SUCCESS", 8, False)
    posts = [call[2] for call in service.calls if call[0] == "POST"]
    assert posts == [{"job_ids": ["a", "b"]}]
    assert outcome.deleted == ["a", "b"] and [entry["id"] for entry in outcome.undeletable] == ["vpc"]
    assert outcome.result(with_diff=False)["undeletable"][0]["reason"].endswith("which the service cannot delete")


def test_batch_strategy_by_status_uses_one_call_when_nothing_must_be_spared():
    service = FakeService(items=[sub_job("a"), sub_job("b")])
    outcome = STRATEGIES["batch"](service, WORKSPACE_SUB_JOB, {"project_id": "p"}, [], "SUCCESS", 8, False)
    assert [call[2] for call in service.calls if call[0] == "POST"] == [{"delete_by_status": "SUCCESS"}]
    assert outcome.deleted == ["a", "b"]


def test_a_failed_batch_is_an_error_for_each_of_its_ids_only():
    service = FakeService({"/v2/p/workspace-sub-jobs/batch-delete": Verdict(FAILED, error(400, "WKS.0001"))},
                          items=[sub_job("a"), sub_job("b")])
    outcome = STRATEGIES["batch"](service, WORKSPACE_SUB_JOB, {"project_id": "p"}, ["a", "b"], None, 8, False)
    assert outcome.deleted == [] and [entry["error_code"] for entry in outcome.errors] == ["WKS.0001", "WKS.0001"]


TWIN_MESSAGE = "Workspace sub-job FF80A0 is not listed, but ff80a0 is, which differs from it only in case"


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_id_listed_only_in_another_case_is_an_error_neither_absent_nor_deleted(check_mode):
    # Whether the service tells FF80A0 from ff80a0 apart is documented nowhere: absent could be a false success.
    service = FakeService(items=[sub_job("ff80a0"), sub_job("other")])
    outcome = STRATEGIES["batch"](service, WORKSPACE_SUB_JOB, {"project_id": "p"}, ["FF80A0", "gone"], None, 8, check_mode)
    assert (outcome.deleted, outcome.already_absent) == ([], ["gone"])
    assert [entry["id"] for entry in outcome.errors] == ["FF80A0"] and outcome.errors[0]["msg"].startswith(TWIN_MESSAGE)
    assert [call[0] for call in service.calls] == ["GET"]


def test_a_confirmation_or_a_check_mode_listing_that_lists_the_id_in_another_case_is_an_error():
    tasks = "/v2/p/instances/i/tasks/"
    listing = {"task_count": "1", "tasks": [{"id": "ab12"}]}
    scope = {"project_id": "p", "instance_id": "i"}
    confirmed = run_each(FakeService({tasks + "AB12": UNPROVEN_404}, listing=listing), DCS_BACKGROUND_TASK, scope, ["AB12"])
    planned = run_each(FakeService(listing=listing), DCS_BACKGROUND_TASK, scope, ["AB12"], check_mode=True)
    for outcome in (confirmed, planned):
        assert (outcome.deleted, outcome.already_absent) == ([], [])
        assert "DCS background task AB12 is not listed, but ab12 is" in outcome.errors[0]["msg"]


def cce_job(uid):
    return {"metadata": {"uid": uid}, "status": {"status": "Running"}}


def run_each(service, resource, scope, ids, concurrency=4, check_mode=False):
    return STRATEGIES["each"](service, resource, scope, ids, None, concurrency, check_mode)


def test_an_unproven_404_is_confirmed_by_one_listing_for_all_such_ids():
    service = FakeService({JOBS + "gone": UNPROVEN_404, JOBS + "kept": UNPROVEN_404, JOBS + "lost":
                           Verdict(UNPROVEN, error(404, None), outcome_unknown=True)},
                          listing=[cce_job("kept"), cce_job("other")])
    outcome = run_each(service, CCE_JOB, {"project_id": "p"}, ["ok", "gone", "kept", "lost"])
    assert [call for call in service.calls if call[0] == "GET"] == [("GET", "/api/v2/projects/p/jobs", {})]
    assert sorted(outcome.deleted) == ["lost", "ok"]  # gone after an attempt whose outcome was unknown: maybe ours
    assert outcome.already_absent == ["gone"]
    assert [entry["id"] for entry in outcome.errors] == ["kept"]
    assert "still lists kept (GET /api/v2/projects/p/jobs)" in outcome.errors[0]["msg"]
    assert outcome.errors[0]["status_code"] == 404


def test_no_listing_when_every_404_is_proven():
    service = FakeService({JOBS + "gone": Verdict(ABSENT, error(404, "CCE.01404001"))}, listing=[cce_job("x")])
    outcome = run_each(service, CCE_JOB, {"project_id": "p"}, ["ok", "gone"])
    assert [call[0] for call in service.calls] == ["DELETE", "DELETE"]
    assert outcome.already_absent == ["gone"]


@pytest.mark.parametrize("listing", [ApiError("GET", "/api/v2/projects/p/jobs", 500, "CCE.01500001", "boom"),
                                     {"not": "a list"}])
def test_a_confirmation_that_fails_is_an_error_naming_both_replies(listing):
    service = FakeService({JOBS + "gone": UNPROVEN_404}, listing=listing)
    outcome = run_each(service, CCE_JOB, {"project_id": "p"}, ["gone"])
    assert outcome.already_absent == [] and [entry["id"] for entry in outcome.errors] == ["gone"]
    message = outcome.errors[0]["msg"]
    assert "HTTP 404" in message and "the list that was to confirm it failed" in message
    assert ("CCE.01500001" in message) or ("without its list of items" in message)


def test_dcs_confirms_by_its_instance_listing():
    tasks = "/v2/p/instances/i/tasks/"
    service = FakeService({tasks + "t1": UNPROVEN_404, tasks + "t2": UNPROVEN_404},
                          listing={"task_count": "1", "tasks": [{"id": "t2"}]})
    outcome = run_each(service, DCS_BACKGROUND_TASK, {"project_id": "p", "instance_id": "i"}, ["t1", "t2"])
    assert outcome.already_absent == ["t1"] and [entry["id"] for entry in outcome.errors] == ["t2"]


def test_an_unproven_id_a_list_of_several_pages_lacks_is_looked_for_in_a_second_read():
    # DCS pages its tasks by offset: a read of several pages is not one moment, so what it lacks is read again.
    tasks, reads = "/v2/p/instances/i/tasks/", []

    def listing(params):
        reads.append(params["offset"])
        listed = [{"id": "t%d" % number} for number in range(150 if reads.count(0) == 1 else 151)]
        return {"task_count": str(len(listed)), "tasks": listed[params["offset"]:params["offset"] + params["limit"]]}

    service = FakeService({tasks + "t150": UNPROVEN_404, tasks + "t151": UNPROVEN_404}, listing=listing)
    outcome = run_each(service, DCS_BACKGROUND_TASK, {"project_id": "p", "instance_id": "i"}, ["t150", "t151"])
    assert reads == [0, 100, 0, 100]
    assert outcome.already_absent == ["t151"] and [entry["id"] for entry in outcome.errors] == ["t150"]


def test_codearts_confirms_by_reading_the_job_whose_not_found_is_documented():
    job = "0" * 31
    answers = {("POST", "/v3/jobs/%sa/delete" % job): UNPROVEN_404, ("POST", "/v3/jobs/%sb/delete" % job): UNPROVEN_404,
               ("POST", "/v3/jobs/%sc/delete" % job): UNPROVEN_404,
               ("GET", "/v3/jobs/%sa/query" % job): Verdict(ABSENT, error(422, "CB.00031006")),
               ("GET", "/v3/jobs/%sb/query" % job): Verdict(OK),
               ("GET", "/v3/jobs/%sc/query" % job): Verdict(FAILED, error(500, "CB.00060101"))}
    service = FakeService(answers)
    outcome = run_each(service, CODEARTS_BUILD_JOB, {}, [job + "a", job + "b", job + "c"])
    assert outcome.already_absent == [job + "a"]
    errors = dict((entry["id"], entry["msg"]) for entry in outcome.errors)
    assert "GET /v3/jobs/%sb/query still finds it" % job in errors[job + "b"]
    assert "the read that was to confirm it failed" in errors[job + "c"] and "CB.00060101" in errors[job + "c"]


def test_a_missing_parent_makes_its_tasks_absent_and_is_reported():
    tasks = "/v2/p/instances/i/tasks/"
    gone = Verdict(ABSENT, error(404, "DCS.3022", missing_parent="instance_id"), missing_parent="instance_id")
    service = FakeService({tasks + "t1": gone})
    outcome = run_each(service, DCS_BACKGROUND_TASK, {"project_id": "p", "instance_id": "i"}, ["t1"])
    assert outcome.already_absent == ["t1"] and outcome.missing_parents == {"instance_id"}


def test_where_nothing_can_confirm_the_id_fails_with_a_hint():
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import ApiCall, Listing, Resource

    unconfirmable = Resource("Widget", "cce", "widget", "widgets", ApiCall("DELETE", "/w/{id}"),
                             Listing("/{folder_id}/w", parents=("folder_id",)))
    service = FakeService({"/w/a": UNPROVEN_404})
    outcome = run_each(service, unconfirmable, {}, ["a"])
    assert outcome.already_absent == [] and len(service.calls) == 1
    assert "does not prove that the Widget is gone and the service has no way to confirm it" in outcome.errors[0]["msg"]


def test_in_check_mode_an_unproven_read_is_confirmed_too():
    service = FakeService({("GET", JOBS + "gone"): UNPROVEN_404, ("GET", JOBS + "listed"): UNPROVEN_404},
                          listing=[cce_job("listed"), cce_job("here")])
    outcome = run_each(service, CCE_JOB, {"project_id": "p"}, ["here", "gone", "listed"], check_mode=True)
    assert outcome.deleted == ["here"] and outcome.already_absent == ["gone"]
    assert [entry["id"] for entry in outcome.errors] == ["listed"]


def test_the_pool_does_every_id_once_with_at_most_concurrency_threads_at_a_time():
    import threading

    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.deletion import _for_each

    done, threads = [], set()
    all_eight_at_once = threading.Barrier(8, timeout=10)

    def work(resource_id):
        threads.add(threading.get_ident())
        done.append(resource_id)
        if len(done) <= 8:
            all_eight_at_once.wait()  # the first eight ids are in flight together, or this times out
    ids = ["id-%d" % number for number in range(100)]
    _for_each(ids, 8, work)
    assert sorted(done) == sorted(ids) and len(threads) == 8


def test_the_first_exception_of_a_work_stops_the_pool_handing_out_ids_and_is_raised():
    from ansible_collections.hwc.cleanup.plugins.module_utils._engine.deletion import _for_each

    done = []

    def work(resource_id):
        if resource_id == "id-3":
            raise KeyError(resource_id)
        done.append(resource_id)
    with pytest.raises(KeyError, match="id-3"):
        _for_each(["id-%d" % number for number in range(1000)], 4, work)
    assert len(done) < 100  # after the exception, no thread takes another id


def test_results_follow_the_order_of_the_ids_given_whatever_order_threads_finish():
    outcome = Outcome(["a", "b", "c", "d"])
    outcome.add_deleted("c")
    outcome.add_absent("d")
    outcome.add_deleted("a")
    outcome.add_absent("b")
    result = outcome.result(with_diff=False)
    assert result == {"changed": True, "deleted": ["a", "c"], "already_absent": ["b", "d"], "errors": []}
    assert outcome.failure() is None


def test_errors_fail_with_the_first_errors_facts_and_count_the_others():
    outcome = Outcome(["a", "b", "c"])
    outcome.add_error("c", message="c is RUNNING")
    outcome.add_error("b", ApiError("DELETE", "/x/b", 403, "CCE.01403001", "Forbidden", "r-b"))
    outcome.add_deleted("a")
    message, facts = outcome.failure()
    assert message == "DELETE /x/b failed: HTTP 403 CCE.01403001: Forbidden (request id r-b) (and 1 more error(s), see errors)"
    assert facts == {"status_code": 403, "error_code": "CCE.01403001", "error_msg": "Forbidden", "request_id": "r-b"}
    result = outcome.result(with_diff=False)
    assert result["changed"] is True
    assert [error["id"] for error in result["errors"]] == ["b", "c"]
    assert result["errors"][1] == {"id": "c", "status_code": None, "error_code": None, "error_msg": "c is RUNNING",
                                   "request_id": None, "msg": "c is RUNNING"}
    assert result["errors"][0]["msg"] == "DELETE /x/b failed: HTTP 403 CCE.01403001: Forbidden (request id r-b)"


def test_diff_lists_ids_present_before_and_after():
    outcome = Outcome(["a", "b", "c"])
    outcome.add_deleted("a")
    outcome.add_absent("b")
    outcome.add_error("c", message="nope")
    assert outcome.result(with_diff=True)["diff"] == {"before": {"ids": ["a", "c"]}, "after": {"ids": ["c"]}}
    outcome.present_before = ["a"]
    assert outcome.result(with_diff=True)["diff"] == {"before": {"ids": ["a"]}, "after": {"ids": []}}


def test_nothing_done_is_no_change():
    outcome = Outcome(["a"])
    outcome.add_absent("a")
    assert outcome.result(with_diff=False)["changed"] is False
