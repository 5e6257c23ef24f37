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
    return [n.label for n in live.tick().nudges]


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
    nudge = live.tick().nudges
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


# -- Coach share: warm-up, hysteresis, rate limit ---------------------------------------------
def test_coach_share_high_waits_for_five_minutes_of_talk(fake, catalog):
    """Warm-up: the coach's contracting opening is healthy; nothing before 5 min of talk."""
    live = start(fake, catalog, monologue_seconds=600)
    fake.advance(299)
    assert labels(live) == []  # 100 % coach, but under 5 min of talk in the round
    fake.advance(2)
    nudges = live.tick().nudges
    assert [n.label for n in nudges] == ["Coach share high"]
    assert "coach 100 %" in nudges[0].why and "10-33 %" in nudges[0].why


def test_warm_up_counts_talk_not_silence(fake, catalog):
    live = start(fake, catalog, monologue_seconds=600)
    talk(live, fake, ("coach", 200), ("silence", 60), ("coach", 99))
    assert labels(live) == []  # 5:59 into the round, 4:59 of talk
    fake.advance(2)
    assert labels(live) == ["Coach share high"]


@pytest.mark.parametrize(("minutes", "warmup"), [(5, 150), (8, 240), (10, 300), (45, 300)])
def test_warm_up_is_half_a_short_round(fake, catalog, minutes, warmup):
    live = start(fake, catalog, minutes=minutes, monologue_seconds=600)
    fake.advance(warmup - 1)
    assert "Coach share high" not in labels(live)
    fake.advance(2)
    assert "Coach share high" in labels(live)


def test_contracting_opening_then_a_good_session_shows_no_share_nudge(fake, catalog):
    """Two coach-heavy minutes of contracting, then the client talks most: quiet throughout,
    although at 5:00 the 5-minute window still holds the opening (coach ~45 %)."""
    live = start(fake, catalog)
    talk(live, fake, ("coach", 80), ("client", 20), ("coach", 40))
    seen = set()
    for _ in range(10):
        talk(live, fake, ("client", 50), ("coach", 12))
        seen.update(labels(live))
        if live.tracker.elapsed() < 330:
            assert live.tick().talk.recent_coach_share > 0.4
    assert seen == set()


def test_a_coach_heavy_session_still_gets_the_share_nudge_at_five_minutes(fake, catalog):
    live = start(fake, catalog)
    shown = {}
    for _ in range(8):
        talk(live, fake, ("coach", 30), ("client", 30))
        shown[live.tracker.elapsed()] = labels(live)
    assert shown[240.0] == [] and shown[300.0] == ["Coach share high"]


def _hover(live, fake, coach: float, client: float, times: int) -> list[list[str]]:
    out = []
    for _ in range(times):
        talk(live, fake, ("coach", coach), ("client", client))
        out.append(labels(live))
    return out


def test_hysteresis_at_the_band_edge_shows_once_and_does_not_flicker(fake, catalog):
    """The share wobbles around 33 %: one nudge that stays, not one every other minute."""
    live = start(fake, catalog)
    _hover(live, fake, 15, 45, 6)  # 25 %: inside the band
    assert labels(live) == []
    _hover(live, fake, 30, 30, 3)  # up to ~40 %: crosses the band
    assert labels(live) == ["Coach share high"]
    frames = _hover(live, fake, 19, 41, 8)  # ~31-32 %: back inside, but not by 5 points
    assert all(f == ["Coach share high"] for f in frames), frames
    assert 0.28 < live.tick().talk.recent_coach_share < 0.33
    _hover(live, fake, 10, 50, 5)  # ~17 %: well inside
    assert labels(live) == []


@pytest.mark.parametrize(("share", "shows"), [(0.325, False), (0.335, True)])
def test_share_high_shows_only_past_the_edge(fake, catalog, share, shows):
    live = start(fake, catalog, share_window_minutes=10, monologue_seconds=600)
    coach = 600 * share
    talk(live, fake, ("client", 600 - coach), ("coach", coach))
    assert ("Coach share high" in labels(live)) == shows


