"""The small parts of a group meeting's record: names and limits, a question or an item of
advice with its author, one planned phase. `model.py` builds the meeting from them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sessionkit.models import MAX_SECONDS
from sessionkit.names import name_key
from sessionkit.reader import NAME_CHARS, SHORT_CHARS, Reader

KIND = "group"
FORMER = "former member"
"""What a forgotten member becomes in the rounds where they did not give the case."""
MIN_MEMBERS, MAX_MEMBERS = 3, 8
SILENCE = "silence"
RULES = ("open", "case_giver", "questions", "consultants")
OVERLAP_SLACK = 0.2
"""Seconds: starts and lengths are stored to 0.1 s each, so an end and the next start can
disagree by up to 0.15 s without any overlap."""


def check_members(names: list[str]) -> list[str]:
    """The members, stripped; ValueError naming the problem (count, empty, twice)."""
    members = [n.strip() for n in names]
    if any(not n for n in members):
        raise ValueError("a member's name is empty")
    if not MIN_MEMBERS <= len(members) <= MAX_MEMBERS:
        raise ValueError(f"a group has {MIN_MEMBERS} to {MAX_MEMBERS} members, not {len(members)}")
    seen: set[str] = set()
    for name in members:
        if name_key(name) in seen and name != FORMER:
            raise ValueError(f"{name!r} is named twice")
        seen.add(name_key(name))
    return members


@dataclass
class Contribution:
    """A question or an item of advice, with its author (`taken`: the case giver ticked it)."""

    author: str
    text: str
    taken: bool = False

    def to_dict(self, advice: bool = False) -> dict[str, Any]:
        return {"from": self.author, "text": self.text} | ({"taken": self.taken} if advice else {})

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Contribution:
        r = Reader(data, where)
        return cls(r.text("from", required=True, limit=NAME_CHARS), r.text("text", required=True),
                   r.flag("taken"))


@dataclass
class PhasePlan:
    """One phase of the round's method, as planned when the round started."""

    name: str
    rule: str
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "rule": self.rule, "seconds": round(self.seconds, 1)}

    @classmethod
    def from_dict(cls, data: Any, where: str) -> PhasePlan:
        r = Reader(data, where)
        return cls(r.text("name", required=True, limit=SHORT_CHARS),
                   r.choice("rule", RULES, "open"),
                   r.num("seconds", high=MAX_SECONDS))
