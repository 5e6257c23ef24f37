"""The one validating reader: what it refuses, each named by its field path (issue 9, part A)."""

from __future__ import annotations

from typing import Any

import pytest

from sessionkit.models import Session
from sessionkit.reader import LONG_CHARS, NAME_CHARS

T = "2026-11-25T09:00:00+00:00"


def _session(**round_fields: Any) -> dict[str, Any]:
    return {
        "id": "s1", "started_at": T,
        "rounds": [{"coach": "Ana", "client": "Ben", "started_at": T, **round_fields}],
    }


def _note(**fields: Any) -> dict[str, Any]:
    return {"id": "n1", "at": T, "text": "x", **fields}


@pytest.mark.parametrize(
    ("session", "message"),
    [
        ({"id": "x/../../../../../../../outside/PWNED"}, r"session.id: 'x/\.\./.*' is not an id"),
        ({"id": ""}, r"session.id: '' is not an id"),
        ({"id": "nul\x00id"}, r"session.id: 'nul\\x00id' is not an id"),
        ({"id": "x" * 65}, r"session.id: 'x{40}\.\.\.' is not an id"),
        ({"id": 7}, r"session.id: expected an id, got a number"),
        ({"started_at": "0001-01-01T00:00:00+14:00"}, r"started_at: the year 1 is outside"),
        ({"started_at": "9999-12-31T23:59:59-14:00"}, r"started_at: the year 9999 is outside"),
        ({"next_session": "2201-01-01T00:00:00+00:00"}, r"next_session: the year 2201"),
        ({"planned_minutes": 10**30}, r"planned_minutes: a 31-digit number is not a whole"),
        ({"planned_minutes": 0}, r"planned_minutes: 0 is not a whole number from 1 to 1,440"),
        ({"next_session_tz": "../../etc/passwd"}, r"next_session_tz: .* is not a time zone"),
        ({"cadence_days": -3}, r"cadence_days: -3 is not a whole number"),
        ({"model": "m" * 1001}, r"session.model: 1,001 characters, more than the 1,000"),
    ],
)
def test_session_fields_out_of_bounds_are_refused(session: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Session.from_dict({**_session(), **session})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"coach": "A" * (NAME_CHARS + 1)}, r"rounds\[0\].coach: 201 characters, more than"),
        ({"outcome": "o" * 10_000_000}, r"rounds\[0\].outcome: 10,000,000 characters, more"),
        ({"phase": 999}, r"rounds\[0\].phase: 999 is not a whole number from 0 to 49"),
        ({"phase": -1}, r"rounds\[0\].phase: -1 is not a whole number"),
        ({"elapsed_seconds": -5}, r"elapsed_seconds: expected a finite number from 0 .*got -5"),
        ({"elapsed_seconds": 10**400}, r"elapsed_seconds: .*got a 401-digit number"),
        ({"talk": {"coach_seconds": -1}}, r"talk.coach_seconds: expected a finite number"),
        ({"talk": {"turns": -1}}, r"talk.turns: -1 is not a whole number"),
        ({"talk": {"segments": "coach@0+-5"}}, r"talk.segments: item 1 'coach@0\+-5' is not"),
        ({"talk": {"segments": "coach@0+1e400"}}, r"talk.segments: item 1"),
        ({"phase_started": [0, -2]}, r"phase_started\[1\]: expected a finite number from 0"),
        ({"notes": [_note(id="../x")]}, r"notes\[0\].id: '\.\./x' is not an id"),
        ({"notes": [_note(), _note()]}, r"rounds\[0\].notes\[1\].id 'n1' appears twice"),
        ({"notes": [_note(text="t" * (LONG_CHARS + 1))]}, r"notes\[0\].text: 50,001 characters"),
        ({"notes": [_note(at="1969-07-20T20:17:00+00:00")]}, r"notes\[0\].at: the year 1969"),
        ({"feedback": {"most_helpful": "h" * (LONG_CHARS + 1)}}, r"feedback.most_helpful: 50,001"),
        ({"feedback": {"future": [[[1]]]}}, r"feedback.future: expected a short text, number"),
        ({"used_suggestions": ["q" * 1001]}, r"used_suggestions\[0\]: more than 1,000 characters"),
        ({"nudges": [{"label": "Ask", "at": -1}]}, r"nudges\[0\].at: expected a finite number"),
        ({"nudges": [{"label": "L" * 1001, "at": 1}]}, r"nudges\[0\].label: 1,001 characters"),
    ],
)
def test_round_fields_out_of_bounds_are_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Session.from_dict(_session(**fields))


def test_values_at_the_limits_are_read() -> None:
    """The caps leave room for every real session: long notes, a week of talk, 2200."""
    data = _session(
        coach="A" * NAME_CHARS, outcome="o" * LONG_CHARS, phase=49, elapsed_seconds=7 * 86400,
        notes=[_note(text="t" * LONG_CHARS, at="2200-12-31T23:59:59-14:00"),
               _note(id="n2", at="1970-01-01T00:00:00+14:00")],
    )
    session = Session.from_dict({**data, "id": "A" * 64, "planned_minutes": 1440})
    assert session.rounds[0].phase == 49 and len(session.rounds[0].notes) == 2
