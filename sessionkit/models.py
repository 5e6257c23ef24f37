"""The session record: Session -> Rounds -> notes, talk statistics, feedback.

Plain dataclasses with `to_dict()` / `from_dict()`. Dicts are the export/import and storage shape
(PRODUCT.md's JSON contract); `from_dict` validates types and raises ValueError with a path to
the bad field, so an import can be refused whole with a clear message.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from sessionkit.clock import iso, parse_iso
from sessionkit.heard import (
    Utterance,
    decode_heard,
    decode_spans,
    encode_heard,
    encode_spans,
)
from sessionkit.reader import LONG_CHARS, MAX_ITEMS, NAME_CHARS, SHORT_CHARS, Reader
from sessionkit.scale import on_scale
from sessionkit.schedule import AGREED, Agreed, agreed_list, read_agreed

SCHEMA = 1

MAX_SECONDS = 7 * 24 * 3600.0  # a week: no talk time, turn or round lasts longer
MAX_MINUTES = 24 * 60  # planned minutes (the CLI offers 5-240; older records may hold more)
MAX_PHASES = 50  # phase index cap; resuming clamps it to the model's own phases
MAX_ROUNDS = 100
DUE = re.compile(r"\d{4}-\d{2}-\d{2}")
TZ_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,3}")

Speaker = Literal["coach", "client"]
NoteKind = Literal["note", "action"]
STATUSES = ("completed", "unfinished")
UNSPECIFIED = "unspecified"
SESSION_TYPES = ("peer", "paid", "pro-bono", UNSPECIFIED)
"""Kinds of session for the coaching log; `unspecified` when nobody said (never guessed)."""


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class Note:
    """A timestamped note or action (the client's next step), tagged with the phase."""

    at: str
    text: str
    kind: NoteKind = "note"
    phase: str = ""
    private: bool = False
    done: bool = False
    done_at: str | None = None
    id: str = field(default_factory=new_id)
    due: str | None = None
    """An action's due date, `YYYY-MM-DD` (local day), from `a … by DATE`; written only when set."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "at": self.at,
            "kind": self.kind,
            "text": self.text,
            "phase": self.phase,
            "private": self.private,
            "done": self.done,
            "done_at": self.done_at,
        }
        if self.due:
            out["due"] = self.due
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "note") -> Note:
        r = Reader(data, where)
        return cls(
            id=r.ident("id", new_id()),
            at=r.time("at", required=True) or "",
            kind=r.choice("kind", ("note", "action"), "note"),  # type: ignore[arg-type]
            text=r.text("text", required=True),
            phase=r.text("phase", "", limit=SHORT_CHARS),
            private=r.flag("private"),
            done=r.flag("done"),
            done_at=r.time("done_at"),
            due=_due(r.text("due", None, limit=10), f"{where}.due"),
        )


def _due(value: str | None, where: str) -> str | None:
    """A due date is `YYYY-MM-DD` (a real day) or absent."""
    if value is None or value == "":
        return None
    if not DUE.fullmatch(value):
        raise ValueError(f"{where}: expected a date like 2026-12-18")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: {value} is not a day of the calendar") from None
    return value


@dataclass
class Mark:
    """A moment the coach marked as mattering (key `m`): the wall time, the round second and
    the phase it fell in. sessionkit records no audio: a mark is the way back to a moment."""

    at: str
    elapsed: float
    phase: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "elapsed": round(float(self.elapsed), 1), "phase": self.phase}

    @classmethod
    def from_dict(cls, data: Any, where: str = "mark") -> Mark:
        r = Reader(data, where)
        return cls(at=r.time("at", required=True) or "", elapsed=r.num("elapsed", high=MAX_SECONDS),
                   phase=r.text("phase", "", limit=SHORT_CHARS))


@dataclass
class Segment:
    """One stretch of talk: who (coach/client/silence), from `start` (round seconds), how long."""

    who: str
    start: float
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"who": self.who, "start": round(float(self.start), 1),
                "seconds": round(float(self.seconds), 1)}

    @classmethod
    def from_dict(cls, data: Any, where: str = "segment") -> Segment:
        r = Reader(data, where)
        return cls(
            who=r.choice("who", ("coach", "client", "silence"), "silence"),
            start=r.num("start", high=MAX_SECONDS),
            seconds=r.num("seconds", high=MAX_SECONDS),
        )


@dataclass
class TalkStats:
    """Talk time of one round. `segments` is the timeline the review's talk chart draws."""

    coach_seconds: float = 0.0
    client_seconds: float = 0.0
    silence_seconds: float = 0.0
    turns: int = 0
    longest_coach_turn: float = 0.0
    longest_client_turn: float = 0.0
    segments: list[Segment] = field(default_factory=list)
    overlap_seconds: float = 0.0  # both talking at once (listening only)
    backchannels: int = 0  # a listener's short "mm-hm" inside the other's turn (listening only)
    # how the coach listens (PRODUCT.md's definitions, live/conversation.py); None: not measured
    # (a record from before these fields, or what only audio can tell on keys)
    wait_after_coach_seconds: float | None = None
    wait_after_client_seconds: float | None = None
    coach_reentries: int | None = None
    coach_interruptions: int | None = None
    client_interruptions: int | None = None
    coach_backchannels: int | None = None
    client_backchannels: int | None = None
    rising_endings: int | None = None
    coach_pace: float | None = None
    client_pace: float | None = None
    heard: list[Utterance] = field(default_factory=list)  # each person's speech (listening)
    listened: list[tuple[float, float]] = field(default_factory=list)  # when listening was on

    @property
    def talk_seconds(self) -> float:
        return self.coach_seconds + self.client_seconds

    @property
    def client_share(self) -> float | None:
        """Client share of talk (silence excluded), or None before anyone spoke."""
        total = self.talk_seconds
        return self.client_seconds / total if total > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "coach_seconds": round(float(self.coach_seconds), 1),
            "client_seconds": round(float(self.client_seconds), 1),
            "silence_seconds": round(float(self.silence_seconds), 1),
            "turns": self.turns,
            "longest_coach_turn": round(float(self.longest_coach_turn), 1),
            "longest_client_turn": round(float(self.longest_client_turn), 1),
            "segments": encode_timeline(self.segments),
            "overlap_seconds": round(float(self.overlap_seconds), 1),
            "backchannels": self.backchannels,
            **{name: _maybe(getattr(self, name)) for name in LISTENING_FIELDS},
        } | ({"heard": encode_heard(self.heard), "listened": encode_spans(self.listened)}
             if self.heard or self.listened else {})

    @classmethod
    def from_dict(cls, data: Any, where: str = "talk") -> TalkStats:
        r = Reader(data, where)
        return cls(
            coach_seconds=r.num("coach_seconds", high=MAX_SECONDS),
            client_seconds=r.num("client_seconds", high=MAX_SECONDS),
            silence_seconds=r.num("silence_seconds", high=MAX_SECONDS),
            turns=r.whole("turns", 0, high=10**7),
            longest_coach_turn=r.num("longest_coach_turn", high=MAX_SECONDS),
            longest_client_turn=r.num("longest_client_turn", high=MAX_SECONDS),
            segments=decode_timeline(data.get("segments"), f"{where}.segments"),
            overlap_seconds=r.num("overlap_seconds"),  # absent in records before listening
            backchannels=r.whole("backchannels", 0),
            **{name: r.whole(name, None) for name in COUNT_FIELDS},
            **{name: _optional(r, name) for name in SECONDS_FIELDS},
            heard=decode_heard(data.get("heard"), f"{where}.heard"),
            listened=decode_spans(data.get("listened"), f"{where}.listened"),
        )


