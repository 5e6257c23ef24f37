"""Build a LiveSession to start or resume (shared by the home screen and `sessionkit start`)."""

from __future__ import annotations

from sessionkit.clock import Clock
from sessionkit.config.catalog import CoachingModel, ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.errors import SessionkitError
from sessionkit.guidance.guide import Guide
from sessionkit.live.session import LiveSession
from sessionkit.live.start import start_checks
from sessionkit.models import UNSPECIFIED, Session
from sessionkit.review import carry
from sessionkit.store import SessionStore


def new_live(
    store: SessionStore, catalog: ModelCatalog, clock: Clock, settings: Settings,
    coach: str, client: str, minutes: int, model: str, swap: bool,
) -> LiveSession:
    """A new session, coach speaking. Raises SessionkitError with a one-line message."""
    coach, client = start_checks(coach, client, minutes)
    first = carry.first_of_pair(store, coach, client)
    kind = None if first else carry.last_kind(store, coach, client)
    return LiveSession.start(
        coach, client, catalog.get(model), clock, minutes=minutes, swap=swap,
        first_of_pair=first, guide=Guide(settings), session_type=kind or UNSPECIFIED,
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
