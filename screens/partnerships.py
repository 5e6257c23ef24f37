"""Partnerships: each pair's rhythm (n of N, cadence, next date, overdue) and trend sparklines."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from screens.widgets.fmt import zoned_day
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.safe import shown
from sessionkit.clock import Clock
from sessionkit.plain import one_line
from sessionkit.review.history import HistoryIndex
from sessionkit.review.partnerships import AsClient, Partnership, partnerships
from sessionkit.timefmt import local

TRENDS = (
    ("share", "client talk", "%"),
    ("scale_start", "scale start", ""),
    ("scale_end", "scale end", ""),
)
"""Each person's own trends as the client (AsClient's lists), one row per person."""


def rhythm(p: Partnership) -> Text:
    parts = [p.progress]
    if p.cadence_days:
        parts.append(f"every {p.cadence_days} days")
    parts.append(f"last {local(p.last_session, '%a %d %b')}")
    if p.minutes:
        parts.append(f"{p.minutes[-1]:g} min")
    out = Text(one_line(" · ".join(parts)))
    if p.next_session:
        out.append(" · next ").append(zoned_day(p.next_session, p.next_session_tz), style="bold")
    return out


def agreed_line(p: Partnership) -> str:
    """The sessions agreed and still ahead ("" if none beyond the next one shown)."""
    ahead = p.upcoming
    if len(ahead) < 2:
        return ""
    days = " · ".join(local(s.at, "%a %d %b", s.tz) for s in ahead[:5])
    more = f" … +{len(ahead) - 5}" if len(ahead) > 5 else ""
    return f"agreed ahead ({len(ahead)}): {days}{more}"


def status(p: Partnership) -> Content:
    """Flagged: the status as a label in the theme's `$error`; else muted (theme colours,
    resolved when drawn: no colour written here)."""
    if p.flagged:
        reason = one_line(p.reason)
        return Content.assemble((f" {p.status.upper()} ", "bold $background on $error"),
                                f" {reason}")
    return Content.styled(one_line(f"{p.status}: {p.reason}"), "$foreground-muted")


def scale_text(who: AsClient) -> str:
    """Their latest round's scale, start → end ("" when neither was given)."""
    start, end = who.last_scale
    if start is None and end is None:
        return ""
    return f"{'?' if start is None else start} → {'?' if end is None else end}"


class PartnershipCard(Vertical):
    """One pair: rhythm, status, and each person's own trends as the client (a row each)."""

    def __init__(self, p: Partnership) -> None:
        super().__init__(classes="partnership")
        self.partnership = p
        self.border_title = shown(f"{p.names[0]} & {p.names[1]}")
        self.set_class(p.flagged, "-flagged")

    def compose(self) -> ComposeResult:
        p = self.partnership
        yield Static(rhythm(p), classes="partnership-rhythm")
        agreed = agreed_line(p)
        if agreed:
            yield Static(shown(agreed), classes="partnership-agreed")
        yield Static(status(p), classes="partnership-status")
        for who in p.as_client:
            with Horizontal(classes="partnership-trends"):
                with Vertical(classes="partnership-person"):
                    yield Static(shown(f"{who.name} as client"), classes="partnership-who")
                    rounds = f"{who.rounds} round{'s' * (who.rounds != 1)}"
                    scale = scale_text(who)
                    yield Static(f"{rounds}{' · ' + scale if scale else ''}",
                                 classes="partnership-trend-label")
                for attr, label, unit in TRENDS:
                    data = getattr(who, attr)
                    latest = f" {data[-1]:g}{unit}" if data else " —"
                    with Vertical(classes="partnership-trend"):
                        yield Static(f"{label}{latest}", classes="partnership-trend-label")
                        yield Sparkline(data, classes="partnership-spark")


class PartnershipsScreen(Screen[None]):
    """Every pair, those needing attention first."""

    CSS_PATH = "partnerships.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="partnerships.back"),
    ]

    def __init__(self, index: HistoryIndex, clock: Clock, person: str | None = None) -> None:
        super().__init__()
        self.index = index
        self.clock = clock
        self.person = person
        self.items = partnerships(index.filter(person), clock.now())

    def compose(self) -> ComposeResult:
        yield AppHeader("Partnerships", who=f"with {self.person}" if self.person else "everyone")
        flagged = sum(p.flagged for p in self.items)
        summary = f"{len(self.items)} partnerships, {flagged} need attention"
        yield Static(summary, id="partnerships-count")
        with VerticalScroll(id="partnerships-body"):
            for p in self.items:
                yield PartnershipCard(p)
            if not self.items:
                yield Static("No partnerships yet.", id="partnerships-empty")
        yield app_footer()

    def on_mount(self) -> None:
        self.query_one("#partnerships-body").focus()

    def action_back(self) -> None:
        self.dismiss()