COUNT_FIELDS = ("coach_reentries", "coach_interruptions", "client_interruptions",
                "coach_backchannels", "client_backchannels", "rising_endings")
SECONDS_FIELDS = ("wait_after_coach_seconds", "wait_after_client_seconds", "coach_pace",
                  "client_pace")
LISTENING_FIELDS = (*SECONDS_FIELDS[:2], *COUNT_FIELDS, *SECONDS_FIELDS[2:])
"""The `talk` fields about how the coach listens: null when not measured, never 0."""


def _maybe(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2) if isinstance(value, float) else value


def _optional(r: Reader, name: str) -> Any:
    value = r.data.get(name)
    return None if value is None else r.num(name, high=MAX_SECONDS)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def encode_timeline(segments: list[Segment]) -> str:
    """The talk timeline as one compact string: `coach@0+30.5 client@30.5+62 silence@92.5+4`.

    One string instead of a list of objects keeps a 10,000-session database about half the size
    and six times faster to parse (bench/store_bench.py)."""
    return " ".join(f"{s.who}@{_num(s.start)}+{_num(s.seconds)}" for s in segments)


def decode_timeline(value: Any, where: str) -> list[Segment]:
    """Read the compact string (or, leniently, a list of {who, start, seconds} objects)."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [Segment.from_dict(s, f"{where}[{i}]") for i, s in enumerate(value)]
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a timeline text, got {type(value).__name__}")
    if len(value) > 40 * MAX_ITEMS:
        raise ValueError(f"{where}: a timeline of {len(value):,} characters is too long")
    out = []
    for i, item in enumerate(value.split()):
        who, _, rest = item.partition("@")
        start, _, seconds = rest.partition("+")
        try:
            seg = Segment(who, float(start), float(seconds))
        except ValueError:
            raise ValueError(f"{where}: item {i + 1} {item!r} is not who@start+seconds") from None
        if who not in ("coach", "client", "silence") or not (
            0 <= seg.start <= MAX_SECONDS and 0 <= seg.seconds <= MAX_SECONDS
        ):
            raise ValueError(f"{where}: item {i + 1} {item!r} is not who@start+seconds")
        out.append(seg)
    return out


@dataclass
class NudgeFired:
    """A nudge that started showing in a round: its label (PRODUCT.md's) and the round second."""

    label: str
    at: float

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "at": round(float(self.at), 1)}

    @classmethod
    def from_dict(cls, data: Any, where: str = "nudge") -> NudgeFired:
        r = Reader(data, where)
        return cls(label=r.text("label", required=True, limit=SHORT_CHARS),
                   at=r.num("at", high=MAX_SECONDS))


