"""What a new session needs before it starts: one rule for the home screen and `sessionkit
start` (both used to check the names and minutes their own way)."""

from __future__ import annotations

from sessionkit.errors import SessionkitError
from sessionkit.names import name_key

MINUTES = (5, 240)
"""Planned minutes per round, lowest and highest."""


def start_checks(coach: str, client: str, minutes: int | None = None) -> tuple[str, str]:
    """The coach's and client's names as they will be saved (surrounding blanks dropped).

    Raises SessionkitError with a one-line message: a name missing, the same person twice
    (any case), or minutes outside `MINUTES` (None: the default will be used)."""
    coach, client = coach.strip(), client.strip()
    if not coach or not client:
        raise SessionkitError("Give both names: coach and client")
    if name_key(coach) == name_key(client):
        raise SessionkitError("Coach and client must be two different people")
    if minutes is not None and not MINUTES[0] <= minutes <= MINUTES[1]:
        raise SessionkitError(f"Minutes: from {MINUTES[0]} to {MINUTES[1]}")
    return coach, client


PROGRAMME = (1, 100)
"""Sessions in a programme ("session n of N"): twelve in the seeds; a hundred is years."""
CADENCE = (1, 365)
"""Days between sessions: daily to yearly."""


def plan_checks(programme: int | None, cadence: int | None) -> None:
    """The partnership's plan. Raises SessionkitError naming the field for a value out of
    range (None: not given, inherited from the pair's earlier sessions)."""
    if programme is not None and not PROGRAMME[0] <= programme <= PROGRAMME[1]:
        raise SessionkitError(
            f"Programme: a number of sessions from {PROGRAMME[0]} to {PROGRAMME[1]} "
            f"(got {programme})")
    if cadence is not None and not CADENCE[0] <= cadence <= CADENCE[1]:
        raise SessionkitError(
            f"Cadence: a number of days from {CADENCE[0]} to {CADENCE[1]} (got {cadence})")
