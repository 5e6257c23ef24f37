"""Home: start a session, resume an unfinished one, open the review.

On opening it first asks about every session a crash left in a journal: resume it (`y`) or keep
it as it is, unfinished (`n`). Then it does what the command line asked for (start, review).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from screens.dialogs import ConfirmDialog
from screens.launch import new_live, resumed_live
from screens.services import Services
from screens.widgets.fmt import local_day, local_hm
from screens.widgets.line import Line
from sessionkit.errors import SessionkitError
from sessionkit.live.session import LiveSession
from sessionkit.models import Session


def _count(n: int) -> str:
    return f"{n} session{'' if n == 1 else 's'}"


def people(session: Session) -> str:
    return " and ".join(dict.fromkeys(n for r in session.rounds for n in (r.coach, r.client)))


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("ctrl+r", "review", "Review", id="review"),
    ]
    """Typing goes to the fields, so home's own keys are ctrl- keys."""

    def __init__(
        self,
        services: Services,
        start: dict[str, Any] | None = None,
        review: bool = False,
        person: str | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.store, self.catalog = services.store, services.catalog
        self.settings, self.clock = services.settings, services.clock
        self.start_options = start
        self.open_review = review
        self.person = person
        self._unfinished: dict[str, Session] = {}

    def compose(self) -> ComposeResult:
        yield Line(id="home-title")
        with Horizontal(id="home-body"):
            with Vertical(id="start-form"):
                with Horizontal(classes="home-row"):
                    yield Label("Coach", classes="home-label")
                    yield Input(placeholder="who coaches", id="coach", compact=True)
                with Horizontal(classes="home-row"):
                    yield Label("Client", classes="home-label")
                    yield Input(placeholder="who is coached", id="client", compact=True)
                with Horizontal(classes="home-row"):
                    yield Label("Minutes", classes="home-label")
                    yield Input(str(self.settings.default_minutes), id="minutes", compact=True,
                                max_length=3, restrict=r"\d*")
                with Horizontal(classes="home-row"):
                    yield Label("Model", classes="home-label")
                    yield Select(
                        [(m.name, k) for k, m in sorted(self.catalog.models.items())],
                        value=self._default_model(), allow_blank=False, id="model", compact=True,
                    )
                yield Checkbox("Swap roles (peer pair: two rounds)", id="swap",
                               compact=True)
                with Horizontal(classes="home-row"):
                    yield Button("Start", id="start", variant="primary", compact=True)
                    yield Line(id="home-error")
            with Vertical(id="home-side"):
                yield OptionList(id="unfinished")
                yield Button("Review history", id="review", compact=True)
        yield Line(id="home-message")
        yield Footer(compact=True, show_command_palette=False)

    def _default_model(self) -> str:
        key = self.settings.default_model
        return key if key in self.catalog.models else sorted(self.catalog.models)[0]

    def on_mount(self) -> None:
        self.query_one("#start-form").border_title = "Start a session"
        self.query_one("#unfinished").border_title = "Unfinished: enter resumes"
        self.refresh_lists()
        self.query_one("#coach", Input).focus()
        self._startup()

    def refresh_lists(self) -> None:
        self.query_one("#home-title", Line).set(
            f"[b]sessionkit[/] · {_count(self.store.count())} saved"
        )
        self._unfinished = {s.id: s for s in self.store.pending()}
        for doc in self.store.raw_sessions():
            if doc.get("status") == "unfinished" and doc.get("id") not in self._unfinished:
                try:
                    self._unfinished[doc["id"]] = Session.from_dict(doc)
                except ValueError:
                    continue
        listing = self.query_one("#unfinished", OptionList)
        listing.clear_options()
        for s in sorted(self._unfinished.values(), key=lambda s: s.started_at, reverse=True):
            listing.add_option(Option(f"{local_day(s.started_at)} · {people(s)}", id=s.id))
        if not self._unfinished:
            listing.add_option(Option("none", id="-none", disabled=True))

    def say(self, message: str, error: bool = False) -> None:
        line = self.query_one("#home-error" if error else "#home-message", Line)
        line.set(f"[$error]{escape(message)}[/]" if error else escape(message))

    # -- what happens on opening --------------------------------------------------------------
    @work(exclusive=True, group="startup")
    async def _startup(self) -> None:
        for session in self.store.pending():
            question = (
                f"Resume the unfinished session with {people(session)} "
                f"from {local_hm(session.started_at)}?"
            )
            detail = "y resumes it now · n keeps it as it is (unfinished, in your history)"
            if await self.app.push_screen_wait(ConfirmDialog(question, detail)):
                self.resume(session)
                return
            self._keep(session)
        self.refresh_lists()
        if self.start_options:
            options, self.start_options = self.start_options, None
            self.begin(**options)
        elif self.open_review:
            self.open_review = False
            self.action_review()

    def _keep(self, session: Session) -> None:
        try:
            self.store.keep_unfinished(session)
        except SessionkitError as err:
            self.say(f"Could not keep it: {err} (it stays in the journal)", error=True)

    # -- starting and resuming ------------------------------------------------------------
    def begin(self, coach: str, client: str, minutes: int, model: str, swap: bool) -> None:
        try:
            live = new_live(
                self.store, self.catalog, self.clock, self.settings,
                coach, client, minutes, model, swap,
            )
        except SessionkitError as err:
            self.say(str(err), error=True)
            return
        self._open(live, resumed=False)

    def resume(self, session: Session) -> None:
        live, note = resumed_live(self.catalog, self.clock, self.settings, session)
        self._open(live, resumed=True)
        if note:
            self.notify(note)

    def _open(self, live: LiveSession, resumed: bool) -> None:
        from screens.session import SessionScreen

        self.say("")
        self.app.push_screen(
            SessionScreen(live, self.services, resumed=resumed), self.session_closed
        )

    def session_closed(self, summary: str | None) -> None:
        self.refresh_lists()
        if summary:
            self.say(summary)

    @on(Button.Pressed, "#start")
    @on(Input.Submitted, "#coach, #client, #minutes")
    def _start_pressed(self) -> None:
        raw = self.query_one("#minutes", Input).value.strip()
        self.begin(
            coach=self.query_one("#coach", Input).value,
            client=self.query_one("#client", Input).value,
            minutes=int(raw) if raw.isdigit() else 0,
            model=str(self.query_one("#model", Select).value),
            swap=self.query_one("#swap", Checkbox).value,
        )

    @on(OptionList.OptionSelected, "#unfinished")
    def _resume_selected(self, event: OptionList.OptionSelected) -> None:
        session = self._unfinished.get(event.option.id or "")
        if session is not None:
            self.resume(session)

    @on(Button.Pressed, "#review")
    def action_review(self) -> None:
        try:
            from screens.review import ReviewScreen  # type: ignore[import-not-found]
        except ImportError:
            self.say("Review is not available in this version yet", error=True)
            return
        self.app.push_screen(ReviewScreen(self.store, self.clock, person=self.person))
