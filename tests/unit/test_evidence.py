"""A round's evidence in words (review/evidence.py) and the coach's listening trends."""

from __future__ import annotations

from sessionkit.models import NudgeFired, Round, TalkStats
from sessionkit.review.coach_view import coach_view
from sessionkit.review.evidence import RISING_LABEL, behaviour_nudges, evidence


def a_round(talk: TalkStats, nudges: tuple[str, ...] = ()) -> Round:
    return Round("Ana", "Ben", "2026-01-01T10:00:00+00:00", talk=talk,
                 nudges=[NudgeFired(label, 60.0 * i) for i, label in enumerate(nudges)])


def test_keys_only_say_not_measured_never_zero() -> None:
    rows = dict(evidence(a_round(TalkStats(coach_seconds=30, client_seconds=90,
                                           longest_coach_turn=20, longest_client_turn=61,
                                           wait_after_coach_seconds=1.2, coach_reentries=0))))
    assert rows["talk share"] == "coach 25 % · client 75 %"
    assert rows["longest turn"] == "coach 0:20 · client 1:01"
    assert rows["wait after"] == "coach 1.2 s · client not measured (medians)"
    assert rows["coach re-entries"] == "0"
    assert rows["interruptions"] == "not measured"
    assert rows[RISING_LABEL] == "not measured"
    assert "pace (syllables/s)" not in rows


def test_listening_rows_and_behaviour_nudges_only() -> None:
    talk = TalkStats(coach_seconds=30, client_seconds=90, coach_interruptions=2,
                     client_interruptions=0, rising_endings=4, coach_pace=4.26, client_pace=5.0,
                     coach_reentries=3)
    rows = dict(evidence(a_round(talk, ("Half-time check", "Monologue", "Interrupting",
                                        "Monologue", "Next steps"))))
    assert rows["interruptions"] == "coach 2 · client 0"
    assert rows[RISING_LABEL] == "4"
    assert rows["pace (syllables/s)"] == "coach 4.3 · client 5.0"
    assert rows["nudges"] == "Monologue ×2, Interrupting"
    assert behaviour_nudges(["Over time", "Evaluate", "Wait for the answer"]) == [
        "Wait for the answer"]


def _doc(i: int, talk: dict) -> dict:
    return {"id": f"s{i}", "status": "completed", "started_at": f"2026-01-0{i}T10:00:00+00:00",
            "rounds": [{"coach": "Ana", "client": "Ben",
                        "started_at": f"2026-01-0{i}T10:00:00+00:00", "talk": talk,
                        "nudges": [{"label": "Evaluate", "at": 2500},
                                   {"label": "Wait for the answer", "at": 300}]}]}


def test_growth_view_trends_have_gaps_where_not_measured() -> None:
    old = {"coach_seconds": 100, "client_seconds": 300, "longest_client_turn": 50}
    heard = old | {"wait_after_coach_seconds": 2.5, "coach_reentries": 1,
                   "coach_interruptions": 3, "rising_endings": 6, "coach_pace": 4.5}
    view = coach_view([_doc(1, old), _doc(2, heard)], "Ana")
    trends = {t.key: t for t in view.trends}
    assert trends["wait_after_coach_seconds"].values == (None, 2.5)
    assert trends["coach_interruptions"].values == (None, 3.0)
    assert trends["rising_endings"].label == "rising endings (closed questions?)"
    assert trends["nudges"].values == (1, 1)  # Evaluate is a time cue: not counted
