"""Building the app for a group meeting as `sessionkit group start` does, on a fake clock."""

from __future__ import annotations

from typing import Any

from screens.app import make_app
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.group.methods import MethodCatalog
from sessionkit.group.start import plan_start
from sessionkit.store import SessionStore
from tests.pilot import wait_for as until

METHODS = MethodCatalog.load([])


def group_app(store: SessionStore, fake: FakeClock, members: str = "Ana,Ben,Cem,Dee",
              method: str = "tietze", case_giver: str | None = None,
              case: str | None = None) -> Any:
    plan = plan_start(members, METHODS, method, None, case_giver, case)
    return make_app(store, ModelCatalog.load([]), clock=fake,
                    group={"plan": plan, "methods": METHODS})


async def wait_for(pilot: Any, name: str, tries: int = 60) -> Any:
    """The screen named `name`, once it is on top (screens follow dialogs' answers)."""
    return await until(pilot, lambda: type(pilot.app.screen).__name__ == name and pilot.app.screen,
                       f"{name} opened", tries)
