"""The pool-wide rate controller on a fake clock: no test here really sleeps.

The gateway tests drive the controller the way the transport does (a turn, a send, a reply), for a pool of
workers over a simulated API gateway - a token bucket that may change its rate, and throttles that come at random -
in simulated time, event by event.
"""

import heapq
import random

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import DeadlineReached
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.sending import Deadline
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.pacing import (
    FAR_OVER_REPLIES, NO_RETRY_AFTER_WAIT, RateController)

LATENCY = 0.02


def controller(clock, rand=lambda: 0.0):
    return RateController(clock=clock, sleep=clock.sleep, rand=rand)


def test_unthrottled_requests_are_never_held(fake_clock):
    pacer = controller(fake_clock)
    for _request in range(100):
        pacer.passed(pacer.acquire())
        fake_clock.now += 0.001
    assert fake_clock.slept == [] and pacer.rate is None


def test_a_throttled_request_waits_its_retry_after_or_a_growing_full_jitter_wait(fake_clock):
    pacer = controller(fake_clock, rand=lambda: 1.0)
    assert pacer.throttled(pacer.acquire(), retry_after=3.0) == 3.0
    base, _cap = NO_RETRY_AFTER_WAIT
    assert [pacer.throttled(pacer.acquire(), times=times) for times in (1, 2, 3)] == [base, 2 * base, 4 * base]


def test_far_above_a_limit_the_pool_pauses_until_the_retry_after(fake_clock):
    pacer = controller(fake_clock)
    tickets = [pacer.acquire() for _worker in range(FAR_OVER_REPLIES)]
    fake_clock.now += LATENCY
    for ticket in tickets:  # every request of the first burst refused
        pacer.throttled(ticket, retry_after=2.0)
    pacer.acquire()
    assert fake_clock.slept == [pytest.approx(2.0 - 0.0)]
    assert pacer.rate is not None


def test_the_burst_before_the_first_throttle_does_not_hide_how_far_over_the_pool_is(fake_clock):
    """A bucket's burst passed, then most requests are refused: the pool pauses at once, not after a second of
    throttles that the burst outnumbered."""
    pacer = controller(fake_clock)
    for _request in range(3 * FAR_OVER_REPLIES):  # the burst, unthrottled
        pacer.passed(pacer.acquire())
    fake_clock.now += LATENCY
    tickets = [pacer.acquire() for _worker in range(FAR_OVER_REPLIES + 2)]
    pacer.passed(tickets.pop())  # the bucket refilled a little meanwhile
    fake_clock.now += LATENCY
    for ticket in tickets:
        pacer.throttled(ticket, retry_after=2.0)
    pacer.acquire()
    assert fake_clock.slept == [pytest.approx(2.0 - 0.0)]


def test_waiting_past_the_deadline_is_refused_before_sleeping(fake_clock):
    pacer = controller(fake_clock)
    deadline = Deadline(0.5, clock=fake_clock)
    tickets = [pacer.acquire() for _worker in range(FAR_OVER_REPLIES)]
    for ticket in tickets:
        pacer.throttled(ticket, retry_after=2.0)
    with pytest.raises(DeadlineReached):
        pacer.acquire(deadline)
    assert fake_clock.slept == []


def test_a_window_without_replies_is_not_judged(fake_clock):
    """Every worker waiting a long Retry-After: the window that ends meanwhile holds no reply."""
    pacer = controller(fake_clock)
    for _request in range(10):
        pacer.passed(pacer.acquire())
        fake_clock.now += 0.05
    for _worker in range(3):
        pacer.throttled(pacer.acquire(), retry_after=5.0)
    fake_clock.now += 0.6
    pacer.acquire()  # the window, a second old, is judged: a cut
    rate = pacer.rate
    fake_clock.now += 5.0  # nobody sent or heard anything since
    pacer.acquire()
    assert rate is not None and pacer.rate == rate


class Gateway:
    """A token bucket of ``rate(t)`` requests per second holding ``burst`` at most, and throttles that come at
    random to a share ``sporadic`` of the requests it lets through."""

    def __init__(self, rate, burst, sporadic, rand):
        self.rate, self.burst, self.sporadic, self._random = rate, burst, sporadic, rand
        self.tokens, self.at = float(burst), 0.0

    def admits(self, now):
        if self.rate is not None:
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate(now))
            self.at = now
            if self.tokens < 1:
                return False
            self.tokens -= 1
        return self._random() >= self.sporadic


class FakeClock:
    now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        raise AssertionError("the simulation moves the clock itself")


