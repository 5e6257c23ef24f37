"""The App: wiring only. `make_app(...)` builds it for the CLI and for the tests.

Collaborators (store, catalog, settings, clock) go to the screens through their constructors.
The app applies the user's key remaps, asks before quitting a live session, and flushes the
live session's journal when the terminal closes (SIGHUP) or the process is told to stop (SIGTERM).
"""

from __future__ import annotations

import asyncio
import signal
from typing import Any

from textual.app import App
from textual.binding import Binding

from screens.services import Services
from sessionkit.clock import Clock, SystemClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.store import SessionStore


class SessionkitApp(App[None]):
    TITLE = "sessionkit"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", priority=True)]

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

    def on_mount(self) -> None:
        if self.open_review:
            from screens.review import ReviewScreen

            self.push_screen(ReviewScreen(self.store, self.clock, person=self.person))
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
                loop.add_signal_handler(sig, self._on_stop_signal)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on this platform / not the main thread (tests): the 2 s autosave remains

    def _on_stop_signal(self) -> None:
        self.flush_live()
        for screen in self.live_screens():
            screen.close_autosave()
        self.exit()

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
