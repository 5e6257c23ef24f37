"""Every nudge: fires when it should, is quiet when it shouldn't, fires once (not every second)."""

from __future__ import annotations

import pytest

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.guidance.guide import Guide
from sessionkit.live.session import LiveSession

TIME_LABELS = ("Half-time check", "Next steps", "Evaluate")


def start(fake: FakeClock, catalog: ModelCatalog, minutes: int = 45, **settings: object):
    guide = Guide(Settings(**settings))  # type: ignore[arg-type]
    return LiveSession.start("Ann", "Ben", catalog.get("grow"), fake, minutes, guide=guide)


def labels(live: LiveSession) -> list[str]:
    return [n.label for n in live.snapshot().nudges]


def talk(live: LiveSession, fake: FakeClock, *turns: tuple[str, float]) -> None:
    for who, seconds in turns:
        live.speak(who)
        fake.advance(seconds)


def runs(live: LiveSession, fake: FakeClock, seconds: int, step: int = 1) -> dict[str, list]:
    """Tick like the screen does; for each label, the [start, end) round-second runs it showed."""
    shown: dict[str, list[list[float]]] = {}
    for _ in range(0, seconds, step):
        now = live.tracker.elapsed()
        for label in labels(live):
            spans = shown.setdefault(label, [])
            if spans and spans[-1][1] == now:
                spans[-1][1] = now + step
            else:
                spans.append([now, now + step])
        fake.advance(step)
    return shown


# -- Monologue ----------------------------------------------------------------------------
def test_monologue_after_90_seconds_of_coach_only(fake, catalog):
    live = start(fake, catalog)
    fake.advance(90)
    assert "Monologue" not in labels(live)
    fake.advance(1)
    nudge = live.snapshot().nudges
    assert [n.label for n in nudge] == ["Monologue"]
    assert "1:31" in nudge[0].why


def test_monologue_goes_when_client_speaks_and_a_pause_breaks_it(fake, catalog):
    live = start(fake, catalog)
    fake.advance(100)
    assert "Monologue" in labels(live)
    live.speak("client")
    assert "Monologue" not in labels(live)
    talk(live, fake, ("coach", 60), ("silence", 5), ("coach", 60))
    assert "Monologue" not in labels(live)


def test_monologue_threshold_is_a_setting(fake, catalog):
    live = start(fake, catalog, monologue_seconds=30)
    fake.advance(31)
    assert "Monologue" in labels(live)


# -- Coach share --------------------------------------------------------------------------
def test_coach_share_high_waits_for_enough_talk(fake, catalog):
    live = start(fake, catalog, monologue_seconds=600)
    fake.advance(119)
    assert labels(live) == []  # 100 % coach, but under 2 min of talk in the window
    fake.advance(2)
    nudges = live.snapshot().nudges
    assert [n.label for n in nudges] == ["Coach share high"]
    assert "coach 100 %" in nudges[0].why and "10-33 %" in nudges[0].why


def test_coach_share_in_band_is_quiet_and_high_clears(fake, catalog):
    live = start(fake, catalog)
    for _ in range(6):
        talk(live, fake, ("coach", 15), ("client", 45))  # coach 25 %
    assert labels(live) == []
    talk(live, fake, ("coach", 80), ("client", 20), ("coach", 80))
    assert "Coach share high" in labels(live)
    talk(live, fake, ("client", 300))
    assert "Coach share high" not in labels(live)


def test_coach_share_low(fake, catalog):
    live = start(fake, catalog)
    talk(live, fake, ("coach", 5), ("client", 150))
    assert "Coach share low" in labels(live)
    talk(live, fake, ("coach", 20))
    assert "Coach share low" not in labels(live)


def test_coach_share_counts_only_the_recent_window(fake, catalog):
    live = start(fake, catalog, monologue_seconds=1000)
    talk(live, fake, ("coach", 400))  # long ago ...
    talk(live, fake, ("client", 240), ("coach", 30), ("client", 45))
    assert "Coach share high" not in labels(live)  # ... the last 5 min are ~10 % coach
    assert live.snapshot().talk.coach_share > 0.5  # whole round: still mostly coach


def test_share_band_is_a_setting(fake, catalog):
    live = start(fake, catalog, coach_share_high=0.5)
    for _ in range(3):
        talk(live, fake, ("coach", 20), ("client", 25))  # coach 44 %
    assert "Coach share high" not in labels(live)


# -- Mechanical pattern -------------------------------------------------------------------
def test_mechanical_pattern_after_four_short_answers(fake, catalog):
    live = start(fake, catalog)
    for _ in range(3):
        talk(live, fake, ("coach", 8), ("client", 5))
    talk(live, fake, ("coach", 8))
    assert "Mechanical pattern" not in labels(live)  # three short answers
    talk(live, fake, ("client", 5), ("coach", 3))
    assert "Mechanical pattern" in labels(live)


def test_mechanical_pattern_waits_for_a_running_answer(fake, catalog):
    live = start(fake, catalog)
    for _ in range(3):
        talk(live, fake, ("coach", 8), ("client", 5))
    talk(live, fake, ("coach", 8), ("client", 5))
    assert "Mechanical pattern" not in labels(live)  # 4th answer still running, may get long
    fake.advance(10)
    assert "Mechanical pattern" not in labels(live)  # 15 s: not short any more
    talk(live, fake, ("coach", 8))
    assert "Mechanical pattern" not in labels(live)


