# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator's state: credentials, tokens, resources and the request log, behind one lock.

The lock is only held for dictionary work, never while sleeping or doing I/O, so it cannot
serialize requests.
"""

import copy
import threading

from . import seeding

# What GET /_emulator/state shows of the secret-bearing kinds: never a secret key, password or token.
PUBLIC_FIELDS = {
    "credentials": ("access_key", "project_id", "region", "domain_id"),
    "users": ("name", "domain_name", "project_id", "region", "domain_id"),
}
HIDDEN_KINDS = ("tokens",)


class Store:
    def __init__(self):
        self._lock = threading.Lock()
        self._tables = {}
        self._request_log = []
        self.reset()

    def reset(self):
        with self._lock:
            self._tables = {kind: {} for kind in seeding.KINDS}
            self._request_log = []

    def seed(self, payload):
        """Add (or replace, by key) the records of a seed; ValueError and nothing stored when it is invalid."""
        normalized = seeding.normalize(payload)
        with self._lock:
            for kind, records in normalized.items():
                for record in records:
                    self._tables[kind][seeding.record_key(kind, record)] = record
        return {kind: len(records) for kind, records in normalized.items()}

    def mutate(self, kind, change):
        """Run ``change(table)`` atomically; ``table`` maps record keys to records. Returns its result, copied."""
        with self._lock:
            return copy.deepcopy(change(self._tables[kind]))

    def get(self, kind, *key):
        return self.mutate(kind, lambda table: table.get(key))

    def records(self, kind):
        return self.mutate(kind, lambda table: list(table.values()))

    def snapshot(self):
        """The state in the seed's shape, without secrets."""
        with self._lock:
            state = {}
            for kind, table in self._tables.items():
                if kind in HIDDEN_KINDS:
                    continue
                fields = PUBLIC_FIELDS.get(kind)
                state[kind] = [
                    {field: record[field] for field in fields if field in record} if fields else copy.deepcopy(record)
                    for record in table.values()]
            return state

    def log_request(self, entry):
        with self._lock:
            self._request_log.append(entry)

    def request_log(self):
        with self._lock:
            return copy.deepcopy(self._request_log)

    def clear_request_log(self):
        with self._lock:
            cleared, self._request_log = len(self._request_log), []
            return cleared
