"""Start-of-round list: the first-session checklist and last time's open actions, tickable.

Shown inside the live screen (never a dialog) and built only for a round that has one. `c`
focuses it, `enter` ticks, `esc` goes back (`space` keeps switching the speaker). It folds away
once everything is ticked or the first phase is over; `c` opens it again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content

from screens.widgets.ticks import TickList
from sessionkit.live.session import FIRST_SESSION_CHECKLIST
from sessionkit.plain import one_line
from sessionkit.review.carry import OpenAction


class StartList(TickList[str]):
    """Values are `check:<key>` for checklist items and `action:<index>` for open actions.
    Items wrap (a SelectionList cuts them with `…`): every sentence is read whole."""

    DEFAULT_CSS = """
    StartList > .option-list--option { text-wrap: wrap; text-overflow: fold; }
    StartList { text-wrap: wrap; }
    """

    def load(self, checklist: Mapping[str, bool], actions: Sequence[OpenAction]) -> None:
        self.clear_options()
        labels = dict(FIRST_SESSION_CHECKLIST)
        for key, ticked in checklist.items():
            self.add_option((Content(labels.get(key, key)), f"check:{key}", ticked))
        for i, action in enumerate(actions):
            self.add_option(
                (Content(f"Last time: {one_line(action.text)}"), f"action:{i}", False)
            )

    @property
    def all_ticked(self) -> bool:
        return len(self.selected) == self.option_count
