"""Build a LiveSession to start or resume (shared by the home screen and `sessionkit start`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessionkit.clock import Clock
from sessionkit.config.catalog import CoachingModel, ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.errors import SessionkitError
from sessionkit.guidance.guide import Guide
from sessionkit.live.session import LiveSession
from sessionkit.live.start import plan_checks, start_checks
from sessionkit.models import UNSPECIFIED, Session
from sessionkit.review import carry
from sessionkit.store.store import SessionStore

if TYPE_CHECKING:
    from sessionkit.store.lazy import LazyStore


def new_live(
    store: SessionStore | LazyStore, catalog: ModelCatalog, clock: Clock, settings: Settings,
    coach: str, client: str, minutes: int, model: str, swap: bool,
    programme: int | None = None, cadence: int | None = None, checklist: bool = False,
) -> LiveSession:
    """A new session, coach speaking. Raises SessionkitError with a one-line message.

    The partnership's plan (`programme` sessions, every `cadence` days) is inherited from the
    pair's earlier sessions where not given; the first-session checklist shows for a new pair
    only, or when asked for (`checklist`)."""
    coach, client = start_checks(coach, client, minutes)
    plan_checks(programme, cadence)
    first = carry.first_of_pair(store, coach, client)
    kind = None if first else carry.last_kind(store, coach, client)
    had_programme, had_cadence = (None, None) if first else carry.last_plan(store, coach, client)
    return LiveSession.start(
        coach, client, catalog.get(model), clock, minutes=minutes, swap=swap,
        first_of_pair=first or checklist, guide=Guide(settings),
        session_type=kind or UNSPECIFIED,
        programme_total=programme if programme is not None else had_programme,
        cadence_days=cadence if cadence is not None else had_cadence,
    )


def model_for(catalog: ModelCatalog, session: Session) -> tuple[CoachingModel, str]:
    """The session's model, or a stand-in (and a note saying so) if its file is gone."""
    try:
        return catalog.get(session.model), ""
    except SessionkitError:
        model = catalog.models.get("free") or next(iter(catalog.models.values()))
        return model, f"Model {session.model!r} is gone; resuming with {model.name}"


def resumed_live(
    catalog: ModelCatalog, clock: Clock, settings: Settings, session: Session
) -> tuple[LiveSession, str]:
    model, note = model_for(catalog, session)
    return LiveSession.resume(session, model, clock, Guide(settings)), note
