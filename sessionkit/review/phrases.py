"""Phrases that recur across sessions' feedback: simple n-gram counting, stop words removed.

"Shorter questions" in March, "shorter questions, fewer of them" in April, "ask shorter
questions" in May: the phrase "shorter questions" recurs in 3 sessions. A phrase counts once per
session however often it is written there; words like "the", "a", "more" do not start or end one;
a phrase is left out when a longer one holding it recurs in as many sessions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

STOP_WORDS = frozenset("""
a about above after again all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours out over own same she should so some
such than that the their theirs them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours
really bit lot things thing much well get got also maybe still even quite
""".split())

_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_BREAKS = re.compile(r"[.!?;:,\n()\"“”]+")


@dataclass(frozen=True)
class Phrase:
    text: str
    sessions: int  # in how many sessions' answers it appears


def _grams(text: str, longest: int, ignore: frozenset[str]) -> set[str]:
    found: set[str] = set()
    for part in _BREAKS.split(text.casefold()):
        words = [w.replace("’", "'") for w in _WORDS.findall(part)]
        if ignore:  # people's names are not phrases: they split the text like a full stop
            words = [w if w not in ignore else "" for w in words]
        for n in range(1, longest + 1):
            for i in range(len(words) - n + 1):
                gram = words[i:i + n]
                if "" in gram:
                    continue
                if gram[0] in STOP_WORDS or gram[-1] in STOP_WORDS or (n == 1 and len(gram[0]) < 3):
                    continue
                found.add(" ".join(gram))
    return found


def recurring(
    answers: Iterable[tuple[str, str]], least: int = 2, limit: int = 10, longest: int = 4,
    names: Iterable[str] = (),
) -> list[Phrase]:
    """Phrases in the answers of at least `least` sessions, most sessions first.

    `answers` are (session key, text) pairs; a session may give several texts. The words of
    `names` (people) never make part of a phrase."""
    ignore = frozenset(w.casefold().replace("’", "'") for n in names for w in _WORDS.findall(n))
    per_session: dict[str, set[str]] = {}
    for key, text in answers:
        per_session.setdefault(key, set()).update(_grams(text, longest, ignore))
    counts: dict[str, int] = {}
    for grams in per_session.values():
        for gram in grams:
            counts[gram] = counts.get(gram, 0) + 1
    kept = {g: c for g, c in counts.items() if c >= least}
    out = [
        Phrase(g, c) for g, c in kept.items()
        if not any(o != g and c == kept[o] and f" {g} " in f" {o} " for o in kept)
    ]
    out.sort(key=lambda p: (-p.sessions, -len(p.text.split()), p.text))
    return out[:limit]
