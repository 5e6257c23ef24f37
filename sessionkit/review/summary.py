"""Light summaries of stored sessions: what the review needs, read straight from the dicts.

`summarize(doc)` takes the shape `Session.to_dict()` writes and never builds dataclasses, so
10,000 records summarise in a fraction of a second (bench/review_bench.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sessionkit.models import FEEDBACK_TEXT_FIELDS
from sessionkit.names import name_key
from sessionkit.reader import Reader
from sessionkit.schedule import Agreed, read_agreed, uid_for
from sessionkit.timefmt import epoch

GROUP = "group"
"""`Summary.session_type` of an intervision group meeting (sessionkit.review.group_rows)."""


@dataclass(slots=True)
class ActionRef:
    """An action (the client's next step) and where it was agreed."""

    session_id: str
    note_id: str
    text: str
    done: bool
    done_at: str | None
    started_at: str
    coach: str
    client: str
    due: str | None = None
    """The day it is due (`YYYY-MM-DD`), when one was given (`a … by fri`)."""


@dataclass(frozen=True, slots=True)
class RoundFigures:
    """One round's own numbers: whose round (coach, client), the client's share of talk, the
    client's 0-10 scale at start and end, minutes. A swapped session has one per round, so
    each person's figures are shown as theirs, never averaged with the partner's."""

    coach: str
    client: str
    client_share: float | None
    scale_start: int | None
    scale_end: int | None
    minutes: float


@dataclass(slots=True)
class Summary:
    """What the review shows of one session without loading it."""

    id: str
    started_at: str
    ts: float
    status: str
    model: str
    session_type: str
    coach: str
    client: str
    outcome: str
    people: frozenset[str]
    rounds: int
    minutes: float
    client_share: float | None
    """The first round's client share (each round's own: `figures`)."""
    scale_start: int | None
    scale_end: int | None
    next_session: str | None
    next_session_tz: str | None
    cadence_days: int | None
    programme_total: int | None
    actions: tuple[ActionRef, ...]
    haystack: str
    """Case-folded searchable text: outcomes, feedback, shared notes and actions."""
    private_text: str = ""
    """Case-folded text of private notes: searched only in the coach's own view."""
    members: tuple[str, ...] = ()
    """A group meeting's members as spelled (`session_type` "group"; coach and client empty)."""
    figures: tuple[RoundFigures, ...] = ()
    """Each round's own numbers, in order (none for a group meeting)."""
    agreed: tuple[Agreed, ...] = ()
    """Every future session this one agreed (cancelled ones too); `next_session` is the
    first still agreed."""

    @property
    def is_group(self) -> bool:
        return self.session_type == GROUP

    @property
    def pair(self) -> frozenset[str]:
        """The partnership: the first round's coach and client, case-folded, unordered."""
        return frozenset((name_key(self.coach), name_key(self.client)))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _agreed(doc: dict[str, Any], sid: str) -> tuple[Agreed, ...]:
    """The agreed dates of a stored record: the full `schedule` read when there is one (rare),
    else straight from `next_sessions` / `next_session` (a stored record was checked when
    saved: a quarter of the summary's time went into checking them again at 10,000)."""
    if doc.get("schedule"):
        return tuple(read_agreed(Reader(doc, "session"), sid, "session"))
    times = doc.get("next_sessions") or ([doc["next_session"]] if doc.get("next_session") else [])
    tz = doc.get("next_session_tz")
    return tuple(Agreed(at, tz, uid_for(sid, at, first=i == 0))
                 for i, at in enumerate(dict.fromkeys(times)) if isinstance(at, str))


def summarize(doc: dict[str, Any]) -> Summary:
    """A Summary of one stored session dict (the shape `Session.to_dict()` writes).

    Raises ValueError for a record that does not have that shape.
    """
    try:
        return _summarize(doc)
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not a session record ({err})") from None


def _summarize(doc: dict[str, Any]) -> Summary:
    sid, started, rounds = doc["id"], doc["started_at"], doc["rounds"]
    if not isinstance(sid, str) or not isinstance(started, str):
        raise TypeError("id and started_at must be text")
    first = rounds[0] if rounds else {}
    texts: list[str] = []
    private: list[str] = []
    actions: list[ActionRef] = []
    people: set[str] = set()
    figures: list[RoundFigures] = []
    seconds = 0.0
    for rnd in rounds:
        coach, client = rnd["coach"], rnd["client"]
        people.add(name_key(coach))
        people.add(name_key(client))
        elapsed = rnd.get("elapsed_seconds") or 0.0
        seconds += elapsed
        talk = rnd.get("talk") or {}
        client_s = talk.get("client_seconds") or 0.0
        talk_s = client_s + (talk.get("coach_seconds") or 0.0)
        texts.append(rnd.get("outcome") or "")
        texts.append(rnd.get("outcome_measure") or "")
        feedback = rnd.get("feedback") or {}
        figures.append(RoundFigures(
            coach, client, client_s / talk_s if talk_s > 0 else None,
            _int(rnd.get("scale_start")), _int(feedback.get("scale_end")), elapsed / 60))
        texts += [str(feedback.get(k) or "") for k in FEEDBACK_TEXT_FIELDS]
        for note in rnd.get("notes") or ():
            text = note["text"]
            (private if note.get("private") else texts).append(text)
            if note.get("kind") == "action":
                actions.append(ActionRef(
                    sid, note.get("id") or "", text, bool(note.get("done")),
                    note.get("done_at"), started, coach, client, note.get("due") or None,
                ))
    people.discard("")
    head = figures[0] if figures else None
    return Summary(
        id=sid, started_at=started, ts=epoch(started),
        status=doc.get("status") or "unfinished", model=doc.get("model") or "",
        session_type=doc.get("session_type") or "unspecified",
        coach=first.get("coach", ""), client=first.get("client", ""),
        outcome=first.get("outcome") or "",
        people=frozenset(people), rounds=len(rounds),
        minutes=seconds / 60, client_share=head.client_share if head else None,
        scale_start=head.scale_start if head else None,
        scale_end=head.scale_end if head else None,
        next_session=doc.get("next_session"), next_session_tz=doc.get("next_session_tz"),
        cadence_days=_int(doc.get("cadence_days")),
        programme_total=_int(doc.get("programme_total")),
        actions=tuple(actions), haystack="\n".join(texts).casefold(),
        private_text="\n".join(private).casefold(), figures=tuple(figures),
        agreed=_agreed(doc, sid),
    )
