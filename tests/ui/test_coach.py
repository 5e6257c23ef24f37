"""Pilot tests of the coach's own view: opened by `review --coach`, from review with `c`, back."""

from __future__ import annotations

import io

from click.testing import CliRunner
from rich.console import Console
from textual.widgets import Sparkline, Static

from screens.app import make_app
from screens.coach import CoachScreen, TrendRow
from screens.review import ReviewScreen
from screens.widgets.row_table import RowTable
from sessionkit.cli import main
from sessionkit.clock import FakeClock
from sessionkit.store import SessionStore
from tests.golden.coach_fixture import sessions

SIZE = (120, 40)


def text(widget: Static) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.render())
    return console.export_text()


def filled(store: SessionStore) -> SessionStore:
    store.save_many(sessions())
    return store


async def test_review_coach_opens_the_view_and_escape_goes_to_review(store, fake: FakeClock):
    app = make_app(store=filled(store), clock=fake, review=True, coach="maya")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CoachScreen)
        assert text(screen.query_one("#coach-summary", Static)).startswith(
            "Maya as coach: 7 sessions, 5.7 h")
        rows = list(screen.query(TrendRow))
        assert [r.trend.key for r in rows] == ["share", "monologue", "nudges", "scale_start",
                                              "scale_end", "length", "longest_client_turn"]
        share = rows[0].query(Sparkline)
        assert [list(s.data or []) for s in share] == [[45, 40, 35, 30, 22, 20, 18]] * 2
        assert "now 18% · avg 30% over 7" in text(rows[0].query(Static)[1])
        assert "Half-time check ×4" in text(screen.query_one("#coach-nudges", Static))
        assert "“silence after big questions” ×3" in text(
            screen.query_one("#coach-own-phrases", Static))
        answers = [text(s) for s in screen.query(".coach-answer").results(Static)]
        assert answers[0].startswith("07 Mar 2026  What worked: Silence after big questions")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen) and app.screen.person == "Maya"


async def test_c_in_review_opens_the_coach_of_the_highlighted_session(store, fake: FakeClock):
    app = make_app(store=filled(store), clock=fake, review=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        current = app.screen.query_one(RowTable).current
        await pilot.press("c")
        assert isinstance(app.screen, CoachScreen) and app.screen.coach == current.coach
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_a_person_who_never_coached_sees_an_honest_empty_view(store, fake: FakeClock):
    app = make_app(store=filled(store), clock=fake, review=True, coach="Quinn")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        empty = app.screen.query_one("#coach-empty", Static)
        assert "No completed sessions with Quinn as coach yet." in text(empty)
        assert not app.screen.query(TrendRow)


async def test_answers_are_shown_as_plain_text(store, fake: FakeClock):
    records = sessions()
    records[0].rounds[0].feedback["coach_worked"] = "[bold red]Silence[/] \x1b[2J done"
    store.save_many(records)
    app = make_app(store=store, clock=fake, review=True, coach="Maya")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        answers = [text(s) for s in app.screen.query(".coach-answer").results(Static)]
        assert any("[bold red]Silence[/] ␛[2J done" in a for a in answers)


async def test_an_older_record_without_nudges_is_said_so(fake: FakeClock):
    store = SessionStore.memory(fake)
    records = sessions()
    for s in records:
        for r in s.rounds:
            r.nudges = []
    store.save_many(records)
    for doc in store.raw_sessions():  # as written before rounds recorded their nudges
        for rnd in doc["rounds"]:
            rnd.pop("nudges", None)
    app = make_app(store=store, clock=fake, review=True, coach="Maya")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = text(app.screen.query_one("#coach-nudges", Static))
        assert "not recorded for these sessions" in line


def test_cli_review_coach_and_person_together_is_a_one_line_error(tmp_path):
    runner = CliRunner()
    both = runner.invoke(main, ["--db", str(tmp_path / "x.json"), "review", "--coach", "A",
                                "--person", "B"])
    assert both.exit_code != 0 and "use --person or --coach, not both" in both.output
    blank = runner.invoke(main, ["--db", str(tmp_path / "x.json"), "review", "--coach", " "])
    assert blank.exit_code != 0 and "--coach needs a name" in blank.output
    assert "Traceback" not in both.output + blank.output
