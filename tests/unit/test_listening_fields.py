"""The `talk` fields about how the coach listens: from keys, from listening, saved and read back."""

from __future__ import annotations

import json

import pytest

from sessionkit.clock import FakeClock
from sessionkit.heard import Utterance
from sessionkit.models import LISTENING_FIELDS, Session, TalkStats
from sessionkit.talk.tracker import TalkTracker

AUDIO_ONLY = ("coach_interruptions", "client_interruptions", "coach_backchannels",
              "client_backchannels", "rising_endings", "coach_pace", "client_pace")


def test_keys_measure_waits_and_turns_and_leave_audio_fields_null(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    for who, seconds in [
        ("coach", 10), ("silence", 3),  # the coach waits 3 s
        ("client", 20), ("silence", 1), ("client", 20),  # a breath: the client's turn goes on
        ("coach", 5), ("silence", 2), ("coach", 5),  # the coach answers their own question
    ]:
        t.speak(who)
        fake.advance(seconds)
    data = t.stats().to_dict()
    assert data["turns"] == 4  # coach, client (one answer with a breath), coach, coach again
    assert data["longest_client_turn"] == pytest.approx(41.0)
    assert data["wait_after_coach_seconds"] == pytest.approx(3.0)
    assert data["wait_after_client_seconds"] == pytest.approx(0.0)
    assert data["coach_reentries"] == 1
    for name in AUDIO_ONLY:
        assert data[name] is None, name


def test_listening_measures_from_what_it_heard(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.listening(True)
    fake.advance(30)
    t.hear("coach", 3.0, ago=27.0, rise=0.5, syllables=12)  # 0-3
    t.hear("client", 10.0, ago=15.0, syllables=40)  # 5-15
    t.hear("coach", 0.5, ago=20.0, syllables=1)  # mm-hm at 9.5-10
    t.hear("coach", 4.0, ago=10.0, rise=-5.0, syllables=16)  # 16-20: a falling end
    stats = t.stats()
    assert stats.coach_backchannels == 1 and stats.client_backchannels == 0
    assert stats.backchannels == 1
    assert stats.wait_after_coach_seconds == pytest.approx(2.0)
    assert stats.rising_endings == 1
    assert stats.coach_pace == pytest.approx(29 / 7.5, abs=0.01)
    assert stats.turns == 3


def test_old_records_read_with_the_new_fields_null() -> None:
    old = {"coach_seconds": 10, "client_seconds": 30, "silence_seconds": 2, "turns": 5,
           "longest_coach_turn": 4, "longest_client_turn": 12, "segments": ""}
    stats = TalkStats.from_dict(old)
    assert all(getattr(stats, name) is None for name in LISTENING_FIELDS)
    assert stats.turns == 5 and stats.heard == []


def test_new_fields_survive_json_and_back() -> None:
    stats = TalkStats(coach_seconds=5, client_seconds=9, turns=2, wait_after_coach_seconds=1.25,
                      coach_reentries=0, coach_interruptions=2, client_interruptions=0,
                      coach_backchannels=1, client_backchannels=3, backchannels=4,
                      rising_endings=2, coach_pace=4.5, client_pace=None,
                      heard=[Utterance("coach", 0, 2.5, -3.1, 9), Utterance("client", 3, 8.25)],
                      listened=[(0.0, 10.0)])
    again = TalkStats.from_dict(json.loads(json.dumps(stats.to_dict())))
    assert again == stats


@pytest.mark.parametrize("bad", ["coach@x+1", "nobody@1+1", "coach@1+1^99", "client@1+1#-2"])
def test_a_damaged_heard_timeline_is_refused_with_its_place(bad: str) -> None:
    with pytest.raises(ValueError, match=r"talk\.heard: item 1"):
        TalkStats.from_dict({"heard": bad})


def test_a_resumed_round_keeps_what_listening_heard(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.listening(True)
    fake.advance(10)
    t.hear("coach", 2.0, ago=8.0)
    t.hear("client", 4.0, ago=1.0)
    record = Session.from_dict(json.loads(json.dumps({
        "id": "s1", "started_at": "2026-01-01T10:00:00+00:00",
        "rounds": [{"coach": "A", "client": "B", "started_at": "2026-01-01T10:00:00+00:00",
                    "talk": t.stats().to_dict()}]})))
    again = TalkTracker(fake, record.rounds[0].talk, elapsed=10.0)
    assert again.stats().wait_after_coach_seconds == pytest.approx(3.0)  # 2 s to 5 s
    assert again.stats().client_backchannels == 0
