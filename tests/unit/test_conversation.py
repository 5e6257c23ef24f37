"""PRODUCT.md's listening definitions, each from a synthetic timeline (live/conversation.py)."""

from __future__ import annotations

import pytest

from sessionkit.conversation import (
    backchannels,
    interruptions,
    reentries,
    turns,
    utterances,
)
from sessionkit.heard import Utterance
from sessionkit.talk.measures import measure


def U(who: str, start: float, end: float, rise: float | None = None,
      syllables: int | None = None) -> Utterance:
    return Utterance("coach" if who == "co" else "client", start, end, rise, syllables)


def test_pauses_under_half_a_second_are_inside_one_utterance() -> None:
    utts = utterances([U("cl", 0, 2), U("cl", 2.49, 4), U("cl", 4.5, 6)])
    assert [(u.start, u.end) for u in utts] == [(0, 4), (4.5, 6)]


def test_a_breath_inside_an_answer_does_not_start_a_new_turn() -> None:
    # the client pauses 1.2 s inside an answer: one turn, not two (today's over-count)
    m = measure([U("co", 0, 3), U("cl", 4, 10), U("cl", 11.2, 20), U("co", 21, 23)], heard=False)
    assert m.turns == 3
    assert m.longest_client_turn == pytest.approx(16.0)


def test_a_pause_of_one_and_a_half_seconds_ends_the_turn() -> None:
    ts = turns(utterances([U("cl", 0, 5), U("cl", 6.5, 9)]))
    assert [(t.start, t.end) for t in ts] == [(0, 5), (6.5, 9)]


def test_backchannel_inside_speech_and_at_a_pause_each_way() -> None:
    utts = utterances([
        U("cl", 0, 10), U("co", 4, 4.4),  # coach mm-hm while the client speaks
        U("cl", 10.45, 10.5),  # bridged into the client's utterance
        U("co", 12, 20), U("cl", 20.45, 20.85), U("co", 21.3, 25),  # client mm-hm at a pause
    ])
    found = backchannels(utts)
    assert [(u.who, u.start) for u in found] == [("coach", 4), ("client", 20.45)]
    ts = turns(utts)
    # the coach's turn goes on through the pause and the client's mm-hm
    assert [(t.who, t.start, t.end) for t in ts] == [("client", 0, 10.5), ("coach", 12, 25)]
    m = measure([*utts], heard=True)
    assert (m.coach_backchannels, m.client_backchannels, m.backchannels) == (1, 1, 2)


def test_a_short_reply_after_a_long_silence_is_not_a_backchannel() -> None:
    utts = utterances([U("co", 0, 3), U("cl", 5, 5.6), U("co", 8, 10)])
    assert backchannels(utts) == []
    assert [t.who for t in turns(utts)] == ["coach", "client", "coach"]


def test_interruption_credited_to_who_started_each_way() -> None:
    utts = utterances([
        U("cl", 0, 10), U("co", 9, 15),  # the coach cuts in; the client stops 1 s later
        U("cl", 14.2, 20),  # the client cuts in; the coach stops 0.8 s later
    ])
    found = interruptions(utts)
    assert [u.who for u in found] == ["coach", "client"]
    m = measure(utts, heard=True)
    assert (m.coach_interruptions, m.client_interruptions) == (1, 1)
    assert m.wait_after_coach_seconds is None  # changes with overlap are not waits


def test_interruption_the_other_does_not_yield_to_is_not_one() -> None:
    # the coach starts at 3 and speaks 1.5 s; the client goes on to 12 (does not stop in 2 s)
    utts = utterances([U("cl", 0, 12), U("co", 3, 4.5)])
    assert interruptions(utts) == []
    # nor is it a turn: speech inside the holder's does not take the floor
    assert [t.who for t in turns(utts)] == ["client"]


def test_interruption_needs_one_second_of_speech() -> None:
    assert interruptions(utterances([U("cl", 0, 10), U("co", 9, 9.9)])) == []
    assert interruptions(utterances([U("cl", 0, 10), U("co", 9.5, 10.5)])) != []


def test_reentry_after_exactly_one_second() -> None:
    assert reentries(utterances([U("co", 0, 3), U("co", 4.0, 6)])) == [4.0]
    assert reentries(utterances([U("co", 0, 3), U("co", 3.9, 6)])) == []


