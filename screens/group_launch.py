"""Opening an intervision meeting from `sessionkit group start`: an unfinished one is offered
first (`y` resumes it, `n` keeps it as it is), then the casting (or, with both a case giver and
a case, the live round at once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from screens.dialogs import ConfirmDialog
from screens.group_casting import CastingScreen
from screens.home_group import resume_group
from screens.services import Services
from screens.widgets.fmt import local_day
from sessionkit.group.live import LiveGroup
from sessionkit.group.methods import MethodCatalog
from sessionkit.group.start import GroupStart
from sessionkit.store.groups import keep_unfinished, pending_groups
from sessionkit.store.lazy import opened_store


def open_group(app: App[Any], services: Services, plan: GroupStart, methods: MethodCatalog,
               done: Callable[[str | None], None]) -> None:
    store = services.store
    pending = pending_groups(store)

    def fresh() -> None:
        live = LiveGroup.start(list(plan.members), plan.method, services.clock, plan.minutes)
        if plan.case_giver and plan.case:
            live.set_case(plan.case_giver, plan.case)
        app.push_screen(CastingScreen(live, services, plan.case_giver, plan.straight_to_round),
                        done)

    if not pending:
        fresh()
        return
    meeting = pending[-1]

    def answered(resume: bool | None) -> None:
        if resume:
            resume_group(app, services, meeting, done, methods)
        else:
            keep_unfinished(opened_store(store), meeting)
            fresh()

    app.push_screen(ConfirmDialog(
        f"Resume the unfinished meeting of {', '.join(meeting.members)}?",
        f"Started {local_day(meeting.started_at)}, {len(meeting.rounds)} round(s). "
        "y = resume it · n = keep it as it is and start the new meeting"), answered)
