"""Hand-offs between two laptops (issue 20): `handoff` on one database, `import` on another.

Each laptop is a temporary database. Checked: the round trip (both rounds, actions, feedback,
the shared session id), importing twice changes nothing, a newer copy replaces the shared parts
and keeps the receiver's private notes, private notes and drafts never in the file (its bytes,
and the decrypted payload), and every refusal (wrong passphrase, cut, altered, another schema,
too large, a stranger as --to) in one line with nothing imported.
"""

from __future__ import annotations

import base64
import json
import os
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.crypt.sealed import unseal
from sessionkit.exports.handoff import BEGIN, END, MAX_BYTES, build, write_text
from sessionkit.models import Note, Session
from sessionkit.store import SessionStore
from tests.ui.test_peers import swapped

WORDS = "correct horse battery"


def secret(tmp_path: Path, words: str = WORDS, name: str = "pw") -> Path:
    path = tmp_path / name
    path.write_text(words + "\n")
    os.chmod(path, 0o600)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def anna(tmp_path: Path) -> Path:
    """Anna's laptop: the swapped session with her private note and a draft."""
    db = tmp_path / "anna" / "sessionkit.json"
    db.parent.mkdir()
    session = swapped()
    session.rounds[0].notes += [
        Note(at=session.started_at, text="PRIVATE-ANNA: Ben sounded tired", private=True),
        Note(at=session.started_at, text="Ben: say no by Friday", kind="action"),
    ]
    session.rounds[1].notes.append(Note(at=session.started_at, text="Anna: call the agent",
                                        kind="action"))
    session.draft = "DRAFT-ANNA half a thought"
    with SessionStore.open(db) as st:
        st.save(session)
    return db


def hand_off(tmp_path: Path, anna: Path, *extra: str, name: str = "ben.handoff") -> Path:
    out = tmp_path / name
    result = run("--db", str(anna), "handoff", "swap0001", "--to", "Ben", "--out", str(out),
                 "--passphrase-file", str(secret(tmp_path)), *extra)
    assert result.exit_code == 0, result.output
    assert "wrote Ben's copy of session swap0001" in result.output and "KiB" in result.output
    return out


def ben_db(tmp_path: Path) -> Path:
    return tmp_path / "ben" / "sessionkit.json"


def import_(tmp_path: Path, file: Path, words: str = WORDS) -> Result:
    return run("--db", str(ben_db(tmp_path)), "import", str(file), "--passphrase-file",
               str(secret(tmp_path, words, name=f"pw-{len(words)}-{words[:3]}")))


def bens(tmp_path: Path) -> Session | None:
    with SessionStore.open(ben_db(tmp_path), readonly=True) as st:
        return st.get("swap0001")


def test_round_trip_idempotent_and_small(tmp_path: Path, anna: Path) -> None:
    file = hand_off(tmp_path, anna)
    assert file.stat().st_size < 8 * 1024  # pasteable into a chat
    assert oct(file.stat().st_mode & 0o777) == "0o600"
    first = import_(tmp_path, file)
    assert first.exit_code == 0 and first.stdout.startswith("added session swap0001")
    assert first.stderr == f"sessionkit: created a new database: {ben_db(tmp_path)}\n"
    got = bens(tmp_path)
    assert got is not None and [(r.coach, r.client) for r in got.rounds] == [
        ("Anna", "Ben"), ("Ben", "Anna")]
    assert [n.text for r in got.rounds for n in r.notes] == [
        "Ben: say no by Friday", "Anna: call the agent"]
    assert got.rounds[1].feedback["coach_worked"] == "BEN-REFLECTS: fewer questions"
    assert got.draft == "" and not any(n.private for r in got.rounds for n in r.notes)
    again = import_(tmp_path, file)
    assert again.exit_code == 0 and again.output.startswith("unchanged") and not again.stderr
    assert bens(tmp_path) == got


def test_private_notes_and_drafts_never_in_the_file(tmp_path: Path, anna: Path) -> None:
    file = hand_off(tmp_path, anna)
    raw = file.read_bytes()
    for secret_text in (b"PRIVATE-ANNA", b"DRAFT-ANNA", b"Ben sounded tired"):
        assert secret_text not in raw
    lines = raw.decode().strip().splitlines()
    assert lines[0] == BEGIN and lines[-1] == END
    payload = zlib.decompress(unseal(base64.b64decode("".join(lines[1:-1])), WORDS))
    assert b"PRIVATE-ANNA" not in payload and b"DRAFT-ANNA" not in payload
    assert b"Ben: say no by Friday" in payload  # the shared record is there
    plain = tmp_path / "plain.handoff"
    result = run("--db", str(anna), "handoff", "swap0001", "--to", "ben", "--out", str(plain),
                 "--plain")
    assert result.exit_code == 0 and "not encrypted" in result.output
    inner = zlib.decompress(base64.b64decode("".join(plain.read_text().splitlines()[1:-1]))[32:])
    assert b"PRIVATE-ANNA" not in inner and b"DRAFT-ANNA" not in inner


