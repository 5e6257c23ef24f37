"""The coach's growth view, how they listen: one series per listening measure over their rounds
(waits, re-entries, interruptions, the client's longest turn, rising endings, pace). A round
where a measure was not taken (keys only, older records) is a gap in the series, never a 0;
a measure no round has is left out."""

from __future__ import annotations

from typing import Any

from sessionkit.models import LISTENING_FIELDS

SERIES = (
    ("wait_after_coach_seconds", "wait after the coach (median)", "s"),
    ("coach_reentries", "coach re-entries", ""),
    ("coach_interruptions", "coach interruptions", ""),
    ("longest_client_turn", "client's longest turn", "s"),
    ("rising_endings", "rising endings (closed questions?)", ""),
    ("coach_pace", "coach pace (syllables/s)", ""),
)


def listening_of(talk: dict[str, Any]) -> dict[str, float | None]:
    """The listening measures of a stored `talk` dict (None: absent, null or not a number)."""
    out: dict[str, float | None] = {}
    for name in (*LISTENING_FIELDS, "longest_client_turn"):
        value = talk.get(name)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        out[name] = float(value) if number else None  # type: ignore[arg-type]
    return out


def listening_series(rounds: list[Any]) -> list[tuple[str, str, str, tuple[float | None, ...]]]:
    """(key, label, unit, values per round) for each measure some round has."""
    out = []
    for key, label, unit in SERIES:
        values = tuple(r.listening.get(key) for r in rounds)
        if any(v is not None for v in values):
            out.append((key, label, unit, values))
    return out
