"""The live screen's keys: PRODUCT.md's table (plus o, u, c), each with an id for remapping."""

from __future__ import annotations

from textual.binding import Binding

PHASE = Binding.Group("Phase", compact=True)

SESSION_BINDINGS: list[Binding] = [
    Binding("space", "toggle_speaker", "Talk", id="talk",
            tooltip="switch who is speaking (after a silence: the other one than last)"),
    Binding("s", "silence", "Silence", id="silence",
            tooltip="silence: nobody speaks (thinking time, counted to nobody)"),
    Binding("n", "write('note')", "Note", id="note", tooltip="write a note"),
    Binding("a", "write('action')", "Action", id="action",
            tooltip="write an action (the client's next step)"),
    Binding("left_square_bracket", "phase(-1)", "Prev", id="prev-phase", key_display="[",
            tooltip="previous phase", group=PHASE),
    Binding("right_square_bracket", "phase(1)", "Next", id="next-phase", key_display="]",
            tooltip="next phase", group=PHASE),
    Binding("p", "pause", "Pause", id="pause", tooltip="pause / resume the clock"),
    Binding("r", "switch_roles", "Roles", id="switch-roles",
            tooltip="switch roles: a new round, coach and client swapped (confirm with y)"),
    Binding("e", "end", "End", id="end",
            tooltip="end the session (confirm with y), then feedback for each round"),
    Binding("question_mark", "help", "Help", id="help", key_display="?", tooltip="this help"),
    Binding("o", "outcome", "Outcome", id="outcome", show=False,
            tooltip="edit the outcome again"),
    Binding("u", "use_suggestion", "Asked", id="use-suggestion", show=False,
            tooltip="mark the first suggested question as asked (shows the next)"),
    Binding("c", "checklist", "Checklist", id="checklist", show=False,
            tooltip="tick the start-of-round list (space ticks, esc back)"),
    Binding("escape", "back", "Back to session", id="back"),
]
"""The live keys (PRODUCT.md's table, plus o, u, c). Ids let settings.toml remap them."""
