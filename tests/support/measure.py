"""Clients of a running emulator for the emulator's tests and the benchmarks: an IAM token for a seeded
user, many concurrent GETs, and the CPU seconds a process used. Needs ``requests`` and ``psutil``."""

import resource
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psutil
import requests


def password_token(base_url, user, scope=None, timeout=30):
    """POST /v3/auth/tokens for a seeded user, scoped to its project unless ``scope``; returns the response."""
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user["name"], "password": user["password"], "domain": {"name": user["domain_name"]}}}},
        "scope": {"project": scope or {"id": user["project_id"]}}}}
    return requests.post(base_url + "/v3/auth/tokens", json=body, timeout=timeout)


def demo_token(base_url, user):
    """The token of a seeded user (its X-Subject-Token); raises on a refusal."""
    response = password_token(base_url, user)
    response.raise_for_status()
    return response.headers["X-Subject-Token"]


def timed_gets(base_url, token, path, total, threads):
    """(wall seconds, Counter of status codes) for ``total`` GETs of ``path`` from ``threads`` threads, one Session each."""
    local = threading.local()

    def get(_number):
        if not hasattr(local, "session"):
            local.session = requests.Session()
        return local.session.get(base_url + path, headers={"X-Auth-Token": token}, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=threads) as pool:
        started = time.monotonic()
        statuses = Counter(pool.map(get, range(total)))
        return time.monotonic() - started, statuses


def process_cpu_seconds(pid):
    """User + system CPU time of another process, or None once it is gone."""
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.NoSuchProcess:
        return None
    return times.user + times.system


def own_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
