"""A command that writes leaves the review's summary index fresh: the first review after an
`import` (or a `forget`) opens on its rows at once instead of parsing the database."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sessionkit import __version__
from sessionkit.cli import main
from sessionkit.demo import generate
from sessionkit.exports.transfer import write_json
from sessionkit.review import index_file


def _export(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        write_json(sorted(generate(count), key=lambda s: s.started_at), out)


def test_import_then_forget_leave_a_fresh_index(tmp_path: Path) -> None:
    db, file = tmp_path / "s.json", tmp_path / "in.json"
    _export(file, 3 * index_file.MIN_SESSIONS)
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(file)])
    assert result.exit_code == 0, result.output
    head = index_file.read_head(db, __version__)
    assert head is not None and head.count == 3 * index_file.MIN_SESSIONS
    assert "Ana" in head.people

    result = CliRunner().invoke(main, ["--db", str(db), "forget", "--person", "ana", "--yes"])
    assert result.exit_code == 0, result.output
    head = index_file.read_head(db, __version__)
    assert head is not None and "Ana" not in head.people
    assert 0 < head.count < 3 * index_file.MIN_SESSIONS
    assert b"Ana" not in index_file.index_path(db).read_bytes()


def test_a_small_import_writes_no_index(tmp_path: Path) -> None:
    db, file = tmp_path / "s.json", tmp_path / "in.json"
    _export(file, 12)
    assert CliRunner().invoke(main, ["--db", str(db), "import", str(file)]).exit_code == 0
    assert not index_file.index_path(db).exists()  # below MIN_SESSIONS the review builds it
