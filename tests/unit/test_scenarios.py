"""Scripted sessions replayed through LiveSession + Guide on a FakeClock (seed 002's guidance).

A script is lines of `mm:ss verb [text]`, times on the wall clock since the start (so a pause
shows as a gap between wall and round time). Verbs: coach, client, silence, note, action,
outcome, next, prev, pause, resume, use N (mark the N-th suggestion used), switch (roles).
The replay takes a frame every `tick` seconds and after every event, as the live screen would
(the engine is in replay.py; the same sessions and more, as data, are in scenarios.toml).
"""

from __future__ import annotations

import pytest
from replay import TALK, Frame, Replay, dialogue, replay, sec, stamp

from sessionkit.clock import FakeClock
from sessionkit.guidance.guide import Guide
from sessionkit.live.session import LiveSession
from sessionkit.models import Session

REEXPORTED = (Frame, Replay, stamp)  # older replays import these from here


def test_a_good_session_client_talks_most_only_time_cues_show(catalog):
    """Client talks significantly more, phases on budget: no talk nudges, each time cue once."""
    script = [
        "00:20 outcome Decide whether to apply for the team-lead role",
        *dialogue("00:00", "44:00", coach=15, client=75),
        "06:45 next", "20:15 next", "29:15 next", "38:15 next",
        "12:00 note Leading feels exciting and scary",
        "44:00 silence",
    ]
    r = replay(catalog, script, until="44:30")
    assert r.ever(TALK) == set()
    assert r.spans("Half-time check") == [("22:30", "23:55")]
    assert r.spans("Next steps") == [("35:00", "36:25")]
    assert r.spans("Evaluate") == [("42:00", "43:25")]
    assert r.spans("Over time") == []
    assert all(f.phase_note is None for f in r.frames.values())
    assert r.live.tick().talk.coach_share == pytest.approx(15 / 90, abs=0.02)


def test_coach_monologue_then_hand_back(catalog):
    """The coach tells their own story (Monologue), then hands back: by the end of the share
    warm-up the latest minutes are the client's, so no stale `Coach share high` follows."""
    script = [
        "00:00 coach", "00:20 client", "00:30 outcome Prepare a hard talk with my manager",
        "00:40 coach", "02:40 client", "07:40 coach", "08:20 client",
    ]
    r = replay(catalog, script, until="09:00")
    assert r.spans("Monologue") == [("02:15", "02:35")]  # 90 s into the 00:40 turn
    assert r.at("02:20").reasons[0] == "long coach turn: hand it back"
    assert r.at("02:40").nudges == ()
    assert r.ever({"Coach share high"}) == set()
    # then the coach says nothing for five minutes: a light "reflect back" is fair
    assert r.spans("Coach share low") == [("07:15", "09:00")]


def test_stay_on_the_outcome(catalog):
    """No outcome yet outside the outcome phase; an outcome check at half-time."""
    script = [
        *dialogue("00:00", "30:00", coach=10, client=50),
        "02:00 next", "04:00 outcome Stop saying yes when I have to say no",
    ]
    r = replay(catalog, script, until="30:00")
    assert r.at("02:00").reasons[0] == "no outcome yet: ask what they want"
    assert "no outcome yet: ask what they want" not in r.at("04:00").reasons
    assert "outcome says 'have to'" in r.at("04:00").reasons
    assert r.at("22:30").nudges == ("Half-time check",)
    assert r.at("22:30").reasons[0] == "half-time: check the outcome"
    assert r.at("22:30").ids[0].startswith("check-")
    assert "half-time: check the outcome" not in r.at("24:00").reasons


def test_mechanical_pattern_question_short_answer(catalog):
    """Question, short answer, question, short answer ... then one answer at length."""
    script = [
        "00:00 outcome More energy at work",
        *dialogue("00:00", "01:40", coach=8, client=5),
        "01:40 client", "02:30 coach", "02:40 client", "03:20 coach",
    ]
    r = replay(catalog, script, until="03:30", tick=1)
    # the 4th short answer ends at 00:52 when the coach asks again; the client's turn from 01:39
    # breaks the pattern once it is 15 s long
    assert r.spans("Mechanical pattern") == [("00:52", "01:53")]
    frame = r.at("00:55")
    assert frame.reasons[0] == "short answers: open up" and frame.ids[0].startswith("deepen-")
    assert r.ever({"Coach share high"}) == set()  # questions outweigh answers, but in the warm-up
    assert "Mechanical pattern" not in r.at("03:30").nudges


def test_time_tracking_phase_budgets_and_the_end(catalog):
    """Phases overrun their budget; next steps, evaluation and over time are tracked."""
    script = [
        "00:30 outcome A plan for the conference talk",
        *dialogue("00:00", "50:00", coach=12, client=60),
        "05:00 next", "22:00 next", "36:00 next", "44:00 next",
    ]
    r = replay(catalog, script, until="48:00")
    assert r.at("20:00").phase == "Explore"
    assert r.at("20:00").phase_note == (
        "Explore is 1:30 over its 13:30 budget: ] moves on to Reframe")
    assert "Explore has run past its time; Reframe comes next" in r.at("20:00").reasons
    assert r.at("35:00").nudges == ("Next steps",)
    assert r.at("35:00").reasons[0] == "10 min left: move to next steps"
    assert "10 min left: move to next steps" not in r.at("36:00").reasons  # now in Actions
    assert r.at("42:00").nudges == ("Evaluate",)
    assert r.at("42:00").reasons[0] == "3 min left: evaluate"
    assert r.spans("Over time") == [("45:05", "48:00")]
    assert r.at("46:00").reasons[0] == "over time: close with evaluation"


