"""What a new session needs before it starts: one rule for the home screen and `sessionkit
start` (both used to check the names and minutes their own way)."""

from __future__ import annotations

from sessionkit.errors import SessionkitError

MINUTES = (5, 240)
"""Planned minutes per round, lowest and highest."""


def start_checks(coach: str, client: str, minutes: int | None = None) -> tuple[str, str]:
    """The coach's and client's names as they will be saved (surrounding blanks dropped).

    Raises SessionkitError with a one-line message: a name missing, the same person twice
    (any case), or minutes outside `MINUTES` (None: the default will be used)."""
    coach, client = coach.strip(), client.strip()
    if not coach or not client:
        raise SessionkitError("Give both names: coach and client")
    if coach.casefold() == client.casefold():
        raise SessionkitError("Coach and client must be two different people")
    if minutes is not None and not MINUTES[0] <= minutes <= MINUTES[1]:
        raise SessionkitError(f"Minutes: from {MINUTES[0]} to {MINUTES[1]}")
    return coach, client
