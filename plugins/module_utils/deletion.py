# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The deletion strategies, by name (Resource.strategy): one call per id, concurrently, or batches."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError
from ansible_collections.hwc.cleanup.plugins.module_utils.listing import field, list_all, list_all_or_none, listed_by_id
from ansible_collections.hwc.cleanup.plugins.module_utils.results import Outcome
from ansible_collections.hwc.cleanup.plugins.module_utils.verdict import ABSENT, DELETED, OK, settled


def _each(ids, concurrency, work):
    if len(ids) == 1 or concurrency == 1:
        for resource_id in ids:
            work(resource_id)
        return
    with ThreadPoolExecutor(max_workers=min(concurrency, len(ids))) as pool:
        list(pool.map(work, ids))


def delete_each(client, resource, scope, ids, status, concurrency, check_mode):
    """One request per id: delete and read "absent" from the reply. Check mode reads instead."""
    outcome = Outcome(ids)
    if check_mode and resource.read_call is None:
        _plan_from_listing(client, resource, scope, ids, outcome)
        return outcome
    call = resource.read_call if check_mode else resource.delete_call

    def work(resource_id):
        try:
            verdict = client.judged(call.method, call.path(scope, resource_id))
        except ApiError as error:
            outcome.add_error(resource_id, error)
            return
        done = settled(verdict, check_mode)
        if done == DELETED:
            outcome.add_deleted(resource_id)
        elif done == ABSENT:
            outcome.add_absent(resource_id)
        else:
            outcome.add_error(resource_id, verdict.error)

    _each(ids, concurrency, work)
    if check_mode:
        outcome.present_before = list(outcome.deleted)
    return outcome


def _plan_from_listing(client, resource, scope, ids, outcome):
    present = listed_by_id(list_all_or_none(client, resource, scope), resource)
    for resource_id in ids:
        (outcome.add_deleted if resource_id in present else outcome.add_absent)(resource_id)
    outcome.present_before = list(outcome.deleted)


def delete_batch(client, resource, scope, ids, status, concurrency, check_mode):
    """List first (no filter by id exists), send only deletable ids that exist, in batches.

    An id named by the user that can never be deleted (a RUNNING sub-job, a kind the service refuses) is an
    error for that id; one that only matched ``status`` and is of a kind the service refuses is skipped.
    """
    listed = listed_by_id(list_all(client, resource, scope, {"status": status}), resource)
    if status is not None:
        status_field = resource.listing.fields["status"]
        ids = [resource_id for resource_id, item in listed.items() if field(item, status_field) == status]
    outcome = Outcome(ids, reports_skipped=True)
    outcome.present_before = [resource_id for resource_id in ids if resource_id in listed]
    targets = []
    for resource_id in ids:
        if resource_id not in listed:
            outcome.add_absent(resource_id)
            continue
        reason = resource.undeletable_reason(listed[resource_id])
        if reason is None:
            targets.append(resource_id)
        elif status is not None:  # it matched the status, so its type is what the service refuses
            outcome.add_skipped(resource_id, reason)
        else:
            outcome.add_error(resource_id, message=reason)
    if check_mode or not targets:
        for resource_id in targets:
            outcome.add_deleted(resource_id)
        return outcome
    call = resource.delete_call
    path = call.path(scope)
    ids_field, status_field = resource.batch_delete_fields
    if status is not None and not outcome.skipped:
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
