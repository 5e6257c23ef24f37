"""The guide: nudges for the tracker pane and ranked suggestions for the questions pane.

`Guide()` works with no arguments (the shipped bank plus the user's bank files, default
Settings); the app passes its loaded Settings. It is cheap to call: `nudges()` is a few
comparisons (call it every tick), `suggest()` re-ranks only when `suggest_key()` changes.

Suggestions stay put while the moment stays put: a neutral note changes nothing (the question
the coach was about to ask stays). They rotate (what was on screen becomes "recently shown" and
fresher items come up) when the moment changes: the phase, the talk pattern (a monologue, short
answers, the coach's share), a note with a limiting word, `rotate_minutes` in the same phase, or
`refresh()`. A limiting word's reframe stays through a rotation while the latest note still has
that word. Marking one used replaces only that one. All of it is deterministic: the same
moments give the same suggestions.
"""

from __future__ import annotations

from typing import Any

from sessionkit.config.settings import Settings
from sessionkit.guidance.bank import Bank
from sessionkit.guidance.moment import Moment, Nudge, Suggestion
from sessionkit.guidance.nudges import is_mechanical, is_monologue, nudges, phase_note
from sessionkit.guidance.share_gate import ShareGate
from sessionkit.guidance.suggest import Trigger, rank, triggers

__all__ = ["Guide", "Moment", "Nudge", "Suggestion"]


class Guide:
    """Turns a Moment into nudges and suggestions. Remembers only what it fired and showed."""

    def __init__(self, settings: Settings | None = None, bank: Bank | None = None) -> None:
        self.settings = settings or Settings()
        self._bank = bank
        self.fired: set[str] = set()  # nudge labels that have shown this round
        self.gate = ShareGate()  # warm-up, hysteresis and rate limit of the share nudges
        self.history: dict[str, float] = {}  # suggestion id -> round second last on screen
        self._refreshes = 0
        self._context: Any = None  # what, when it changes, makes the suggestions rotate
        self._base: dict[str, float] = {}  # history as it was when this context began
        self._key: Any = None
        self._last: list[tuple[Suggestion, Trigger]] = []
        self._answered: set[tuple[str, str]] = set()  # (note or outcome, word) given a reframe

    @property
    def bank(self) -> Bank:
        """The question and reframe bank (loaded on first use, so building a Guide is free)."""
        if self._bank is None:
            self._bank = Bank.load()
        return self._bank

    def reset(self) -> None:
        """A new round starts: forget what fired and what was shown."""
        self.fired.clear()
        self.gate.reset()
        self.history.clear()
        self._base = {}
        self._context = self._key = None
        self._last = []
        self._answered.clear()

    def refresh(self) -> None:
        """Offer fresh suggestions at the next `suggest()` (e.g. on a "more" key)."""
        self._refreshes += 1

    # -- nudges ---------------------------------------------------------------------------
    def nudges(self, moment: Moment) -> list[Nudge]:
        found = nudges(moment, self.settings, self.gate.update(moment, self.settings))
        self.fired.update(n.label for n in found)
        return found

    def phase_note(self, moment: Moment) -> str | None:
        """"Options is 1:30 over its 13 min budget: ] moves on to Way forward", or None."""
        return phase_note(moment)

    # -- suggestions ----------------------------------------------------------------------
    def _rotation(self, m: Moment) -> tuple[Any, ...]:
        """What, when it changes, is a new moment (the refresh count last)."""
        every = self.settings.rotate_minutes * 60
        bucket = int(m.phase_elapsed // every) if every > 0 else 0
        pattern = (is_monologue(m.talk, self.settings), is_mechanical(m.talk, self.settings),
                   self.gate.showing)
        return (m.model.key, m.phase, pattern, self._word_note(m), bucket, self._refreshes)

    def _word_note(self, m: Moment) -> str | None:
        """The newest note with a limiting word (a neutral note after it is not a new moment)."""
        return next((n for n in reversed(m.last_notes) if self.bank.limiting_words(n)), None)

    def _still_said(self, m: Moment, t: Trigger) -> bool:
        """The latest note still has this trigger's limiting word: its reframe stays."""
        return bool(t.word and m.last_notes and m.last_notes[-1] == t.source)

    def _triggers(self, moment: Moment) -> list[Trigger]:
        return triggers(moment, self.settings, self.bank, self.gate.update(moment, self.settings))

    def suggest_key(self, moment: Moment) -> tuple[Any, ...]:
        """Changes exactly when `suggest(moment)` could give something new."""
        reasons = tuple(t.reason for t in self._triggers(moment))
        return (self._rotation(moment), moment.outcome, moment.used, moment.shown, reasons)

    def suggest(self, moment: Moment, limit: int | None = None) -> list[Suggestion]:
        limit = limit or self.settings.suggestions
        found = self._triggers(moment)
        key = (self._rotation(moment), moment.outcome, moment.used, moment.shown,
               tuple(t.reason for t in found), limit)
        if key == self._key:
            return [s for s, _ in self._last]
        context = self._rotation(moment)
        rotate = context != self._context
        refreshed = rotate and (self._context is None or context[-1] != self._context[-1])
        for s, t in self._last:
            stays = not refreshed and self._still_said(moment, t) and s.id not in moment.used
            if t.word and (rotate or s.id in moment.used) and not stays:
                self._answered.add((t.source, t.word))  # this word has had its reframe
            if rotate and not stays:  # what was on screen is now "recently shown"
                self.history[s.id] = moment.elapsed
        if rotate:
            self._base = dict(self.history)
            self._context = context
        self._last = rank(moment, self.settings, self.bank, self._base, limit, found,
                          frozenset(self._answered))
        self._key = key
        return [s for s, _ in self._last]
