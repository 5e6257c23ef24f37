"""One rule for starting a session (`sessionkit.live.start`), asked by the home screen and by
`sessionkit start` alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.errors import SessionkitError
from sessionkit.live.start import start_checks


def test_names_are_saved_without_surrounding_blanks() -> None:
    assert start_checks("  Ana ", "Ben\t", 45) == ("Ana", "Ben")


@pytest.mark.parametrize("coach,client,minutes,message", [
    ("", "Ben", 45, "Give both names: coach and client"),
    ("Ana", "   ", 45, "Give both names: coach and client"),
    ("Ana", " ana ", 45, "Coach and client must be two different people"),
    ("Ana", "Ben", 4, "Minutes: from 5 to 240"),
    ("Ana", "Ben", 241, "Minutes: from 5 to 240"),
])
def test_a_start_is_refused_in_one_line(coach: str, client: str, minutes: int,
                                        message: str) -> None:
    with pytest.raises(SessionkitError, match=f"^{message}$"):
        start_checks(coach, client, minutes)


@pytest.mark.parametrize("coach,client,message", [
    ("Ana", "ANA", "Coach and client must be two different people"),
    (" ", "Ben", "Give both names: coach and client"),
])
def test_the_command_refuses_with_the_same_rule(tmp_path: Path, coach: str, client: str,
                                                message: str) -> None:
    db = tmp_path / "s.json"
    result = CliRunner().invoke(main, ["--db", str(db), "start", "--coach", coach,
                                       "--client", client])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"sessionkit: {message}"
    assert not db.exists()  # nothing written
