"""The listening turn logic from synthetic per-frame flags: no audio, no audio packages.

Frames are 32 ms. `feed` plays a script of (mic speaks?, call speaks?, seconds) through the
detector with levels that make sense for a headset (or, with `bleed`, for open speakers)."""

from __future__ import annotations

import pytest

from sessionkit.clock import FakeClock
from sessionkit.listen.channel import BleedGate, Hysteresis
from sessionkit.listen.frames import FRAME_SECONDS
from sessionkit.listen.turns import Counted, Turn, TurnDetector
from sessionkit.models import TalkStats
from sessionkit.talk.tracker import TalkTracker

F = FRAME_SECONDS


def feed(det: TurnDetector, script: list[tuple[bool, bool, float]], bleed: float | None = None,
         mic_prob_on_bleed: bool = True) -> list:
    events: list = []
    for mic, call, seconds in script:
        for _ in range(round(seconds / F)):
            call_db = -20.0 if call else -90.0
            mic_db = -20.0 if mic else -60.0
            hears_call = bleed is not None and call
            if hears_call and not mic:
                mic_db = call_db + bleed  # the speakers in the mic, nothing else
            mic_p = 1.0 if mic or (hears_call and mic_prob_on_bleed) else 0.0
            events += det.step(mic_p, mic_db, 1.0 if call else 0.0, call_db)
    return events


def turns(events: list) -> list[tuple[str | None, float]]:
    return [(e.channel, round(e.at, 1)) for e in events if isinstance(e, Turn)]  # 32 ms frames


def test_hysteresis_attack_hangover_and_back_dating() -> None:
    h = Hysteresis()
    assert h.update(0.0, True) is None  # one frame (32 ms) is not a turn yet
    assert h.update(F, True) == ("start", 0.0)  # ~60 ms: a turn, dated from its first frame
    for i in range(2, 10):
        assert h.update(i * F, True) is None
    quiet = [h.update(i * F, False) for i in range(10, 30)]
    ended = [q for q in quiet if q]
    assert ended == [("end", pytest.approx(10 * F))]  # back-dated to the last speech frame
    assert quiet.index(ended[0]) == 9  # after ~300 ms (10 frames) of silence


def test_a_click_is_not_a_turn_and_short_pauses_are_bridged() -> None:
    det = TurnDetector()
    events = feed(det, [(True, False, F), (False, False, 1.0)])  # a single-frame click
    assert turns(events) == []
    events = feed(det, [(True, False, 2.0), (False, False, 0.2), (True, False, 2.0),
                        (False, False, 1.0)])
    assert [who for who, _ in turns(events)] == ["mic", None]  # one turn over the 0.2 s pause


def test_turns_alternate_with_their_real_times() -> None:
    det = TurnDetector()
    events = feed(det, [(False, False, 1.0), (True, False, 3.0), (False, False, 0.8),
                        (False, True, 5.0), (False, False, 1.0)])
    assert turns(events) == [("mic", 1.0), (None, 4.0), ("call", 4.8), (None, 9.8)]


def test_overlap_is_counted_and_the_holder_keeps_the_turn() -> None:
    det = TurnDetector()
    events = feed(det, [(False, True, 4.0), (True, True, 1.5), (True, False, 3.0),
                        (False, False, 1.0)])
    assert turns(events) == [("call", 0.0), ("mic", 5.5), (None, 8.5)]
    assert det.overlap == pytest.approx(1.5, abs=0.05)
    assert sum(e.overlap for e in events if isinstance(e, Counted)) == pytest.approx(1.5, abs=0.05)


def test_a_short_mm_hm_inside_the_other_turn_is_a_backchannel() -> None:
    det = TurnDetector()
    events = feed(det, [(False, True, 3.0), (True, True, 0.5), (False, True, 3.0),
                        (False, False, 1.0)])
    assert [who for who, _ in turns(events)] == ["call", None]
    assert det.backchannels == 1


