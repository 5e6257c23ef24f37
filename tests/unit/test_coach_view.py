"""The coach's own view, computed from stored records: rounds, trends, nudges, answers, phrases."""

from __future__ import annotations

import pytest

from sessionkit.review.coach_view import RECENT, coach_rounds, coach_view, spark
from sessionkit.review.phrases import recurring
from tests.golden.coach_fixture import docs


def test_only_completed_rounds_the_person_coached_oldest_first():
    view = coach_view(docs(), " maya ")
    assert [r.session_id for r in view.rounds] == [
        "zoe1", "ben1", "zoe2", "ben2", "chloe1", "zoe3", "ben3"]
    assert {r.coach for r in view.rounds} == {"Maya"}
    assert [r.session_id for r in coach_rounds(docs(), "Maya", role="client")] == ["zoe1", "zoe3"]


def test_trends_per_session():
    view = coach_view(docs(), "Maya")
    trends = {t.key: t for t in view.trends}
    assert trends["share"].values == (45, 40, 35, 30, 22, 20, 18)
    assert trends["monologue"].values == (150, 120, 95, 80, 50, 45, 40)
    assert trends["scale_start"].values == (3, 4, 4, 5, 2, 6, 5)
    assert trends["scale_end"].values == (5, 6, 7, 7, 6, 9, None)
    assert trends["length"].values == (100, 100, 100, 97, 89, 100, 83)
    # ben1 is an older record without the field: not recorded, not "no nudges"
    # time cues (Half-time check, ...) follow the clock, not the coach: not counted here
    assert trends["nudges"].values == (2, None, 1, 0, 0, 0, 0)
    assert trends["nudges"].mean() == pytest.approx(3 / 6)
    assert view.nudge_counts["Half-time check"] == 4 and view.nudge_counts["Monologue"] == 2


def test_last_sessions_against_the_ones_before():
    """"Am I talking less than I used to?": the last 10 against everything before them."""
    records = []
    for i in range(14):
        doc = docs()[0]
        doc["id"] = f"s{i:02d}"
        doc["rounds"] = doc["rounds"][:1]
        rnd = doc["rounds"][0]
        rnd["started_at"] = f"2026-04-{i + 1:02d}T09:00:00+00:00"
        coach = 900 if i < 4 else 450
        rnd["talk"] = {"coach_seconds": coach, "client_seconds": 2700 - coach}
        records.append(doc)
    share = coach_view(records, "Maya").trends[0]
    assert len(share.values) == 14 and len(share.known(RECENT)) == RECENT
    assert share.mean(RECENT) == pytest.approx(17)
    assert share.earlier_mean(RECENT) == pytest.approx(33)


def test_answers_and_recurring_phrases_without_names():
    view = coach_view(docs(), "Maya")
    assert [a.label for a in view.own[:2]] == ["What worked", "Better next time"]
    assert [a.text for a in view.clients][:2] == ["Maya let me find my own words",
                                                  "Too many questions at once"]
    own = {p.text: p.sessions for p in view.own_phrases}
    assert own["silence after big questions"] == 3 and own["shorter questions"] == 3
    assert "silence after big" not in own  # a longer phrase in as many sessions holds it
    assert not any(name in p for p in own for name in ("ben", "zoë", "maya"))


def test_phrases_count_sessions_and_skip_stop_words():
    found = recurring([("1", "The silence helped. The silence!"), ("2", "more silence, please"),
                       ("3", "The the the")])
    assert [(p.text, p.sessions) for p in found] == [("silence", 2)]
    assert recurring([("1", "Shorter questions"), ("1", "shorter questions")]) == []


def test_spark():
    assert spark([]) == "" and spark([5, 5]) == "▄▄"
    assert spark([0, 5, 10]) == "▁▅█"


def test_empty_and_bad_records_are_skipped_not_fatal():
    view = coach_view([{"status": "completed", "rounds": ["x", {"coach": "Maya"}]}, "junk"],
                      "Maya")
    assert len(view.rounds) == 1 and view.rounds[0].coach_share is None
    assert coach_view([], "Maya").rounds == []
