"""The guidance engine's interface: nudges (tracker pane) and suggestions (questions pane).

`Moment` is everything the engine may read; `Guide` turns it into nudges and ranked suggestions.
This first version offers the current phase's own questions; the suggestion bank and the
full nudge rules build on the same types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sessionkit.catalog import CoachingModel
from sessionkit.talk import TalkSnapshot


@dataclass(frozen=True)
class Nudge:
    """A short label from PRODUCT.md ("Monologue", "Over time", ...) and why it is shown."""

    label: str
    why: str


@dataclass(frozen=True)
class Suggestion:
    """A question or reframe to offer now, with the reason it is offered."""

    id: str
    text: str
    kind: str  # "question" or "reframe"
    reason: str


@dataclass(frozen=True)
class Moment:
    """What the guide sees: the model and phase, the clock, the talk, the words so far."""

    model: CoachingModel
    phase: int
    elapsed: float
    planned: float  # seconds
    phase_elapsed: float
    talk: TalkSnapshot
    outcome: str = ""
    last_notes: tuple[str, ...] = ()
    shown: frozenset[str] = field(default_factory=frozenset)
    used: frozenset[str] = field(default_factory=frozenset)

    @property
    def remaining(self) -> float:
        return self.planned - self.elapsed


class Guide:
    """Turns a Moment into nudges and suggestions. Stateful only in what it has already fired."""

    def __init__(self) -> None:
        self.fired: set[str] = set()

    def reset(self) -> None:
        """A new round starts: forget what fired and what was shown."""
        self.fired.clear()

    def nudges(self, moment: Moment) -> list[Nudge]:
        out: list[Nudge] = []
        if moment.remaining < 0:
            out.append(Nudge("Over time", f"{-moment.remaining / 60:.0f} min past the plan"))
        return out

    def suggest(self, moment: Moment, limit: int = 3) -> list[Suggestion]:
        phase = moment.model.phases[moment.phase]
        out = []
        for i, text in enumerate(phase.questions):
            sid = f"{moment.model.key}:{moment.phase}:{i}"
            if sid in moment.used:
                continue
            out.append(Suggestion(sid, text, "question", f"phase: {phase.name}"))
        return out[:limit]
