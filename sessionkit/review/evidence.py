"""A round's evidence of how the coach listened, in words: what the feedback screen shows before
the coach writes "what to improve", and what the session review shows per round.

Plain (label, value) rows. A measure that was not taken (keys only, or a record from before it
existed) reads "not measured" (never 0). Rising endings are named as what they are, a proxy:
"rising endings (closed questions?)". Time cues are the clock's, not the coach's behaviour:
they are left out of the nudges listed here and out of the growth view's "nudges per session".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sessionkit.config import nudge_labels
from sessionkit.models import Round
from sessionkit.timefmt import duration

TIME_CUES = frozenset(nudge_labels.TIME_CUES)
"""Nudges that follow the clock (PRODUCT.md's time cues), not how the coach talks or listens."""

RISING_LABEL = "rising endings (closed questions?)"
NOT_MEASURED = "not measured"


def behaviour_nudges(labels: Iterable[str]) -> list[str]:
    """The labels that are about the coach's behaviour (time cues left out), in order."""
    return [label for label in labels if label not in TIME_CUES]


def _seconds(value: float | None) -> str:
    return NOT_MEASURED if value is None else f"{value:.1f} s"


def _count(value: int | None) -> str:
    return NOT_MEASURED if value is None else str(value)


def evidence(rnd: Round) -> list[tuple[str, str]]:
    """The round's evidence rows, in the order the coach reads them."""
    talk = rnd.talk
    share = talk.client_share
    rows = [
        ("talk share", "no talk recorded" if share is None else
         f"coach {100 - round(100 * share)} % · client {round(100 * share)} %"),
        ("longest turn", f"coach {duration(talk.longest_coach_turn)} · "
                         f"client {duration(talk.longest_client_turn)}"),
        ("wait after", f"coach {_seconds(talk.wait_after_coach_seconds)} · "
                       f"client {_seconds(talk.wait_after_client_seconds)} (medians)"),
        ("coach re-entries", _count(talk.coach_reentries)),
        ("interruptions", NOT_MEASURED if talk.coach_interruptions is None else
         f"coach {talk.coach_interruptions} · client {_count(talk.client_interruptions)}"),
        (RISING_LABEL, _count(talk.rising_endings)),
    ]
    if talk.coach_pace is not None or talk.client_pace is not None:
        pace = " · ".join(f"{who} {value:.1f}" for who, value in
                          (("coach", talk.coach_pace), ("client", talk.client_pace))
                          if value is not None)
        rows.append(("pace (syllables/s)", pace))
    fired = Counter(behaviour_nudges(n.label for n in rnd.nudges))
    rows.append(("nudges", ", ".join(f"{label} ×{n}" if n > 1 else label
                                     for label, n in fired.items()) or "none"))
    return rows


def evidence_text(rnd: Round) -> str:
    """The rows as lines ("label: value")."""
    return "\n".join(f"{label}: {value}" for label, value in evidence(rnd))