def test_a_newer_copy_replaces_shared_parts_and_keeps_the_receivers_private_notes(
    tmp_path: Path, anna: Path
) -> None:
    assert import_(tmp_path, hand_off(tmp_path, anna)).exit_code == 0
    with SessionStore.open(ben_db(tmp_path)) as st:  # Ben writes his own private note
        mine = st.get("swap0001")
        assert mine is not None
        mine.rounds[1].notes.append(Note(at=mine.started_at, text="BEN-ONLY", private=True))
        st.save(mine)
    with SessionStore.open(anna) as st:  # Anna ticks Ben's action and hands off again
        hers = st.get("swap0001")
        assert hers is not None
        hers.rounds[0].notes[-1].done = True
        st.save(hers)
    newer = import_(tmp_path, hand_off(tmp_path, anna, "--force"))
    assert newer.exit_code == 0 and newer.output.startswith("updated session swap0001")
    assert "kept your 1 private note" in newer.output
    got = bens(tmp_path)
    assert got is not None and got.rounds[0].notes[-1].done
    assert [n.text for n in got.rounds[1].notes if n.private] == ["BEN-ONLY"]
    assert import_(tmp_path, tmp_path / "ben.handoff").output.startswith("unchanged")


def refused(tmp_path: Path, file: Path, said: str, words: str = WORDS) -> None:
    result = import_(tmp_path, file, words)
    assert result.exit_code != 0 and said in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not ben_db(tmp_path).exists()  # nothing imported: not even a database made


def test_wrong_passphrase_cut_altered_and_too_large_are_refused(tmp_path: Path,
                                                                anna: Path) -> None:
    file = hand_off(tmp_path, anna)
    refused(tmp_path, file, "wrong passphrase", words="not the pass phrase")
    lines = file.read_text().splitlines()
    cut = tmp_path / "cut.handoff"
    cut.write_text("\n".join(lines[:-2]) + "\n")
    refused(tmp_path, cut, "cut short")
    inner = tmp_path / "inner-cut.handoff"
    inner.write_text("\n".join([*lines[:-3], lines[-1]]) + "\n")
    refused(tmp_path, inner, "cut short")
    altered = tmp_path / "altered.handoff"
    middle = list(lines[len(lines) // 2])
    middle[5] = "A" if middle[5] != "A" else "B"
    altered.write_text("\n".join([*lines[:len(lines) // 2], "".join(middle),
                                  *lines[len(lines) // 2 + 1:]]) + "\n")
    refused(tmp_path, altered, "altered")
    huge = tmp_path / "huge.handoff"
    huge.write_text(BEGIN + "\n" + "A" * (MAX_BYTES + 10) + "\n" + END + "\n")
    refused(tmp_path, huge, "MiB")


def test_another_schema_version_is_refused(tmp_path: Path, anna: Path) -> None:
    with SessionStore.open(anna, readonly=True) as st:
        session = st.get("swap0001")
    assert session is not None
    body = json.loads(zlib.decompress(build(session, "Ben", "2026-12-05T09:00:00+00:00")))
    body["schema"] = 99
    other = tmp_path / "other.handoff"
    other.write_text(write_text(zlib.compress(json.dumps(body).encode()), WORDS))
    refused(tmp_path, other, "schema 99")


def test_handoff_to_a_stranger_or_of_an_unknown_session_writes_nothing(
    tmp_path: Path, anna: Path
) -> None:
    out = tmp_path / "x.handoff"
    stranger = run("--db", str(anna), "handoff", "swap0001", "--to", "Zed", "--out", str(out),
                   "--plain")
    assert stranger.exit_code != 0 and "'Zed' is not in session swap0001" in stranger.output
    unknown = run("--db", str(anna), "handoff", "nope", "--to", "Ben", "--out", str(out),
                  "--plain")
    assert unknown.exit_code != 0 and "no session 'nope'" in unknown.output
    loose = secret(tmp_path, name="loose")
    os.chmod(loose, 0o644)
    shared = run("--db", str(anna), "handoff", "swap0001", "--to", "Ben", "--out", str(out),
                 "--passphrase-file", str(loose))
    assert shared.exit_code != 0 and "can be read by others" in shared.output
    assert not out.exists()
