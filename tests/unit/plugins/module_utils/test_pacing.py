"""The pool-wide rate controller on a fake clock: no test here really sleeps."""

import pytest

from ansible_collections.hwc.cleanup.plugins.module_utils.guards import Deadline, DeadlineReached
from ansible_collections.hwc.cleanup.plugins.module_utils.pacing import DECREASE, RECOVERY_SECONDS, RateController


def controller(clock, rand=lambda: 0.0):
    return RateController(clock=clock, sleep=clock.sleep, rand=rand)


def succeed(pacer, clock, count, spacing):
    for _request in range(count):
        pacer.acquire()
        pacer.succeeded()
        clock.now += spacing


def test_unthrottled_requests_are_never_held(fake_clock):
    pacer = controller(fake_clock)
    succeed(pacer, fake_clock, 100, 0.001)
    assert fake_clock.slept == [] and pacer.rate is None


def test_a_throttle_pauses_everyone_until_retry_after_plus_jitter_then_paces_below_what_got_through(fake_clock):
    pacer = controller(fake_clock, rand=lambda: 1.0)
    succeed(pacer, fake_clock, 20, 0.1)  # 10 per second got through
    pacer.throttled(pacer.acquire(), retry_after=1.0)
    assert pacer.rate == pytest.approx(10 * DECREASE)
    start = fake_clock.now
    for _worker in range(3):  # three workers waking after the pause, one rate interval apart
        pacer.acquire()
    assert fake_clock.now - start == pytest.approx(1.25 + 2 / pacer.rate, rel=0.05)
    assert fake_clock.slept[0] == pytest.approx(1.25)


def test_answers_to_requests_sent_before_the_decrease_do_not_decrease_again(fake_clock):
    pacer = controller(fake_clock)
    succeed(pacer, fake_clock, 20, 0.1)
    rounds = [pacer.acquire() for _worker in range(8)]  # eight in flight when the gateway starts refusing
    for sent_in in rounds:
        pacer.throttled(sent_in, retry_after=1.0)
    assert pacer.rate == pytest.approx(10 * DECREASE)
    pacer.throttled(pacer.acquire(), retry_after=1.0)  # sent after the decrease: news
    assert pacer.rate < 10 * DECREASE


def test_the_rate_climbs_back_then_probes_above(fake_clock):
    pacer = controller(fake_clock)
    succeed(pacer, fake_clock, 20, 0.1)
    pacer.throttled(pacer.acquire(), retry_after=0.0)
    fake_clock.now += RECOVERY_SECONDS
    pacer.acquire()
    assert pacer.rate == pytest.approx(10, rel=0.02)
    fake_clock.now += 10
    pacer.acquire()
    assert pacer.rate > 10


def test_a_first_answer_that_is_already_throttled_pauses_without_guessing_a_rate(fake_clock):
    pacer = controller(fake_clock, rand=lambda: 1.0)
    pacer.throttled(pacer.acquire())
    assert pacer.rate is None
    pacer.acquire()
    assert fake_clock.slept == [0.5]  # no Retry-After: full jitter from 0.5 s, doubling per throttled round
    pacer.throttled(pacer.acquire())
    pacer.acquire()
    assert fake_clock.slept == [0.5, 1.0]


def test_waiting_past_the_deadline_is_refused_before_sleeping(fake_clock):
    pacer = controller(fake_clock)
    deadline = Deadline(0.5, clock=fake_clock)
    pacer.throttled(pacer.acquire(), retry_after=2.0)
    with pytest.raises(DeadlineReached):
        pacer.acquire(deadline)
    assert fake_clock.slept == []


class TokenBucket:
    """An API gateway's limit: ``rate`` requests per second, ``burst`` at once, on the fake clock."""

    def __init__(self, clock, rate, burst):
        self.clock, self.rate, self.burst = clock, rate, burst
        self.tokens, self.at = float(burst), clock()

    def admit(self):
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


@pytest.mark.parametrize("retry_after", [1.0, None])
def test_against_a_10_per_second_gateway_the_controller_wastes_little(fake_clock, retry_after):
    """One worker at a time on the fake clock; 300 ids, 2 ms per request, as in the benchmark."""
    import random
    pacer = RateController(clock=fake_clock, sleep=fake_clock.sleep, rand=random.Random(7).random)
    gateway = TokenBucket(fake_clock, 10.0, 10)
    start, sent, done = fake_clock.now, 0, 0
    while done < 300:
        sent_in = pacer.acquire()
        sent += 1
        fake_clock.now += 0.002
        if gateway.admit():
            pacer.succeeded()
            done += 1
        else:
            pacer.throttled(sent_in, retry_after)
    elapsed = fake_clock.now - start
    limit = (300 - 10) / 10.0  # the burst goes at once, then 10 per second
    assert limit / elapsed >= 0.9, (elapsed, sent)
    assert sent / 300.0 <= 1.15, (elapsed, sent)


def test_a_sporadic_throttle_does_not_ratchet_the_rate_down(fake_clock):
    """The pool's own pause is not counted as time in which less got through."""
    pacer = controller(fake_clock)
    succeed(pacer, fake_clock, 50, 0.1)  # 10 per second
    pacer.throttled(pacer.acquire(), retry_after=1.0)
    fake_clock.now += 1.0  # the pause, in the middle of the next measuring window
    succeed(pacer, fake_clock, 20, 0.1)  # 10 per second again, for 2 s
    pacer.throttled(pacer.acquire(), retry_after=1.0)
    assert pacer.rate == pytest.approx(10 * DECREASE, rel=0.05)
