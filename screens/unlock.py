"""The unlock screen: an encrypted database asks for its passphrase before anything else.

The key derivation (Argon2id, ~0.2 s) runs in a worker thread, so the screen stays live and
says "Unlocking…"; a wrong passphrase gets one clear line and the field again; damage is named
as damage (never as a wrong passphrase). `ctrl+q` quits and opens nothing. The CLI runs this
app first, then the home, live or review screen, or the recovery screen for a damaged file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from screens.app import TellsCrash
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.safe import shown
from screens.widgets.ticks import TickBox
from sessionkit.errors import SessionkitError

Derive = Callable[[Path, str], Any]
Offer = bool | Callable[[], bool]
"""Whether to offer "Remember on this computer": known, or asked in a worker (probing the OS
keyring takes ~0.2 s: the screen does not wait for it)."""


class UnlockScreen(Screen[str]):
    """Dismisses with "unlocked" once the database's key is unlocked, or "keep" when the user
    also ticked "Remember on this computer" (offered only with a real OS keyring)."""

    CSS_PATH = "unlock.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Quit", id="unlock.quit", priority=True),
    ]

    class KeepOffered(Message):
        """The OS keyring turned out to be a real one: show the choice."""

    @dataclass
    class Tried(Message):
        """The worker's answer: None when unlocked, else the line to show."""

        problem: str | None
        wrong: bool

    def __init__(self, db: Path, derive: Derive, offer_keep: Offer = False) -> None:
        super().__init__()
        self.db = db
        self.derive = derive
        self.probe = offer_keep if callable(offer_keep) else None
        self.offer_keep = offer_keep is True
        self.tries = 0

    def compose(self) -> ComposeResult:
        yield AppHeader("Unlock")
        with Vertical(id="unlock-body"):
            yield Static("This database is encrypted.", id="unlock-title")
            yield Static(shown(str(self.db)), id="unlock-path")
            yield Input(placeholder="passphrase", password=True, id="unlock-input")
            if self.offer_keep:
                yield self._keep_box()
            yield Static("enter unlocks · ctrl+q quits", id="unlock-status")
        yield app_footer()

    @staticmethod
    def _keep_box() -> Checkbox:
        return TickBox("Remember on this computer (OS keyring; the passphrase still works)",
                        id="unlock-keep")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.probe is not None:
            self._ask_keyring()

    @work(thread=True)
    def _ask_keyring(self) -> None:
        if self.probe is not None and self.probe():
            self.post_message(self.KeepOffered())

    def on_unlock_screen_keep_offered(self, _: KeepOffered) -> None:
        if not self.offer_keep:
            self.offer_keep = True
            self.query_one("#unlock-body").mount(self._keep_box(), after="#unlock-input")

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#unlock-status", Static)
        status.set_class(error, "-error")
        status.update(shown(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        field = self.query_one(Input)
        if not event.value or field.disabled:
            return
        field.disabled = True
        self._status("Unlocking…")
        self._try(event.value)

    @work(thread=True, exclusive=True)
    def _try(self, passphrase: str) -> None:
        from sessionkit.crypt.errors import WrongPassphrase

        try:
            self.derive(self.db, passphrase)
        except WrongPassphrase:
            self.post_message(self.Tried("Wrong passphrase. Try again.", True))
            return
        except SessionkitError as err:
            self.post_message(self.Tried(f"Cannot unlock: {err}", False))
            return
        self.post_message(self.Tried(None, False))

    def on_unlock_screen_tried(self, message: Tried) -> None:
        field = self.query_one(Input)
        if message.problem is None:
            keep = self.offer_keep and self.query_one("#unlock-keep", Checkbox).value
            self.dismiss("keep" if keep else "unlocked")
            return
        self.tries += 1
        field.disabled = False
        if message.wrong:
            field.value = ""
        field.focus()
        self._status(message.problem, error=True)


class UnlockApp(TellsCrash[str]):
    """Runs the unlock screen alone; `run()` returns "unlocked" or "keep", None if quit."""

    TITLE = "sessionkit"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, db: Path, derive: Derive | None = None, offer_keep: Offer = False) -> None:
        super().__init__()
        self.offer_keep = offer_keep
        if derive is None:
            from sessionkit.store.sealing import unlock

            derive = unlock
        self.db = db
        self.derive = derive

    def on_mount(self) -> None:
        self.push_screen(UnlockScreen(self.db, self.derive, self.offer_keep), self.exit)
