"""Pilot tests of home's dashboard (next and overdue sessions, open actions of the person about
to be seen, recent sessions) and of the one header with its DEMO banner on every screen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from textual.widgets import OptionList

from screens.detail import SessionDetailScreen
from screens.home import HomeScreen
from screens.widgets.header import AppHeader
from sessionkit.cli import main
from sessionkit.demo import generate
from sessionkit.models import Session
from tests.ui.session_helpers import START, T, app_for, press, text

SIZE = (120, 40)


def prompts(app: Any, list_id: str) -> list[str]:
    options = app.screen.query_one(f"#{list_id}", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def loaded(app: Any, pilot: Any) -> None:
    """Home builds its dashboard in a thread after the first frame: wait for it."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def with_unfinished(store: Any) -> Session:
    sessions = generate(24)
    sessions[-1].status = "unfinished"
    store.save_many(sessions)
    return sessions[-1]


async def test_home_shows_what_a_coach_needs_before_the_next_call(store, fake, catalog) -> None:
    with_unfinished(store)
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        header = app.screen.query_one(AppHeader)
        assert header.who == "23 sessions saved · 1 unfinished"  # unfinished is not saved
        coming = prompts(app, "dash-coming")
        assert coming and all(" · " in p for p in coming)
        recent = prompts(app, "dash-recent")
        assert len(recent) == 8 and "(unfinished)" in recent[0]
        # before a name is typed: the open actions of the next scheduled pair
        dash = app.screen.dashboard
        assert dash is not None and dash.next_pair is not None
        actions = app.screen.query_one("#dash-actions", OptionList)
        assert "next: " + " & ".join(dash.next_pair) in str(actions.border_title)
        assert app.focused.id == "coach"  # the form still has the focus


async def test_typing_the_client_shows_their_open_actions(store, fake, catalog) -> None:
    store.save_many(generate(24))
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await press(pilot, T("Ana"), "tab", T("hana"))
        actions = prompts(app, "dash-actions")
        assert actions and all(p.startswith("[ ] Hana: ") for p in actions)
        assert "hana" in str(app.screen.query_one("#dash-actions").border_title)
        await press(pilot, "ctrl+a", "ctrl+k", T("Nobody"))
        assert prompts(app, "dash-actions") == ["none open"]


async def test_recent_session_opens_in_full(store, fake, catalog) -> None:
    store.save_many(generate(24))
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        second = app.screen.dashboard.recent[1]
        recent = app.screen.query_one("#dash-recent", OptionList)
        app.screen.set_focus(recent)
        recent.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.session_id == second.id
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_an_empty_database_says_so(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        assert app.screen.query_one(AppHeader).who == "0 sessions saved"
        assert prompts(app, "dash-coming") == ["nothing scheduled"]
        assert prompts(app, "dash-recent") == ["no sessions yet"]
        assert not app.screen.query_one("#unfinished").display  # no empty "none" box


# -- one header, and the DEMO banner on every screen ---------------------------------------
async def test_demo_banner_and_header_on_every_screen(store, fake, catalog) -> None:
    from screens.app import make_app

    store.save_many(generate(24))
    app = make_app(store=store, catalog=catalog, clock=fake, demo="/tmp/sessionkit-demo-x1")
    seen = []

    def check() -> None:
        header = app.screen.query_one(AppHeader)
        seen.append(header.screen_name)
        assert "DEMO" in text(header.query_one(".app-demo"))
        assert "/tmp/sessionkit-demo-x1" in text(header.query_one(".app-demo"))

    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        check()  # home
        await pilot.press("ctrl+r")
        await pilot.pause()
        check()  # review
        await pilot.press("enter")
        await pilot.pause()
        check()  # a session
        await pilot.press("escape", "a")
        await pilot.pause()
        check()  # actions
        await pilot.press("escape", "p")
        await pilot.pause()
        check()  # partnerships
        await pilot.press("escape", "escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.begin(**START)
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        check()  # help
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        check()  # feedback
    assert seen == ["Home", "Review", "Session", "Actions", "Partnerships", "Help", "Feedback"]


async def test_no_banner_outside_a_demo(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        assert not app.screen.query(".app-demo")


def test_demo_command_says_where_its_throwaway_data_lives(monkeypatch, terminal) -> None:  # noqa: ANN001
    import screens.app

    launched: dict[str, Any] = {}

    class Recorder:
        crash = None
        return_code = 0

        def __init__(self, store: Any, **options: Any) -> None:
            launched.update(options, sessions=store.count())
            launched["exists"] = Path(options["demo"], "demo.json").exists()

        def run(self) -> None:
            pass

    monkeypatch.setattr(screens.app, "make_app", Recorder)
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    path = launched["demo"]
    assert f"throwaway data in {path} (deleted on quit)" in result.output
    assert launched["exists"] and launched["sessions"] == 24
    assert not Path(path).exists()  # thrown away on quit


async def test_choosing_a_next_session_shows_that_pairs_open_actions(store, fake, catalog) -> None:
    store.save_many(generate(24))
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        coming = app.screen.query_one("#dash-coming", OptionList)
        last = coming.option_count - 1
        pair = app.screen.dashboard.coming[last].names
        assert pair != app.screen.dashboard.next_pair
        app.screen.set_focus(coming)
        coming.highlighted = last
        await pilot.press("enter")
        await pilot.pause()
        actions = app.screen.query_one("#dash-actions", OptionList)
        assert " & ".join(pair) in str(actions.border_title)
        clients = {p.split(":")[0].removeprefix("[ ] ") for p in prompts(app, "dash-actions")}
        assert clients and clients <= set(pair)


async def test_home_times_carry_the_zone_label_the_partnership_view_shows(
    store, fake, catalog
) -> None:
    from screens.partnerships import rhythm

    store.save_many(generate(24))
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        dash = app.screen.dashboard
        pair = next(p for p in dash.coming if p.next_session)
        shown = prompts(app, "dash-coming")[dash.coming.index(pair)]
        when = shown.split(" · ")[0].removeprefix("OVERDUE ").removeprefix("DUE ")
        assert re.search(r" [A-Z]{3,4}$", when), when  # CET, GMT: the pair's agreed zone
        assert when in rhythm(pair).plain  # the partnership view says it the same way


async def test_home_shows_due_and_overdue_actions_first(store, fake, catalog) -> None:
    """The fake clock is Wed 25 Nov: an action due Mon 23 Nov is overdue, one due Fri 27 Nov
    is due; both say so at the start of their row (a narrow list never cuts it)."""
    from sessionkit.models import Note, Round, Session

    at = "2026-11-16T09:00:00+00:00"
    rnd = Round("Kim", "Farah", at, outcome="Clarity", notes=[
        Note(at, "Plain step", "action"),
        Note(at, "Call Sam", "action", due="2026-11-27"),
        Note(at, "Send the draft", "action", due="2026-11-23"),
    ])
    store.save_many([Session(at, rounds=[rnd], status="completed")])
    app = app_for(store, fake, catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.screen.query_one("#client").value = "Farah"
        await pilot.pause()
        rows = prompts(app, "dash-actions")
        assert rows[0].startswith("[ ] OVERDUE Mon 23 Nov Farah: Send the draft")
        assert any(r.startswith("[ ] due Fri 27 Nov · Farah: Call Sam") for r in rows)
        assert any(r.startswith("[ ] Farah: Plain step") for r in rows)