def test_reframes_offered_lightly(catalog):
    """One reframe per limiting word in a note; a used or seen one is not pushed again."""
    script = [
        "00:30 outcome Delegate more",
        *dialogue("00:00", "20:00", coach=10, client=50),
        "03:00 next",
        "08:00 note I always end up doing it myself",
        "08:30 use 1",
        "10:00 note Nobody else knows the system",
        "12:00 next",
        "15:00 note It's always the same, I always say yes",
    ]
    r = replay(catalog, script, until="16:00")
    first = r.at("08:00")
    assert first.reasons[0] == "note says 'always'" and first.ids[0].startswith("always-")
    assert [x.startswith("phase:") for x in first.reasons] == [False, True, True]
    assert all("always" not in reason for reason in r.at("08:30").reasons)
    assert r.at("10:00").reasons[0] == "note says 'nobody'"
    assert all("always" not in reason for reason in r.at("10:00").reasons)
    # a new phase, but the latest note still says 'nobody': its reframe stays (issue 18)
    assert r.at("12:00").reasons[0] == "note says 'nobody'"
    assert r.at("12:00").ids[0] == r.at("10:00").ids[0]
    again = r.at("15:00")
    assert again.reasons[0] == "note says 'always'" and again.ids[0] != first.ids[0]
    assert first.ids[0] in r.live.round.used_suggestions


def test_dropped_call_pauses_the_clock_and_the_cues(catalog):
    """A dropped call: pause for four minutes; every time cue moves with round time."""
    script = [
        "00:20 outcome Make peace with a colleague",
        *dialogue("00:00", "20:00", coach=10, client=50),
        "20:00 silence", "20:00 pause", "24:00 resume",
        *dialogue("24:00", "50:00", coach=10, client=50),
    ]
    r = replay(catalog, script, until="50:00")
    assert r.spans("Half-time check") == [("26:30", "27:55")]
    assert r.spans("Next steps") == [("39:00", "40:25")]
    assert r.spans("Over time") == [("49:05", "50:00")]
    assert r.ever(TALK) == set()


def test_peer_pair_switch_roles_starts_fresh(catalog):
    """Back-to-back peer rounds: the switch gives round 2 its own clock, cues and questions."""
    script = [
        *dialogue("00:00", "46:00", coach=15, client=60),
        "46:00 switch",
        *dialogue("46:00", "75:00", coach=15, client=60),
    ]
    r = replay(catalog, script, until="75:00")
    assert r.at("46:00").nudges == ()  # round 1 was over time; round 2 is not
    assert r.spans("Over time") == [("45:05", "45:55")]
    assert r.spans("Half-time check") == [("22:30", "23:55"), ("68:30", "69:55")]
    assert r.at("46:00").ids == r.at("00:00").ids  # round 2 may offer what round 1 saw
    assert r.live.round.coach == "Ben" and r.live.round.client == "Ann"


def test_coach_share_low_suggests_reflecting_back(catalog):
    """A silent coach: the client talks on and on; the coach may reflect back more."""
    script = [
        "00:00 outcome Sort out my thoughts about moving",
        "00:10 client", "04:00 coach", "04:03 client", "08:00 coach", "08:05 client",
    ]
    r = replay(catalog, script, until="09:00")
    assert r.at("03:00").nudges == ()  # the warm-up: under 5 min of talk
    assert "Coach share low" in r.at("06:00").nudges
    assert any(x.endswith("reflect back") for x in r.at("06:00").reasons)
    assert r.spans("Coach share low")[0][0] == "05:00"  # 5 min of talk in the round


def test_intervision_phases_draw_on_their_purposes(catalog):
    """The resource intervision flow: each phase offers questions that fit what it is for."""
    r = replay(catalog, [
        "00:00 outcome Handle the weekly planning meeting",
        *dialogue("00:00", "40:00", coach=15, client=60),
        *[f"{m:02d}:00 next" for m in (4, 10, 20, 26, 38)],
    ], model="intervision", until="40:00")
    model = catalog.get("intervision")
    bank = r.live.guide.bank
    for at, phase in [("08:00", 1), ("15:00", 2), ("24:00", 3), ("30:00", 4), ("39:00", 5)]:
        name = model.phases[phase].name
        frame = r.at(at)
        assert frame.phase == name
        assert set(frame.reasons) == {f"phase: {name}"}, at
        r.live.guide.refresh()
    r.frame(sec("40:00"))
    tags = {t for i in r.at("40:00").ids if i in bank.questions for t in bank.questions[i].tags}
    assert tags and tags <= set(model.phases[5].purposes) | {"scaling"}


def test_resumed_session_keeps_its_round_time_cues(catalog):
    """After a crash the resumed round carries on: the cues follow its round time."""
    script = ["00:10 outcome Finish the grant report", *dialogue("00:00", "35:30", 10, 40),
              "35:30 silence"]
    r = replay(catalog, script, until="35:30")
    assert r.at("35:30").nudges == ("Next steps",)
    saved = Session.from_dict(r.live.record())
    fake = FakeClock()
    live = LiveSession.resume(saved, catalog.get("atc"), fake, Guide())
    assert [n.label for n in live.tick().nudges] == ["Next steps"]
    fake.advance(60)
    assert [n.label for n in live.tick().nudges] == []
    fake.advance(6 * 60 + 30)
    assert [n.label for n in live.tick().nudges] == ["Evaluate"]