def test_no_reentry_when_the_client_said_anything_in_between() -> None:
    assert reentries(utterances([U("co", 0, 3), U("cl", 3.5, 3.8), U("co", 5, 6)])) == []
    assert reentries(utterances([U("cl", 0, 3.2), U("co", 0, 3), U("co", 5, 6)])) == []
    assert reentries(utterances([U("cl", 0, 2.5), U("co", 0, 3), U("co", 5, 6)])) == [5]


def test_waits_are_medians_of_the_silences_before_the_other_takes_the_floor() -> None:
    m = measure([U("co", 0, 2), U("cl", 3, 8), U("co", 8.5, 10), U("cl", 13, 20),
                 U("co", 21, 22), U("cl", 22.5, 30)], heard=False)
    assert m.wait_after_coach_seconds == pytest.approx(1.0)  # 1, 3, 0.5
    assert m.wait_after_client_seconds == pytest.approx(0.75)  # 0.5, 1
    assert m.coach_reentries == 0


def test_re_asking_is_a_reentry_and_the_wait_runs_from_the_last_question() -> None:
    m = measure([U("co", 0, 2), U("co", 4, 6), U("cl", 8.4, 12)], heard=False)
    assert m.coach_reentries == 1
    assert m.turns == 3
    assert m.wait_after_coach_seconds == pytest.approx(2.4)


def test_keys_leave_what_needs_audio_as_none() -> None:
    m = measure([U("co", 0, 2), U("cl", 2, 8)], heard=False)
    assert m.turns == 2 and m.wait_after_coach_seconds == 0.0
    for name in ("coach_interruptions", "client_interruptions", "coach_backchannels",
                 "client_backchannels", "rising_endings", "coach_pace", "client_pace"):
        assert getattr(m, name) is None, name
    assert m.backchannels is None


def test_rising_endings_count_coach_turns_of_a_second_whose_end_does_not_fall() -> None:
    m = measure([
        U("co", 0, 2, rise=1.0), U("cl", 3, 8, rise=3.0),  # client turns are not judged
        U("co", 9, 11, rise=-5.0),  # a falling statement
        U("cl", 12, 15), U("co", 16, 16.8, rise=2.0),  # too short to judge
        U("cl", 17, 20), U("co", 21, 23, rise=-1.0),  # no final fall: counted
    ], heard=True)
    assert m.rising_endings == 2


def test_rising_ending_is_judged_on_the_turns_last_utterance() -> None:
    m = measure([U("co", 0, 2, rise=3.0), U("co", 2.8, 5, rise=-6.0), U("cl", 6, 9)],
                heard=True)
    assert m.rising_endings == 0


def test_pace_is_syllables_per_second_of_speech() -> None:
    m = measure([U("co", 0, 2, syllables=8), U("cl", 3, 7, syllables=14),
                 U("co", 8, 10, syllables=10)], heard=True)
    assert m.coach_pace == pytest.approx(4.5)
    assert m.client_pace == pytest.approx(3.5)
    assert m.rising_endings is None  # no pitch measured


def test_a_backchannel_in_a_pause_bridges_it_when_each_side_is_short() -> None:
    # client pauses 1.7 s in all, with the coach's mm-hm in the middle: one client turn
    utts = utterances([U("cl", 0, 5), U("co", 5.45, 5.85), U("cl", 6.7, 9)])
    assert [(t.who, t.start, t.end) for t in turns(utts)] == [("client", 0, 9)]


def test_on_keys_every_marked_speaker_change_is_a_turn() -> None:
    """A quick 'client' key press between two coach spans is a turn on keys (the e2e peer session
    found it folded away as a bridged pause / backchannel); listening reads the same spans as a
    backchannel inside the coach's turn."""
    from sessionkit.heard import Utterance
    from sessionkit.talk.measures import measure

    spans = [Utterance("coach", 0.0, 5.0), Utterance("client", 5.0, 5.3),
             Utterance("coach", 5.3, 20.0)]
    keys = measure(spans, heard=False)
    assert keys.turns == 3 and keys.coach_backchannels is None
    heard = measure(spans, heard=True)
    assert heard.turns == 1 and heard.client_backchannels == 1
