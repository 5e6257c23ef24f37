"""Group meetings from home: a dialog to start one (members, method, minutes: checked by the
same core check as `sessionkit group start`, one line per problem), an unfinished meeting
offered for resuming (`y`) or keeping (`n`) like an unfinished session, and the kept ones listed
with the unfinished sessions (`enter` resumes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static
from textual.widgets.option_list import Option

from screens.services import Services
from screens.widgets.fmt import local_day, local_hm
from screens.widgets.line import Line
from screens.widgets.safe import Field, escape, shown
from sessionkit.errors import SessionkitError
from sessionkit.group.methods import MethodCatalog, UnknownMethod
from sessionkit.group.model import GroupMeeting
from sessionkit.group.start import GroupStart, plan_start

if TYPE_CHECKING:
    from sessionkit.store.source import GroupSource

GROUP_PREFIX = "group:"
"""Option ids of unfinished meetings in home's unfinished list (sessions use their bare id)."""


class GroupStartDialog(ModalScreen[GroupStart | None]):
    """Members, method, minutes; `enter` starts (a problem stays in one line, nothing is
    written), `esc` goes back home."""

    DEFAULT_CSS = """
    GroupStartDialog { align: center middle; background: $background 60%; }
    GroupStartDialog > Vertical { width: 76; max-width: 100%; height: auto;
                                  border: thick $primary; background: $surface; padding: 0 1; }
    GroupStartDialog .gs-row { height: auto; }
    GroupStartDialog .gs-label { width: 9; color: $text-muted; }
    GroupStartDialog #gs-members, GroupStartDialog #gs-method { width: 1fr; }
    GroupStartDialog #gs-minutes { width: 8; }
    GroupStartDialog #gs-error { height: auto; color: $error; }
    GroupStartDialog #gs-keys { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="group-dialog-back"),
    ]

    def __init__(self, methods: MethodCatalog) -> None:
        super().__init__()
        self.methods = methods

    def compose(self) -> ComposeResult:
        with Vertical():
            with Horizontal(classes="gs-row"):
                yield Label("Members", classes="gs-label")
                yield Field(placeholder="3 to 8 names, comma-separated (keys 1-8 follow)",
                            id="gs-members", compact=True)
            with Horizontal(classes="gs-row"):
                yield Label("Method", classes="gs-label")
                yield Select([(shown(f"{m.name} ({m.minutes} min)"), k)
                              for k, m in sorted(self.methods.methods.items())],
                             value=self._default(), allow_blank=False, id="gs-method",
                             compact=True)
            with Horizontal(classes="gs-row"):
                yield Label("Minutes", classes="gs-label")
                yield Field(placeholder="method's", id="gs-minutes", compact=True,
                            max_length=3, restrict=r"\d*")
            yield Line(id="gs-error")
            yield Static("enter = start (casting first) · esc = back", id="gs-keys")

    def _default(self) -> str:
        return "resource" if "resource" in self.methods.methods else sorted(self.methods.methods)[0]

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Start a group meeting"
        if self.methods.problems:
            self.query_one("#gs-error", Line).set(
                f"[$warning]skipped a broken method file: {escape(self.methods.problems[0])}[/]")
        self.query_one("#gs-members", Input).focus()

    @on(Input.Submitted)
    def start(self) -> None:
        raw = self.query_one("#gs-minutes", Input).value.strip()
        try:
            plan = plan_start(self.query_one("#gs-members", Input).value, self.methods,
                              str(self.query_one("#gs-method", Select).value),
                              int(raw) if raw else None)
        except SessionkitError as err:  # the command line's words, without its dashes
            self.query_one("#gs-error", Line).set(f"[$error]{escape(str(err).lstrip('-'))}[/]")
            return
        self.dismiss(plan)

    def action_cancel(self) -> None:
        self.dismiss(None)


def method_for(methods: MethodCatalog, key: str) -> Any:
    """The meeting's method, or `free` when it is no longer there (a user file removed)."""
    try:
        return methods.get(key)
    except UnknownMethod:
        return methods.get("free")


def resume_group(app: App[Any], services: Services, meeting: GroupMeeting,
                 done: Callable[[str | None], None], methods: MethodCatalog | None = None
                 ) -> None:
    """Casting for an unfinished meeting (its running round reopens at once)."""
    from screens.group_casting import CastingScreen
    from sessionkit.group.live import LiveGroup

    method = method_for(methods or MethodCatalog.load(), meeting.method)
    app.push_screen(CastingScreen(LiveGroup(meeting, method, services.clock), services), done)


def resume_question(meeting: GroupMeeting) -> tuple[str, str]:
    """The question and its detail, as for an unfinished session."""
    return (f"Resume the unfinished group meeting of {', '.join(meeting.members)} "
            f"from {local_hm(meeting.started_at)}?",
            f"{len(meeting.rounds)} round(s) held · y resumes it now · n keeps it as it is "
            "(unfinished, in your history)")


def kept_groups(store: GroupSource) -> list[GroupMeeting]:
    """Meetings kept unfinished in the database (not those still in a journal)."""
    from sessionkit.store.groups import raw_groups

    return [GroupMeeting.from_dict(d) for d in raw_groups(store) if d.get("status") != "completed"]


def unfinished_options(store: GroupSource) -> list[Option]:
    return [Option(shown(f"{local_day(m.started_at)} · group of {len(m.members)}: "
                         f"{', '.join(m.members)}"), id=GROUP_PREFIX + m.id)
            for m in sorted(kept_groups(store), key=lambda m: m.started_at, reverse=True)]


def find_kept(store: GroupSource, option_id: str) -> GroupMeeting | None:
    wanted = option_id.removeprefix(GROUP_PREFIX)
    return next((m for m in kept_groups(store) if m.id == wanted), None)


async def offer_pending(app: App[Any], services: Services,
                        done: Callable[[str | None], None]) -> int | None:
    """Ask about each meeting a crash left in a journal: `y` resumes it (returns None), `n`
    keeps it unfinished in the database. Returns how many were kept."""
    from screens.dialogs import ConfirmDialog
    from sessionkit.store.groups import keep_unfinished, pending_groups
    from sessionkit.store.lazy import opened_store

    kept = 0
    for meeting in pending_groups(services.store):
        if await app.push_screen_wait(ConfirmDialog(*resume_question(meeting))):
            resume_group(app, services, meeting, done)
            return None
        try:
            keep_unfinished(opened_store(services.store), meeting)
        except SessionkitError as err:
            app.notify(f"Could not keep it: {err} (it stays in the journal)", severity="error",
                       markup=False)
            continue
        kept += 1
    return kept


def start_dialog(app: App[Any], services: Services, done: Callable[[str | None], None]) -> None:
    """The start dialog, then (as `group start` does) casting, or the offer of an unfinished
    meeting first."""
    from screens.group_launch import open_group

    methods = MethodCatalog.load()

    def chosen(plan: GroupStart | None) -> None:
        if plan is not None:
            open_group(app, services, plan, methods, done)

    app.push_screen(GroupStartDialog(methods), chosen)
