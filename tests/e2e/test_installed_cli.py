"""The installed `sessionkit` command (as `pip install .` leaves it): help, version, errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

COMMAND = Path(sys.executable).parent / "sessionkit"
if not COMMAND.exists():
    pytest.skip(f"sessionkit is not installed next to {sys.executable}", allow_module_level=True)


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    argv = [str(COMMAND), *(["--db", str(db)] if db else []), *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


def test_version_and_help_on_every_command() -> None:
    assert run("--version").stdout.strip().startswith("sessionkit, version ")
    for cmd in ("start", "review", "export", "import", "forget", "models", "demo"):
        out = run(cmd, "--help")
        assert out.returncode == 0, out.stderr
        assert "Usage:" in out.stdout


def test_shipped_models_are_installed() -> None:
    out = run("models")
    assert out.returncode == 0, out.stderr
    keys = {line.split("\t")[0] for line in out.stdout.splitlines()}
    assert {"grow", "free"} <= keys


@pytest.mark.parametrize(
    "content", [b"", b"null", b"{not json", b"[1, 2]", b'{"sessions": []}'],
    ids=["empty", "null", "garbage", "list", "foreign"],
)
def test_damaged_database_is_reported_and_left_alone(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(content)
    out = run("export", db=db)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0]
    assert db.read_bytes() == content


def test_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    out = run("start", "--coach", "Ana", "--client", "Ben", "--model", "nope", db=db)
    assert out.returncode != 0
    assert "unknown model 'nope'" in out.stderr and "Traceback" not in out.stderr
