"""What listening heard in a round, kept so the round's listening measures survive a resume.

- `Utterance`: one person's speech (who, start, end in round seconds), and from listening how
  its end moves in pitch (`rise`, semitones) and how many syllables it held. Saved compactly:
  `coach@12.3+2.1^-3.2#9` (who@start+seconds, then ^rise and #syllables when measured).
- listened spans: the round seconds listening was on (`0+300 420+95.5`); keys rule elsewhere.

Plain data (the floor under `live/`, `listen/` and the store): no logic about turns here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_CHARS = 4_000_000  # ~100,000 utterances
MAX_SECONDS = 7 * 24 * 3600.0


@dataclass(frozen=True)
class Utterance:
    """One person's speech from `start` to `end` (round seconds)."""

    who: str  # "coach" | "client"
    start: float
    end: float
    rise: float | None = None  # semitones: the last voiced 120 ms over the median (listening)
    syllables: int | None = None  # syllable nuclei heard in it (listening)

    @property
    def seconds(self) -> float:
        return self.end - self.start


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def encode_heard(utts: list[Utterance]) -> str:
    out = []
    for u in utts:
        item = f"{u.who}@{_num(u.start)}+{_num(u.seconds)}"
        if u.rise is not None:
            item += f"^{u.rise:.1f}"
        if u.syllables is not None:
            item += f"#{u.syllables}"
        out.append(item)
    return " ".join(out)


def _check(where: str, text: Any) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ValueError(f"{where}: expected a text, got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise ValueError(f"{where}: {len(text):,} characters is too long")
    return text


def decode_heard(value: Any, where: str) -> list[Utterance]:
    out = []
    for i, item in enumerate(_check(where, value).split()):
        try:
            who, _, rest = item.partition("@")
            rest, _, syl = rest.partition("#")
            rest, _, rise = rest.partition("^")
            start, _, seconds = rest.partition("+")
            u = Utterance(who, float(start), float(start) + float(seconds),
                          float(rise) if rise else None, int(syl) if syl else None)
        except ValueError:
            u = None
        if u is None or who not in ("coach", "client") or not (
            0 <= u.start <= MAX_SECONDS and 0 <= u.seconds <= MAX_SECONDS
            and (u.rise is None or -48 <= u.rise <= 48)
            and (u.syllables is None or 0 <= u.syllables <= 100_000)
        ):
            raise ValueError(f"{where}: item {i + 1} {item[:40]!r} is not who@start+seconds")
        out.append(u)
    return out


def encode_spans(spans: list[tuple[float, float]]) -> str:
    return " ".join(f"{_num(a)}+{_num(b - a)}" for a, b in spans)


def decode_spans(value: Any, where: str) -> list[tuple[float, float]]:
    out = []
    for i, item in enumerate(_check(where, value).split()):
        start, _, seconds = item.partition("+")
        try:
            a, n = float(start), float(seconds)
        except ValueError:
            a = n = -1.0
        if not (0 <= a <= MAX_SECONDS and 0 <= n <= MAX_SECONDS):
            raise ValueError(f"{where}: item {i + 1} {item[:40]!r} is not start+seconds")
        out.append((a, a + n))
    return out
