"""`AppHeader`: the one header every screen shows, and `app_footer()`: the one footer style.

One line: the app's name, the screen and who it is about; `ctrl+p` for the command palette at
the right. Who it is about is never cut: it wraps when the names are long. A short status (a
confirmation in the success colour, a problem in the error colour) shows on a line of its own
under it and goes after a few seconds (`STATUS_SECONDS`, an error `ERROR_SECONDS`) on the
app's clock.
Under `sessionkit demo` a second line says, on every screen, that this is a demo and where its
throwaway data lives. All text is user text: shown as plain `Text`, never as markup.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static

from sessionkit.plain import one_line

APP_NAME = "sessionkit"
STATUS_SECONDS = 4.0
"""How long a confirmation ("Note saved") stays in the header."""
ERROR_SECONDS = 12.0
"""How long a problem stays (a lasting one, NOT SAVED, has its own banner)."""


def demo_line(path: str) -> str:
    """The banner's words: where the demo's throwaway data lives."""
    return f"DEMO · throwaway data in {path} (deleted on quit)"


class AppHeader(Vertical):
    """App name · screen · who · status, and the DEMO banner when the app runs a demo.

    The demo's data path comes from the app's `demo_path` attribute (None outside a demo), read
    like Textual's own Header reads the app's title: chrome, not state a screen depends on."""

    DEFAULT_CSS = """
    AppHeader { height: auto; dock: top; }
    AppHeader > Horizontal { height: auto; background: $panel; }
    AppHeader .app-name { width: auto; padding: 0 1; background: $primary; color: $text;
                          text-style: bold; }
    AppHeader .app-screen { width: auto; padding: 0 1; text-style: bold; }
    AppHeader .app-who { width: 1fr; height: auto; padding: 0 1 0 0; color: $text-muted; }
    AppHeader .app-status { width: 1fr; height: auto; padding: 0 1; color: $success;
                            background: $panel; text-align: right; }
    AppHeader .app-status.-error { color: $error; text-style: bold; }
    AppHeader .app-palette { width: auto; padding: 0 1; color: $text-muted; }
    AppHeader .app-demo { height: auto; padding: 0 1; background: $warning; color: $background;
                          text-style: bold; }
    """

    who: reactive[str] = reactive("", init=False)
    """Who this screen is about ("Ana coaching Ben", "with Ana"); plain text."""
    status: reactive[str] = reactive("", init=False)
    """A short line: what just happened, or (with `error`) what went wrong; plain text."""

    def __init__(self, screen: str, who: str = "", *, extra: tuple[Widget, ...] = (),
                 **kwargs: str) -> None:
        """`extra` widgets go at the end of the line (the live screen's Switch roles button)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.screen_name = screen
        self.extra = extra
        self.set_reactive(AppHeader.who, who)
        self._error = False
        self._until: float | None = None  # when the status goes (the app's clock)
        self._expiry: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(APP_NAME, classes="app-name", markup=False)
            yield Static(Text(one_line(self.screen_name)), classes="app-screen")
            yield Static(Text(one_line(self.who)), id="who", classes="app-who")
            yield from self.extra
            yield Static("^p commands", classes="app-palette", markup=False)
        # its own line, shown while there is one: a status never squeezes who it is about
        status = Static(Text(one_line(self.status)), id="status", classes="app-status")
        status.display = bool(self.status)
        yield status
        demo = getattr(self.app, "demo_path", None)
        if demo:
            yield Static(Text(demo_line(one_line(str(demo)))), classes="app-demo")

    def watch_who(self, who: str) -> None:
        if self.is_mounted:
            self.query_one(".app-who", Static).update(Text(one_line(who)))

    def watch_status(self, status: str) -> None:
        if not self.is_mounted:
            return
        line = self.query_one(".app-status", Static)
        line.set_class(self._error, "-error")
        line.update(Text(one_line(status)))
        line.display = bool(status)

    def say(self, message: str, error: bool = False) -> None:
        """Show `message` as the status (red and bold when `error`) for a few seconds."""
        self._error = error
        if message == self.status:
            self.watch_status(message)
        self.status = message
        self._until = (self._now() + (ERROR_SECONDS if error else STATUS_SECONDS)
                       if message else None)
        if message and self.is_mounted:
            if self._expiry is None:
                self._expiry = self.set_interval(1, self.expire)
            else:
                self._expiry.resume()

    def _now(self) -> float:
        clock = getattr(self.app, "clock", None) if self.is_attached else None
        return clock.monotonic() if clock is not None else time.monotonic()

    def expire(self) -> None:
        """The status goes once its time is up (checked once a second while one shows)."""
        if self._until is not None and self._now() >= self._until:
            self._until = None
            self.status = ""
        if self._until is None and self._expiry is not None:
            self._expiry.pause()

    def set_screen(self, name: str) -> None:
        self.screen_name = name
        if self.is_mounted:
            self.query_one(".app-screen", Static).update(Text(one_line(name)))


class AppFooter(Footer):
    """Textual's compact footer, a column tighter (the live screen's keys fit 80 columns)."""

    DEFAULT_CSS = """
    AppFooter.-compact KeyGroup.-compact { padding-left: 0; }
    """


def app_footer() -> Footer:
    """The footer every screen uses: compact, the palette key is in the header instead."""
    return AppFooter(compact=True, show_command_palette=False)
