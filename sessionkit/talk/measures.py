"""The round's turn-taking measures, from each person's speech (definitions: conversation.py).

`analyse` computes everything once (the live screen's snapshot and the saved record read the same
result); `measure` is its `Measures`, the round's `talk` fields.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from sessionkit.conversation import (
    RISE_AT,
    RISING_MIN,
    Turn,
    backchannels,
    interruptions,
    reentries,
    turns,
    utterances,
    waits,
)
from sessionkit.heard import Utterance


@dataclass(frozen=True)
class Measures:
    """The round's turn-taking. Counts from listening only are None on keys (never 0)."""

    turns: int = 0
    longest_coach_turn: float = 0.0
    longest_client_turn: float = 0.0
    wait_after_coach_seconds: float | None = None
    wait_after_client_seconds: float | None = None
    coach_reentries: int = 0
    coach_interruptions: int | None = None
    client_interruptions: int | None = None
    coach_backchannels: int | None = None
    client_backchannels: int | None = None
    rising_endings: int | None = None
    coach_pace: float | None = None
    client_pace: float | None = None

    @property
    def backchannels(self) -> int | None:
        if self.coach_backchannels is None or self.client_backchannels is None:
            return None
        return self.coach_backchannels + self.client_backchannels


@dataclass(frozen=True)
class Analysis:
    measures: Measures
    turns: tuple[Turn, ...]
    reentry_times: tuple[float, ...]  # when the coach re-entered
    coach_interruption_times: tuple[float, ...]  # when the coach cut in (listening only)


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _pace(utts: list[Utterance], who: str) -> float | None:
    mine = [u for u in utts if u.who == who and u.syllables is not None]
    seconds = sum(u.seconds for u in mine)
    return round(sum(u.syllables or 0 for u in mine) / seconds, 2) if seconds >= 1 else None


def measure(spans: list[Utterance], heard: bool) -> Measures:
    """Every measure of a round. `heard`: the spans come from listening (both channels), so
    backchannels, interruptions, rising endings and pace can be told; else those are None."""
    return analyse(spans, heard).measures


def analyse(spans: list[Utterance], heard: bool) -> Analysis:
    """The measures, the turns and the times of re-entries and interruptions, computed once."""
    # On keys a speaker change is the coach's deliberate mark: the key spans never overlap, and
    # neither bridging a person's pauses over the other's short span nor backchannels (null on
    # keys, PRODUCT.md) may fold a marked turn away; only listening's spans are read that way.
    if heard:
        utts = utterances(spans)
        skip = backchannels(utts)
    else:
        utts = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, s.end))
        skip = []
    turn_list = turns(utts, skip)
    again = reentries(utts)
    coach = [t.seconds for t in turn_list if t.who == "coach"]
    client = [t.seconds for t in turn_list if t.who == "client"]
    m = Measures(
        turns=len(turn_list),
        longest_coach_turn=max(coach, default=0.0),
        longest_client_turn=max(client, default=0.0),
        wait_after_coach_seconds=_median(waits(turn_list, "coach")),
        wait_after_client_seconds=_median(waits(turn_list, "client")),
        coach_reentries=len(again),
    )
    if not heard:
        return Analysis(m, tuple(turn_list), tuple(again), ())
    inter = interruptions(utts)
    judged = [t.last.rise for t in turn_list
              if t.who == "coach" and t.seconds >= RISING_MIN and t.last.rise is not None]
    pitched = any(u.rise is not None for u in utts)
    m = replace(
        m,
        coach_interruptions=sum(u.who == "coach" for u in inter),
        client_interruptions=sum(u.who == "client" for u in inter),
        coach_backchannels=sum(u.who == "coach" for u in skip),
        client_backchannels=sum(u.who == "client" for u in skip),
        rising_endings=sum(r > RISE_AT for r in judged) if pitched else None,
        coach_pace=_pace(utts, "coach"),
        client_pace=_pace(utts, "client"),
    )
    cut_in = tuple(u.start for u in inter if u.who == "coach")
    return Analysis(m, tuple(turn_list), tuple(again), cut_in)