class Run:
    """What a simulated run did: when each request was sent and passed, and the pace at each send."""

    def __init__(self):
        self.sent, self.passed, self.paces, self.limits, self.end = [], [], [], [], 0.0

    def through(self, start, end):
        """Requests per second that got through from ``start`` to ``end``."""
        return sum(1 for when in self.passed if start <= when < end) / (end - start)

    def limit_at(self, when):
        """The limit the controller had measured last at ``when``."""
        return [limit for sent, limit in self.limits if sent <= when][-1]

    def median_pace(self, start, end):
        """The median pace at the sends from ``start`` to ``end`` (unpaced: infinity)."""
        paces = sorted(float("inf") if pace is None else pace for when, pace in self.paces if start <= when < end)
        return paces[len(paces) // 2]


def simulate(ids, gateway, concurrency=8, retry_after=1.0, seed=1, pacer=None):
    """``concurrency`` workers delete ``ids`` ids through ``gateway``, each request LATENCY long (+-20 %), as the
    transport does: a turn, the send, and on a throttle the wait that throttled() returns."""
    rand = random.Random(seed).random
    clock = FakeClock()
    pacer = pacer or RateController(clock=clock, sleep=clock.sleep, rand=rand)
    gateway = Gateway(gateway[0], gateway[1], gateway[2], rand)
    run, events, todo = Run(), [], ids
    for worker in range(min(concurrency, ids)):
        heapq.heappush(events, (0.0, worker, "turn", 1, None))
    todo -= min(concurrency, ids)
    while events:
        now, worker, what, times, ticket = heapq.heappop(events)
        clock.now = now
        if what == "turn":
            ticket, wait = pacer.turn()
            if wait > 0:
                heapq.heappush(events, (now + wait, worker, "turn", times, None))
                continue
            run.sent.append(now)
            run.paces.append((now, pacer.rate))
            run.limits.append((now, pacer.limit))
            latency = LATENCY * (0.8 + 0.4 * rand())
            passes = gateway.admits(now + latency / 2)
            heapq.heappush(events, (now + latency, worker, "passed" if passes else "throttled", times, ticket))
        elif what == "passed":
            pacer.passed(ticket)
            run.passed.append(now)
            run.end = now
            if todo:
                todo -= 1
                heapq.heappush(events, (now, worker, "turn", 1, None))
        else:
            wait = pacer.throttled(ticket, retry_after, times)
            heapq.heappush(events, (now + wait, worker, "turn", times + 1, None))
    return run


class NeverPaces:
    """The transport's wait on a throttle with no pace at all: what sporadic throttles cost by themselves."""

    rate = limit = None

    def __init__(self, rand):
        self._random = rand

    def turn(self):
        return 0.0, 0.0

    def passed(self, ticket):
        pass

    def throttled(self, ticket, retry_after=None, times=1):
        base, cap = NO_RETRY_AFTER_WAIT
        return retry_after if retry_after is not None else self._random() * min(cap, base * 2 ** (times - 1))


@pytest.mark.parametrize("concurrency", [8, 16])
@pytest.mark.parametrize("retry_after", [1.0, None])
@pytest.mark.parametrize("burst_share", [0.5, 1.0])
@pytest.mark.parametrize("rate", [10.0, 40.0])
def test_at_a_fixed_limit_the_pace_converges_within_10_percent_of_it(rate, burst_share, retry_after, concurrency):
    """Issue 21's gateways: 10 and 40 requests/s, a burst of half the rate or all of it, with and without
    Retry-After, 8 and 16 workers; a minute of deletes."""
    ids = int(rate * 60)
    run = simulate(ids, (lambda now: rate, rate * burst_share, 0.0), concurrency, retry_after)
    assert 0.9 * rate <= run.limit_at(run.end) <= 1.1 * rate
    assert run.through(run.end / 2, run.end) >= 0.9 * rate
    assert (ids / rate) / run.end >= 0.9  # the whole run, the first throttles included, near what the limit allows
    assert len(run.sent) / ids <= 1.15


@pytest.mark.parametrize("retry_after", [0.0, 1.0, None])
@pytest.mark.parametrize("sporadic", [0.05, 0.1])
def test_sporadic_throttles_without_a_limit_keep_the_pace_within_20_percent_of_unthrottled(sporadic, retry_after):
    """Throttles that come at random whatever the pace cost the throttled request its wait, not the pool's pace."""
    run = simulate(2000, (None, 0, sporadic), 8, retry_after)
    unpaced = simulate(2000, (None, 0, sporadic), 8, retry_after, pacer=NeverPaces(random.Random(2).random))
    assert unpaced.end / run.end >= 0.8, (run.end, unpaced.end)


@pytest.mark.parametrize("retry_after", [1.0, None])
def test_a_limit_that_halves_then_doubles_is_followed(retry_after):
    def limit(now):
        return 10.0 if 20 <= now < 40 else 20.0

    run = simulate(1400, (limit, 10, 0.0), 8, retry_after)
    assert run.end > 60
    assert run.through(10, 20) >= 0.9 * 20 and 0.9 * 20 <= run.limit_at(20) <= 1.1 * 20
    assert run.through(30, 40) >= 0.9 * 10 and 0.9 * 10 <= run.limit_at(40) <= 1.1 * 10
    assert run.through(55, run.end) >= 0.9 * 20  # found again by probing: the bucket no longer refuses anything
    assert len(run.sent) / 1400.0 <= 1.15
