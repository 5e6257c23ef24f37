"""The clock and the cues agree: one source of truth for time left (`timefmt.time_left`), cut
the same way on the clock line, the phase line and in the time cues."""

from __future__ import annotations

import pytest

from screens.widgets.talk import clock_text
from tests.unit.test_nudges import start


@pytest.mark.parametrize("seconds", [2100, 2107, 2113, 2159, 2172, 2189])
def test_time_cues_read_the_clocks_minutes(fake, catalog, seconds):
    """One source of truth: the minutes a cue says are the clock's `m:ss left`, cut the same way."""
    live = start(fake, catalog)
    live.silence()
    fake.advance(seconds)
    snap = live.tick()
    (nudge,) = snap.nudges
    clock = clock_text(snap).plain.splitlines()[0]  # "35:07 of 45:00 · 9:53 left"
    clock_minutes = clock.split(" · ")[1].split(":")[0]
    assert nudge.why.startswith(f"{clock_minutes} min left"), (clock, nudge.why)


def test_the_phase_line_shows_no_time_left_once_the_round_is_over(fake, catalog):
    live = start(fake, catalog)
    for _ in range(3):
        live.next_phase()  # Way forward starts at 0:00: its own budget is 9:00
    live.silence()
    fake.advance(45 * 60 + 4)
    lines = clock_text(live.tick()).plain.splitlines()
    assert lines[0].endswith("0:04 over time")
    assert lines[2].endswith("round over time") and "left" not in lines[2]


def test_a_phase_never_has_more_time_left_than_the_round(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    fake.advance(40 * 60)
    for _ in range(3):
        live.next_phase()  # Way forward begins with 5:00 of the round left; its budget is 9:00
    lines = clock_text(live.tick()).plain.splitlines()
    assert lines[0].endswith("5:00 left") and lines[2].endswith("· 5:00 left")