def test_share_high_clears_below_the_margin(fake, catalog):
    """Shows above 33 %, stays at 29 %, clears below 28 % (margin 5 points)."""
    live = start(fake, catalog, monologue_seconds=600)
    talk(live, fake, ("client", 100), ("coach", 200))  # 67 %
    assert labels(live) == ["Coach share high"]
    talk(live, fake, ("client", 212))  # the coach's part slides out of the window
    assert 0.28 < live.tick().talk.recent_coach_share < 0.30
    assert labels(live) == ["Coach share high"]
    talk(live, fake, ("client", 5))
    assert live.tick().talk.recent_coach_share < 0.28
    assert labels(live) == []


def test_share_low_has_the_same_margin(fake, catalog):
    live = start(fake, catalog)
    talk(live, fake, ("coach", 5), ("client", 300))
    assert labels(live) == ["Coach share low"]
    talk(live, fake, ("coach", 35))
    assert 0.10 < live.tick().talk.recent_coach_share < 0.15
    assert "Coach share low" in labels(live)  # inside the band, not yet by 5 points
    talk(live, fake, ("coach", 20))
    assert labels(live) == []


def _share_high_then_cleared(live: LiveSession, fake: FakeClock) -> float:
    """The coach talks 5 min (share high), then the client until it clears; the clearing time."""
    fake.advance(301)
    assert labels(live) == ["Coach share high"]
    live.speak("client")
    while "Coach share high" in labels(live):
        fake.advance(1)
    return live.tracker.elapsed()


def test_rate_limit_same_nudge_only_three_minutes_after_it_cleared(fake, catalog):
    live = start(fake, catalog, monologue_seconds=600)
    cleared = _share_high_then_cleared(live, fake)
    assert cleared == live.guide.gate.cleared_at["high"]
    live.speak("coach")  # above the band again within seconds ...
    shown = runs(live, fake, 300)
    assert live.tracker.elapsed() > cleared + 180
    assert shown["Coach share high"][0][0] == cleared + 180  # ... but it waits 3 minutes


def test_rate_limit_is_a_setting(fake, catalog):
    live = start(fake, catalog, monologue_seconds=600, nudge_repeat_minutes=2.0)
    cleared = _share_high_then_cleared(live, fake)
    live.speak("coach")
    shown = runs(live, fake, 300)
    assert shown["Coach share high"][0][0] == cleared + 120


def test_rate_limit_holds_each_label_on_its_own(fake, catalog):
    """Share high cleared a minute ago; the share falls below the band: `low` is not held back."""
    live = start(fake, catalog, monologue_seconds=600)
    cleared = _share_high_then_cleared(live, fake)
    shown = runs(live, fake, 240)
    assert shown["Coach share low"][0][0] < cleared + 180


def test_role_switch_resets_the_share_gate(fake, catalog):
    live = start(fake, catalog, monologue_seconds=600)
    fake.advance(301)
    assert labels(live) == ["Coach share high"]
    live.switch_roles()
    assert live.guide.gate.showing is None and live.guide.gate.cleared_at == {}
    fake.advance(200)
    assert labels(live) == []  # the new round has its own warm-up


def test_coach_share_counts_only_the_recent_window(fake, catalog):
    live = start(fake, catalog, monologue_seconds=1000, share_clear_margin=0.0)
    talk(live, fake, ("coach", 400))  # long ago ...
    talk(live, fake, ("client", 240), ("coach", 30), ("client", 45))
    assert "Coach share high" not in labels(live)  # ... the last 5 min are ~10 % coach
    assert live.tick().talk.coach_share > 0.5  # whole round: still mostly coach


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
    nudges = live.tick().nudges
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
    (nudge,) = live.tick().nudges
    # 9:40 left on the clock: "9 min left", cut as the clock's m:ss is (never "10 min")
    assert nudge == nudge.__class__("Next steps", "9 min left: move to actions and next steps")
    fake.advance(7 * 60)
    (nudge,) = live.tick().nudges
    assert nudge.label == "Evaluate" and nudge.why.startswith("2 min left")  # 2:40 left


