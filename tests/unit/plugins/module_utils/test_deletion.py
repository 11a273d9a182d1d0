"""The deletion strategies over an in-process stand-in for the client: which calls, which outcome per id."""

from ansible_collections.hwc.cleanup.plugins.module_utils.deletion import STRATEGIES
from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils.resources import CCE_JOB, WORKSPACE_SUB_JOB
from ansible_collections.hwc.cleanup.plugins.module_utils.verdict import ABSENT, FAILED, OK, Verdict


class FakeService:
    """Answers judged() from ``answers`` (path -> Verdict or ApiError) and call_json() from ``items``."""

    def __init__(self, answers=None, items=()):
        self.answers, self.items, self.calls = answers or {}, list(items), []

    def judged(self, method, path, params=None, json_body=None):
        self.calls.append((method, path, json_body))
        answer = self.answers.get(path, Verdict(OK))
        if isinstance(answer, ApiError):
            raise answer
        return answer

    def call_json(self, method, path, params=None):
        self.calls.append((method, path, dict(params or {})))
        return {"total_count": len(self.items), "jobs": self.items}


def error(status, code):
    return ApiError("DELETE", "/x", status, code, "msg", "req")


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
    assert outcome.deleted == ["a", "b"] and [entry["id"] for entry in outcome.skipped] == ["vpc"]
    assert outcome.result(with_diff=False)["skipped"][0]["reason"].endswith("which the service cannot delete")


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
