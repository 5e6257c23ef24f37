"""The home screen's dashboard: next sessions (and overdue ones), the open actions of the person
about to be seen, and recent sessions. Thin: `sessionkit.review.dashboard` computes, these lists
format. User text is shown as plain `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from screens.widgets.fmt import due_label, local_day, zoned_day
from sessionkit.plain import one_line
from sessionkit.review.dashboard import Dashboard
from sessionkit.review.history import ActionRef, Summary
from sessionkit.review.partnerships import Partnership


def pair_names(names: Sequence[str]) -> str:
    return " & ".join(one_line(n) for n in names)


def coming_prompt(p: Partnership) -> Text:
    """`Fri 27 Nov 14:00 CET · Emeka & Farah`; a pair needing attention says so first."""
    out = Text()
    if p.flagged:
        out.append(p.status.upper(), style="bold reverse").append(" ")
    if p.next_session:
        out.append(zoned_day(p.next_session, p.next_session_tz), style="bold")
    else:
        out.append(f"last {local_day(p.last_session)}", style="bold")
    return out.append(f" · {pair_names(p.names)}")


def recent_prompt(s: Summary) -> Text:
    """`Tue 17 Nov 15:00 · Gus → Hana · Get clear on…` (⇄ for a role switch)."""
    arrow = " ⇄ " if s.rounds > 1 else " → "
    out = Text.assemble((local_day(s.started_at), "bold"),
                        f" · {one_line(s.coach)}{arrow}{one_line(s.client)}")
    if s.status != "completed":
        out.append(f" ({s.status})", style="italic")
    if s.outcome:
        out.append(f" · {one_line(s.outcome)}")
    return out


def action_prompt(a: ActionRef, today: str | None = None) -> Text:
    """`[ ] Farah: Block 8-10am on Tuesdays · 13 Nov`; an action with a due day says it first
    (`OVERDUE Mon 30 Nov`, `due Fri 11 Dec`), where a narrow list never cuts it."""
    out = Text("[ ] ")
    if a.due and today is not None and a.due < today:
        out.append(f"OVERDUE {due_label(a.due)}", style="bold reverse").append(" ")
    elif a.due:
        out.append(f"due {due_label(a.due)}", style="bold").append(" · ")
    return out.append_text(Text.assemble((one_line(a.client), "bold"), f": {one_line(a.text)}",
                                         (f" · {local_day(a.started_at)[:-6]}", "dim")))


class DashList(OptionList):
    """An option list with a border title that says so when it has nothing to show. Rows wrap:
    an outcome or an action is read whole at 80 columns, never cut with `…`."""

    DEFAULT_CSS = """
    DashList { height: 1fr; min-height: 3; border: round $secondary; }
    DashList:focus { border: round $accent; }
    """

    def __init__(self, title: str, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.border_title = title

    def fill(self, options: list[Option], empty: str) -> None:
        self.clear_options()
        self.add_options(options or [Option(empty, disabled=True)])


def coming_options(dash: Dashboard) -> list[Option]:
    return [Option(coming_prompt(p), id=f"pair-{i}") for i, p in enumerate(dash.coming)]


def recent_options(dash: Dashboard) -> list[Option]:
    return [Option(recent_prompt(s), id=s.id) for s in dash.recent]


def action_options(actions: Sequence[ActionRef], today: str | None = None) -> list[Option]:
    """Option ids are `session_id/note_id`. Overdue ones first, then as given (newest first)."""
    late = sorted(actions, key=lambda a: not (a.due and today is not None and a.due < today))
    return [Option(action_prompt(a, today), id=f"{a.session_id}/{a.note_id}") for a in late]
