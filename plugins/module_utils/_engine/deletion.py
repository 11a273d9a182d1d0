# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""The deletion strategies, by name (Resource.strategy): one call per id, concurrently, or batches; and what a delete
run reports (Outcome): deleted, already_absent, errors, the diff and the failure message.

A reply that replies.judge cannot prove to mean "absent" (UNPROVEN: a 404 without the service's documented
not-found code) is believed only when the service confirms it: one listing of the scope for all such ids,
or a read of each id whose not-found is documented (docs/decisions.md, "How absence is proven").
"""

import threading

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import ApiError, ReplyError
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.listing import listing_of
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.replies import ABSENT, OK, UNPROVEN, Verdict
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import field

_NO_MORE = object()  # the end of the ids, for _for_each's threads


def _for_each(ids, concurrency, work):
    """work(id) for every id, in ``concurrency`` threads (the transport lets the first request go alone).

    Each thread takes the next id itself: no Future per id and no wake-up of the main thread per id, as an
    executor's map has. The first exception a work raises ends the handing out of ids and is raised here once
    every thread has stopped.
    """
    if len(ids) <= 1 or concurrency == 1:
        for resource_id in ids:
            work(resource_id)
        return
    pending = iter(ids)
    lock = threading.Lock()
    raised = []

    def worker():
        while True:
            with lock:
                resource_id = next(pending, _NO_MORE) if not raised else _NO_MORE
            if resource_id is _NO_MORE:
                return
            try:
                work(resource_id)
            except BaseException as error:  # pylint: disable=broad-exception-caught  # raised again in the caller
                with lock:
                    raised.append(error)

    threads = [threading.Thread(target=worker) for _thread in range(min(concurrency, len(ids)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if raised:
        raise raised[0]


def _with_hint(error, hint):
    """The error's facts with one more thing the user should know."""
    return ApiError(error.method, error.path, hint="; ".join(filter(None, (error.hint, hint))), **error.facts())


def _record(outcome, resource_id, verdict, check_mode):
    """What a delete (or in check mode, a read) of one id did, from its OK or ABSENT verdict (an UNPROVEN one is
    confirmed first: _confirm); any other verdict is an error for the id.

    An ABSENT after an attempt whose outcome was unknown (a lost reply, a timeout) counts as deleted: this run may
    have deleted it. In check mode a read that succeeds is what would be deleted.
    """
    if verdict.kind == OK or verdict.kind == ABSENT and verdict.outcome_unknown and not check_mode:
        outcome.add_deleted(resource_id)
    elif verdict.kind == ABSENT:
        outcome.add_absent(resource_id)
        if verdict.missing_parent:
            outcome.missing_parents.add(verdict.missing_parent)
    else:
        outcome.add_error(resource_id, verdict.error)


def delete_each(client, resource, scope, ids, status, concurrency, check_mode):
    """One request per id: delete, and read "absent" from the reply or the service's confirmation. Check mode reads."""
    outcome = Outcome(ids)
    if check_mode and resource.read_call is None:
        _plan_from_listing(client, resource, scope, ids, outcome)
        return outcome
    call = resource.read_call if check_mode else resource.delete_call
    unproven = {}  # id -> its UNPROVEN verdict

    def work(resource_id):
        try:
            verdict = client.judged(call.method, call.path(scope, resource_id))
        except ApiError as error:
            outcome.add_error(resource_id, error)
            return
        if verdict.kind == UNPROVEN:
            unproven[resource_id] = verdict
        else:
            _record(outcome, resource_id, verdict, check_mode)

    _for_each(ids, concurrency, work)
    if unproven:
        _confirm(client, resource, scope, unproven, outcome, concurrency, check_mode)
    if check_mode:
        outcome.present_before = list(outcome.deleted)
    return outcome


def _confirm(client, resource, scope, unproven, outcome, concurrency, check_mode):
    """Each unproven id is absent only when the service confirms it; else an error naming both replies."""
    if resource.confirms_by_listing:
        try:
            listed, twins, missing_parent = listing_of(client, resource, scope, list(unproven))
        except (ApiError, ReplyError) as error:
            for resource_id, verdict in unproven.items():
                outcome.add_error(resource_id, _with_hint(verdict.error, "and the list that was to confirm it failed: %s"
                                                          % error))
            return
        for resource_id, verdict in unproven.items():
            if resource_id in twins:
                outcome.add_error(resource_id, _with_hint(verdict.error, twins[resource_id]))
            elif resource_id in listed:
                outcome.add_error(resource_id, _with_hint(verdict.error, "the service answered so but still lists %s "
                                                                         "(GET %s)" % (resource_id, resource.listing.call.path(scope))))
            else:
                _record(outcome, resource_id, Verdict(ABSENT, verdict.error, verdict.outcome_unknown, missing_parent),
                        check_mode)
        return
    read = resource.read_call
    if read is None or not resource.absent_replies:
        for resource_id, verdict in unproven.items():
            outcome.add_error(resource_id, _with_hint(verdict.error, "this reply does not prove that the %s is gone and "
                                                                     "the service has no way to confirm it: check endpoint "
                                                                     "and region" % resource.label))
        return

    def confirm(resource_id):
        verdict = unproven[resource_id]
        try:
            check = client.judged(read.method, read.path(scope, resource_id))
        except ApiError as error:
            check = Verdict(None, error)
        if check.kind == ABSENT:
            _record(outcome, resource_id, Verdict(ABSENT, verdict.error, verdict.outcome_unknown), check_mode)
        elif check.kind == OK:
            outcome.add_error(resource_id, _with_hint(verdict.error, "the service answered so but %s %s still finds it"
                                                      % (read.method, read.path(scope, resource_id))))
        else:
            outcome.add_error(resource_id, _with_hint(verdict.error, "and the read that was to confirm it failed: %s"
                                                      % check.error))

    _for_each(list(unproven), concurrency, confirm)


