"""The live session screen: what a coach keeps open during the call.

Thin: keys become `LiveSession` calls, and that is all a key does. The live session announces
every change, whoever made it (a key, an audio listener), and the screen redraws from its
snapshot; its LiveRecorder (in the app's services) saves it by itself. Panes own their fields
and tell the screen what happened (`OutcomePane.Saved`, `NotesPane.Submitted`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, SelectionList, Static

from screens.services import Services
from screens.session_keys import ANYWHERE, SESSION_BINDINGS
from screens.widgets import Line, NotesPane, OutcomePane, QuestionsPane, StartList, TalkPane
from screens.widgets.fmt import due_label, names
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.listening import cannot_listen, switched
from sessionkit.errors import SessionkitError
from sessionkit.live.recorder import SaveFailed
from sessionkit.live.session import LiveSession
from sessionkit.plain import one_line
from sessionkit.review import carry
from sessionkit.timefmt import duration

if TYPE_CHECKING:  # the listening core is imported only when listening is first switched on
    from sessionkit.listen.control import Listening

MIN_SIZE = (80, 24)


class SessionScreen(Screen[str | None]):
    """Dismisses with a one-line summary once the session is saved (None if left unfinished)."""

    CSS_PATH = "session.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [*SESSION_BINDINGS]

    def __init__(self, live: LiveSession, services: Services, resumed: bool = False) -> None:
        super().__init__()
        self._breakpoint_now()
        self.live, self.services, self.resumed = live, services, resumed
        self.store, self.settings = services.store, services.settings
        self.recorder = services.recorders.open(live, on_error_change=self._saving_changed)
        self._actions: list[carry.OpenAction] = []
        self._last: carry.LastTime | None = None
        self._start: StartList | None = None
        self._list_open = False
        self._redraw_due = False
        self._resumed_before = False
        self._sized_before = False
        self.listening: Listening | None = None
        """Listening (sessionkit.listen.control), once `l` or `--listen` first asks for it."""

    def _breakpoint_now(self) -> None:
        """The height's class (`-short` / `-tall`) from the start: Textual sets it on the first
        resize, and a class that changes then restyles every widget again before the first frame
        (~20-30 ms of `start`). Same rule as Textual's: the largest breakpoint not above."""
        try:
            height = self.app.size.height
        except RuntimeError:  # no running app (built outside one): the first resize sets it
            return
        name = self._breakpoint(height)
        if name:
            self.add_class(name, update=False)

    def _breakpoint(self, height: int) -> str | None:
        for at, name in sorted(self.VERTICAL_BREAKPOINTS, reverse=True):
            if height >= at:
                return name
        return None

    def compose(self) -> ComposeResult:
        self._start_list()
        yield AppHeader("Live", extra=(
            Button("Switch roles", id="switch-roles-button", compact=True),
        ))
        yield Line(id="banner")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield OutcomePane(fields=not self.resumed, id="outcome-pane")
                yield TalkPane(id="talk-pane")
                if self._start is not None:
                    yield self._start
            with Vertical(id="right"):
                yield QuestionsPane(id="questions-pane")
                yield NotesPane(id="notes-pane")
        yield Static(f"terminal too small: needs {MIN_SIZE[0]}×{MIN_SIZE[1]}", id="too-small")
        yield app_footer()

    def on_mount(self) -> None:
        """Synchronous: the focus is where it belongs before the first key is read."""
        self.talk, self.outcome = self.query_one(TalkPane), self.query_one(OutcomePane)
        self.notes, self.questions = self.query_one(NotesPane), self.query_one(QuestionsPane)
        self.header = self.query_one(AppHeader)
        self.banner = self.query_one("#banner", Line)
        self.query_one("#switch-roles-button", Button).can_focus = False
        self.talk.border_title = "Talk & clock"
        self._show_saving()
        self._load_round()
        if self.live.session.draft:  # resumed with a note half-typed before the crash
            self.notes.load_draft(self.live.session.draft, self.live.session.draft_kind)
        self.live.observe(self._live_changed)
        self.set_interval(1, self.tick)
        if self.services.listen is not None and not self.live.ended:
            self.action_listen()
        if self.live.ended:
            self.call_after_refresh(self._open_feedback)
        elif self.resumed:
            self.focus_session()
        else:
            self.set_focus(self.outcome.edit_now())

    def on_unmount(self) -> None:
        if self.listening is not None:
            self.listening.stop()
        self.live.unobserve(self._live_changed)
        self.recorder.close()

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_SIZE[0] or event.size.height < MIN_SIZE[1]
        for widget in self.query("AppHeader, #panes"):
            widget.display = not small
        self.query_one("#too-small").display = small
        if not self._sized_before:
            self._sized_before = True
            name = self._breakpoint(event.size.height)
            if event.size == self.size and (name is None or self.has_class(name)):
                # The first Resize is the one the first layout sends the screen itself, for the
                # size it was just laid out at: Textual's handler (after this one) would lay the
                # whole screen out again before the first frame (~5-10 ms) and set the height
                # class it already has. Later resizes go to it as usual.
                event.prevent_default()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed_before:
            # The first resume follows the mount, where every widget was just styled: Textual's
            # restyle of the whole screen here (runs after this handler) would find nothing new
            # and costs ~15 ms before the first frame. Later resumes restyle as usual.
            self._resumed_before = True
            event.refresh_styles = False
        if self.is_mounted and hasattr(self, "talk"):
            self._redraw()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()
        # the start list, opened with `c`, may take the talk pane's rows to show every item
        self.set_class(self._start is not None and self.focused is self._start, "-list-open")

    def _start_list(self) -> StartList | None:
        """The round's start list, built only when the round has one."""
        rnd = self.live.round
        self._last, self._actions = carry.carried_in(self.store, rnd.client,
                                                     exclude=self.live.session.id)
        if (rnd.checklist or self._actions or self._last) and self._start is None:
            self._start = StartList(id="start-list")
            self._start.border_title = "Start of round · c opens it"
        return self._start

    def _load_round(self) -> None:
        rnd = self.live.round
        self.outcome.load(rnd.outcome, rnd.outcome_measure, rnd.scale_start)
        if self._start is not None:
            self._start.load(rnd.checklist, self._actions, self._last)
            self._start.display = bool(rnd.checklist or self._actions or self._last)
        self._redraw()

    # -- rendering ------------------------------------------------------------------------
    class SavingChanged(Message):
        """Saving started or stopped failing (posted from the recorder's writer thread)."""

        def __init__(self, error: SaveFailed | None) -> None:
            super().__init__()
            self.error = error

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SessionScreen.SavingChanged)  # the newest tells all

    def _saving_changed(self, error: SaveFailed | None) -> None:
        """On the writer thread: post_message is thread-safe. Before the mount there is no
        banner yet (on_mount shows the error); after it, nothing to show."""
        if self.is_mounted:
            self.post_message(self.SavingChanged(error))

    @on(SavingChanged)
    def _saving_shown(self) -> None:
        self._show_saving()

    def _live_changed(self) -> None:
        """The live session changed (a key, a listener, a nudge that started showing): redraw
        once, after this event (not while another screen covers this one: the feedback form's
        typing stays light)."""
        if not self._redraw_due and self.is_current:
            self._redraw_due = True
            self.call_later(self._redraw_if_due)

    def tick(self) -> None:
        """Once a second: what listening heard since its last post is applied (its level meters
        move only here, in the frame drawn anyway), the live session hears the time (it records
        and announces a nudge that starts showing), the recorder keeps its 2 s promise, the
        screen redraws and shows saving trouble."""
        if self.listening is not None:
            self._take_heard()
        self.live.tick()
        self.recorder.tick()
        if not self.is_current:
            return
        self._redraw()
        self._show_saving()

    def _show_saving(self) -> None:
        """The NOT SAVED banner, at once when saving starts or stops failing (and each tick)."""
        error = self.recorder.error
        self.banner.display = error is not None
        if error is not None:
            lost = "" if error.saved_before else " · nothing of this session is on disk yet"
            self.banner.set(Content(f"NOT SAVED: {error.reason} · kept in memory, retrying"
                                    f" every 10 s{lost}"))

    def _redraw_if_due(self) -> None:
        if self._redraw_due:  # a tick may have redrawn since
            self._redraw()

    def _redraw(self) -> None:
        self._redraw_due = False
        snap = self.live.snapshot()
        self.header.who = (f"Round {snap.round_no}/{snap.rounds_planned} · {snap.coach} coaching "
                           f"{snap.client} · {self.live.model.name}")
        self.talk.show(snap, self.settings.coach_share_high)
        self.talk.show_listening(self.listening.status() if self.listening else None)
        self.questions.show(snap)
        self.notes.show(self.live.round.notes, self.live.round.marks)
        if self._start is not None and self._start.option_count:
            done = self._start.all_ticked or snap.phase > 0
            self._start.display = self._list_open or not done

    def _notice(self, text: str) -> None:
        self.notify(text, title="Listening", severity="warning", timeout=30, markup=False)

    def say(self, message: str, error: bool = False) -> None:
        """One line in the header: an error or a short confirmation."""
        self.header.say(message, error)

    def focus_session(self) -> None:
        # set_focus acts at once (widget.focus() would queue behind keys already typed)
        self.set_focus(self.talk)

    # -- what the panes report ------------------------------------------------------------
    @on(OutcomePane.Saved)
    def _outcome_saved(self, event: OutcomePane.Saved) -> None:
        self.live.set_outcome(event.outcome, event.measure, event.scale)
        if event.done:
            self.say("Outcome saved")

    @on(OutcomePane.Typed)
    def _outcome_typed(self, event: OutcomePane.Typed) -> None:
        rnd = self.live.round
        if (event.outcome.strip(), event.measure.strip()) != (rnd.outcome, rnd.outcome_measure):
            self.live.set_outcome(event.outcome, event.measure)

    @on(OutcomePane.Invalid)
    def _outcome_invalid(self, event: OutcomePane.Invalid) -> None:
        self.say(event.problem, error=True)

    @on(NotesPane.DraftChanged)
    def _note_typed(self, event: NotesPane.DraftChanged) -> None:
        if event.text.strip() != self.live.session.draft.strip():
            self.live.set_draft(event.text, event.kind)

    @on(NotesPane.Submitted)
    def _note_entered(self, event: NotesPane.Submitted) -> None:
        if not event.text:
            return
        if event.kind != "action":
            self.live.add_note(event.text, event.kind, event.private)
            self.say("Note saved")
            return
        from sessionkit.when import split_due  # pendulum: only once an action is typed

        try:  # the text stays as typed ("Email Kim by Friday"); the day is kept beside it
            _, due = split_due(event.text, self.live.clock.now())
        except ValueError as err:  # a due day in the past: the action as typed, and why
            self.live.add_note(event.text, "action", event.private)
            self.say(f"Action saved, no due date: {err}", error=True)
            return
        self.live.add_note(event.text, "action", event.private, due=due)
        self.say(f"Action saved · due {due_label(due)}" if due else "Action saved")

    @on(SelectionList.SelectionToggled, "#start-list")
    def _ticked(self, event: SelectionList.SelectionToggled[str]) -> None:
        kind, _, key = event.selection.value.partition(":")
        ticked = event.selection.value in event.selection_list.selected
        if kind == "check":
            self.live.tick_checklist(key, ticked)
        else:
            self._tick_action(self._actions[int(key)], ticked)

    @work(thread=True, group="store")
    def _tick_action(self, action: carry.OpenAction, done: bool) -> None:
        """Saving the earlier session waits for an fsync: off the event loop."""
        try:
            from sessionkit.review.history import set_action_done  # not before the first frame

            set_action_done(self.store, self.live.clock, action.session_id, action.note_id, done)
        except SessionkitError as err:  # post_message: thread-safe, never waits
            self.post_message(self.Failed(f"Could not tick that action: {err}"))

    class Failed(Message):
        """Something done off the event loop failed: the header says so."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.say(message.problem, True)

    # -- the keys -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A text field keeps its typing: there only `ctrl+t` and `esc` act (and show)."""
        if action == "back":
            return not isinstance(self.focused, TalkPane)
        if action == "submit":
            return self.focused is self.notes.input or self.outcome.has_focus_within
        if action == "switch_speaker_here":  # the footer's ^t, where space types a space
            return isinstance(self.focused, Input)
        return action in ANYWHERE or not isinstance(self.focused, Input)

    def _live_only(self) -> bool:
        return not self.live.ended and not self.recorder.closed

    def action_toggle_speaker(self) -> None:
        if self._live_only():
            self.live.toggle_speaker()

    action_switch_speaker = action_switch_speaker_here = action_toggle_speaker

    def action_silence(self) -> None:
        if self._live_only():
            self.live.silence()

    def action_undo_speaker(self) -> None:
        if self._live_only():
            who = self.live.undo_speaker()
            self.say("No speaker change to undo" if who is None else f"Undone: {who} again")

    def action_listen(self) -> None:
        """`l`: listening on / off. Its thread posts `ListenHeard` when it has news."""
        if not self._live_only():
            return
        if self.listening is None:
            from sessionkit.listen.control import Listening
            from sessionkit.listen.spec import ListenSpec

            spec = self.services.listen or ListenSpec(mic=self.settings.listen_mic,
                                                      call=self.settings.listen_call)
            self.listening = Listening(self.live, spec, self._post_heard, self.live.clock)
        problem = self.listening.toggle()
        if problem:
            self.listening = None  # it never started: nothing to show
            header, notice = cannot_listen(problem)
            self.say(header, True)
            self._notice(notice)
        else:
            self.say(switched(self.listening.on, self.listening.mic_only))
        self._redraw()

    class ListenHeard(Message):
        """The listener thread has news (what it heard, its status): a burst is one message."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SessionScreen.ListenHeard)

    def _post_heard(self) -> None:
        """On the listener thread: post_message is thread-safe and never waits."""
        self.post_message(self.ListenHeard())

    @on(ListenHeard)
    def _heard(self) -> None:
        """What listening heard reaches the live session in one batch (it announces the change
        once, and the redraw follows); the listening line shows the newest status."""
        if self.listening is not None and not self._take_heard() and self.is_current:
            self.talk.show_listening(self.listening.status())  # a change redraws all, this too

    def _take_heard(self) -> bool:
        """Drain what listening heard into the live session; True when that changed it."""
        listening = self.listening
        if listening is None:
            return False
        changed = listening.drain()
        if listening.stopped_by_itself:
            self.say(f"{listening.note} · keys only", True)
            listening.note_shown()
        return changed

    def action_write(self, kind: str) -> None:
        if self.live.session.draft:
            self.live.set_draft(self.live.session.draft, kind)
        self.set_focus(self.notes.open(kind))

    def action_phase(self, step: int) -> None:
        if self._live_only():
            (self.live.next_phase if step > 0 else self.live.prev_phase)()

    def action_pause(self) -> None:
        if self._live_only():
            self.say("Clock paused" if self.live.toggle_pause() else "Clock running")

    async def action_outcome(self) -> None:
        self.set_focus(await self.outcome.edit())

    def action_use_suggestion(self) -> None:
        snap = self.live.snapshot()
        if snap.suggestions and self._live_only():
            self.live.mark_used(snap.suggestions[0].id)

    def action_checklist(self) -> None:
        start = self._start
        if start is not None and start.option_count:
            self._list_open = start.display = True
            if start.highlighted is None:  # the first item to tick (last time's line is not one)
                start.highlighted = next((i for i in range(start.option_count)
                                          if not start.get_option_at_index(i).disabled), 0)
            self.set_focus(start)

    def action_submit(self) -> None:
        """`enter` in the note box or the outcome: saved, and the focus is back on the session
        before the next key is read (a paste of `n`, text, enter, `n`, ... stays intact)."""
        if self.focused is self.notes.input:
            self.notes.submit()
            self.focus_session()
        elif self.outcome.submit():
            self.focus_session()

    def action_back(self) -> None:
        self.outcome.leave()
        self._list_open = False
        self.focus_session()
        self._redraw()

    def action_mark(self) -> None:
        mark = self.live.mark()
        self.say(f"Moment marked · {duration(mark.elapsed)} · {one_line(mark.phase)}")

    async def action_help(self) -> None:
        from screens.help import HelpScreen, binding_rows  # not before the first frame

        rows = binding_rows(SESSION_BINDINGS, dict(self.settings.keys))
        await self.app.push_screen(HelpScreen("Live session keys", rows, beside=True))

    # A dialog is awaited: a key right behind the one that opened it (`e y`) goes to it.
    @on(Button.Pressed, "#switch-roles-button")
    async def action_switch_roles(self) -> None:
        if not self._live_only():
            return
        from screens.dialogs import ConfirmDialog  # not before the first frame

        rnd = self.live.round
        question = (f"Switch roles? {one_line(rnd.client)} coaches {one_line(rnd.coach)} in "
                    f"round {len(self.live.session.rounds) + 1}.")
        await self.app.push_screen(
            ConfirmDialog(question, "This round ends now; the new one starts with its outcome."),
            self._switch_confirmed,
        )

    async def _switch_confirmed(self, ok: bool | None) -> None:
        if ok:
            self.live.switch_roles()
            had = self._start
            start = self._start_list()  # the new client's open actions
            if start is not None and had is None:
                await self.query_one("#left").mount(start)
            self._load_round()
            self.say("Roles switched")
            await self.action_outcome()

    async def action_end(self) -> None:
        if self.live.ended:
            self._open_feedback()
        elif not self.recorder.closed:
            from screens.dialogs import ConfirmDialog

            await self.app.push_screen(
                ConfirmDialog("End the session?", "The clock stops; then feedback for each round."),
                self._end_confirmed,
            )

    def _end_confirmed(self, ok: bool | None) -> None:
        if ok:
            if self.listening is not None:
                self.listening.stop()
            self.live.end()
            self._open_feedback()

    # -- feedback and finishing -----------------------------------------------------------
    def _open_feedback(self) -> None:
        from screens.feedback import FeedbackScreen

        self.app.push_screen(
            FeedbackScreen(self.live.session, self.live.clock, self._finish,
                           self.live.save_feedback, agreed=self._agreed()),
            self._feedback_closed,
        )

    def _agreed(self) -> str:
        """The pair's sessions agreed earlier and still ahead (the feedback form keeps them)."""
        from sessionkit.review.carry import pair_upcoming
        from sessionkit.timefmt import epoch, local

        session = self.live.session
        first = session.rounds[0]
        slots = pair_upcoming(self.store, first.coach, first.client,
                              self.live.clock.now().timestamp(),
                              current=(session.id, epoch(session.started_at)))
        shown = ", ".join(local(s.at, "%a %d %b %H:%M", s.tz) for s in slots[:4])
        return shown + (f" … {len(slots) - 4} more" if len(slots) > 4 else "")

    def _finish(self, result: Any) -> str | None:
        """Save the feedback, finish and commit. Returns an error line, or None when saved."""
        for index, feedback in enumerate(result.feedback):
            self.live.save_feedback(index, feedback)
        self.live.finish(cadence_days=result.cadence_days, session_type=result.session_type,
                         next_sessions=result.next_times,
                         programme_total=result.programme_total)
        failed = self.recorder.finish()
        if failed is not None:
            return f"NOT SAVED: {failed.reason} (ctrl+s tries again; nothing is lost)"
        return None

    def _feedback_closed(self, saved: bool | None) -> None:
        if saved:
            self.dismiss(f"Saved the session with {' and '.join(names(self.live.session))}.")
        elif not self.recorder.closed:  # esc: the call goes on, the clock from where it stopped
            self.live.reopen()
            self.focus_session()
            self._redraw()
            self.say("Back in the call: the clock runs on")
