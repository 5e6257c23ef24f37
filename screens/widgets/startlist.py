"""Start-of-round list: the first-session checklist and last time's open actions, tickable.

Shown inside the live screen (never a dialog) and built only for a round that has one. `c`
focuses it, `enter` ticks, `esc` goes back (`space` keeps switching the speaker). It folds away
once everything is ticked or the first phase is over; `c` opens it again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.widgets.selection_list import Selection

from screens.widgets.fmt import local_day
from screens.widgets.ticks import TickList
from sessionkit.live.session import FIRST_SESSION_CHECKLIST
from sessionkit.plain import one_line
from sessionkit.review.carry import LastTime, OpenAction


class StartList(TickList[str]):
    """Values are `check:<key>` for checklist items and `action:<index>` for open actions.
    Items wrap (a SelectionList cuts them with `…`): every sentence is read whole."""

    DEFAULT_CSS = """
    StartList > .option-list--option { text-wrap: wrap; text-overflow: fold; }
    StartList { text-wrap: wrap; }
    """

    def load(self, checklist: Mapping[str, bool], actions: Sequence[OpenAction],
             last: LastTime | None = None) -> None:
        """`last`: the client's last session, shown first (nothing to tick) next to its open
        actions: what they wanted and how close they got."""
        self.clear_options()
        if last is not None:
            self.add_option(Selection(Content(last_time_text(last)), "last", False,
                                      disabled=True))
        labels = dict(FIRST_SESSION_CHECKLIST)
        for key, ticked in checklist.items():
            self.add_option((Content(labels.get(key, key)), f"check:{key}", ticked))
        for i, action in enumerate(actions):
            self.add_option(
                (Content(f"Last time: {one_line(action.text)}"), f"action:{i}", False)
            )

    @property
    def all_ticked(self) -> bool:
        """Every tickable item ticked (False when there is none: last time's line alone stays
        for the first phase)."""
        tickable = sum(not self.get_option_at_index(i).disabled for i in range(self.option_count))
        return tickable > 0 and len(self.selected) == tickable


def last_time_text(last: LastTime) -> str:
    """`Last time (Tue 17 Nov): Decide about the lead role · scale 4 → 7 of 10`."""
    day = local_day(last.started_at)[:-6] if last.started_at else ""
    parts = [f"Last time{f' ({day})' if day else ''}: "
             f"{one_line(last.outcome) if last.outcome.strip() else 'no outcome written'}"]
    if last.scale_start is not None and last.scale_end is not None:
        parts.append(f"scale {last.scale_start} → {last.scale_end} of 10")
    elif last.scale_end is not None:
        parts.append(f"ended at {last.scale_end} of 10")
    elif last.scale_start is not None:
        parts.append(f"started at {last.scale_start} of 10 (no end scale)")
    return " · ".join(parts)
