"""The installed `sessionkit` in tmux: play a whole session with keys, then a crash and a resume."""

from __future__ import annotations

import shlex
import signal

import pytest

from tests.e2e.tmuxdrive import (
    COMMAND,
    Terminal,
    export,
    require_app,
    run_app,
    wait_for_file_text,
    wait_for_journal,
)

pytestmark = pytest.mark.e2e

require_app()




def test_a_whole_peer_session_by_keys(terminals, env, db) -> None:
    term = run_app(terminals, env, db, "start", "--coach", "Ana", "--client", "Ben", "--swap")
    # really 120 columns wide: tmux may show a first frame at its default size before the resize
    term.wait_until(lambda screen: "Round 1/2 · Ana coaching Ben" in screen
                    and max(len(line) for line in screen.splitlines()) > 100,
                    what="the first round, 120 columns wide")
    term.type("Feel ready for Friday")
    term.press("Enter")
    term.wait_for("Outcome saved")
    term.press("Space")
    term.wait_for("CLIENT Ben speaking")
    term.press("Space")
    term.wait_for("COACH Ana speaking")
    term.press("n")
    term.type("She says she always gives in")
    term.press("Enter")
    term.wait_for("Note saved")
    term.press("a")
    term.type("Write the three points down")
    term.press("Enter")
    term.wait_for("Action saved")
    term.press("r")
    term.wait_for("Switch roles? Ben coaches Ana in round 2.")
    term.press("y")
    term.wait_for("Round 2/2 · Ben coaching Ana")
    term.type("Choose an offer")
    term.press("Enter")
    term.wait_for("Outcome saved")
    term.press("Space")
    term.wait_for("CLIENT Ana speaking")
    term.press("e")
    term.wait_for("End the session?")
    term.press("y")
    term.wait_for("Round 1 · Ana coaching Ben · outcome:")  # the feedback form (one header)
    term.type("Saying it out loud")
    term.press("Tab", "Tab")
    term.type("8")
    term.press(*["Tab"] * 8)  # to the next session's date
    term.type("in 2 weeks")
    term.wait_for("(Europe/Amsterdam)")
    term.press("Tab")
    term.type("21")  # not the placeholder (14), so the screen shows when it has arrived
    term.wait_until(
        lambda screen: any("Cadence" in line and "21" in line for line in screen.splitlines()),
        what="21 in the cadence field",
    )
    term.press("C-s")
    term.wait_for("Saved the session with Ana and Ben.")
    term.press("C-q")
    term.wait_closed()

    data = export(db)
    assert data["schema"] == 1
    [session] = data["sessions"]
    assert session["status"] == "completed"
    assert session["cadence_days"] == 21 and session["next_session"]
    first, second = session["rounds"]
    assert (first["coach"], first["client"], first["outcome"]) == ("Ana", "Ben",
                                                                  "Feel ready for Friday")
    assert (second["coach"], second["client"], second["outcome"]) == ("Ben", "Ana",
                                                                     "Choose an offer")
    assert [(n["kind"], n["text"]) for n in first["notes"]] == [
        ("note", "She says she always gives in"), ("action", "Write the three points down"),
    ]
    assert first["feedback"] == {"most_helpful": "Saying it out loud", "scale_end": 8}
    assert first["talk"]["turns"] == 3 and second["talk"]["turns"] == 2
    assert first["talk"]["client_seconds"] > 0
    assert not list((db.parent / "journal").glob("*.jsonl"))  # committed: no journal left


def test_kill_9_keeps_the_session_and_the_next_start_resumes_it(terminals, env, db) -> None:
    term = run_app(terminals, env, db, "start", "--coach", "Ana", "--client", "Ben")
    term.wait_for("Round 1/1 · Ana coaching Ben")
    term.type("Decide about the move")
    term.press("Enter")
    term.wait_for("Outcome saved")
    term.press("n")
    term.type("keeps saying should")
    term.press("Enter")
    term.wait_for("Note saved")
    journal = wait_for_journal(db)  # written by the autosave thread: it may still be on its way
    wait_for_file_text(journal, "keeps saying should")
    term.kill_app(signal.SIGKILL)
    term.wait_closed()

    [session] = export(db)["sessions"]
    assert session["status"] == "unfinished"
    assert session["rounds"][0]["outcome"] == "Decide about the move"
    assert [n["text"] for n in session["rounds"][0]["notes"]] == ["keeps saying should"]

    again = run_app(terminals, env, db)
    again.wait_for("Resume the unfinished session with Ana and Ben from")
    again.press("y")
    again.wait_for("Round 1/1 · Ana coaching Ben")
    # the screen may be caught mid-paint: wait for the whole of it, the note and the outcome
    again.wait_until(
        lambda screen: "keeps saying should" in screen and "Decide about the move" in screen,
        what="the resumed note and outcome",
    )
    again.press("Space")  # focus is on the session: the key goes to the tracker
    again.wait_for("CLIENT Ben speaking")  # after the silence: not the coach who spoke last
    again.press("C-q")
    again.wait_for("Quit sessionkit?")
    again.press("y")
    again.wait_closed()
    [session] = export(db)["sessions"]
    assert session["id"] and session["status"] == "unfinished"


def test_closing_the_terminal_flushes_the_journal(terminals, env, db) -> None:
    term = run_app(terminals, env, db, "start", "--coach", "Ana", "--client", "Ben")
    term.wait_for("Round 1/1 · Ana coaching Ben")
    term.press("Escape")  # and wait: ESC read together with the next key is alt+that key
    term.wait_for("space Talk s Quiet")
    term.press("n")
    term.type("typed just before the hang-up")
    term.press("Enter")
    term.wait_for("Note saved")
    term.kill_app(signal.SIGHUP)
    term.wait_closed()
    [session] = export(db)["sessions"]
    assert session["rounds"][0]["notes"][0]["text"] == "typed just before the hang-up"


def test_a_second_instance_is_refused(terminals, env, db) -> None:
    term = run_app(terminals, env, db, "start", "--coach", "Ana", "--client", "Ben")
    term.wait_for("Round 1/1 · Ana coaching Ben")
    # the second one in a terminal too (without one, every screen command stops at once)
    second = shlex.join([str(COMMAND), "--db", str(db)])
    other = Terminal(["sh", "-c", f"{second}; echo exit=$?; sleep 60"], env, size=(400, 20))
    terminals.append(other)
    screen = other.wait_for("exit=", timeout=30)
    lines = [line for line in screen.splitlines() if line.strip()]
    assert lines[-1] == "exit=1", screen
    assert len(lines) == 2 and "already open" in lines[0] and "Close it first" in lines[0]
