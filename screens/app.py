"""The App: wiring only. `make_app(...)` builds it for the CLI and for the tests."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding

from sessionkit.catalog import ModelCatalog
from sessionkit.clock import Clock, SystemClock
from sessionkit.settings import Settings
from sessionkit.store import SessionStore


class SessionkitApp(App[None]):
    TITLE = "sessionkit"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit")]

    def __init__(
        self,
        store: SessionStore,
        catalog: ModelCatalog,
        settings: Settings,
        clock: Clock,
        start: dict[str, Any] | None = None,
        review: bool = False,
        person: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.settings = settings
        self.clock = clock
        self.start_options = start
        self.open_review = review
        self.person = person

    def on_mount(self) -> None:
        if self.open_review:
            from screens.review import ReviewScreen

            self.push_screen(ReviewScreen(self.store, self.clock, person=self.person))
            return
        from screens.home import HomeScreen

        self.push_screen(HomeScreen(self.store, self.catalog, self.settings, self.clock))


def make_app(
    store: SessionStore,
    catalog: ModelCatalog | None = None,
    settings: Settings | None = None,
    clock: Clock | None = None,
    **options: Any,
) -> SessionkitApp:
    return SessionkitApp(
        store=store,
        catalog=catalog or ModelCatalog.load(),
        settings=settings or Settings(),
        clock=clock or SystemClock(),
        **options,
    )
