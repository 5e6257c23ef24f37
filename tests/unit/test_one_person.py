"""Unicode-equivalent names are one person (issue 18): `Zoë` typed decomposed (macOS), in
capitals, with a zero-width space, is the same person for forget, `--person` exports, the HTML
report, the portfolio's anonymisation and partnerships. And forget's report of what still holds
a name matches whole names, also in exports under other names, and checks its folders first."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.exports.portfolio import write_portfolio
from sessionkit.models import Note, Round, Session
from sessionkit.review.summary import summarize
from sessionkit.store import SessionStore
from sessionkit.store.forget import leftovers

NFC, NFD, SPACED = "Zoë", "Zoe\u0308", "Zo\u200bë"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _session(sid: str, coach: str, client: str, outcome: str = "", day: int = 1,
             note: str = "") -> Session:
    at = f"2026-05-{day:02d}T10:00:00+00:00"
    return Session(id=sid, started_at=at, status="completed", rounds=[Round(
        coach=coach, client=client, started_at=at, outcome=outcome, elapsed_seconds=1800,
        notes=[Note(at=at, text=note)] if note else [])])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "sessionkit.json"
    with SessionStore.open(path) as store:
        store.save_many([_session("nfc00001", "Ana", NFC, day=1),
                         _session("nfd00001", "Ana", NFD, day=2),
                         _session("zws00001", "Ana", SPACED, day=3),
                         _session("other001", "Ana", "Ben", day=4,
                                  note="calmer talk, Al is not here")])
    return path


@pytest.mark.parametrize("typed", [NFC, NFD, "ZOË", " zoe\u0308 ", SPACED])
def test_every_spelling_exports_all_her_sessions(db: Path, typed: str) -> None:
    result = run("--db", str(db), "export", "--person", typed)
    assert result.exit_code == 0, result.output
    ids = sorted(s["id"] for s in json.loads(result.stdout)["sessions"])
    assert ids == ["nfc00001", "nfd00001", "zws00001"]
    html = run("--db", str(db), "export", "--format", "html", "--person", typed)
    assert html.exit_code == 0 and html.stdout.count("<article") == 3


def test_forget_erases_every_spelling(db: Path) -> None:
    result = run("--db", str(db), "forget", "--person", NFD, "--yes")
    assert result.exit_code == 0, result.output
    assert "erased 3 session(s)" in result.stdout
    left = json.loads(run("--db", str(db), "export").stdout)["sessions"]
    assert [s["id"] for s in left] == ["other001"]


def test_the_portfolio_anonymises_possessives_and_hidden_spellings() -> None:
    texts = ["BEN's plan first", "then ben's idea", "Ben\u200b Okafor called", "Okafor's view",
             "we will see"]
    docs = [_session(f"s{i:07d}", "Ana", "Ben Okafor", outcome=t, day=i + 1).to_dict()
            for i, t in enumerate(texts)]
    docs.append(_session("w0000001", "Ana", "Will Ames", day=9).to_dict())
    out = io.StringIO()
    write_portfolio(docs, "Ana", out)
    text = out.getvalue()
    assert "ben" not in text.casefold() and "okafor" not in text.casefold(), text
    assert "Client A's plan first" in text and "we will see" in text  # "will" stays a word


def test_partnerships_and_people_fold_equivalent_names() -> None:
    a = summarize(_session("a0000001", "Ana", NFC).to_dict())
    b = summarize(_session("b0000001", "ANA", NFD).to_dict())
    assert a.pair == b.pair and a.people == b.people


def test_leftovers_match_whole_names_and_find_exports_under_other_names(
    db: Path, tmp_path: Path
) -> None:
    folder = db.parent
    (folder / "for-supervisor.md").write_text("Sessions with Al: two.\n")
    (folder / "notes.txt").write_text("a calmer talk\n")
    (folder / ".sessionkit-export-x1").write_text('{"coach": "Al"}')
    with SessionStore.open(db) as store:
        found = {p.name for p in leftovers(store, "Al") if p.parent == folder}
    # the database holds "Al" as a word in other001's note; "calmer"/"talk" do not count
    assert found == {".sessionkit-export-x1", "for-supervisor.md", "sessionkit.json"}
    with SessionStore.open(db) as store:  # all three spellings in the file are found
        assert db in leftovers(store, NFD) and db in leftovers(store, "ZOË")
        assert db not in leftovers(store, "Zo")

def test_forget_checks_its_folders_before_changing_anything(db: Path) -> None:
    journal = db.parent / "journal"
    if journal.is_dir():
        for p in journal.iterdir():
            p.unlink()
        journal.rmdir()
    journal.write_text("not a folder")
    before = db.read_bytes()
    result = run("--db", str(db), "forget", "--person", NFC, "--yes")
    assert result.exit_code == 1
    assert "journal is not a folder; nothing was changed" in result.stderr
    assert db.read_bytes() == before


def test_a_killed_export_leaves_no_file_behind(tmp_path: Path) -> None:
    """kill -9 in the middle of writing: no hidden temp file holding the data."""
    out = tmp_path / "out" / "backup.json"
    out.parent.mkdir()
    script = (
        "import os, signal, sys\n"
        "from sessionkit.exports.files import private_text_file\n"
        f"with private_text_file(__import__('pathlib').Path({str(out)!r})) as f:\n"
        "    f.write('Zoë private notes ' * 50000); f.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert os.listdir(out.parent) == []


def test_start_refuses_one_person_as_coach_and_client_however_typed() -> None:
    from sessionkit.errors import SessionkitError
    from sessionkit.live.start import start_checks

    with pytest.raises(SessionkitError, match="two different people"):
        start_checks(NFC, "ZOE\u0308", None)
    with pytest.raises(SessionkitError, match="two different people"):
        start_checks("Ben\u200b", "ben", None)
