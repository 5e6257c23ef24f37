"""Partnerships: each pair's rhythm (n of N, cadence, next date, overdue) and trend sparklines."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Sparkline, Static

from screens.dialogs import ConfirmDialog
from screens.widgets.fmt import zoned_day
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.safe import shown
from sessionkit.clock import Clock
from sessionkit.plain import one_line
from sessionkit.review.history import HistoryIndex
from sessionkit.review.partnerships import AsClient, Partnership, partnerships
from sessionkit.schedule import Slot
from sessionkit.store.source import SessionWriter
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


class PartnershipCard(Vertical, can_focus=True):
    """One pair: rhythm, status, and each person's own trends as the client (a row each).
    Focusable: `x` / `m` on the screen cancel or move this pair's next agreed session."""

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
        Binding("down,j", "app.focus_next", "Next pair", show=False, id="partnerships.next"),
        Binding("up,k", "app.focus_previous", "Previous pair", show=False,
                id="partnerships.previous"),
        Binding("x", "cancel_next", "Cancel next", id="partnerships.cancel"),
        Binding("m", "move_next", "Move next", id="partnerships.move"),
    ]
    """`x` / `m`: cancel or move the highlighted pair's next agreed session (its calendar
    UID stays, so an exported calendar updates the event)."""

    def __init__(self, index: HistoryIndex, clock: Clock, person: str | None = None,
                 store: SessionWriter | None = None) -> None:
        super().__init__()
        self.index = index
        self.clock = clock
        self.person = person
        self.store = store
        """Where a cancel or move is saved (None: the view only reads)."""
        self.items = partnerships(index.filter(person), clock.now())

    def compose(self) -> ComposeResult:
        yield AppHeader("Partnerships", who=f"with {self.person}" if self.person else "everyone")
        flagged = sum(p.flagged for p in self.items)
        count = len(self.items)
        summary = (f"{count} partnership{'s' * (count != 1)}, "
                   f"{flagged} need{'s' * (flagged == 1)} attention")
        yield Static(summary, id="partnerships-count")
        with VerticalScroll(id="partnerships-body"):
            for p in self.items:
                yield PartnershipCard(p)
            if not self.items:
                yield Static("No partnerships yet.", id="partnerships-empty")
        yield app_footer()

    def on_mount(self) -> None:
        cards = self.query(PartnershipCard)
        (cards.first() if cards else self.query_one("#partnerships-body")).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cancel_next", "move_next"):
            return self.store is not None and bool(self.query(PartnershipCard))
        return True

    def _next_slot(self) -> tuple[Partnership, Slot] | None:
        card = self.focused if isinstance(self.focused, PartnershipCard) else None
        if card is None:
            return None
        p = card.partnership
        slot = next(iter(p.missed + p.upcoming), None)
        if slot is None:
            self.notify("Nothing agreed ahead for this pair.", markup=False)
            return None
        return p, slot

    @work(exclusive=True, group="partnerships-change")
    async def action_cancel_next(self) -> None:
        found = self._next_slot()
        if found is None or self.store is None:
            return
        p, slot = found
        when = zoned_day(slot.at, slot.tz)
        question = f"Cancel the session of {p.names[0]} & {p.names[1]} agreed for {when}?"
        if await self.app.push_screen_wait(ConfirmDialog(question)):
            await self._change(slot.uid, None, None, f"Cancelled the session of {when}")

    @work(exclusive=True, group="partnerships-change")
    async def action_move_next(self) -> None:
        found = self._next_slot()
        if found is None or self.store is None:
            return
        p, slot = found
        when = zoned_day(slot.at, slot.tz)
        moved = await self.app.push_screen_wait(MoveDialog(
            f"Move the session of {p.names[0]} & {p.names[1]} from {when} to?", self.clock,
            slot.tz))
        if moved is not None:
            await self._change(slot.uid, moved[0], moved[1], f"Moved the session of {when}")

    async def _change(self, uid: str, at: str | None, tz: str | None, said: str) -> None:
        from sessionkit.errors import SessionkitError
        from sessionkit.review.agenda import change

        assert self.store is not None
        try:
            change(self.store, uid, at, tz)
        except SessionkitError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        self.index = HistoryIndex.from_store(self.store)
        self.items = partnerships(self.index.filter(self.person), self.clock.now())
        await self.recompose()
        self.on_mount()
        self.notify(said, markup=False)

    def action_back(self) -> None:
        self.dismiss()


class MoveDialog(ModalScreen["tuple[str, str] | None"]):
    """Ask for the new time of an agreed session (the date forms of the feedback screen);
    `enter` with a good date dismisses with (UTC ISO time, zone), `esc` with None."""

    DEFAULT_CSS = """
    MoveDialog { align: center middle; background: $background 60%; }
    MoveDialog > Vertical {
        width: 80; max-width: 95%; height: auto; border: thick $warning; background: $surface;
        padding: 1 2;
    }
    MoveDialog #move-question { width: 100%; text-style: bold; }
    MoveDialog #move-said { width: 100%; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, question: str, clock: Clock, tz: str | None) -> None:
        super().__init__()
        self.question, self.clock, self.tz = question, clock, tz

    def compose(self) -> ComposeResult:
        from sessionkit.when import HINT

        with Vertical():
            yield Static(shown(self.question), id="move-question")
            yield Input(placeholder=HINT, id="move-when")
            yield Static(shown("enter moves it · esc leaves it as it is"), id="move-said")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from sessionkit.when import parse_when

        try:
            when = parse_when(event.value, self.clock.now(), self.tz)
        except ValueError as err:
            self.query_one("#move-said", Static).update(shown(str(err)))
            return
        self.dismiss((when.at, when.tz))
