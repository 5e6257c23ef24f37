"""The coach's portfolio: golden file, clients anonymised everywhere, no notes, plain text, CLI."""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.exports.anonymise import Anonymiser, letters
from sessionkit.exports.portfolio import write_portfolio
from sessionkit.plain import has_control
from sessionkit.store import SessionStore
from tests.golden.coach_fixture import docs, sessions

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "portfolio.md"
OTHERS = ("Zoë", "Martin", "Ben", "Chloe", "Pat", "Quinn")


def portfolio(records=None, person: str = "Maya") -> str:  # noqa: ANN001
    out = io.StringIO()
    write_portfolio(records if records is not None else docs(), person, out)
    return out.getvalue()


def test_golden() -> None:
    text = portfolio()
    if os.environ.get("SESSIONKIT_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(text.encode("utf-8"))
    assert text == GOLDEN.read_bytes().decode("utf-8")


def test_no_real_name_of_anyone_else_anywhere() -> None:
    text = portfolio()
    for name in OTHERS:
        assert not re.search(rf"(?i)(?<!\w){name}(?!\w)", text), name
    assert "Maya" in text  # the owner's own name stays


def test_each_client_keeps_one_letter_throughout() -> None:
    text = portfolio()
    # Zoë Martin is Client A: her sessions, the name inside texts, and as Maya's coach
    assert "### Client A\n\n3 sessions (peer)" in text
    assert "give Client A more silence" in text
    assert "- 10 Jan 2026 with Client A: Protect my mornings" in text
    assert "Client C will attend" in text and "### Client C\n\n1 session (pro-bono)" in text
    assert "Client D" not in text  # Pat and Quinn never met Maya: no label, no mention


def test_no_notes_private_or_not_and_no_unfinished_session() -> None:
    text = portfolio()
    assert "SECRET" not in text and "Talked about" not in text
    assert "UNFINISHED" not in text


def test_hours_split_by_kind_with_unspecified() -> None:
    text = portfolio()
    assert "| paid | 2 | 2.0 |" in text and "| pro-bono | 1 | 0.7 |" in text
    assert "| peer | 3 | 2.2 |" in text and "| unspecified | 1 | 0.8 |" in text
    assert "| **total** | **7** | **5.7** |" in text
    assert "Dates: 10 Jan 2026 to 20 Mar 2026, with 3 clients." in text
    assert "1.5 hours in 2 sessions with 1 coach" in text


def test_control_characters_never_reach_the_document() -> None:
    records = docs()
    records[0]["rounds"][0]["outcome"] = "Decide \x1b]52;c;bad\x07 now"
    records[0]["rounds"][0]["feedback"]["most_helpful"] = "line one\nline two\x1b[2J"
    text = portfolio(records)
    assert not has_control(text.replace("\n", ""))
    assert "Decide ␛]52;c;bad␇ now" in text and "“line one line two␛[2J”" in text


def test_a_person_with_no_sessions_gets_an_honest_empty_portfolio() -> None:
    text = portfolio(person="Nobody")
    assert "No completed sessions as coach on record." in text
    assert "No completed sessions as a client on record." in text
    for name in OTHERS:
        assert name not in text


@pytest.mark.parametrize(("index", "label"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB")])
def test_letters(index: int, label: str) -> None:
    assert letters(index) == label


def test_anonymiser_replaces_full_names_and_capitalised_parts_not_the_owner() -> None:
    anon = Anonymiser("Ana Silva", ["Ana Silva", "Ana Lopez", "Will Stone"])
    assert anon.label("Ana Lopez") == "Client A" and anon.label("Will Stone") == "Client B"
    said = anon.text("ana lopez and Will met Ana; we will see. Stone-cold, Lopez said.")
    assert said == ("Client A and Client B met Ana; we will see. Client B-cold, Client A said.")


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as st:
        st.save_many(sessions())
    return db


def test_cli_portfolio_to_a_private_file(tmp_path: Path) -> None:
    db, out = _db(tmp_path), tmp_path / "portfolio.md"
    result = CliRunner().invoke(main, ["--db", str(db), "export", "--format", "portfolio",
                                       "--person", "maya", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with SessionStore.open(db, readonly=True) as st:
        assert out.read_text(encoding="utf-8") == portfolio(st.raw_sessions(), "maya")
    assert "### Client B" in out.read_text(encoding="utf-8")


def test_the_person_s_own_coaches_are_coach_a_b() -> None:
    records = docs()
    records.append({**records[0], "id": "sam1", "rounds": [
        {**records[0]["rounds"][1], "coach": "Sam Okoro", "outcome": "Ask Sam Okoro for time",
         "started_at": "2026-03-10T09:00:00+00:00"}]})
    text = portfolio(records)
    assert "- 10 Mar 2026 with Coach A: Ask Coach A for time" in text
    assert "Sam" not in text and "Okoro" not in text


def test_cli_portfolio_refuses_include_private(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(_db(tmp_path)), "export", "--format",
                                       "portfolio", "--person", "Maya", "--include-private"])
    assert result.exit_code != 0 and "never holds notes" in result.output
    assert result.output.strip().count("\n") == 0


def test_cli_portfolio_needs_a_person(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(_db(tmp_path)), "export", "--format",
                                       "portfolio"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0
    assert "--format portfolio needs --person NAME" in result.output