def test_over_time_not_at_zero_then_stays(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    fake.advance(45 * 60)
    assert "Over time" not in labels(live)
    fake.advance(1)
    (nudge,) = live.tick().nudges
    assert nudge.label == "Over time" and nudge.why.startswith("0:01 past the planned 45 min")
    fake.advance(20 * 60)
    assert labels(live) == ["Over time"]


CUES = {  # planned minutes: round second each cue fires at (docs/settings.md's table)
    5: {"Half-time check": 150, "Next steps": 233, "Evaluate": 280},
    10: {"Half-time check": 300, "Next steps": 467, "Evaluate": 560},
    20: {"Half-time check": 600, "Next steps": 933, "Evaluate": 1120},
    45: {"Half-time check": 1350, "Next steps": 2100, "Evaluate": 2520},
    90: {"Half-time check": 2700, "Next steps": 4200, "Evaluate": 5040},
}


@pytest.mark.parametrize("minutes", sorted(CUES))
def test_time_cues_scale_with_the_round_one_at_a_time(fake, catalog, minutes):
    """Half-time at 50 %, next steps at ~78 %, evaluate at ~93 %: each once, never two at once,
    none in the first fifth; Over time takes over from Evaluate at the end."""
    live = start(fake, catalog, minutes=minutes)
    live.silence()  # nobody talks: only time cues
    planned = minutes * 60
    cues = CUES[minutes]
    seen: dict[int, list[str]] = {}
    for second in range(0, planned + 120):
        seen[second] = [x for x in labels(live) if x in TIME_LABELS]
        fake.advance(1)
    starts = {label: min(t for t, f in seen.items() if label in f) for label in TIME_LABELS}
    assert starts == cues
    assert all(len(f) <= 1 for f in seen.values())
    assert all(f == [] for t, f in seen.items() if t < planned / 5)
    order = [f[0] for t, f in sorted(seen.items()) if f]
    assert [x for i, x in enumerate(order) if i == 0 or order[i - 1] != x] == list(TIME_LABELS)
    assert seen[planned + 1] == [] and "Over time" in labels(live)
    for label, at in cues.items():  # shows for 90 s, or until the next cue takes its place
        nxt = min([c for c in cues.values() if c > at] + [planned + 1])
        assert sum(label in f for f in seen.values()) == min(90, nxt - at)


def test_the_settings_page_table_matches_the_cues():
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "settings.md").read_text(encoding="utf-8")
    for label in TIME_LABELS:
        row = re.search(rf"^\| `{label}` \|.*$", doc, re.M)
        assert row, label
        cells = [c.strip() for c in row.group().strip("|").split("|")][2:]
        want = [f"{CUES[m][label] // 60}:{CUES[m][label] % 60:02d}" for m in sorted(CUES)]
        assert cells == want


def test_a_ten_minute_round_at_its_start_is_quiet(fake, catalog):
    """The issue's report: at 0:01 of a 10-minute round, no time cue and no share nudge."""
    live = start(fake, catalog, minutes=10)
    talk(live, fake, ("coach", 40), ("client", 5), ("coach", 15))
    assert labels(live) == []
    reasons = [s.reason for s in live.tick().suggestions]
    assert not any("min left" in r for r in reasons)


