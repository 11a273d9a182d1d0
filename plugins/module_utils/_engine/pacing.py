# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""One rate controller per module run, shared by every worker: it finds the gateway's limit and sends near it.

Unthrottled, requests go as fast as the workers send them and the controller takes no lock. From the first
throttling answer on, it judges the pool's replies in windows of about a second (docs/decisions.md,
"Throttling, the deadline and outages"):

- a window whose share of throttled replies rises above the noise cuts the pace to the limit measured: a token
  bucket is empty at each throttle, so what got through between two throttles is what it refilled, its rate,
  however much more was sent. Without two throttles far enough apart the limit is guessed (what got through in
  the window), and the pace climbs fast from the guess, but only halfway to the pace that was too fast;
- throttles that keep coming after a cut, below the limit measured, come whatever the pace (sporadic): the cut
  is undone, and their share is the noise from then on;
- windows below the limit probe upwards by a small step, since a bucket's burst hides a pace a little above its
  rate for a while; once more got through than a burst could explain, the limit rose and the steps grow;
- a window in which most replies are throttled (the first burst, a limit that fell) pauses the pool until the
  Retry-After: until then the gateway would refuse everything.

A throttled request itself waits its Retry-After (a full-jitter backoff without one) and spends no retry:
sporadic throttles cost what they cost the request, not the pool's pace.
"""

import bisect
import math
import random
import threading
import time
from collections import deque

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import DeadlineReached

WINDOW_SECONDS = 1.0  # a window is judged after this long...
WINDOW_REPLIES = 10  # ...with at least this many replies, or after WINDOW_LONGEST_SECONDS whatever came
WINDOW_LONGEST_SECONDS = 3.0
OVER_LIMIT_SHARE = 0.05  # throttled share above the noise that says the pool sends above a limit...
OVER_LIMIT_THROTTLES = 2  # ...from at least this many throttles
QUIET_SHARE = 0.02  # at most this above the noise: nothing refused that sending less would spare; probe up
FAR_OVER_SHARE = 0.5  # this share of at least FAR_OVER_REPLIES throttled replies ends a window early and pauses the pool
FAR_OVER_REPLIES = 12
NOISE_WINDOWS = 5  # the noise is the second least throttled share of this many windows
CUT_JUDGED_WINDOWS = 2  # windows after a cut that tell a limit from throttles that come anyway
CUT_EXPIRES_WINDOWS = 5
CUT_BELOW_LIMIT = 0.95  # the pace after a cut: the bucket refills a little, so what still throttles is noise
LARGEST_CUT = 0.5  # a window never cuts the pace below this share of what it was
PROBE_STEP = 0.025  # pace growth per window below the limit
GUESS_STEP = 0.5  # pace growth per quiet window while the limit is only guessed
BURST_SECONDS = 1.0  # the largest burst a gateway is taken to allow, in seconds of its rate
RISING_STEPS = (0.1, 0.2, 0.4)  # pace growth per quiet window once the limit rose
MINIMUM_RATE = 0.2  # requests per second
PAUSE_JITTER_SECONDS = 0.1  # spreads the wake-up after a pool pause a little
NO_RETRY_AFTER_WAIT = (0.5, 30.0)  # base and cap of a throttled request's full-jitter wait when no Retry-After came
LIMIT_SPAN_SECONDS = 0.5  # the shortest time between two throttles that a limit is measured over
LIMIT_HISTORY_SECONDS = 2.0  # throttles kept for it: a limit that changed before does not count
PASSED_KEPT = 5000  # send times of passed replies kept for the windows (a few seconds at any real rate)


class RateController:
    """Clock, sleep and random source are injectable: the unit tests run it on a fake clock."""

    def __init__(self, clock=time.monotonic, sleep=time.sleep, rand=random.random):
        self._clock = clock
        self._sleep = sleep
        self._random = rand
        self._lock = threading.Lock()
        self._started = clock()
        self.rate = None  # requests per second; None: unpaced
        self.limit = None  # the gateway's rate as last measured between two throttles
        self._active = False  # a throttle came: windows are judged from now on
        self._passed = deque(maxlen=PASSED_KEPT)  # send times; appending to a deque needs no lock
        self._window_start = 0.0
        self._throttled = []  # send times of the current window's throttled requests
        self._throttle_history = deque(maxlen=PASSED_KEPT)  # send times of throttled requests, across windows
        self._shares = deque(maxlen=NOISE_WINDOWS)  # throttled share of the last windows paced below the limit
        self._cut = None  # a cut not yet shown to be a limit's (_Cut)
        self._surplus = 0.0  # passed above the last limit measured, in quiet windows in a row
        self._rising = 0  # quiet windows in a row since the surplus showed a higher limit
        self._limit_seen = None  # the limit measured or guessed at the last cut
        self._measured = False  # the limit seen came from two throttles, not a guess
        self._ceiling = None  # the pace before the last cut: too fast
        self._guessed = False  # the pace comes from a guessed limit: it climbs GUESS_STEP per quiet window
        self._next_send = 0.0
        self._paused_until = 0.0
        self._first_throttle = 0.0  # send time of the first throttled request: the bucket emptied there

    def acquire(self, deadline=None):
        """Wait for this worker's turn; returns the ticket to hand to passed() or throttled().
        DeadlineReached, before any sleep, when the turn would come after the deadline."""
        while True:
            ticket, wait = self.turn()
            if wait <= 0:
                return ticket
            if deadline is not None and wait > deadline.remaining():
                raise DeadlineReached()
            self._sleep(wait)  # then compete for the turn again: a pace that rose meanwhile applies at once

    def turn(self):
        """(ticket, 0) when a worker may send now, the next turn moving on; else (None, seconds to wait first)."""
        if not self._active:
            return self._clock(), 0.0  # never throttled: the common case takes no lock
        with self._lock:
            now = self._clock()
            self._judge(now)
            start = max(self._paused_until, self._next_send)
            if start > now:
                return None, start - now
            if self.rate:
                self._next_send = max(self._next_send + 1.0 / self.rate, now)
            return now, 0.0

    def passed(self, ticket):
        """A reply the gateway let through (anything but a throttle)."""
        self._passed.append(ticket)

    def throttled(self, ticket, retry_after=None, times=1):
        """A throttling answer to the request sent at ``ticket`` (its ``times``-th): seconds it waits before it is
        sent again - its Retry-After when given - while the pool's pace takes the news."""
        if retry_after is not None:
            wait = retry_after
        else:
            base, cap = NO_RETRY_AFTER_WAIT
            wait = self._random() * min(cap, base * 2 ** (times - 1))
        with self._lock:
            now = self._clock()
            if not self._active:
                self._active = True
                self._window_start = max(self._started, now - WINDOW_SECONDS)
                self._first_throttle = ticket
            if ticket >= self._window_start:
                self._throttled.append(ticket)
                self._throttle_history.append(ticket)
                self._judge(now, pause=wait)
        return wait

    def _judge(self, now, pause=None):
        """Judge the current window once it is long enough, or, after a throttle, at once when it is far above a
        limit."""
        elapsed = now - self._window_start
        if pause is None and elapsed < WINDOW_SECONDS:
            return  # most turns: nothing to count yet
        throttled = len(self._throttled)
        passed = self._passed_since(self._window_start)
        replies = throttled + passed
        # how far over the pool is shows in the replies since the first throttle, not in the burst before it
        refused = throttled + self._passed_since(max(self._window_start, self._first_throttle))
        if pause is not None and throttled >= FAR_OVER_REPLIES and throttled >= FAR_OVER_SHARE * refused:
            self._far_over(now, passed, throttled / float(replies), pause)
        elif elapsed >= WINDOW_LONGEST_SECONDS or elapsed >= WINDOW_SECONDS and replies >= WINDOW_REPLIES:
            self._decide(throttled / float(replies) if replies else 0.0, passed, elapsed)
        else:
            return
        self._window_start = max(now, self._paused_until)
        self._throttled = []
        while self._throttle_history and self._throttle_history[0] < now - LIMIT_HISTORY_SECONDS:
            self._throttle_history.popleft()

    def _far_over(self, now, passed, share, pause):
        """Most requests refused: the gateway refuses all until the Retry-After; the pace halves (or, on the first
        burst, becomes what got through in the last second or two, a guess to climb from)."""
        self._paused_until = max(self._paused_until, now + pause + self._random() * PAUSE_JITTER_SECONDS)
        if self.rate is None:
            self._cut = _Cut(share, None)
            recent = min(LIMIT_HISTORY_SECONDS, max(WINDOW_SECONDS, now - self._started))
            self.rate = max(MINIMUM_RATE, self._passed_since(now - recent) / recent)
            self._guessed = True
        else:
            self.rate = self._limit_seen = max(MINIMUM_RATE, self.rate / 2)
            self._guessed = False
        self._measured = False
        self._surplus = 0.0

    def _decide(self, share, passed, elapsed):
        """Cut to the limit measured when the share of throttled replies rises above the noise; undo a cut after
        which the throttles keep coming; else probe upwards."""
        replies = passed + len(self._throttled)
        if not replies:
            return  # every worker waited (a long Retry-After): nothing to judge
        noise = self._noise()
        if self._cut is not None and self._cut.expired():
            self._cut = None
        if self._measured and self.rate <= self._limit_seen:
            self._shares.append(share)  # a pace no higher than the limit measured: its throttles are noise
            if self._cut is not None:
                verdict = self._cut.judge(share, replies)
                if verdict is not None:
                    self._cut = None
                if verdict:
                    self.rate, self._limit_seen, self._measured = verdict.rate_before, None, False
                    return
        # a share from few replies varies by chance: two standard deviations of the noise's share are no news
        chance = 2 * math.sqrt(noise * (1 - noise) / replies)
        if share > noise + chance + OVER_LIMIT_SHARE and len(self._throttled) >= OVER_LIMIT_THROTTLES:
            limit, measured = self._limit(passed, elapsed)
            # cuts in a row are judged after the last one; undone, the pace goes back to before the first
            self._cut = _Cut(share, self._cut.rate_before if self._cut else self.rate)
            self._ceiling = None if self._guessed else self.rate
            self._guessed = not measured
            self._limit_seen, self._measured = limit, measured
            if measured:
                self.limit = limit
            pace = limit if self.rate is None else max(LARGEST_CUT * self.rate, min(self.rate, limit))
            self.rate = max(MINIMUM_RATE, CUT_BELOW_LIMIT * pace)
            self._surplus = 0.0
        elif self.rate is not None:
            self._probe(passed, replies, elapsed, share <= noise + QUIET_SHARE)

    def _noise(self):
        """The share of throttles that come whatever the pace: the second least share of the last windows."""
        shares = sorted(self._shares)
        return shares[1] if len(shares) > 2 else shares[0] if shares else 0.0

    def _limit(self, passed, elapsed):
        """(limit, measured): the gateway's rate, from below. A token bucket is empty at each throttle, so between
        two throttles no more got through than it refilled: the most that got through between the newest throttle
        and an earlier one at least LIMIT_SPAN_SECONDS before it. Without such a pair, a guess: what got through in
        the window (less than the limit when the pool stopped for a while, all its workers waiting their Retry-After)."""
        throttles = sorted(self._throttle_history)
        newest = throttles[-1]
        passes = sorted(self._passed_tail(newest - LIMIT_HISTORY_SECONDS))
        best = None
        for earlier in throttles:
            span = newest - earlier
            if span < LIMIT_SPAN_SECONDS:
                break
            through = bisect.bisect_right(passes, newest) - bisect.bisect_right(passes, earlier)
            best = max(best or 0.0, through / span)
        if best is None:
            return max(MINIMUM_RATE, passed / elapsed), False
        return max(MINIMUM_RATE, best), True

    def _probe(self, passed, sent, elapsed, quiet):
        """Up after a window below the limit, a small step: the bucket's burst hides a pace a little above the limit
        for a while. Once more got through above the limit measured than a burst of a second of it could explain,
        the limit rose: steps grow with each quiet window. A step after a window with a few throttles too, so that
        sporadic ones cannot ratchet the pace down one cut at a time."""
        if quiet and self._limit_seen is not None and self.rate >= self._limit_seen:
            self._surplus += passed - self._limit_seen * elapsed
        else:
            self._surplus = 0.0
        if self._limit_seen is not None and self._surplus > self._limit_seen * BURST_SECONDS:
            self._rising += 1
            self._ceiling = None
            step = RISING_STEPS[min(self._rising, len(RISING_STEPS)) - 1]
        else:
            self._rising = 0
            step = GUESS_STEP if self._guessed and quiet else PROBE_STEP
        rate = self.rate * (1 + step)
        if self._guessed and self._ceiling is not None:
            # a guess climbs fast, but only halfway to the pace that was too fast
            rate = max(self.rate * (1 + PROBE_STEP), min(rate, (self.rate + self._ceiling) / 2))
        # a pace the workers do not reach binds nothing: growing it further would only allow a burst later
        self.rate = max(self.rate, min(rate, 2 * sent / elapsed))

    def _passed_since(self, start):
        return sum(1 for _when in self._passed_tail(start))

    def _passed_tail(self, start):
        """Send times of the passed replies from ``start`` on, newest first."""
        for when in reversed(self._passed):
            if when < start:
                return
            yield when


class _Cut:
    """A cut not yet shown to be a limit's: the share that caused it, the pace before, and the windows after it.

    A limit's throttles stop after a cut to it: throttles that keep coming in the CUT_JUDGED_WINDOWS windows after
    it paced below the limit measured, at least half as many as caused it (and twice OVER_LIMIT_SHARE), come
    whatever the pace, and the cut is undone. Windows paced above it (probing) do not count; after
    CUT_EXPIRES_WINDOWS in all, the cut stands.
    """

    def __init__(self, share, rate_before):
        self.share, self.rate_before = share, rate_before
        self.throttled = self.replies = self.windows = self.age = 0

    def expired(self):
        self.age += 1
        return self.age > CUT_EXPIRES_WINDOWS

    def judge(self, share, replies):
        """After a window paced below the limit measured: None until CUT_JUDGED_WINDOWS came, then the cut itself
        when it was no limit's (to undo), else False."""
        self.throttled += share * replies
        self.replies += replies
        self.windows += 1
        if self.windows < CUT_JUDGED_WINDOWS:
            return None
        return self if self.throttled >= max(2 * OVER_LIMIT_SHARE, self.share / 2) * self.replies else False