FEEDBACK_TEXT_FIELDS = ("most_helpful", "less_helpful", "coach_worked", "coach_improve")
FEEDBACK_SCORE_FIELDS = ("scale_end",)


def _check_feedback(data: dict[str, Any], where: str) -> dict[str, Any]:
    """Known fields typed and bounded; unknown ones (from a newer sessionkit) only short plain
    values, so nothing deep or huge rides along unseen."""
    r = Reader(data, where)
    if len(data) > 50:
        raise ValueError(f"{where}: {len(data)} fields, more than the 50 allowed")
    for key, value in data.items():
        if key in FEEDBACK_SCORE_FIELDS:
            if value is not None and not on_scale(value):
                raise ValueError(f"{where}.{key}: expected a whole number 0-10")
        elif key in FEEDBACK_TEXT_FIELDS:
            if not isinstance(value, str):
                raise ValueError(f"{where}.{key}: expected text")
            r.text(key)
        elif len(key) > SHORT_CHARS or not (
            value is None or isinstance(value, (bool, int, float, str))
        ) or len(str(value)) > LONG_CHARS:
            raise ValueError(f"{where}.{key[:40]}: expected a short text, number or true/false")
    return data


@dataclass
class Round:
    """One coach, one client, one outcome. A role switch starts a new round."""

    coach: str
    client: str
    started_at: str
    outcome: str = ""
    outcome_measure: str = ""
    scale_start: int | None = None
    ended_at: str | None = None
    planned_minutes: int = 45
    phase: int = 0
    phase_started: list[float] = field(default_factory=list)
    elapsed_seconds: float = 0.0
    talk: TalkStats = field(default_factory=TalkStats)
    notes: list[Note] = field(default_factory=list)
    feedback: dict[str, Any] = field(default_factory=dict)
    used_suggestions: list[str] = field(default_factory=list)
    checklist: dict[str, bool] = field(default_factory=dict)
    nudges: list[NudgeFired] = field(default_factory=list)
    """Each nudge that fired in the round, in order. Records from before this field have no
    `nudges` key: read as none, and the coach's view shows them as not recorded."""
    marks: list[Mark] = field(default_factory=list)
    """Moments marked with `m`, in order; written only when there are any."""

    @property
    def scale_end(self) -> int | None:
        value = self.feedback.get("scale_end")
        return value if isinstance(value, int) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "coach": self.coach,
            "client": self.client,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "outcome": self.outcome,
            "outcome_measure": self.outcome_measure,
            "scale_start": self.scale_start,
            "planned_minutes": self.planned_minutes,
            "phase": self.phase,
            "phase_started": [round(float(p), 1) for p in self.phase_started],
            "elapsed_seconds": round(float(self.elapsed_seconds), 1),
            "talk": self.talk.to_dict(),
            "notes": [n.to_dict() for n in self.notes],
            "feedback": dict(self.feedback),
            "used_suggestions": list(self.used_suggestions),
            "checklist": dict(self.checklist),
            "nudges": [n.to_dict() for n in self.nudges],
            **({"marks": [m.to_dict() for m in self.marks]} if self.marks else {}),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "round", start: str | None = None) -> Round:
        """`start`: when the round began if the record does not say (a file written by hand or
        another tool: the session's start, or the end of the round before)."""
        r = Reader(data, where)
        scale = r.whole("scale_start", None)
        if scale is not None and not on_scale(scale):
            raise ValueError(f"{where}.scale_start: expected a whole number 0-10")
        checklist = r.mapping("checklist")
        if len(checklist) > MAX_PHASES * 20 or not all(
            isinstance(v, bool) and len(k) <= SHORT_CHARS for k, v in checklist.items()
        ):
            raise ValueError(f"{where}.checklist: expected true/false values (short items)")
        talk = TalkStats.from_dict(r.mapping("talk"), f"{where}.talk")
        talked = talk.coach_seconds + talk.client_seconds + talk.silence_seconds
        return cls(
            coach=r.text("coach", required=True, limit=NAME_CHARS),
            client=r.text("client", required=True, limit=NAME_CHARS),
            started_at=r.time("started_at", required=start is None) or start or "",
            ended_at=r.time("ended_at"),
            outcome=r.text("outcome", ""),
            outcome_measure=r.text("outcome_measure", ""),
            scale_start=scale,
            planned_minutes=r.whole("planned_minutes", 45, low=1, high=MAX_MINUTES),
            phase=r.whole("phase", 0, high=MAX_PHASES - 1),
            phase_started=r.nums("phase_started", high=MAX_SECONDS, limit=MAX_PHASES),
            # not given: as long as its talk and silence add up to
            elapsed_seconds=r.num("elapsed_seconds", min(talked, MAX_SECONDS), high=MAX_SECONDS),
            talk=talk,
            notes=[
                Note.from_dict(n, f"{where}.notes[{i}]") for i, n in enumerate(r.seq("notes"))
            ],
            feedback=_check_feedback(r.mapping("feedback"), f"{where}.feedback"),
            used_suggestions=r.texts("used_suggestions"),
            checklist=checklist,
            nudges=[NudgeFired.from_dict(n, f"{where}.nudges[{i}]")
                     for i, n in enumerate(r.seq("nudges"))],
            marks=[Mark.from_dict(m, f"{where}.marks[{i}]") for i, m in enumerate(r.seq("marks"))],
        )


