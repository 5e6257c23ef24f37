"""The listening line of the Talk pane: on/off, a small level meter per channel, overlap, and
warnings in words ("no call audio: …", "headset recommended", a lost device)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual.content import Content

from sessionkit.plain import one_line

if TYPE_CHECKING:  # the listening core is imported only when listening is switched on
    from sessionkit.listen.listener import ListenStatus

CELLS = 5


def level_meter(db: float) -> str:
    """-60 dB and below: empty; 0 dB: full."""
    filled = max(0, min(CELLS, round((db + 60) / 60 * CELLS)))
    return "▮" * filled + "▯" * (CELLS - filled)


def listening_text(status: ListenStatus | None, paint: Mapping[str, Any]) -> Content:
    """The line (empty when listening was never switched on)."""
    if status is None:
        return Content("")
    if not status.on:
        note = f" · {one_line(status.warning)}" if status.warning else ""
        return Content.assemble((f"listening off · l listens{note}", paint["muted"]))
    parts: list[Any] = [("● listening", "bold")]
    for name, db, speech in (("mic", status.mic_db, status.mic_speech),
                             ("call", status.call_db, status.call_speech)):
        parts += ["  ", (name, "bold" if speech else paint["muted"]), f" {level_meter(db)}"]
    if status.overlapping:
        parts.append(("  overlap", paint["warning"]))
    if status.warning:
        parts.append((f"\n{one_line(status.warning)}", paint["warning"]))
    return Content.assemble(*parts)


SET_UP = "Run `sessionkit audio` in a terminal: it lists your devices and explains set-up."


def short(problem: str) -> str:
    """The reason's first clause (the header has one line)."""
    return problem.split(" (")[0].split(". ")[0].split(": ")[0]


def cannot_listen(problem: str) -> tuple[str, str]:
    """Listening cannot start: the header's short line and the notice that says it in full."""
    return f"Cannot listen: {short(problem)} · see the notice", f"{problem}\n\n{SET_UP}"


def switched(on: bool, mic_only: bool) -> str:
    """The header's line after `l` switched listening on or off."""
    if not on:
        return "Listening off: keys only"
    if mic_only:
        return "Listening to the mic only: wear a headset · l stops"
    return "Listening: mic = coach, call = client · l stops"
