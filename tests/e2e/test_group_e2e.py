"""The installed `sessionkit group start` in tmux at 80×24: a whole meeting of two rounds with
keys, then the JSON export, the case summary and the lessons from the command line."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from tests.e2e.tmuxdrive import COMMAND, Terminal, cli, require_app

pytestmark = pytest.mark.e2e

require_app()




def test_a_whole_meeting_then_its_exports(terminals, env, tmp_path: Path) -> None:
    db = tmp_path / "data" / "sessionkit.json"
    term = Terminal([str(COMMAND), "--db", str(db), "group", "start", "--members",
                     "Ana,Ben,Cem,Dee", "--method", "troika", "--minutes", "12",
                     "--case-giver", "ben", "--case", "A new role"], env, size=(80, 24))
    terminals.append(term)
    screen = term.wait_for("Phase 1/4 Challenge")
    assert "Ben's case: A new role" in screen and "2 Ben  case giver" in screen
    term.press("2")
    term.wait_for("Ben speaks")
    term.press("3")
    term.wait_for("Cem speaks")
    term.press("a")
    term.wait_for("Advice from Cem:")
    term.type("Ask for a trial month")
    term.press("Enter")
    term.wait_for("Cem: Ask for a trial month")
    term.press("4", "q")
    term.wait_for("Question from Dee:")
    term.type("What would you miss?")
    term.press("Enter")
    term.wait_for("Dee: What would you miss?")
    term.press("9")
    term.wait_for("this group has 4 members")
    term.press("]")
    term.wait_for("Phase 2/4 Clarifying questions")
    term.press("e")
    term.wait_for("End round 1?")
    term.press("y")
    term.wait_for("space ticks what you take")
    term.press("Space", "Tab")
    term.type("Talk to HR on Monday")
    term.press("Tab")
    term.type("Good timing")
    term.press("C-s")
    term.wait_for("Round 1 saved")
    term.press("c")
    term.type("Too many meetings")  # Ana's case (she is highlighted: the rotation's pick)
    term.press("Enter")
    term.wait_for("Too many meetings")
    term.press("Enter")
    term.wait_for("Ana's case: Too many meetings")
    term.press("1")
    term.wait_for("Ana speaks")
    term.press("e")
    term.wait_for("End round 2?")
    term.press("y")
    term.wait_for("No advice was written")
    term.type("Block one afternoon")
    term.press("C-s")
    term.wait_for("Round 2 saved")
    term.press("e")
    term.wait_for("End the meeting?")
    term.press("y")
    term.wait_for("What did the group learn?")
    term.type("Troika works for us")
    term.press("Tab")
    term.type("2027-01-12 17:30")
    term.press("C-s")
    term.wait_for("Start a session")  # home, after the meeting
    term.press("C-q")
    term.wait_closed()

    data = json.loads(cli(db, "export").stdout)
    (meeting,) = [d for d in data["sessions"] if d.get("kind") == "group"]
    assert meeting["status"] == "completed" and meeting["members"] == ["Ana", "Ben", "Cem", "Dee"]
    assert [r["case_giver"] for r in meeting["rounds"]] == ["Ben", "Ana"]
    first = meeting["rounds"][0]
    assert first["advice"] == [{"from": "Cem", "text": "Ask for a trial month", "taken": True}]
    assert first["questions"] == [{"from": "Dee", "text": "What would you miss?"}]
    assert set(first["talk"]["per_member_seconds"]) == {"Ben", "Cem", "Dee"}
    assert meeting["next_meeting"] == "2027-01-12T16:30:00+00:00"

    summary = cli(db, "export", "--format", "md", "--group", meeting["id"], "--for", "Ben")
    assert summary.returncode == 0, summary.stderr
    assert "# Case summary for Ben" in summary.stdout
    assert "- [x] Ask for a trial month (Cem)" in summary.stdout
    assert "Talk to HR on Monday" in summary.stdout and "Too many meetings" not in summary.stdout
    lessons = cli(db, "export", "--format", "md", "--group", meeting["id"], "--lessons")
    assert "Troika works for us" in lessons.stdout and "- Round 2: Ana" in lessons.stdout
    assert "trial month" not in lessons.stdout and "A new role" not in lessons.stdout
    bad = cli(db, "group", "start", "--members", "Ana,Ben")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_a_killed_meeting_is_offered_and_resumed(terminals, env, tmp_path: Path) -> None:
    db = tmp_path / "data" / "sessionkit.json"
    argv = [str(COMMAND), "--db", str(db), "group", "start", "--members", "Ana,Ben,Cem",
            "--case-giver", "Cem", "--case", "Budget cut"]
    term = Terminal(argv, env, size=(80, 24))
    terminals.append(term)
    term.wait_for("Cem's case: Budget cut")
    term.press("2", "a")
    term.wait_for("Advice from Ben:")
    term.type("Say no early")
    term.press("Enter")
    term.wait_for("Ben: Say no early")
    time.sleep(2.5)  # the 2 s autosave of the running clock
    term.kill_app(signal.SIGKILL)
    term.wait_closed()
    again = Terminal(argv, env, size=(80, 24))
    terminals.append(again)
    again.wait_for("Resume the unfinished meeting of Ana, Ben, Cem?")
    again.press("y")
    screen = again.wait_for("Ben: Say no early")
    assert "Cem's case: Budget cut" in screen
    ben = next(line for line in screen.splitlines() if "2 Ben " in line)
    assert not ben.rstrip().endswith("0:00")  # Ben's talk before the kill came back


LONG = ["Alexandra Vandenberghe", "Bartholomew Okonkwo-Smith", "Cornelia Featherstonehaugh",
        "Dmitri Alexandrovich Petrov", "Evangeline Montgomery-Hart", "Fitzgerald Abernathy III",
        "Guinevere Oyelaran-Dubois", "Hieronymus Wolfeschlegel"]
CASE = ("Our biggest client wants the team to relocate to another city within three months "
        "and half of the team refuses")
ADVICE = "Talk to each person alone first and ask what would make a move possible for them"


def test_from_home_in_bursts_with_eight_long_names(terminals, env, tmp_path: Path) -> None:
    """Started from home (ctrl+g), keys sent in bursts as a paste or a fast typist sends them
    (no pause after the key that opens a field): every letter lands where it was meant to."""
    db = tmp_path / "data" / "sessionkit.json"
    term = Terminal([str(COMMAND), "--db", str(db)], env, size=(80, 24))
    terminals.append(term)
    term.wait_for("Start a session")
    term.press("C-g")
    term.wait_for("Start a group meeting")
    term.type(",".join(LONG))
    term.press("Enter")
    term.wait_for("consultants: all the others")
    term.keys("Down", "c")
    term.type(CASE)
    term.keys("Enter", "k")
    term.type("How do I keep the team together?")
    term.keys("Enter")
    screen = term.wait_for("Bartholomew… gave 0  Our biggest client")
    assert "2 Bartholomew…" in screen and "8 Hieronymus …" in screen
    term.keys("Enter")
    term.wait_for("Bartholomew Okonkwo-Smith's case: Our biggest")
    term.keys("3", "a")
    term.type(ADVICE)
    term.keys("Enter", "5", "q")
    term.type("What would the team lose?")
    term.keys("Enter")
    screen = term.wait_for("Evangeline: What would the team lose?")
    assert "Cornelia: Talk to each person alone" in screen and "Advice (1)" in screen
    term.keys("e")
    term.wait_for("End round 1?")
    term.keys("y")
    term.wait_for("space ticks what you take")
    term.keys("Space", "Tab")
    term.type("Talk to all twelve before Friday")
    term.keys("Tab")
    term.type("Good pace")
    term.keys("C-s")
    term.wait_for("Round 1 saved")
    term.press("C-q")
    term.wait_until(lambda s: "Quit sessionkit?" in s or not term.alive())
    if term.alive():
        term.press("y")
    term.wait_closed()

    data = json.loads(cli(db, "export").stdout)
    (meeting,) = [d for d in data["sessions"] if d.get("kind") == "group"]
    assert meeting["members"] == LONG and meeting["method"] == "resource"
    (first,) = meeting["rounds"]
    assert first["case_giver"] == LONG[1] and first["case_title"] == CASE
    assert first["key_question"] == "How do I keep the team together?"
    assert first["advice"] == [{"from": LONG[2], "text": ADVICE, "taken": True}]
    assert first["questions"] == [{"from": LONG[4], "text": "What would the team lose?"}]
    assert first["next_step"] == "Talk to all twelve before Friday"
    assert first["feedback"] == "Good pace"