def _plan_from_listing(client, resource, scope, ids, outcome):
    present, twins, missing_parent = listing_of(client, resource, scope, ids)
    if missing_parent:
        outcome.missing_parents.add(missing_parent)
    for resource_id in ids:
        if resource_id in twins:
            outcome.add_error(resource_id, message=twins[resource_id])
        else:
            (outcome.add_deleted if resource_id in present else outcome.add_absent)(resource_id)
    outcome.present_before = list(outcome.deleted)


def delete_batch(client, resource, scope, ids, status, concurrency, check_mode):
    """List first (no filter by id exists), send only deletable ids that exist, in batches.

    An id named by the user that can never be deleted (a RUNNING sub-job, a kind the service refuses) is an
    error for that id; one that only matched ``status`` and is of a kind the service refuses is reported undeletable.
    """
    # By status, the ids are what the list holds: none can be absent or a case twin.
    listed, twins, _parent = listing_of(client, resource, scope, ids if status is None else [], {"status": status})
    if status is not None:
        status_field = resource.listing.fields["status"]
        ids = [resource_id for resource_id, item in listed.items() if field(item, status_field) == status]
    outcome = Outcome(ids, reports_undeletable=True)
    outcome.present_before = [resource_id for resource_id in ids if resource_id in listed]
    targets = []
    for resource_id in ids:
        if resource_id in twins:
            outcome.add_error(resource_id, message=twins[resource_id])
            continue
        if resource_id not in listed:
            outcome.add_absent(resource_id)
            continue
        reason = resource.undeletable_reason(listed[resource_id])
        if reason is None:
            targets.append(resource_id)
        elif status is not None:  # it matched the status, so its type is what the service refuses
            outcome.add_undeletable(resource_id, reason)
        else:
            outcome.add_error(resource_id, message=reason)
    if check_mode or not targets:
        for resource_id in targets:
            outcome.add_deleted(resource_id)
        return outcome
    call = resource.delete_call
    path = call.path(scope)
    ids_field, status_field = resource.batch_delete_fields
    if status is not None and not outcome.undeletable:
        batches = [(targets, {status_field: status})]
    else:  # by id, also for a status when some of its sub-jobs must be spared
        chunks = [targets[start:start + resource.batch_size] for start in range(0, len(targets), resource.batch_size)]
        batches = [(chunk, {ids_field: chunk}) for chunk in chunks]
    for batch, body in batches:
        try:
            verdict = client.judged(call.method, path, json_body=body)
            failure = None if verdict.kind == OK else verdict.error
        except ApiError as error:
            failure = error
        for resource_id in batch:
            (outcome.add_deleted(resource_id) if failure is None else outcome.add_error(resource_id, failure))
    return outcome


STRATEGIES = {"each": delete_each, "batch": delete_batch}


class Outcome:
    """Collects per-id outcomes from worker threads; reports them in the order the ids were given."""

    def __init__(self, ids=(), reports_undeletable=False):
        self._order = dict((resource_id, index) for index, resource_id in enumerate(ids))
        self._lock = threading.Lock()
        self._reports_undeletable = reports_undeletable
        self.deleted = []
        self.already_absent = []
        self.errors = []
        # {id, reason}: matched a selection, but of a kind the service cannot delete. Not "skipped": Ansible reads a
        # truthy result key of that name as a skipped task, and hides the change.
        self.undeletable = []
        self.present_before = None  # set when a read told which ids existed
        self.missing_parents = set()  # parent options the service said are gone (a DCS instance): module warns

    def add_deleted(self, resource_id):
        with self._lock:
            self.deleted.append(resource_id)

    def add_absent(self, resource_id):
        with self._lock:
            self.already_absent.append(resource_id)

    def add_undeletable(self, resource_id, reason):
        with self._lock:
            self.undeletable.append({"id": resource_id, "reason": reason})

    def add_error(self, resource_id, api_error=None, message=None):
        facts = api_error.facts() if api_error is not None else {
            "status_code": None, "error_code": None, "error_msg": message, "request_id": None}
        facts["id"] = resource_id
        facts["msg"] = api_error.message() if api_error is not None else message
        with self._lock:
            self.errors.append(facts)

    def _sorted(self, ids):
        return sorted(ids, key=lambda resource_id: self._order.get(resource_id, len(self._order)))

    def result(self, with_diff):
        deleted = self._sorted(self.deleted)
        errors = sorted(self.errors, key=lambda error: self._order.get(error["id"], len(self._order)))
        result = {
            "changed": bool(deleted),
            "deleted": deleted,
            "already_absent": self._sorted(self.already_absent),
            "errors": errors,
        }
        if self._reports_undeletable:
            result["undeletable"] = sorted(self.undeletable, key=lambda entry: self._order.get(entry["id"], len(self._order)))
        if with_diff:
            failed = [error["id"] for error in errors]
            before = self.present_before if self.present_before is not None else deleted + failed
            result["diff"] = {
                "before": {"ids": self._sorted(before)},
                "after": {"ids": self._sorted(resource_id for resource_id in before if resource_id not in deleted)},
            }
        return result

    def failure(self):
        """(msg, top-level facts) of the first error, or None when every id went well."""
        if not self.errors:
            return None
        first = sorted(self.errors, key=lambda error: self._order.get(error["id"], len(self._order)))[0]
        message = first["msg"]
        if len(self.errors) > 1:
            message += " (and %d more error(s), see errors)" % (len(self.errors) - 1)
        facts = dict((key, first[key]) for key in ("status_code", "error_code", "error_msg", "request_id"))
        return message, facts
