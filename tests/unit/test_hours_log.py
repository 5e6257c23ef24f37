"""The coaching-hours CSV (issue 18): rounds under a minute are not coaching hours (left out,
counted on stderr); hours come from seconds, so the CSV and the portfolio agree."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.demo import make_session
from sessionkit.exports.csv_log import write_csv
from sessionkit.exports.portfolio import write_portfolio
from sessionkit.models import Session
from sessionkit.store import SessionStore


def _sessions() -> list[Session]:
    rng = random.Random(3)
    out = []
    for day, seconds in ((1, 17), (2, 15 * 60), (3, 1000)):
        session = make_session(rng, datetime(2026, 3, day, 9, tzinfo=UTC), "Ana", "Ben")
        session.rounds[0].elapsed_seconds = seconds
        out.append(session)
    return out


def test_short_rounds_are_left_out_and_hours_come_from_seconds() -> None:
    out, said = io.StringIO(), []
    assert write_csv(_sessions(), out, said.append) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["minutes"], r["hours"]) for r in rows] == [("15", "0.25"), ("17", "0.28")]
    assert said == ["left out 1 round(s) under a minute from the coaching log (not coaching "
                    "hours)"]


def test_the_portfolio_counts_the_same_hours() -> None:
    out = io.StringIO()
    write_portfolio([s.to_dict() for s in _sessions()], "Ana", out)
    text = out.getvalue()
    total = (15 * 60 + 1000) / 3600
    assert f"| **total** | **2** | **{total:.1f}** |" in text, text


def test_the_command_says_how_many_rounds_it_left_out(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    store = SessionStore.open(db)
    store.save_many(_sessions())
    store.close()
    result = CliRunner().invoke(main, ["--db", str(db), "export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("sessionkit: left out 1 round(s) under a minute from the coaching "
                             "log (not coaching hours)\n")
    assert result.stdout.count("\n") == 3  # the header and two rounds
