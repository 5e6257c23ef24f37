"""Start-of-round list: the first-session checklist and last time's open actions, tickable.

Shown inside the live screen (never a dialog): `c` focuses it, space ticks, esc goes back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.widgets import SelectionList

from sessionkit.live.session import FIRST_SESSION_CHECKLIST
from sessionkit.review.carry import OpenAction


class StartList(SelectionList[str]):
    """Values are `check:<key>` for checklist items and `action:<index>` for open actions."""

    def load(self, checklist: Mapping[str, bool], actions: Sequence[OpenAction]) -> None:
        self.clear_options()
        labels = dict(FIRST_SESSION_CHECKLIST)
        for key, ticked in checklist.items():
            self.add_option((labels.get(key, key), f"check:{key}", ticked))
        for i, action in enumerate(actions):
            self.add_option((f"Last time: {action.text}", f"action:{i}", False))
        self.display = bool(checklist or actions)
