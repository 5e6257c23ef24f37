"""TalkTracker with a FakeClock: turns, silence, pause, the recent window, restoring."""

from __future__ import annotations

import pytest

from sessionkit.clock import FakeClock
from sessionkit.models import TalkStats
from sessionkit.talk.tracker import TalkTracker


def test_shares_and_turns(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("coach")
    fake.advance(90)
    t.speak("client")
    fake.advance(30)
    snap = t.snapshot()
    assert snap.coach_share == 0.75
    assert (snap.coach_seconds, snap.client_seconds, snap.turns) == (90, 30, 2)
    assert snap.speaker == "client" and snap.current_turn == 30
    assert (snap.longest_coach_turn, snap.longest_client_turn) == (90, 30)


def test_silence_counts_for_nobody(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("coach")
    fake.advance(10)
    t.silence()
    fake.advance(20)
    stats = t.stats()
    assert (stats.coach_seconds, stats.client_seconds, stats.silence_seconds) == (10, 0, 20)
    assert stats.client_share == 0.0


@pytest.mark.parametrize(("last", "expected"), [("coach", "client"), ("client", "coach")])
def test_space_after_silence_goes_to_the_other_person(
    fake: FakeClock, last: str, expected: str
) -> None:
    t = TalkTracker(fake)
    t.speak(last)
    fake.advance(5)
    t.silence()
    fake.advance(5)
    assert t.toggle() == expected
    assert t.speaker == expected


def test_space_toggles_between_speakers_and_starts_with_the_coach(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    assert t.toggle() == "coach"
    fake.advance(3)
    assert t.toggle() == "client"
    fake.advance(3)
    assert t.toggle() == "coach"
    fake.advance(3)
    assert t.stats().turns == 3


def test_silence_before_anyone_spoke_gives_the_turn_to_the_coach(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("coach")  # the coach is marked, but stops before saying anything
    t.silence()
    fake.advance(4)
    assert t.toggle() == "coach"


def test_pause_excludes_time(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("client")
    fake.advance(60)
    t.pause()
    assert t.paused
    fake.advance(600)  # the call dropped
    assert t.elapsed() == 60
    t.resume()
    fake.advance(15)
    assert t.elapsed() == 75
    assert t.stats().client_seconds == 75


def test_pause_twice_and_resume_twice_are_harmless(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("coach")
    fake.advance(10)
    t.pause()
    t.pause()
    fake.advance(10)
    t.resume()
    t.resume()
    fake.advance(10)
    assert t.elapsed() == 20


def test_share_over_window_only_counts_recent_talk(fake: FakeClock) -> None:
    t = TalkTracker(fake, window=300)
    t.speak("coach")
    fake.advance(600)  # a long coach stretch, long ago
    t.speak("client")
    fake.advance(240)
    t.speak("coach")
    fake.advance(60)
    share, talk = t.share_over(300)
    assert talk == 300
    assert share == pytest.approx(60 / 300)
    assert t.snapshot().recent_coach_share == pytest.approx(0.2)
    assert t.share_over(60) == (1.0, 60)


def test_share_over_before_anyone_spoke(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    fake.advance(30)
    assert t.share_over(300) == (None, 0)


def test_restore_from_stats_continues(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("coach")
    fake.advance(30)
    t.speak("client")
    fake.advance(50)
    saved = TalkStats.from_dict(t.stats().to_dict())
    elapsed = t.elapsed()

    later = FakeClock(mono=5_000.0)
    again = TalkTracker(later, saved, elapsed)
    assert again.speaker == "client"
    assert again.elapsed() == 80
    later.advance(20)  # the client is still talking
    assert again.stats().client_seconds == 70
    assert again.toggle() == "coach"
    later.advance(10)
    stats = again.stats()
    assert (stats.coach_seconds, stats.client_seconds, stats.turns) == (40, 70, 3)


def test_restore_after_silence_remembers_who_spoke_last(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("client")
    fake.advance(10)
    t.silence()
    fake.advance(5)
    again = TalkTracker(FakeClock(), t.stats(), t.elapsed())
    assert again.toggle() == "coach"


def test_client_turns_recent_lists_the_last_client_turns(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    for seconds in (4, 6, 8):
        t.speak("coach")
        fake.advance(10)
        t.speak("client")
        fake.advance(seconds)
    t.speak("coach")
    assert t.snapshot().client_turns_recent == (4, 6, 8)


def test_unknown_speaker_is_refused(fake: FakeClock) -> None:
    with pytest.raises(ValueError, match="unknown speaker"):
        TalkTracker(fake).speak("observer")


def test_undo_takes_the_last_change_back_to_when_it_happened(fake) -> None:
    tracker = TalkTracker(fake)
    tracker.speak("coach")
    fake.advance(30)
    tracker.speak("client")
    fake.advance(8)  # "that was still the coach"
    assert tracker.undo() == "coach"
    fake.advance(2)
    stats = tracker.stats()
    assert (stats.coach_seconds, stats.client_seconds, stats.turns) == (40, 0, 1)
    assert tracker.undo() is None  # nothing before the first speaker
    tracker.toggle()  # and the next switch still goes to the client
    assert tracker.speaker == "client"


def test_undo_after_a_silence_gives_the_time_back(fake) -> None:
    tracker = TalkTracker(fake)
    tracker.speak("client")
    fake.advance(20)
    tracker.silence()
    fake.advance(5)
    assert tracker.undo() == "client"
    assert tracker.stats().client_seconds == 25 and tracker.stats().silence_seconds == 0


def test_the_measures_are_the_saved_talk_fields() -> None:
    """The tracker copies a round's measures into its TalkStats by the one field list
    (models.LISTENING_FIELDS): every name there is a Measures field and a TalkStats field."""
    from dataclasses import fields

    from sessionkit.models import LISTENING_FIELDS, TalkStats
    from sessionkit.talk.measures import Measures

    measured = {f.name for f in fields(Measures)}
    saved = {f.name for f in fields(TalkStats)}
    assert set(LISTENING_FIELDS) <= measured & saved
    assert measured - set(LISTENING_FIELDS) <= saved  # turns, longest turns: saved as well
