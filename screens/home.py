"""Home: start a session, resume an unfinished one, review history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from sessionkit.catalog import ModelCatalog
from sessionkit.clock import Clock
from sessionkit.settings import Settings
from sessionkit.store import SessionStore


class HomeScreen(Screen[None]):
    def __init__(
        self, store: SessionStore, catalog: ModelCatalog, settings: Settings, clock: Clock
    ) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.settings = settings
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"sessionkit — {self.store.count()} sessions saved", id="home-title")
        yield Footer()
