"""Listening events -> the live session, the same calls a key makes.

The mic is the person at this machine: the coach of the first round. After a role switch in
a peer session that person is the client, so the channels swap roles with them.
"""

from __future__ import annotations

from typing import Any

from sessionkit.listen.turns import Counted, Spoke, Turn


def role_of(live: Any, channel: str) -> str:
    """"coach" or "client": who `channel` ("mic" / "call") is in the current round."""
    me = live.session.rounds[0].coach
    mic = "coach" if live.round.coach == me else "client"
    if channel == "mic":
        return mic
    return "client" if mic == "coach" else "coach"


def hand_over(live: Any, event: Any, ago: float, mic_only: bool = False) -> bool:
    """Apply one listening event to a LiveSession; True when it changed something.

    `mic_only` (no loopback of the call, e.g. macOS without BlackHole): the other side cannot be
    heard, so when this side stops the floor goes to them, not to silence (`s` still marks one);
    otherwise the share would count only this side's talk and read 100 %."""
    if live.ended or live.tracker.paused:
        return False
    if not mic_only:
        live.tracker.listening(True)  # also in a round opened by a role switch while listening
    if isinstance(event, Spoke):
        if mic_only:
            return False  # the other side is not heard: turn-taking comes from the floor
        live.hear(role_of(live, event.channel), event.seconds, ago, event.rise, event.syllables)
        return True
    if isinstance(event, Turn):
        channel = "call" if event.channel is None and mic_only else event.channel
        who = "silence" if channel is None else role_of(live, channel)
        live.speak(who, ago=ago)
        return True
    if isinstance(event, Counted):
        live.count_talk(event.overlap, event.backchannels)
        return True
    return False


def begin(live: Any, mic_only: bool = False) -> None:
    """Listening starts: the audio decides from here (nobody until someone is heard).

    Right at the start of a round, the assumed "the coach opens" is taken back too."""
    if live.ended or live.tracker.paused:
        return
    tracker = live.tracker
    fresh = tracker.elapsed() < 5.0 and tracker.stats().turns <= 1
    live.speak("silence", ago=tracker.elapsed() if fresh else 0.0)
    if not mic_only:
        tracker.listening(True, since=0.0 if fresh else None)


def end(live: Any) -> None:
    """Listening stops: the keys' timeline measures turn-taking from here."""
    live.tracker.listening(False)