@dataclass
class Session:
    """A coaching call: one or more rounds, saved as one record."""

    started_at: str
    model: str = "grow"
    rounds: list[Round] = field(default_factory=list)
    status: str = "unfinished"
    ended_at: str | None = None
    planned_minutes: int = 45
    swap: bool = False
    session_type: str = UNSPECIFIED
    next_session: str | None = None
    next_session_tz: str | None = None
    cadence_days: int | None = None
    programme_total: int | None = None
    agreed: list[Agreed] = field(default_factory=list)
    """Every future session this one agreed (moved and cancelled ones too, for the calendar);
    `next_session` mirrors the first still agreed. Empty in a record that only set
    `next_session` (then `schedule()` derives it)."""
    handed_at: str | None = None
    """When the partner's hand-off this record came from was made (None: recorded here, or
    imported as a backup): a newer hand-off replaces the shared parts, an older one not."""
    draft: str = ""
    """A note being typed in a live session (so a crash does not lose it); saved as `draft`
    only while there is one."""
    draft_kind: str = "note"
    id: str = field(default_factory=new_id)

    @property
    def people(self) -> set[str]:
        return set(people_in(self))

    def schedule(self) -> list[Agreed]:
        """The agreed times (with their UIDs and status), oldest agreement first."""
        if self.agreed:
            return list(self.agreed)
        if self.next_session:
            return agreed_list(self.id, [(self.next_session, self.next_session_tz)])
        return []

    def next_sessions(self) -> list[Agreed]:
        """The agreed times not cancelled, soonest first."""
        return sorted((a for a in self.schedule() if a.status == AGREED), key=lambda a: a.at)

    def set_schedule(self, agreed: list[Agreed]) -> None:
        """Replace the schedule; `next_session` (for old readers) becomes its first time."""
        self.agreed = list(agreed)
        live = self.next_sessions()
        self.next_session = live[0].at if live else None
        self.next_session_tz = live[0].tz if live else None

    def to_dict(self) -> dict[str, Any]:
        schedule = self.schedule()
        live = self.next_sessions()
        return {
            "schema": SCHEMA,
            "id": self.id,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "status": self.status,
            "model": self.model,
            "planned_minutes": self.planned_minutes,
            "swap": self.swap,
            "session_type": self.session_type,
            "next_session": live[0].at if live else None,
            "next_session_tz": live[0].tz if live else self.next_session_tz,
            "next_sessions": [a.at for a in live],
            "cadence_days": self.cadence_days,
            "programme_total": self.programme_total,
            "rounds": [r.to_dict() for r in self.rounds],
        } | ({"schedule": [a.to_dict() for a in schedule]} if self.agreed else {}) | (
            {"handed_at": self.handed_at} if self.handed_at else {}) | (
            {"draft": {"kind": self.draft_kind, "text": self.draft}} if self.draft else {})

    @classmethod
    def from_dict(cls, data: Any, where: str = "session") -> Session:
        r = Reader(data, where)
        rounds = r.seq("rounds", limit=MAX_ROUNDS)
        tz = r.text("next_session_tz", None, limit=64)
        if tz is not None and (not TZ_NAME.fullmatch(tz) or ".." in tz):
            raise ValueError(f"{where}.next_session_tz: {tz!r} is not a time zone name")
        sid = r.ident("id")
        agreed = read_agreed(r, sid, where)
        for a in agreed:
            if a.tz is not None and (not TZ_NAME.fullmatch(a.tz) or ".." in a.tz):
                raise ValueError(f"{where}.schedule: {a.tz!r} is not a time zone name")
        started_at = r.time("started_at", required=True) or ""
        built: list[Round] = []
        for i, x in enumerate(rounds):
            start = started_at
            if built:  # the end of the round before
                before = parse_iso(built[-1].started_at)
                start = iso(before + timedelta(seconds=built[-1].elapsed_seconds))
            built.append(Round.from_dict(x, f"{where}.rounds[{i}]", start))
        session = cls(
            id=sid,
            started_at=started_at,
            ended_at=r.time("ended_at"),
            status=r.choice("status", STATUSES, "unfinished"),
            model=r.text("model", "grow", limit=SHORT_CHARS),
            planned_minutes=r.whole("planned_minutes", 45, low=1, high=MAX_MINUTES),
            swap=r.flag("swap"),
            session_type=r.choice("session_type", SESSION_TYPES, UNSPECIFIED),
            next_session=agreed[0].at if agreed else None,
            next_session_tz=agreed[0].tz if agreed else tz,
            cadence_days=r.whole("cadence_days", None, low=1, high=3660),
            programme_total=r.whole("programme_total", None, low=1, high=10_000),
            handed_at=r.time("handed_at"),
            rounds=built,
            **_draft(r.mapping("draft"), f"{where}.draft"),
        )
        _unique_note_ids(session, where)
        if r.data.get("schedule") or len(agreed) > 1:  # else: one date, kept the old way
            session.set_schedule(agreed)
        return session


def people_in(session: Session | None) -> list[str]:
    """Everyone in a session (each round's coach and client), once each, in order of
    appearance; none for no session."""
    rounds = session.rounds if session is not None else []
    return list(dict.fromkeys(name for r in rounds for name in (r.coach, r.client)))


def _unique_note_ids(session: Session, where: str) -> None:
    seen: set[str] = set()
    for i, rnd in enumerate(session.rounds):
        for j, note in enumerate(rnd.notes):
            if note.id in seen:
                raise ValueError(f"{where}.rounds[{i}].notes[{j}].id {note.id!r} appears twice")
            seen.add(note.id)


def _draft(data: dict[str, Any], where: str) -> dict[str, Any]:
    if not data:
        return {}
    r = Reader(data, where)
    return {"draft": r.text("text", ""), "draft_kind": r.choice("kind", ("note", "action"), "note")}
