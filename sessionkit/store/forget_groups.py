"""`forget --person NAME` on group meetings: the rounds where NAME gave the case go; everywhere
else NAME becomes "former member" (roles, consultants, question and advice authorship, talk),
so the rest of the group keeps its meeting. Pure functions on stored dicts: `store/forget.py`
applies them to the database, the live journals and the backups."""

from __future__ import annotations

from typing import Any

from sessionkit.group.model import FORMER, GroupMeeting, is_group
from sessionkit.names import name_key


def _fold(name: object) -> str:
    return name_key(str(name))


def member_of(doc: Any, who: str) -> bool:
    """True when the folded name `who` is a member of the group meeting `doc`."""
    return is_group(doc) and any(_fold(m) == who for m in doc.get("members") or ())


def scrub(doc: dict[str, Any], who: str) -> dict[str, Any] | None:
    """The meeting without `who` (folded): None when it cannot be read (then it goes whole)."""
    try:
        meeting = GroupMeeting.from_dict(doc)
    except ValueError:
        return None

    def swap(name: str) -> str:
        return FORMER if _fold(name) == who else name

    meeting.rounds = [r for r in meeting.rounds if _fold(r.case_giver) != who]
    meeting.members = [swap(m) for m in meeting.members]
    meeting.absent = [swap(m) for m in meeting.absent]
    meeting.cases = {k: v for k, v in meeting.cases.items() if _fold(k) != who}
    for rnd in meeting.rounds:
        rnd.facilitator, rnd.timekeeper = swap(rnd.facilitator), swap(rnd.timekeeper)
        rnd.scribe = swap(rnd.scribe)
        rnd.consultants = [swap(c) for c in rnd.consultants]
        for item in [*rnd.questions, *rnd.advice]:
            item.author = swap(item.author)
        rnd.segments = [(swap(w), a, s) for w, a, s in rnd.segments]
    return meeting.to_dict()


def scrub_table(rows: dict[str, Any], who: str) -> tuple[dict[str, Any], int]:
    """A `groups` table with `who` forgotten; and how many meetings changed."""
    out, changed = {}, 0
    for key, doc in rows.items():
        if not member_of(doc, who):
            out[key] = doc
            continue
        changed += 1
        kept = scrub(doc, who)
        if kept is not None:
            out[key] = kept
    return out, changed
