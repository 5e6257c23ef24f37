"""Listening events -> the live session, the same calls a key makes, through one typed port.

`TalkSink` is everything listening may call on a live session (`sessionkit.live.LiveSession`
implements it; `listen` never imports `live`). The mic is the person at this machine: the sink
says who that is in the current round (`mic_role`), so after a role switch in a peer session the
channels swap roles with them.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from sessionkit.listen.turns import Counted, Spoke, Turn


class TalkSink(Protocol):
    """What listening may call on the live session it feeds."""

    @property
    def ended(self) -> bool: ...

    @property
    def paused(self) -> bool: ...

    def mic_role(self) -> str:
        """"coach" or "client": who the person at this machine is in the current round."""
        ...

    def speak(self, who: str, ago: float | None = None) -> None: ...

    def hear(self, who: str, seconds: float, ago: float, rise: float | None = None,
             syllables: int | None = None) -> None: ...

    def count_talk(self, overlap: float = 0.0, backchannels: int = 0) -> None: ...

    def listening(self, on: bool) -> None: ...

    def listening_began(self, heard: bool = True) -> None: ...

    def together(self) -> AbstractContextManager[None]:
        """Changes inside are announced once, at the end."""
        ...


def role_of(sink: TalkSink, channel: str) -> str:
    """"coach" or "client": who `channel` ("mic" / "call") is in the current round."""
    mic = sink.mic_role()
    if channel == "mic":
        return mic
    return "client" if mic == "coach" else "coach"


def hand_over(sink: TalkSink, event: object, ago: float, mic_only: bool = False) -> bool:
    """Apply one listening event to the live session; True when it changed something.

    `mic_only` (no loopback of the call, e.g. macOS without BlackHole): the other side cannot be
    heard, so when this side stops the floor goes to them, not to silence (`s` still marks one);
    otherwise the share would count only this side's talk and read 100 %."""
    if sink.ended or sink.paused:
        return False
    if not mic_only:
        sink.listening(True)  # also in a round opened by a role switch while listening
    if isinstance(event, Spoke):
        if mic_only:
            return False  # the other side is not heard: turn-taking comes from the floor
        sink.hear(role_of(sink, event.channel), event.seconds, ago, event.rise, event.syllables)
        return True
    if isinstance(event, Turn):
        channel = "call" if event.channel is None and mic_only else event.channel
        who = "silence" if channel is None else role_of(sink, channel)
        sink.speak(who, ago=ago)
        return True
    if isinstance(event, Counted):
        sink.count_talk(event.overlap, event.backchannels)
        return True
    return False


def begin(sink: TalkSink, mic_only: bool = False) -> None:
    """Listening starts: the audio decides from here (nobody until someone is heard)."""
    sink.listening_began(heard=not mic_only)


def end(sink: TalkSink) -> None:
    """Listening stops: the keys' timeline measures turn-taking from here."""
    sink.listening(False)
