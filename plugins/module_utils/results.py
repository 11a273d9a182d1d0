# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a delete run reports: deleted, already_absent, errors, the diff and the failure message."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

# What the tally counts, besides the requests sent (retry.RetryTally).
RETRY_KINDS = ("throttled", "server_error", "timeout", "connection_error", "reauthenticated")


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


def retry_report(limits, id_count, verbose):
    """``retries`` for the result: requests sent and retries by kind; with ``verbose`` a summary ``msg``."""
    counts = limits.tally.result() if limits is not None else dict(dict.fromkeys(RETRY_KINDS, 0), requests=0)
    report = {"retries": counts}
    if verbose:
        again = ", ".join("%d %s" % (counts[kind], kind.replace("_", " ")) for kind in sorted(counts)
                          if kind != "requests" and counts[kind])
        line = "%d request(s) for %d id(s)%s" % (counts["requests"], id_count, "; sent again: " + again if again else "")
        if limits is not None and limits.pacer.rate is not None:
            line += "; throttled: paced at %.1f requests/s at the end" % limits.pacer.rate
            if limits.pacer.limit is not None:
                line += " (the gateway's limit measured at %.1f)" % limits.pacer.limit
        report["msg"] = line
    return report