def test_a_long_answer_breaks_the_pattern(fake, catalog):
    live = start(fake, catalog)
    for _ in range(4):
        talk(live, fake, ("coach", 8), ("client", 5))
    talk(live, fake, ("coach", 5))
    assert "Mechanical pattern" in labels(live)
    talk(live, fake, ("client", 40), ("coach", 5))
    assert "Mechanical pattern" not in labels(live)


def test_mechanical_thresholds_are_settings(fake, catalog):
    live = start(fake, catalog, mechanical_turns=2, mechanical_turn_seconds=30.0)
    talk(live, fake, ("client", 25), ("coach", 5), ("client", 25), ("coach", 5))
    assert "Mechanical pattern" in labels(live)


# -- Time nudges ----------------------------------------------------------------------------
def test_half_time_check_edges(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    fake.advance(22 * 60 + 29)
    assert labels(live) == []
    fake.advance(1)
    nudges = live.snapshot().nudges
    assert [n.label for n in nudges] == ["Half-time check"]
    assert "are we on track for what you need?" in nudges[0].why
    fake.advance(89)
    assert labels(live) == ["Half-time check"]
    fake.advance(1)
    assert labels(live) == []


def test_each_time_nudge_shows_once_for_its_window_ticking_every_second(fake, catalog):
    live = start(fake, catalog)
    live.silence()  # nobody talks: only time nudges
    shown = runs(live, fake, 50 * 60)
    assert shown["Half-time check"] == [[1350, 1440]]
    assert shown["Next steps"] == [[2100, 2190]]
    assert shown["Evaluate"] == [[2520, 2610]]
    assert shown["Over time"] == [[2701, 3000]]  # stays while over time
    assert set(shown) == {*TIME_LABELS, "Over time"}


def test_next_steps_and_evaluate_say_minutes_left(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    fake.advance(35 * 60 + 20)
    (nudge,) = live.snapshot().nudges
    assert nudge == nudge.__class__("Next steps", "10 min left: move to actions and next steps")
    fake.advance(7 * 60)
    (nudge,) = live.snapshot().nudges
    assert nudge.label == "Evaluate" and nudge.why.startswith("3 min left")


def test_over_time_not_at_zero_then_stays(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    fake.advance(45 * 60)
    assert "Over time" not in labels(live)
    fake.advance(1)
    (nudge,) = live.snapshot().nudges
    assert nudge.label == "Over time" and nudge.why.startswith("0:01 past the planned 45 min")
    fake.advance(20 * 60)
    assert labels(live) == ["Over time"]


def test_short_round_skips_points_before_its_start(fake, catalog):
    live = start(fake, catalog, minutes=8)
    live.silence()
    shown = runs(live, fake, 9 * 60)
    assert "Next steps" not in shown  # 10 min before the end of an 8 min round: never
    assert shown["Half-time check"] == [[240, 330]]
    assert shown["Evaluate"] == [[300, 390]]


def test_paused_clock_holds_time_nudges(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    fake.advance(22 * 60)
    live.toggle_pause()
    fake.advance(30 * 60)  # a dropped call: round time stands still
    assert labels(live) == []
    live.toggle_pause()
    fake.advance(30)
    assert labels(live) == ["Half-time check"]


def test_time_windows_and_muting_are_settings(fake, catalog):
    live = start(fake, catalog, next_steps_minutes=15.0, nudge_show_seconds=10.0,
                 muted_nudges=["Half-time check"])
    live.silence()
    shown = runs(live, fake, 46 * 60, step=5)
    assert "Half-time check" not in shown
    assert shown["Next steps"] == [[1800, 1810]]


def test_nudges_order_time_before_talk(fake, catalog):
    live = start(fake, catalog)
    fake.advance(46 * 60)  # the coach never stopped talking
    assert labels(live) == ["Over time", "Monologue", "Coach share high"]


def test_guide_remembers_what_fired_and_reset_forgets(fake, catalog):
    live = start(fake, catalog)
    fake.advance(100)
    live.snapshot()
    assert live.guide.fired == {"Monologue"}
    live.switch_roles()
    assert live.guide.fired == set()


def test_role_switch_gives_the_new_round_its_own_time_nudges(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    fake.advance(30 * 60)
    live.switch_roles()
    live.silence()
    shown = runs(live, fake, 25 * 60, step=10)
    assert shown["Half-time check"] == [[1350, 1440]]


# -- phase budget ---------------------------------------------------------------------------
@pytest.mark.parametrize("over", [0, 30])
def test_phase_note_when_the_phase_budget_runs_out(fake, catalog, over):
    live = start(fake, catalog)
    fake.advance(9 * 60 + over)  # GROW Goal: 20 % of 45 min = 9 min
    snap = live.snapshot()
    moment_note = live.guide.phase_note(_moment(live))
    if over:
        assert moment_note == "Goal is 0:30 over its 9 min budget: ] moves on to Reality"
        assert snap.phase_left < 0
    else:
        assert moment_note is None


def test_phase_note_on_the_last_phase_has_no_next(fake, catalog):
    live = start(fake, catalog)
    for _ in range(3):
        live.next_phase()
    fake.advance(10 * 60)
    assert live.guide.phase_note(_moment(live)) == "Way forward is 1:00 over its 9 min budget"


def _moment(live: LiveSession):
    from sessionkit.guidance.guide import Moment

    snap = live.snapshot()
    return Moment(live.model, snap.phase, snap.elapsed, snap.planned, snap.phase_elapsed, snap.talk)
