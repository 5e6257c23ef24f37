"""The live screen's side of listening: `l` (and `--listen`) switch it on and off, the header
says what happened, the Talk pane shows its line. Listening itself lives in the core
(`sessionkit.listen`, imported only when it is first switched on); its thread posts what it hears
to this loop, where it reaches the live session as a key would (call_soon_threadsafe: it never
waits)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sessionkit.config.settings import Settings
from sessionkit.live.session import LiveSession

SET_UP = "Run `sessionkit audio` in a terminal: it lists your devices and explains set-up."


def short(problem: str) -> str:
    """The reason's first clause (the header has one line)."""
    return problem.split(" (")[0].split(". ")[0].split(": ")[0]


class ListenSwitch:
    """One live screen's listening: None until `l` or `--listen` first asks for it."""

    def __init__(self, live: LiveSession, spec: Any, settings: Settings,
                 say: Callable[[str, bool], None], changed: Callable[[], None],
                 notice: Callable[[str], None] | None = None) -> None:
        self.live, self.spec, self.settings = live, spec, settings
        self.say, self.changed = say, changed
        self.notice = notice
        """Shows a long message in full (a toast): why listening cannot start."""
        self.listening: Any = None
        """A `sessionkit.listen.Listening` once asked for (kept when switched off)."""

    def status(self) -> Any:
        """What the Talk pane's listening line shows (None: never switched on)."""
        return self.listening.status() if self.listening is not None else None

    def toggle(self) -> None:
        if self.listening is None:
            from sessionkit.listen.control import Listening
            from sessionkit.listen.spec import ListenSpec

            spec = self.spec or ListenSpec(mic=self.settings.listen_mic,
                                           call=self.settings.listen_call)
            self.listening = Listening(
                self.live, spec, asyncio.get_running_loop().call_soon_threadsafe,
                self.live.clock, changed=self._heard)
        problem = self.listening.toggle()
        if problem:
            self.listening = None  # it never started: nothing to show
            if self.notice is None:
                self.say(problem, True)
            else:  # the header cuts a long reason: the notice says it in full
                self.say(f"Cannot listen: {short(problem)} · see the notice", True)
                self.notice(f"{problem}\n\n{SET_UP}")
        else:
            self.say(("Listening to the mic only: wear a headset · l stops"
                      if self.listening.mic_only else
                      "Listening: mic = coach, call = client · l stops")
                     if self.listening.on else "Listening off: keys only", False)

    def stop(self) -> None:
        if self.listening is not None:
            self.listening.stop()

    def close(self) -> None:
        """The screen goes: stop, and nothing left to redraw."""
        if self.listening is not None:
            self.listening.changed = lambda: None
            self.listening.stop()

    def _heard(self) -> None:
        if self.listening is not None and self.listening.stopped_by_itself:
            self.say(f"{self.listening.note} · keys only", True)
            self.listening.note_shown()
        self.changed()