def test_cues_quiet_first_drops_points_in_the_opening(fake, catalog):
    live = start(fake, catalog, minutes=10, half_time_at=0.15, cues_quiet_first=0.2)
    live.silence()
    shown = runs(live, fake, 11 * 60)
    assert "Half-time check" not in shown
    assert shown["Next steps"] == [[467, 557]]


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
    live = start(fake, catalog, next_steps_at=30 / 45, nudge_show_seconds=10.0,
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
    live.tick()
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
    snap = live.tick()
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

    snap = live.tick()
    return Moment(live.model, snap.phase, snap.elapsed, snap.planned, snap.phase_elapsed, snap.talk)


# -- the round records which nudges fired ---------------------------------------------------
def test_the_round_records_each_nudge_when_it_starts(fake, catalog):
    from sessionkit.models import Round, Session

    live = start(fake, catalog, minutes=10)
    fake.advance(100)  # coach monologue (first seen on the snapshot at 1:40)
    runs(live, fake, 5)
    live.silence()
    runs(live, fake, 600)  # half-time, next steps, evaluate, over time
    fired = [(n.label, n.at) for n in live.round.nudges]
    assert fired == [("Monologue", 100.0), ("Half-time check", 300.0), ("Next steps", 467.0),
                     ("Evaluate", 560.0), ("Over time", 601.0)]
    saved = Session.from_dict(live.record())
    assert [(n.label, n.at) for n in saved.rounds[0].nudges] == fired
    resumed = LiveSession.resume(saved, catalog.get("grow"), fake, Guide())
    runs(resumed, fake, 30)
    assert [(n.label, n.at) for n in resumed.round.nudges] == fired  # not recorded twice
    old = saved.rounds[0].to_dict()
    del old["nudges"]
    assert Round.from_dict(old).nudges == []  # records from before the field read as none


def test_a_bad_nudge_record_is_refused_with_its_path(fake, catalog):
    from sessionkit.models import Round

    live = start(fake, catalog)
    data = live.record()["rounds"][0] | {"nudges": [{"at": 3}]}
    with pytest.raises(ValueError, match=r"round\.nudges\[0\]"):
        Round.from_dict(data)


# -- the one-way loop: snapshot() reads, tick() records and announces ---------------------
def test_a_snapshot_only_reads(fake, catalog):
    """A redraw can never cause a save: snapshot() records nothing and tells no one."""
    live = start(fake, catalog)
    calls: list[int] = []
    live.observe(lambda: calls.append(1))
    fake.advance(91)  # a monologue is due, but nobody ticked
    before = live.record()
    for _ in range(3):
        assert [n.label for n in live.snapshot().nudges] == []
    assert calls == [] and live.round.nudges == [] and live.record() == before


def test_tick_records_a_nudge_once_and_announces_once(fake, catalog):
    live = start(fake, catalog)
    calls: list[int] = []
    live.observe(lambda: calls.append(1))
    fake.advance(30)
    assert live.tick().nudges == () and calls == []  # nothing new: nobody told
    fake.advance(61)
    assert [n.label for n in live.tick().nudges] == ["Monologue"]
    assert calls == [1]
    assert [(f.label, f.at) for f in live.round.nudges] == [("Monologue", 91.0)]
    assert [n.label for n in live.snapshot().nudges] == ["Monologue"]  # the tick's answer
    fake.advance(1)
    live.tick()
    assert calls == [1] and len(live.round.nudges) == 1  # still showing: not again


def test_a_change_asks_the_guide_before_it_is_announced(fake, catalog):
    """A key's change and the nudge it brings reach the observers together, once."""
    live = start(fake, catalog)
    seen: list[list[str]] = []
    live.observe(lambda: seen.append([f.label for f in live.round.nudges]))
    fake.advance(91)
    live.add_note("a note while the coach talks on")
    assert seen == [["Monologue"]]


def test_next_steps_does_not_say_move_once_in_actions(fake, catalog):
    live = start(fake, catalog)
    live.silence()
    for _ in range(3):  # Goal -> Reality -> Options -> Way forward (commitment)
        live.next_phase()
    fake.advance(35 * 60 + 20)
    (nudge,) = live.tick().nudges
    assert nudge.label == "Next steps"
    assert "move to" not in nudge.why and nudge.why.startswith("9 min left: agree the next steps")

