"""`forget --person NAME` and the other people in NAME's sessions (issue 20).

In a peer session each person has rounds of their own: Anna's coaching of Ben (her hours) and
Ben's coaching of Anna (her outcome, her actions, her feedback). Erasing the whole session
erases Anna's record too, so `others()` says what goes for each other person, and with
`--keep-others` `scrub()` keeps their part instead: NAME becomes "former partner"; a round where
NAME was the client keeps only the coach's own part (time, talk, the coach's reflection), a
round where NAME coached keeps the client's own part (outcome, notes, actions, their feedback)
without NAME's reflection; NAME's name is taken out of every text kept; the agreed dates go (the
partnership has ended). Pure functions on stored dicts: `store/forget.py` applies them to the
database, the live journals and the backups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sessionkit.models import Session
from sessionkit.names import name_key

FORMER_PARTNER = "former partner"
CLIENT_FEEDBACK = ("most_helpful", "less_helpful", "scale_end")
COACH_FEEDBACK = ("coach_worked", "coach_improve")


@dataclass
class TheirPart:
    """What erasing the sessions removes for one other person."""

    name: str
    coached: int = 0
    coached_minutes: float = 0.0
    as_client: int = 0
    actions: int = 0

    def describe(self) -> str:
        parts = []
        if self.coached:
            parts.append(f"{self.coached} round(s) as coach ({self.coached_minutes / 60:.1f} h)")
        if self.as_client:
            acts = f", {self.actions} action(s)" if self.actions else ""
            parts.append(f"{self.as_client} round(s) as client (outcomes{acts}, feedback)")
        return f"{self.name}'s " + " and ".join(parts)


def others(docs: list[dict[str, Any]], who: str) -> list[TheirPart]:
    """For each other person in these sessions (the ones `who`, folded, takes part in), what
    erasing them whole would remove."""
    found: dict[str, TheirPart] = {}
    for doc in docs:
        for rnd in doc.get("rounds") or ():
            if not isinstance(rnd, dict):
                continue
            coach, client = str(rnd.get("coach", "")), str(rnd.get("client", ""))
            if name_key(coach) != who:
                part = found.setdefault(name_key(coach), TheirPart(coach))
                part.coached += 1
                seconds = rnd.get("elapsed_seconds")
                part.coached_minutes += seconds / 60 if isinstance(seconds, (int, float)) else 0
            if name_key(client) != who:
                part = found.setdefault(name_key(client), TheirPart(client))
                part.as_client += 1
                part.actions += sum(isinstance(n, dict) and n.get("kind") == "action"
                                    for n in rnd.get("notes") or ())
    return [p for k, p in sorted(found.items()) if k != who]


def _unnamed(text: str, name: str) -> str:
    """`text` with every whole-word `name` (any case) replaced by "former partner"."""
    if not name.strip():
        return text
    return re.sub(rf"(?<!\w){re.escape(name.strip())}(?!\w)", FORMER_PARTNER, text,
                  flags=re.IGNORECASE)


def scrub(doc: dict[str, Any], who: str) -> dict[str, Any] | None:
    """The session with the other people's parts kept and `who` (folded) forgotten; None when
    nothing of anyone else is left (or the record does not read: then it goes whole)."""
    try:
        session = Session.from_dict(doc)
    except ValueError:
        return None
    spelled = {r.coach for r in session.rounds if name_key(r.coach) == who} | {
        r.client for r in session.rounds if name_key(r.client) == who}
    kept = []
    for rnd in session.rounds:
        if name_key(rnd.client) == who and name_key(rnd.coach) == who:
            continue
        if name_key(rnd.client) == who:  # the coach's hours: the client's content goes
            rnd.client = FORMER_PARTNER
            rnd.outcome = rnd.outcome_measure = ""
            rnd.scale_start = None
            rnd.notes = []
            rnd.checklist = {}
            rnd.feedback = {k: v for k, v in rnd.feedback.items() if k in COACH_FEEDBACK}
        elif name_key(rnd.coach) == who:  # the client's round: the coach's reflection goes
            rnd.coach = FORMER_PARTNER
            rnd.feedback = {k: v for k, v in rnd.feedback.items() if k not in COACH_FEEDBACK}
        kept.append(rnd)
    if not kept:
        return None
    for rnd in kept:
        for name in spelled:
            rnd.outcome = _unnamed(rnd.outcome, name)
            rnd.outcome_measure = _unnamed(rnd.outcome_measure, name)
            for note in rnd.notes:
                note.text = _unnamed(note.text, name)
            rnd.feedback = {k: _unnamed(v, name) if isinstance(v, str) else v
                            for k, v in rnd.feedback.items()}
    session.rounds = kept
    session.draft = ""
    session.set_schedule([])
    session.next_session_tz = None
    return session.to_dict()
