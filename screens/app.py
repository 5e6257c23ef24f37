"""The App: wiring only. `make_app(...)` builds it for the CLI and for the tests.

Collaborators (store, catalog, settings, clock) go to the screens through their constructors.
The app applies the user's key remaps, asks before quitting a live session (and says what would be
lost when saving fails), and saves every live session (`services.recorders`) when the terminal
closes (SIGHUP) or the process is told to stop (SIGTERM).
"""

from __future__ import annotations

import asyncio
import inspect
import signal
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from screens.palette import PALETTE  # noqa: F401 - re-exported for tests and readers
from screens.services import Services
from screens.textual_hooks import TellsCrash
from sessionkit.clock import Clock, SystemClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.gcpause import shown
from sessionkit.live.recorder import Recorders
from sessionkit.store.keeper import StoreKeeper
from sessionkit.store.store import SessionStore
from sessionkit.watchdog import GRACE_SECONDS, exit_after

if TYPE_CHECKING:
    from sessionkit.review.source import IndexedHistory
    from sessionkit.store.lazy import LazyStore


class SessionkitApp(TellsCrash[None]):
    TITLE = "sessionkit"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        # `tab` moves the focus when the app reads the key, not when the field gets to it: typed
        # in one burst (tmux send-keys, a paste, a busy machine), "Ana" tab "Ben" fills two
        # fields; Textual's own `tab` waited in the field's queue behind the letters after it
        Binding("tab", "app.focus_next", show=False, priority=True, id="focus-next"),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True,
                id="focus-previous"),
    ]

    def __init__(
        self,
        services: Services,
        start: dict[str, Any] | None = None,
        review: bool = False,
        person: str | None = None,
        history: IndexedHistory | None = None,
        coach: str | None = None,
        demo: str | None = None,
        group: dict[str, Any] | None = None,
    ) -> None:
        # `start`: the live screen's CSS is parsed with Textual's own at startup. Read when the
        # screen is pushed, it makes Textual parse its whole stylesheet again, twice (~15 ms
        # before the first frame); read here, the push finds it already there.
        super().__init__(css_path=live_css() if start and not (review or group) else None)
        self.demo_path = demo
        """Under `sessionkit demo`: where the throwaway database lives (every header says so)."""
        self.history = history  # the review's rows (sessionkit.review.source), if given
        self.services = services
        self.store, self.catalog = services.store, services.catalog
        self.settings, self.clock = services.settings, services.clock
        self.start_options = start
        self.open_review = review
        self.person = person
        self.bank_problems: list[str] = []
        self.coach = coach
        self.group = group
        """`sessionkit group start`: the checked plan and the methods (screens.group_launch)."""

    def on_mount(self) -> None:
        # After Textual's mount batch: a screen pushed inside it is drawn once, thrown away and
        # drawn again (~60 ms lost before the first frame).
        self.call_later(self._first_screen)

    def _first_screen(self) -> None:
        self.call_after_refresh(shown)  # the CLI paused cycle collection until the first frame
        self.call_after_refresh(self._check_bank)
        # said before any session is started (a review's lazy store is not opened for it)
        if getattr(self.store, "opened", True) and getattr(self.store, "readonly", False):
            self.call_after_refresh(
                self.notify, "This database opened read-only: a session started now could "
                "not be saved. Quit and see the line sessionkit printed.", severity="warning",
                timeout=60, markup=False)
        damage = [(self.store.damaged, "session"),
                  (self.store.damaged_groups, "group meeting")]
        for damaged, what in damage:  # also on stderr, where the app's screen would hide it
            if not damaged:
                continue
            from sessionkit.plain import one_line
            from sessionkit.store.checked import notice

            message = one_line(notice(self.store.path, damaged, what))
            self.call_after_refresh(  # on the first screen, once it is there
                self.notify, message, severity="warning", timeout=60, markup=False
            )
        if self.open_review:
            from screens.review import ReviewScreen

            self.push_screen(ReviewScreen(
                self.store, self.clock, person=self.person or self.coach,
                client_view=self.person is not None,  # a coach's own view searches private notes
                history=self.history,
            ))
            if self.coach:
                from screens.coach import CoachScreen

                self.push_screen(CoachScreen(self.store, self.coach))
            return
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))
        self._watch_signals()
        if self.group:
            from screens.group_launch import open_group

            open_group(self, self.services, self.group["plan"], self.group["methods"],
                       self._home_after)
            return
        if self.start_options and not self.store.pending():
            if self._start_directly(self.start_options):
                return  # the home screen comes when the session closes
        from screens.home import HomeScreen  # not before `start`'s live screen (~10 ms)

        self.push_screen(
            HomeScreen(
                self.services, start=self.start_options, review=self.open_review,
                person=self.person,
            )
        )

    def _start_directly(self, options: dict[str, Any]) -> bool:
        """`sessionkit start`: the live screen first (fast), home only after it."""
        from screens.launch import new_live
        from screens.session import SessionScreen
        from sessionkit.errors import SessionkitError

        try:
            live = new_live(self.store, self.catalog, self.clock, self.settings, **options)
        except SessionkitError:
            return False  # home shows the problem next to the form
        self.push_screen(SessionScreen(live, self.services), self._home_after)
        return True

    def _home_after(self, summary: str | None) -> None:
        from screens.home import HomeScreen

        home = HomeScreen(self.services)
        self.push_screen(home, lambda _: None)
        if summary:
            home.call_after_refresh(home.say, summary)

    def _check_bank(self) -> None:
        """After the first frame: say which of the user's question-bank files are broken
        (docs/settings.md; only those files are read, usually none); the CLI repeats them on
        stderr when the app closes."""
        from sessionkit.guidance.bank import user_bank_problems

        for problem in user_bank_problems():
            line = f"skipped a broken bank file: {problem}"
            self.bank_problems.append(line)
            self.notify(line, severity="warning", markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p, on every screen): Textual's commands plus the screen's keys."""
        yield from super().get_system_commands(screen)
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                action = binding.action
                yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                    partial(screen.run_action, action))

    # -- never lose the live session ------------------------------------------------------
    def after_paint(self, callback: Callable[[], None]) -> None:
        """A live recorder builds a change's record once the screen shows it (at once when the
        app cannot take the callback: not running yet, or closing)."""
        if not (self.is_running and self.call_after_refresh(callback)):
            callback()

    def live_screens(self) -> list[Any]:
        """The live screens on the stack (tests and tools look them up here)."""
        from screens.session import SessionScreen

        return [s for s in self.screen_stack if isinstance(s, SessionScreen)]

    def _watch_signals(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._on_stop_signal, sig)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on this platform / not the main thread (tests): the 2 s autosave remains

    def _on_stop_signal(self, sig: int = signal.SIGTERM) -> None:
        self.services.recorders.close_all()
        # The journal is safe now: if Textual hangs on the closed terminal, end anyway.
        exit_after(GRACE_SECONDS, 128 + sig)
        self.exit(return_code=128 + sig)

    async def action_quit(self) -> None:
        recorders = self.services.recorders
        if not recorders.active():
            self.exit()
            return
        from screens.dialogs import ConfirmDialog

        def answered(ok: bool | None) -> None:
            if ok:
                recorders.close_all()
                self.exit()

        failing = recorders.failing()  # one more try to save, now
        if failing:
            question, detail = quit_unsaved(failing)
        else:
            question = "Quit sessionkit?"
            detail = "The session stays unfinished; the next start offers to resume it."
        self.push_screen(ConfirmDialog(question, detail), answered)


def quit_unsaved(failing: list[Any]) -> tuple[str, str]:
    """The quit question while saving fails: what quitting loses, never a resume promise that
    cannot be kept. `y` quits anyway; `n` / `esc` stays, and saving keeps being retried."""
    error = failing[0].error
    notes = sum(r.unsaved_notes() for r in failing)
    answers = sum(getattr(r, "unsaved_answers", lambda: 0)() for r in failing)
    lost = f"{notes} note{'s' if notes != 1 else ''}"
    if answers:  # typed feedback (or a note being typed) is lost too: counted, not hidden
        lost += f" and {answers} typed answer{'s' if answers != 1 else ''}"
    reason = f"NOT SAVED: {error.reason}" if error else "NOT SAVED"
    if error is not None and not error.saved_before:
        what = f"Nothing of this session is on disk: quitting loses all of it ({lost})."
    else:
        what = f"Quitting loses {lost} and everything since the last save."
    return (
        f"Quit anyway and lose {lost}?",
        f"{reason}\n{what}\ny = quit anyway and lose them · n = stay (saving is retried; "
        "free some space)",
    )


def live_css() -> list[Path]:
    """The live screen's CSS file(s), as Textual resolves a screen's `CSS_PATH`."""
    from screens.session import SessionScreen

    folder = Path(inspect.getfile(SessionScreen)).parent
    assert isinstance(SessionScreen.CSS_PATH, str)
    return [(folder / SessionScreen.CSS_PATH).resolve()]


def make_app(
    store: SessionStore | LazyStore,
    catalog: ModelCatalog | None = None,
    settings: Settings | None = None,
    clock: Clock | None = None,
    listen: Any = None,
    **options: Any,
) -> SessionkitApp:
    clock = clock or SystemClock()
    services = Services(
        store=store,
        catalog=catalog or ModelCatalog.load(),
        settings=settings or Settings(),
        clock=clock,
        # the keeper asks the store nothing until a journal is needed (a lazy store stays shut)
        recorders=Recorders(StoreKeeper(store), clock),
        listen=listen,
    )
    app = SessionkitApp(services, **options)
    services.recorders.defer = app.after_paint  # once, here: no screen hands it over
    return app
