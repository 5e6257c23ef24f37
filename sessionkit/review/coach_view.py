"""The coach's own view: one person's rounds as coach over time.

"Am I talking less than I used to?"

`coach_view(docs, name)` reads stored session dicts (the shape `Session.to_dict()` writes) and
returns, for the completed rounds that `name` coached, oldest first: the coach's share of talk,
the longest monologue, the nudges that fired, the client's start → end scale and the length
against plan, each as a trend over the last `RECENT` rounds and the whole history; then the
coach's own "what worked / better next time" answers and the clients' "most / less helpful"
answers, with the phrases that recur across sessions (`recurring`, in phrases.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sessionkit.names import name_key
from sessionkit.review.evidence import behaviour_nudges
from sessionkit.review.listening_trends import listening_of, listening_series
from sessionkit.review.phrases import Phrase, recurring
from sessionkit.timefmt import epoch

RECENT = 10
"""How many of the latest rounds the "last sessions" trend covers."""

COACH_ANSWERS = (("coach_worked", "What worked"), ("coach_improve", "Better next time"))
CLIENT_ANSWERS = (("most_helpful", "Most helpful"), ("less_helpful", "Less helpful"))


@dataclass(frozen=True)
class CoachRound:
    """One completed round the person coached."""

    session_id: str
    started_at: str
    ts: float
    coach: str
    client: str
    session_type: str
    coach_share: float | None  # of talk, silence excluded
    longest_monologue: float  # seconds: the coach's longest turn
    nudges: tuple[str, ...] | None  # labels that fired, in order; None: not recorded (older)
    scale_start: int | None
    scale_end: int | None
    minutes: float
    planned_minutes: int
    outcome: str
    feedback: dict[str, str]
    listening: dict[str, float | None] = field(default_factory=dict)
    """The round's listening measures (LISTENING_FIELDS); None where not measured."""


@dataclass(frozen=True)
class Trend:
    """One measure over time: every value (None where not known), the label and unit."""

    key: str
    label: str
    unit: str
    values: tuple[float | None, ...]

    def known(self, last: int | None = None) -> list[float]:
        values = self.values[-last:] if last else self.values
        return [v for v in values if v is not None]

    def mean(self, last: int | None = None) -> float | None:
        known = self.known(last)
        return sum(known) / len(known) if known else None

    def earlier_mean(self, recent: int = RECENT) -> float | None:
        """The mean before the last `recent` rounds (None when there is no "before")."""
        known = [v for v in self.values[:-recent] if v is not None]
        return sum(known) / len(known) if known else None


@dataclass(frozen=True)
class Answer:
    """A feedback text: whose answer (the field's label), which session, the words."""

    label: str
    started_at: str
    client: str
    text: str


@dataclass
class CoachView:
    name: str
    rounds: list[CoachRound]
    trends: list[Trend]
    own: list[Answer] = field(default_factory=list)
    clients: list[Answer] = field(default_factory=list)
    own_phrases: list[Phrase] = field(default_factory=list)
    client_phrases: list[Phrase] = field(default_factory=list)
    nudge_counts: Counter[str] = field(default_factory=Counter)

    @property
    def hours(self) -> float:
        return sum(r.minutes for r in self.rounds) / 60


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _round(doc: dict[str, Any], rnd: dict[str, Any]) -> CoachRound:
    talk = _mapping(rnd.get("talk"))
    coach, client = _num(talk.get("coach_seconds")), _num(talk.get("client_seconds"))
    raw = rnd.get("nudges")
    nudges = None if not isinstance(raw, list) else tuple(
        str(n.get("label")) for n in raw if isinstance(n, dict) and n.get("label"))
    feedback = _mapping(rnd.get("feedback"))
    started = str(rnd.get("started_at") or doc.get("started_at") or "")
    return CoachRound(
        session_id=str(doc.get("id", "")), started_at=started, ts=epoch(started),
        coach=str(rnd.get("coach", "")), client=str(rnd.get("client", "")),
        session_type=str(doc.get("session_type") or ""),
        coach_share=coach / (coach + client) if coach + client > 0 else None,
        longest_monologue=_num(talk.get("longest_coach_turn")), nudges=nudges,
        scale_start=_int(rnd.get("scale_start")), scale_end=_int(feedback.get("scale_end")),
        minutes=_num(rnd.get("elapsed_seconds")) / 60,
        planned_minutes=_int(rnd.get("planned_minutes")) or 45,
        outcome=str(rnd.get("outcome") or ""),
        feedback={k: v.strip() for k, v in feedback.items() if isinstance(v, str) and v.strip()},
        listening=listening_of(talk),
    )


def coach_rounds(
    docs: Iterable[dict[str, Any]], name: str, role: str = "coach"
) -> list[CoachRound]:
    """The completed rounds `name` coached (case-insensitive), oldest first; with
    `role="client"` the rounds where `name` was the client."""
    wanted = name_key(name)
    out = []
    for doc in docs:
        if not isinstance(doc, dict) or doc.get("status") != "completed":
            continue
        for rnd in doc.get("rounds") or ():
            if isinstance(rnd, dict) and name_key(str(rnd.get(role, ""))) == wanted:
                out.append(_round(doc, rnd))
    out.sort(key=lambda r: (r.ts, r.session_id))
    return out


BARS = "▁▂▃▄▅▆▇█"


def spark(values: list[float]) -> str:
    """A text sparkline (one bar per value, lowest to highest of these values)."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return BARS[3] * len(values)
    return "".join(BARS[round((v - lo) / (hi - lo) * (len(BARS) - 1))] for v in values)


def trends(rounds: list[CoachRound]) -> list[Trend]:
    def series(fn: Any) -> tuple[float | None, ...]:
        return tuple(fn(r) for r in rounds)

    return [
        Trend("share", "coach share of talk", "%", series(
            lambda r: None if r.coach_share is None else round(100 * r.coach_share))),
        Trend("monologue", "longest monologue", "s", series(lambda r: round(r.longest_monologue))),
        Trend("nudges", "nudges per session", "", series(
            lambda r: None if r.nudges is None else len(behaviour_nudges(r.nudges)))),
        Trend("scale_start", "client scale at start", "", series(lambda r: r.scale_start)),
        Trend("scale_end", "client scale at end", "", series(lambda r: r.scale_end)),
        Trend("length", "length against plan", "%", series(
            lambda r: round(100 * r.minutes / r.planned_minutes) if r.minutes else None)),
        *(Trend(*series) for series in listening_series(rounds)),
    ]


def _answers(rounds: list[CoachRound], fields: tuple[tuple[str, str], ...]) -> list[Answer]:
    return [Answer(label, r.started_at, r.client, r.feedback[key])
            for r in rounds for key, label in fields if key in r.feedback]


def coach_view(docs: Iterable[dict[str, Any]], name: str) -> CoachView:
    rounds = coach_rounds(docs, name)
    own, clients = _answers(rounds, COACH_ANSWERS), _answers(rounds, CLIENT_ANSWERS)
    counts: Counter[str] = Counter(label for r in rounds for label in r.nudges or ())
    people = {name, *(r.client for r in rounds)}
    return CoachView(
        name=rounds[0].coach if rounds else name.strip(), rounds=rounds, trends=trends(rounds),
        own=own, clients=clients,
        own_phrases=recurring([(a.started_at, a.text) for a in own], names=people),
        client_phrases=recurring([(a.started_at, a.text) for a in clients], names=people),
        nudge_counts=counts,
    )
