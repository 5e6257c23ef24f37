"""The listening line of the Talk pane: on/off, a small level meter per channel, overlap, and
warnings in words ("no call audio: …", "headset recommended", a lost device)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.markup import escape

if TYPE_CHECKING:  # the listening core is imported only when listening is switched on
    from sessionkit.listen.listener import ListenStatus

CELLS = 5


def level_meter(db: float) -> str:
    """-60 dB and below: empty; 0 dB: full."""
    filled = max(0, min(CELLS, round((db + 60) / 60 * CELLS)))
    return "▮" * filled + "▯" * (CELLS - filled)


def listening_text(status: ListenStatus | None) -> str:
    """Markup for the line ('' when listening was never on)."""
    if status is None:
        return ""
    if not status.on:
        note = f"  [dim]{escape(status.warning)}[/]" if status.warning else ""
        return f"[dim]listening off · l listens[/]{note}"
    mic = "[b]mic[/]" if status.mic_speech else "[dim]mic[/]"
    call = "[b]call[/]" if status.call_speech else "[dim]call[/]"
    meters = f"{mic} {level_meter(status.mic_db)}  {call} {level_meter(status.call_db)}"
    text = f"[b]● listening[/]  {meters}"
    if status.overlapping:
        text += "  [$warning]overlap[/]"
    if status.warning:
        text += f"\n[$warning]{escape(status.warning)}[/]"
    return text