def test_a_long_interjection_is_overlap_not_a_backchannel() -> None:
    det = TurnDetector()
    feed(det, [(False, True, 3.0), (True, True, 1.5), (False, True, 3.0), (False, False, 1.0)])
    assert det.backchannels == 0 and det.overlap == pytest.approx(1.5, abs=0.05)


def test_a_backchannel_in_a_pause_does_not_end_the_turn() -> None:
    det = TurnDetector()
    events = feed(det, [(False, True, 4.0), (False, False, 0.45), (True, False, 0.5),
                        (False, False, 0.45), (False, True, 3.0), (False, False, 1.0)])
    assert det.backchannels == 1
    # the call's turn is taken back to where it paused: its pause and the mm-hm are its turn
    assert turns(events)[-2:] == [("call", 4.0), (None, 8.4)]


def test_a_real_answer_after_a_pause_is_a_new_turn() -> None:
    det = TurnDetector()
    events = feed(det, [(False, True, 4.0), (False, False, 0.5), (True, False, 2.0),
                        (False, False, 0.5), (False, True, 3.0), (False, False, 1.0)])
    assert det.backchannels == 0
    assert [who for who, _ in turns(events)] == ["call", None, "mic", None, "call", None]


def test_bleed_gate_learns_the_speakers_in_the_mic() -> None:
    det = TurnDetector()
    # no headset: the mic hears the call 12 dB down and its VAD calls that speech
    events = feed(det, [(True, False, 3.0), (False, False, 1.0), (False, True, 20.0),
                        (False, False, 1.0)], bleed=-12.0)
    assert det.gate.coupling == pytest.approx(-12.0, abs=1.0)
    late = [e for e in turns(events) if e[1] > 6.0]
    assert late == [(None, 24.0)]  # after learning, the bleed is not the coach talking
    assert "headset recommended" in det.warning()
    assert len(det.warning()) <= 36  # one line of the Talk pane at 80 columns
    # and the coach speaking over the call (well above the coupling) still counts
    events = feed(det, [(False, True, 3.0), (True, True, 2.0), (True, False, 2.0),
                        (False, False, 1.0)], bleed=-12.0)
    assert ("mic", pytest.approx(30.0, abs=0.1)) in turns(events)


def test_bleed_gate_passes_everything_until_it_has_learned() -> None:
    gate = BleedGate()
    assert gate.passes(-40.0, -20.0)
    for _ in range(40):
        gate.learn(-32.0, -20.0, mic_voiced=True)  # the mic hears the call
    assert gate.coupling == pytest.approx(-12.0)
    assert not gate.passes(-30.0, -20.0) and gate.passes(-24.0, -20.0)


def test_no_call_audio_warning() -> None:
    det = TurnDetector()
    feed(det, [(True, False, 3.0), (False, False, 3.0)] * 11)
    assert det.warning().startswith("no call audio") and len(det.warning()) <= 36


