"""`export --format portfolio --person NAME`: the coach's Markdown portfolio for the coach-trainer
path (seed 000): hours, complete coaching experiences, self-assessments, trends, work as a client.

Built from completed sessions only. Clients are anonymised (Client A, B ... in order of their
first session; the person's own coaches Coach A, B ...) and every other known name inside a text
is replaced too. Notes are never included, private or not: outcomes and feedback describe the work.
Every text goes through `md_line()` (no control characters, on one line, Markdown escaped).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from sessionkit.exports.anonymise import Anonymiser
from sessionkit.exports.csv_log import MIN_SECONDS
from sessionkit.exports.markdown import md_line
from sessionkit.names import name_key
from sessionkit.review.coach_view import (
    CLIENT_ANSWERS,
    COACH_ANSWERS,
    RECENT,
    CoachRound,
    coach_rounds,
    coach_view,
    spark,
)
from sessionkit.timefmt import local

KINDS = ("paid", "pro-bono", "peer")


def _day(at: str) -> str:
    return local(at, "%d %b %Y")


def _hours(minutes: float) -> str:
    return f"{minutes / 60:.1f}"


def _scale(r: CoachRound) -> str:
    if r.scale_start is None and r.scale_end is None:
        return ""
    show = ["?" if v is None else str(v) for v in (r.scale_start, r.scale_end)]
    return f" (scale {show[0]} → {show[1]})"


def _span(rounds: list[CoachRound]) -> str:
    first, last = _day(rounds[0].started_at), _day(rounds[-1].started_at)
    return first if first == last else f"{first} to {last}"


class Portfolio:
    def __init__(self, docs: list[dict[str, Any]], person: str) -> None:
        self.person = person.strip()
        self.view = coach_view(docs, self.person)
        self.as_client = coach_rounds(docs, self.person, role="client")
        everyone = {str(r.get(k, "")) for d in docs for r in d.get("rounds") or ()
                    if isinstance(r, dict) for k in ("coach", "client")}
        self.anon = Anonymiser(self.person, everyone)
        for r in self.view.rounds:
            self.anon.label(r.client, "Client")
        for r in self.as_client:
            self.anon.label(r.coach, "Coach")

    def say(self, text: str) -> str:
        """User text for the document: anonymised, plain, on one line."""
        return md_line(self.anon.text(text)).strip()

    def lines(self) -> Iterator[str]:
        spelled = [r.coach for r in self.view.rounds] + [r.client for r in self.as_client]
        name = md_line(spelled[0] if spelled else self.person)  # as written in the records
        yield f"# Coaching portfolio: {name}"
        yield ""
        yield ("*Built by sessionkit from recorded, completed sessions. Clients are anonymised "
               "(Client A, B, …, the same letter throughout) and other people's names are replaced "
               "in every text. Session notes, private or not, are not included. Names never "
               "entered as a coach or client (someone mentioned in passing) cannot be recognised: "
               "read the texts before handing this in.*")
        yield from self.hours()
        yield from self.experiences()
        yield from self.self_assessment()
        yield from self.trends()
        yield from self.client_side()

    def hours(self) -> Iterator[str]:
        # as in the CSV log: a round under a minute is not coaching hours
        rounds = [r for r in self.view.rounds if r.minutes * 60 >= MIN_SECONDS]
        yield ""
        yield "## Coaching hours as coach"
        yield ""
        if not rounds:
            yield "No completed sessions as coach on record."
            return
        yield "| kind | sessions | hours |"
        yield "|---|---:|---:|"
        kinds = [*KINDS, "unspecified"]
        for kind in kinds:
            these = [r for r in rounds if (r.session_type if r.session_type in KINDS
                                           else "unspecified") == kind]
            yield f"| {kind} | {len(these)} | {_hours(sum(r.minutes for r in these))} |"
        yield f"| **total** | **{len(rounds)}** | **{_hours(sum(r.minutes for r in rounds))}** |"
        yield ""
        clients = len({name_key(r.client) for r in rounds})
        yield f"Dates: {_span(rounds)}, with {clients} client{'s' if clients != 1 else ''}."

    def experiences(self) -> Iterator[str]:
        yield ""
        yield "## Coaching experiences"
        yield ""
        yield "Each partnership as coach, from its first to its last recorded session."
        groups: dict[str, list[CoachRound]] = {}
        for r in self.view.rounds:
            groups.setdefault(name_key(r.client), []).append(r)
        for rounds in groups.values():
            label = md_line(self.anon.label(rounds[0].client))
            kinds = ", ".join(sorted({r.session_type or "unspecified" for r in rounds}))
            minutes = sum(r.minutes for r in rounds)
            yield ""
            yield f"### {label}"
            yield ""
            yield (f"{len(rounds)} session{'s' if len(rounds) != 1 else ''} ({kinds}), "
                   f"{_span(rounds)}, {_hours(minutes)} hours.")
            yield ""
            yield "Outcomes worked on:"
            yield ""
            for r in rounds:
                yield f"- {_day(r.started_at)}: {self.say(r.outcome) or '(no outcome recorded)'}" \
                      f"{_scale(r)}"
            said = [(r, title, r.feedback[key]) for r in rounds for key, title in CLIENT_ANSWERS
                    if key in r.feedback]
            if said:
                yield ""
                yield "The client's feedback, in their words:"
                yield ""
                for r, title, text in said:
                    yield f"- {_day(r.started_at)}, {title.lower()}: “{self.say(text)}”"

    def self_assessment(self) -> Iterator[str]:
        yield ""
        yield "## Self-assessment over time"
        yield ""
        own = [(r, title, r.feedback[key]) for r in self.view.rounds for key, title in COACH_ANSWERS
               if key in r.feedback]
        if not own:
            yield "No self-assessments recorded yet."
            return
        for r, title, text in own:
            who = md_line(self.anon.label(r.client))
            yield f"- {_day(r.started_at)} ({who}), {title.lower()}: {self.say(text)}"
        phrases = self.view.own_phrases
        if phrases:
            yield ""
            listed = ", ".join(f"“{self.say(p.text)}” ({p.sessions} sessions)" for p in phrases)
            yield f"Recurring in these answers: {listed}."

    def trends(self) -> Iterator[str]:
        yield ""
        yield "## Trends as coach"
        yield ""
        if not self.view.rounds:
            yield "No sessions to show trends for."
            return
        yield f"| measure | all sessions (average) | last {RECENT} (average) | trend |"
        yield "|---|---:|---:|---|"
        for t in self.view.trends:
            whole, last = t.mean(), t.mean(RECENT)
            if whole is None:
                continue
            unit = f" {t.unit}" if t.unit == "s" else t.unit
            yield (f"| {t.label} | {whole:.0f}{unit} | {last:.0f}{unit} | "
                   f"{spark(t.known())} |")
        counts = self.view.nudge_counts
        if counts:
            listed = ", ".join(f"{label} ×{n}" for label, n in counts.most_common())
            yield ""
            yield f"Nudges that fired during the sessions: {listed}."

    def client_side(self) -> Iterator[str]:
        yield ""
        yield "## As a client"
        yield ""
        rounds = self.as_client
        if not rounds:
            yield "No completed sessions as a client on record."
            return
        coaches = len({name_key(r.coach) for r in rounds})
        yield (f"{_hours(sum(r.minutes for r in rounds))} hours in {len(rounds)} sessions with "
               f"{coaches} coach{'es' if coaches != 1 else ''}, {_span(rounds)}.")
        yield ""
        yield "Situations worked on:"
        yield ""
        for r in rounds:
            outcome = self.say(r.outcome) or "(no outcome recorded)"
            coach = md_line(self.anon.label(r.coach))
            yield f"- {_day(r.started_at)} with {coach}: {outcome}{_scale(r)}"


def write_portfolio(docs: Iterable[dict[str, Any]], person: str, out: IO[str]) -> int:
    """Write the portfolio; returns how many sessions it draws on."""
    portfolio = Portfolio(list(docs), person)
    for line in portfolio.lines():
        out.write(line + "\n")
    return len({r.session_id for r in portfolio.view.rounds + portfolio.as_client})
