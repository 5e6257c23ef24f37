"""The live session screen: what a coach keeps open during the call.

Thin: it renders `LiveSession.snapshot()` once a second (and after every key) and turns keys into
`LiveSession` calls. Every change goes to the journal through the Autosaver (a writer thread),
and every 2 s while the clock runs.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.reactive import reactive
from textual.widgets import Button, Footer, Input, SelectionList

from screens.dialogs import ConfirmDialog
from screens.help import HelpScreen, binding_rows
from screens.session_keys import SESSION_BINDINGS
from screens.session_saving import SavingScreen
from screens.widgets import Line, NotesPane, OutcomePane, QuestionsPane, StartList, TalkPane
from sessionkit.config.settings import Settings
from sessionkit.errors import SessionkitError
from sessionkit.live.autosave import Autosaver
from sessionkit.live.session import LiveSession, LiveSnapshot
from sessionkit.review import carry
from sessionkit.review.history import set_action_done
from sessionkit.store import SessionStore


class SessionScreen(SavingScreen):
    """Dismisses with a one-line summary once the session is saved (None if left unfinished)."""

    CSS_PATH = "session.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [*SESSION_BINDINGS]

    snap: reactive[LiveSnapshot | None] = reactive(
        None, always_update=True, init=False, repaint=False
    )
    """The latest snapshot; watching it redraws the panes."""

    def __init__(
        self, live: LiveSession, store: SessionStore, settings: Settings, resumed: bool = False
    ) -> None:
        super().__init__()
        self.live = live
        self.store = store
        self.settings = settings
        self.resumed = resumed
        self.closed = False
        self.autosaver = Autosaver(store.journal(live.session.id), self._save_error_in_thread)
        self._last_save = live.clock.monotonic()
        self._actions: list[carry.OpenAction] = []

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="session-header"):
            yield Line(id="who")
            yield Line(id="status")
            yield Button("Switch roles", id="switch-roles-button", compact=True)
        yield Line(id="banner")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield OutcomePane(id="outcome-pane")
                yield TalkPane(id="talk-pane")
                yield StartList(id="start-list")
            with Vertical(id="right"):
                yield QuestionsPane(id="questions-pane")
                yield NotesPane(id="notes-pane")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#switch-roles-button", Button).can_focus = False
        self.query_one("#banner", Line).display = False
        self.query_one("#outcome-pane").border_title = "Outcome"
        self.query_one("#talk-pane").border_title = "Talk & clock"
        self.query_one("#questions-pane").border_title = "Questions & reframes"
        self.query_one("#notes-pane").border_title = "Notes & actions"
        self.query_one("#start-list").border_title = "Start of round"
        self._load_round()
        if self.live.session.draft:  # resumed with a note half-typed before the crash
            notes = self.query_one(NotesPane)
            notes.set_kind(self.live.session.draft_kind)
            notes.query_one("#note-input", Input).value = self.live.session.draft
        self.set_interval(1, self.tick)
        self._save()
        if self.live.ended:
            self.call_after_refresh(self._open_feedback)
        elif self.resumed:
            self.focus_session()
        else:
            self.action_outcome()

    def on_unmount(self) -> None:
        self.close_autosave()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _load_round(self) -> None:
        rnd = self.live.round
        self.query_one(OutcomePane).load(rnd.outcome, rnd.outcome_measure, rnd.scale_start)
        exclude = self.live.session.id
        self._actions = carry.open_actions(self.store, rnd.client, exclude=exclude)
        start = self.query_one(StartList)
        start.load(rnd.checklist, self._actions)
        # a style, not a screen class: a class on the screen restyles every widget (~70 ms)
        self.query_one(TalkPane).styles.height = "auto" if start.display else "1fr"
        self.snap = self.live.snapshot()

    # -- rendering ------------------------------------------------------------------------
    def tick(self) -> None:
        """Once a second: redraw from a fresh snapshot; autosave every 2 s while the clock runs."""
        if self.closed:
            return
        self.snap = self.live.snapshot()
        if not self.live.ended and not self.live.tracker.paused:
            if self.live.clock.monotonic() - self._last_save >= 2.0:
                self._save()

    def watch_snap(self, snap: LiveSnapshot | None) -> None:
        if snap is None:
            return
        planned = f"Round {snap.round_no}/{snap.rounds_planned}"
        self.query_one("#who", Line).set(
            f"[b]{planned} · {escape(snap.coach)} coaching {escape(snap.client)}[/]"
            f"  [dim]{escape(self.live.model.name)}[/]"
        )
        self.query_one(TalkPane).show(snap, self.settings.coach_share_high)
        self.query_one(QuestionsPane).show(snap)
        self.query_one(NotesPane).show(self.live.round.notes)

    def say(self, message: str, error: bool = False) -> None:
        """One line in the header: an error (red) or a short confirmation."""
        line = self.query_one("#status", Line)
        line.set_class(error, "-error")
        line.set(escape(message))

    # -- saving ---------------------------------------------------------------------------
    def _changed(self) -> None:
        self.snap = self.live.snapshot()
        self._save()

    # -- focus ----------------------------------------------------------------------------
    # Focus moves with set_focus (at once), not widget.focus() (queued behind keys already
    # typed): after `n`, the very next key must land in the note box.
    def focus_session(self) -> None:
        self.set_focus(self.query_one(TalkPane))

    def _save_outcome(self) -> bool:
        try:
            text, measure, scale = self.query_one(OutcomePane).values()
        except ValueError as err:
            self.say(str(err), error=True)
            return False
        self.live.set_outcome(text, measure, scale)
        rnd = self.live.round
        self.query_one(OutcomePane).show_view(rnd.outcome, rnd.outcome_measure, rnd.scale_start)
        self._changed()
        return True

    def _leave_outcome(self) -> None:
        """Save what is in the fields (an invalid scale stays there, reported) and read again."""
        pane = self.query_one(OutcomePane)
        if pane.editing:
            self._save_outcome()
            pane.edit(False)

    @on(Input.Changed, "#outcome, #measure")
    def _outcome_typed(self, event: Input.Changed) -> None:
        rnd = self.live.round
        value = event.value.strip()
        if value != (rnd.outcome if event.input.id == "outcome" else rnd.outcome_measure):
            if event.input.id == "outcome":
                self.live.set_outcome(event.value)
            else:
                self.live.set_outcome(rnd.outcome, event.value)
            self._save()

    @on(Input.Blurred, "#outcome, #measure, #scale")
    def _outcome_blurred(self) -> None:
        self.call_after_refresh(self._outcome_focus_moved)

    def _outcome_focus_moved(self) -> None:
        pane = self.query_one(OutcomePane)
        if pane.editing and not pane.has_focus_within:
            self._leave_outcome()

    @on(Input.Submitted, "#outcome, #measure, #scale")
    def _outcome_entered(self) -> None:
        if self._save_outcome():
            self.say("Outcome saved")
            self.query_one(OutcomePane).edit(False)
            self.focus_session()

    @on(Input.Changed, "#note-input")
    def _note_typed(self, event: Input.Changed) -> None:
        """Nothing typed is lost: the draft goes to the journal as it is typed."""
        if event.value.strip() != self.live.session.draft.strip():
            self.live.set_draft(event.value, self.query_one(NotesPane).kind)
            self._save()

    @on(Input.Submitted, "#note-input")
    def _note_entered(self, event: Input.Submitted) -> None:
        from screens.widgets.notes import parse_draft

        field = event.input
        text, private = parse_draft(field.value)
        if text:
            notes = self.query_one(NotesPane)
            self.live.add_note(text, notes.kind, private)
            field.value = ""
            self._changed()
            self.say(f"{'Action' if notes.kind == 'action' else 'Note'} saved")
        self.focus_session()

    @on(SelectionList.SelectionToggled, "#start-list")
    def _ticked(self, event: SelectionList.SelectionToggled[str]) -> None:
        value = event.selection.value
        ticked = value in event.selection_list.selected
        kind, _, key = value.partition(":")
        if kind == "check":
            self.live.tick_checklist(key, ticked)
            self._changed()
        else:
            self._tick_action(self._actions[int(key)], ticked)

    @work(thread=True, group="store")
    def _tick_action(self, action: carry.OpenAction, done: bool) -> None:
        """Saving the earlier session waits for an fsync: off the event loop (the store
        serialises saves from threads)."""
        try:
            set_action_done(self.store, self.live.clock, action.session_id, action.note_id, done)
        except SessionkitError as err:
            self.app.call_from_thread(self.say, f"Could not tick that action: {err}", True)

    # -- actions (the keys) ---------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`esc` shows in the footer only while a field or the list has the focus."""
        if action == "back":
            return not isinstance(self.focused, TalkPane)
        return True


    def _live_only(self) -> bool:
        return not self.live.ended and not self.closed

    def action_toggle_speaker(self) -> None:
        if self._live_only():
            self.live.toggle_speaker()
            self._changed()

    def action_silence(self) -> None:
        if self._live_only():
            self.live.silence()
            self._changed()

    def action_write(self, kind: str) -> None:
        notes = self.query_one(NotesPane)
        notes.set_kind(kind)
        if self.live.session.draft:
            self.live.set_draft(self.live.session.draft, kind)
        self.set_focus(self.query_one("#note-input", Input))

    def action_phase(self, step: int) -> None:
        if self._live_only():
            (self.live.next_phase if step > 0 else self.live.prev_phase)()
            self._changed()

    def action_pause(self) -> None:
        if self._live_only():
            paused = self.live.toggle_pause()
            self._changed()
            self.say("Clock paused" if paused else "Clock running")

    def action_outcome(self) -> None:
        self.query_one(OutcomePane).edit(True)
        self.set_focus(self.query_one("#outcome", Input))

    def action_use_suggestion(self) -> None:
        snap = self.live.snapshot()
        if snap.suggestions and self._live_only():
            self.live.mark_used(snap.suggestions[0].id)
            self._changed()

    def action_checklist(self) -> None:
        start = self.query_one(StartList)
        if start.display:
            if start.highlighted is None and start.option_count:
                start.highlighted = 0
            self.set_focus(start)

    def action_back(self) -> None:
        self._leave_outcome()
        self.focus_session()

    def action_help(self) -> None:
        keymap: dict[str, str] = dict(self.settings.keys)
        rows = binding_rows(SESSION_BINDINGS, keymap)
        self.app.push_screen(HelpScreen("Live session keys", rows))

    @on(Button.Pressed, "#switch-roles-button")
    def action_switch_roles(self) -> None:
        if not self._live_only():
            return
        rnd = self.live.round
        next_round = len(self.live.session.rounds) + 1
        question = f"Switch roles? {rnd.client} coaches {rnd.coach} in round {next_round}."
        self.app.push_screen(
            ConfirmDialog(question, "This round ends now; the new one starts with its outcome."),
            self._switch_confirmed,
        )

    def _switch_confirmed(self, ok: bool | None) -> None:
        if ok:
            self.live.switch_roles()
            self._load_round()
            self._changed()
            self.say("Roles switched")
            self.action_outcome()

    def action_end(self) -> None:
        if self.closed:
            return
        if self.live.ended:
            self._open_feedback()
            return
        self.app.push_screen(
            ConfirmDialog("End the session?", "The clock stops; then feedback for each round."),
            self._end_confirmed,
        )

    def _end_confirmed(self, ok: bool | None) -> None:
        if ok:
            self.live.end()
            self._changed()
            self._open_feedback()