# -- the tracker side: back-dated changes, keys, counts -------------------------------------
def test_back_dated_change_rewrites_the_tail_but_never_before_a_key(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("client", ago=0.0)
    fake.advance(10)
    t.speak("silence", ago=0.3)  # heard 0.3 s after the client stopped
    fake.advance(1)
    t.speak("coach", ago=0.06)
    fake.advance(0.5)
    t.speak("client", ago=1.8)  # a backchannel: the client's turn is taken back to 9.7
    stats = t.stats()
    assert stats.client_seconds == pytest.approx(11.5) and stats.coach_seconds == 0
    fake.advance(5)
    t.speak("coach")  # a key: at once
    fake.advance(2)
    t.speak("silence", ago=20.0)  # heard before the key: the key's turn stands until now
    fake.advance(1)
    stats = t.stats()
    assert stats.coach_seconds == pytest.approx(2.0) and stats.client_seconds == pytest.approx(16.5)
    assert [s.who for s in stats.segments] == ["client", "coach", "silence"]


def test_a_turn_taken_back_a_hair_after_its_end_stays_one_turn(fake: FakeClock) -> None:
    """"The client held the floor since 9.7" arrives with a little delivery jitter (9.73): the
    silence that began at 9.7 goes entirely, and the client's turn is still one turn."""
    t = TalkTracker(fake)
    t.speak("client", ago=0.0)
    fake.advance(10)
    t.speak("silence", ago=0.3)  # the client stopped at 9.7
    fake.advance(1)
    t.speak("client", ago=1.27)  # it was a pause in the client's turn: since 9.73
    fake.advance(1)
    stats = t.stats()
    assert [s.who for s in stats.segments] == ["client"] and stats.turns == 1
    assert stats.client_seconds == pytest.approx(12.0)
    t.speak("silence", ago=0.5)  # a real pause, well apart: kept
    fake.advance(1)
    t.speak("client", ago=0.2)
    assert [s.who for s in t.stats().segments] == ["client", "silence", "client"]


def test_counts_are_kept_and_restored(fake: FakeClock) -> None:
    t = TalkTracker(fake)
    t.speak("client")
    t.count(overlap=1.25, backchannels=2)
    fake.advance(3)
    stats = t.stats()
    assert (stats.overlap_seconds, stats.backchannels) == (1.25, 2)
    again = TalkTracker(fake, TalkStats.from_dict(stats.to_dict()), 3.0)
    assert (again.snapshot().overlap_seconds, again.snapshot().backchannels) == (1.2, 2)


def test_old_records_without_the_new_fields_still_read() -> None:
    old = {"coach_seconds": 10, "client_seconds": 20, "silence_seconds": 0, "turns": 2,
           "longest_coach_turn": 10, "longest_client_turn": 20, "segments": ""}
    stats = TalkStats.from_dict(old)
    assert (stats.overlap_seconds, stats.backchannels) == (0.0, 0)
    assert {"overlap_seconds", "backchannels"} <= set(stats.to_dict())


def test_a_headset_in_a_noisy_room_is_not_taken_for_an_echo() -> None:
    """The mic's level is high (the room) but its detector does not fire on the call's speech:
    nothing to gate, no headset suggested, and the coach over the call still counts."""
    det = TurnDetector()
    events: list = []
    for mic, call, seconds in [(False, True, 20.0), (True, True, 2.0), (False, False, 1.0)]:
        for _ in range(round(seconds / F)):
            mic_db = -18.0 if mic else -26.0  # a loud room: only 8 dB below the coach
            events += det.step(1.0 if mic else 0.0, mic_db, 1.0 if call else 0.0, -20.0
                               if call else -90.0)
    assert det.gate.coupling == pytest.approx(-6.0, abs=0.5)  # looks like strong bleed...
    assert not det.gate.echo and det.warning() == ""  # ...but the mic never heard the call
    assert det.overlap == pytest.approx(2.0, abs=0.2)  # the coach spoke over the call


def test_a_ringing_room_after_the_call_stops_is_not_the_coach() -> None:
    """Without a headset the speakers' sound rings on in the room for a moment after the call
    stops: the mic's detector still fires, its level falling. That is not a turn of the coach;
    the coach answering half a second later is."""
    det = TurnDetector()
    events: list = []

    def frames(n: int, mic_p: float, mic_db: float, call_p: float, call_db: float) -> None:
        for _ in range(n):
            events.extend(det.step(mic_p, mic_db, call_p, call_db))

    frames(round(20 / F), 1.0, -32.0, 1.0, -20.0)  # the call speaks; the mic hears it 12 dB down
    counted = (det.overlap, det.backchannels)  # (the gate's first second takes the mic as it is)
    for i in range(8):  # 256 ms of ringing (a room of 0.4 s): the echo fades 5 dB a frame
        frames(1, 1.0, -32.0 - 5 * i, 0.0, -90.0)
    frames(round(0.5 / F), 0.0, -60.0, 0.0, -90.0)
    frames(round(2 / F), 1.0, -20.0, 0.0, -90.0)  # the coach answers
    frames(round(1 / F), 0.0, -60.0, 0.0, -90.0)
    assert det.gate.echo
    # (the first second is the gate's learning: the mic is taken as it comes)
    assert [(who, at) for who, at in turns(events) if who == "mic" and at > 1] == [("mic", 20.8)]
    assert (det.overlap, det.backchannels) == counted
