"""The App: wiring only. `make_app(...)` builds it for the CLI and for the tests.

Collaborators (store, catalog, settings, clock) go to the screens through their constructors.
The app applies the user's key remaps, asks before quitting a live session, and flushes the
live session's journal when the terminal closes (SIGHUP) or the process is told to stop (SIGTERM).
"""

from __future__ import annotations

import asyncio
import signal
from typing import Any

from textual.app import App, ReturnType
from textual.binding import Binding

from screens.services import Services
from sessionkit.clock import Clock, SystemClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.store import SessionStore
from sessionkit.watchdog import GRACE_SECONDS, exit_after


class TellsCrash(App[ReturnType]):
    """An app whose crash the command tells in one line (`sessionkit.cli`), with the traceback
    in a log file: never a traceback on the user's terminal."""

    @property
    def crash(self) -> BaseException | None:
        """The unexpected error that stopped the app (None after a normal exit)."""
        return self._exception

    def _print_error_renderables(self) -> None:
        if self._exception is not None:
            self._exit_renderables.clear()
        super()._print_error_renderables()


class SessionkitApp(TellsCrash[None]):
    TITLE = "sessionkit"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", priority=True)]

    def __init__(
        self,
        services: Services,
        start: dict[str, Any] | None = None,
        review: bool = False,
        person: str | None = None,
        history: Any = None,
        coach: str | None = None,
    ) -> None:
        super().__init__()
        self.history = history  # the review's rows (sessionkit.review.source), if given
        self.services = services
        self.store, self.catalog = services.store, services.catalog
        self.settings, self.clock = services.settings, services.clock
        self.start_options = start
        self.open_review = review
        self.person = person
        self.coach = coach

    def on_mount(self) -> None:
        if self.store.damaged:  # also on stderr, where the app's screen would hide it
            from sessionkit.plain import one_line
            from sessionkit.store.checked import notice

            message = one_line(notice(self.store.path, self.store.damaged))
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
        from screens.home import HomeScreen

        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))
        self._watch_signals()
        if self.start_options and not self.store.pending():
            if self._start_directly(self.start_options):
                return  # the home screen comes when the session closes
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
        self.push_screen(SessionScreen(live, self.store, self.settings), self._home_after)
        return True

    def _home_after(self, summary: str | None) -> None:
        from screens.home import HomeScreen

        home = HomeScreen(self.services)
        self.push_screen(home, lambda _: None)
        if summary:
            home.call_after_refresh(home.say, summary)

    # -- never lose the live session ------------------------------------------------------
    def live_screens(self) -> list[Any]:
        from screens.session import SessionScreen

        return [s for s in self.screen_stack if isinstance(s, SessionScreen) and not s.closed]

    def flush_live(self) -> None:
        for screen in self.live_screens():
            screen.flush_now()

    def _watch_signals(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._on_stop_signal, sig)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on this platform / not the main thread (tests): the 2 s autosave remains

    def _on_stop_signal(self, sig: int = signal.SIGTERM) -> None:
        self.flush_live()
        for screen in self.live_screens():
            screen.close_autosave()
        # The journal is safe now: if Textual hangs on the closed terminal, end anyway.
        exit_after(GRACE_SECONDS, 128 + sig)
        self.exit(return_code=128 + sig)

    async def action_quit(self) -> None:
        if not self.live_screens():
            self.exit()
            return
        from screens.dialogs import ConfirmDialog

        def answered(ok: bool | None) -> None:
            if ok:
                for screen in self.live_screens():
                    screen.close_autosave()
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Quit sessionkit?",
                "The session stays unfinished; the next start offers to resume it.",
            ),
            answered,
        )


def make_app(
    store: SessionStore,
    catalog: ModelCatalog | None = None,
    settings: Settings | None = None,
    clock: Clock | None = None,
    **options: Any,
) -> SessionkitApp:
    services = Services(
        store=store,
        catalog=catalog or ModelCatalog.load(),
        settings=settings or Settings(),
        clock=clock or SystemClock(),
    )
    return SessionkitApp(services, **options)
