"""Home: start a session, resume an unfinished one, open the review; and what a coach needs
before the next call: next sessions (overdue ones first), the open actions of the person about
to be seen (the client typed in the form, else the next scheduled pair), recent sessions.

On opening it first asks about every session a crash left in a journal: resume it (`y`) or keep
it as it is, unfinished (`n`). Then it does what the command line asked for (start, review).
The dashboard is built in a thread after the first frame, so home paints as fast as before.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from screens import home_group
from screens.dialogs import ConfirmDialog
from screens.launch import new_live, resumed_live
from screens.services import Services
from screens.widgets.dashboard import (
    DashList,
    action_options,
    coming_options,
    pair_names,
    recent_options,
)
from screens.widgets.fmt import local_day, local_hm
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.line import Line
from screens.widgets.safe import Field, escape, shown
from screens.widgets.ticks import TickBox
from sessionkit.clock import iso
from sessionkit.errors import SessionkitError
from sessionkit.live.session import LiveSession
from sessionkit.models import Session, people_in
from sessionkit.review.dashboard import Dashboard, build, open_actions_for
from sessionkit.review.history import HistoryIndex
from sessionkit.timefmt import local


def _count(n: int) -> str:
    return f"{n} session{'' if n == 1 else 's'}"


def counts(dash: Dashboard) -> str:
    """`22 sessions saved · 2 unfinished`: an unfinished session is not counted as saved."""
    out = f"{_count(dash.completed)} saved"
    return f"{out} · {dash.unfinished} unfinished" if dash.unfinished else out


def people(session: Session) -> str:
    return " and ".join(people_in(session))


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("ctrl+r", "review", "Review", id="review"),
        Binding("ctrl+g", "group", "Group meeting", id="home-group"),
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
        self.index: HistoryIndex | None = None
        self.dashboard: Dashboard | None = None
        self._pair: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader("Home")
        with Horizontal(id="home-body"):
            with Vertical(id="start-form"):
                with Horizontal(classes="home-row"):
                    yield Label("Coach", classes="home-label")
                    yield Field(placeholder="who coaches", id="coach", compact=True)
                with Horizontal(classes="home-row"):
                    yield Label("Client", classes="home-label")
                    yield Field(placeholder="who is coached", id="client", compact=True)
                with Horizontal(classes="home-row"):
                    yield Label("Minutes", classes="home-label")
                    yield Field(str(self.settings.default_minutes), id="minutes", compact=True,
                                max_length=3, restrict=r"\d*")
                with Horizontal(classes="home-row"):
                    yield Label("Model", classes="home-label")
                    yield Select(
                        [(shown(m.name), k) for k, m in sorted(self.catalog.models.items())],
                        value=self._default_model(), allow_blank=False, id="model", compact=True,
                    )
                yield TickBox("Swap roles (peer pair)", id="swap",
                               compact=True)
                with Horizontal(classes="home-row"):  # blank: the pair's plan so far
                    yield Label("Sessions", classes="home-label")
                    yield Field(placeholder="–", id="programme", compact=True, max_length=3,
                                restrict=r"\d*", tooltip="sessions in the programme (n of N)")
                    yield Label(" every ", classes="home-unit")
                    yield Field(placeholder="–", id="cadence", compact=True, max_length=3,
                                restrict=r"\d*", tooltip="days between sessions")
                    yield Label(" days", classes="home-unit")
                with Horizontal(classes="home-row"):
                    yield Button("Start", id="start", variant="primary", compact=True)
                    yield Line(id="home-error")
            with Vertical(id="home-side"):
                yield OptionList(id="unfinished")
                yield DashList("Open actions", id="dash-actions")
                yield Button("Review history", id="review", compact=True)
                yield Button("Group meeting", id="group", compact=True)
        with Horizontal(id="home-dash"):
            yield DashList("Next sessions", id="dash-coming")
            yield DashList("Recent sessions", id="dash-recent")
        yield Line(id="home-message")
        yield app_footer()

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
        self.call_after_refresh(self.load_dashboard)  # after the first frame: a fast first paint
        self._unfinished = {s.id: s for s in self.store.unfinished()}
        listing = self.query_one("#unfinished", OptionList)
        listing.clear_options()
        for s in sorted(self._unfinished.values(), key=lambda s: s.started_at, reverse=True):
            listing.add_option(Option(shown(f"{local_day(s.started_at)} · {people(s)}"), id=s.id))
        listing.add_options(home_group.unfinished_options(self.store))
        listing.display = listing.option_count > 0

    # -- the dashboard ----------------------------------------------------------------------
    class DashboardLoaded(Message):
        """The dashboard, built off the event loop (posted from the worker's thread)."""

        def __init__(self, index: HistoryIndex, dashboard: Dashboard) -> None:
            super().__init__()
            self.index, self.dashboard = index, dashboard

    @work(thread=True, exclusive=True, group="dashboard")
    def load_dashboard(self) -> None:
        """Read every session into the review's light index (off the event loop) and post it
        back: post_message never waits (a thread that waited on the event loop, as
        `call_from_thread` does, would keep the process alive if the app closed meanwhile)."""
        index = HistoryIndex.from_store(self.store)
        self.post_message(self.DashboardLoaded(index, build(index, self.clock.now())))

    @on(DashboardLoaded)
    def _show_dashboard(self, message: DashboardLoaded) -> None:
        index, dash = message.index, message.dashboard
        self.index, self.dashboard = index, dash
        self.query_one(AppHeader).who = counts(dash)
        self._pair = dash.next_pair
        self.query_one("#dash-coming", DashList).fill(coming_options(dash), "nothing scheduled")
        self.query_one("#dash-recent", DashList).fill(recent_options(dash), "no sessions yet")
        self._show_actions()

    def _show_actions(self) -> None:
        """Open actions of the client typed in the form, else of the next scheduled pair."""
        lst = self.query_one("#dash-actions", DashList)
        if self.index is None:
            return
        client = self.query_one("#client", Input).value.strip()
        if client:
            whose, actions = client, open_actions_for(self.index, client)
        elif self._pair:
            whose = f"next: {pair_names(self._pair)}"
            actions = open_actions_for(self.index, self._pair[0], coach=self._pair[1])
        else:
            whose, actions = "", []
        title = f"Open actions · {whose}" if whose else "Open actions"
        fits = len(title) <= lst.outer_size.width - 6 if lst.outer_size.width else True
        lst.border_title = title if fits else "Open actions"  # a border title cannot wrap
        today = local(iso(self.clock.now()), "%Y-%m-%d")  # which due days have passed
        options = action_options(actions, today)
        if not fits:  # whose they are, whole, as the list's first (unselectable) line
            options = [Option(shown(whose, style="bold"), disabled=True),
                       *(options or [Option("none open", disabled=True)])]
        lst.fill(options, "none open" if whose else "type a client: their open actions")

    @on(Input.Changed, "#client")
    def _client_typed(self) -> None:
        self._show_actions()

    @on(OptionList.OptionSelected, "#dash-coming")
    def _pair_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.dashboard is not None:
            self._pair = self.dashboard.coming[int((event.option.id or "0").split("-")[1])].names
            self.query_one("#client", Input).value = ""
            self._show_actions()

    @on(OptionList.OptionSelected, "#dash-recent, #dash-actions")
    def _session_chosen(self, event: OptionList.OptionSelected) -> None:
        from screens.detail import SessionDetailScreen

        session_id = (event.option.id or "").partition("/")[0]
        if session_id:
            self.app.push_screen(SessionDetailScreen(self.store, self.clock, session_id))

    def say(self, message: str, error: bool = False) -> None:
        line = self.query_one("#home-error" if error else "#home-message", Line)
        line.set(f"[$error]{escape(message)}[/]" if error else escape(message))

    # -- what happens on opening --------------------------------------------------------------
    @work(exclusive=True, group="startup")
    async def _startup(self) -> None:
        pending = self.store.pending()
        for session in pending:
            question = (
                f"Resume the unfinished session with {people(session)} "
                f"from {local_hm(session.started_at)}?"
            )
            detail = "y resumes it now · n keeps it as it is (unfinished, in your history)"
            if await self.app.push_screen_wait(ConfirmDialog(question, detail)):
                self.resume(session)
                return
            self._keep(session)
        groups = await home_group.offer_pending(self.app, self.services, self.session_closed)
        if groups is None:
            return  # a meeting resumed
        if pending or groups:
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
    def begin(self, coach: str, client: str, minutes: int, model: str, swap: bool,
              programme: int | None = None, cadence: int | None = None,
              checklist: bool = False) -> None:
        try:
            live = new_live(
                self.store, self.catalog, self.clock, self.settings,
                coach, client, minutes, model, swap, programme, cadence, checklist,
            )
        except SessionkitError as err:
            self.say(str(err), error=True)
            return
        self._open(live, resumed=False)

    def resume(self, session: Session) -> None:
        live, note = resumed_live(self.catalog, self.clock, self.settings, session)
        self._open(live, resumed=True)
        if note:
            self.notify(escape(note))

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
    @on(Input.Submitted, "#coach, #client, #minutes, #programme, #cadence")
    def _start_pressed(self) -> None:
        raw = self.query_one("#minutes", Input).value.strip()
        plan = [self.query_one(f"#{k}", Input).value.strip() for k in ("programme", "cadence")]
        self.begin(
            programme=int(plan[0]) if plan[0] else None,
            cadence=int(plan[1]) if plan[1] else None,
            coach=self.query_one("#coach", Input).value,
            client=self.query_one("#client", Input).value,
            minutes=int(raw) if raw.isdigit() else 0,
            model=str(self.query_one("#model", Select).value),
            swap=self.query_one("#swap", Checkbox).value,
        )

    @on(OptionList.OptionSelected, "#unfinished")
    def _resume_selected(self, event: OptionList.OptionSelected) -> None:
        meeting = home_group.find_kept(self.store, event.option.id or "")
        if meeting is not None:
            home_group.resume_group(self.app, self.services, meeting, self.session_closed)
        session = self._unfinished.get(event.option.id or "")
        if session is not None:
            self.resume(session)

    @on(Button.Pressed, "#group")
    def action_group(self) -> None:
        """A group meeting: members, method, minutes in a dialog, then casting."""
        home_group.start_dialog(self.app, self.services, self.session_closed)

    @on(Button.Pressed, "#review")
    def action_review(self) -> None:
        try:
            from screens.review import ReviewScreen  # type: ignore[import-not-found]
        except ImportError:
            self.say("Review is not available in this version yet", error=True)
            return
        self.app.push_screen(ReviewScreen(self.store, self.clock, person=self.person,
                                          client_view=self.person is not None))
