"""The live screen's keys: PRODUCT.md's table (plus o, u, m, c), each with an id for remapping.

All are priority bindings, decided by the app the moment the key arrives: a key typed right
after `n` already finds the note box focused, however fast it comes. `SessionScreen.check_action`
lets a text field keep its typing (only `ctrl+t`, `esc` and `enter` act there) and hides the rest.
`enter` in a field is decided here too: the focus is back on the session before the next key."""

from __future__ import annotations

from textual.binding import Binding

PHASE = Binding.Group("Phase", compact=True)
TALK = Binding.Group("Talk")


def _key(key: str, action: str, description: str, id: str, tooltip: str,  # noqa: A002
         **extra: object) -> Binding:
    return Binding(key, action, description, id=id, tooltip=tooltip, priority=True,
                   **extra)  # type: ignore[arg-type]


SESSION_BINDINGS: list[Binding] = [
    _key("space", "toggle_speaker", "Talk", "talk", group=TALK,
         tooltip="switch who is speaking (after a silence: the other one than last)"),
    # ctrl+t twice, one id: shown in a text field (where space types), hidden elsewhere (space
    # shows there), so the footer fits 80 columns; Textual tries the second when the first is off
    _key("ctrl+t", "switch_speaker_here", "Talk", "talk-anywhere", group=TALK, key_display="^t",
         tooltip="switch who is speaking from anywhere, also while typing in a field"),
    _key("ctrl+t", "switch_speaker", "", "talk-anywhere", show=False, tooltip=""),
    _key("s", "silence", "Quiet", "silence",
         tooltip="silence: nobody speaks (thinking time, counted to nobody)"),
    _key("z", "undo_speaker", "Undo", "undo-speaker",
         tooltip="undo the last speaker change (taken back to when it happened)"),
    _key("n", "write('note')", "Note", "note", tooltip="write a note"),
    _key("a", "write('action')", "Action", "action",
         tooltip="write an action (the client's next step)"),
    _key("left_square_bracket", "phase(-1)", "Prev", "prev-phase", key_display="[",
         tooltip="previous phase", group=PHASE),
    _key("right_square_bracket", "phase(1)", "Next", "next-phase", key_display="]",
         tooltip="next phase", group=PHASE),
    _key("p", "pause", "Pause", "pause", tooltip="pause / resume the clock"),
    _key("r", "switch_roles", "Roles", "switch-roles", show=False,  # the button shows it
         tooltip="switch roles: a new round, coach and client swapped (confirm with y)"),
    _key("e", "end", "End", "end",
         tooltip="end the session (confirm with y), then feedback for each round"),
    _key("l", "listen", "Listen", "listen",
         tooltip="listening on / off (the audio extra: mic = coach, call audio = client; "
                 "`sessionkit audio` explains set-up)"),
    _key("question_mark", "help", "Help", "help", key_display="?", tooltip="this help"),
    _key("o", "outcome", "Outcome", "outcome", show=False, tooltip="edit the outcome again"),
    _key("u", "use_suggestion", "Asked", "use-suggestion", show=False,
         tooltip="mark the first suggested question as asked (shows the next)"),
    _key("m", "mark", "Mark", "mark", show=False,
         tooltip="mark this moment: it mattered (its time and phase, for the review and feedback)"),
    _key("c", "checklist", "Checklist", "checklist", show=False,
         tooltip="open the start-of-round list (enter ticks, esc back)"),
    _key("escape", "back", "Back to session", "back", "back to the session; what you typed stays"),
    _key("enter", "submit", "Save", "submit", "in a field: save it and go back to the session",
         show=False),
    Binding("ctrl+q", "app.quit", "", show=False, priority=True),  # in help; the footer fits 80
]
"""The live keys (PRODUCT.md's table, plus o, u, m, c). Ids let settings.toml remap them."""

ANYWHERE = {"switch_speaker", "switch_speaker_here", "back", "submit"}
"""Actions that also work while a text field has the focus."""
