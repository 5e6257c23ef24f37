"""Pilot tests of the review side: filter, search, open, tick an action, partnerships."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, Select, Static

from screens.actions import ActionsScreen
from screens.app import make_app
from screens.detail import SessionDetailScreen
from screens.partnerships import PartnershipCard, PartnershipsScreen
from screens.review import ReviewScreen
from screens.textual_hooks import render_strips
from screens.widgets.row_table import RowTable
from sessionkit.clock import FakeClock, iso
from sessionkit.demo import generate
from sessionkit.review.history import ActionRef
from sessionkit.store import SessionStore

SIZE = (120, 40)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "review.json"


@pytest.fixture
def store(db: Path, fake: FakeClock) -> Iterator[SessionStore]:
    st = SessionStore.open(db, clock=fake)
    st.save_many(generate(24))
    yield st
    st.close()


def app_for(store: SessionStore, fake: FakeClock, person: str | None = None):  # noqa: ANN201
    return make_app(store=store, clock=fake, review=True, person=person)


def done(store: SessionStore, action: ActionRef) -> str | None:
    """When the stored action was done (None while open)."""
    session = store.get(action.session_id)
    assert session is not None
    note = next(n for r in session.rounds for n in r.notes if n.id == action.note_id)
    return note.done_at if note.done else None


def plain(content: object) -> str:
    """What a Static's content reads as, styles dropped."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def table(app) -> RowTable:  # noqa: ANN001
    return app.screen.query_one(RowTable)


async def test_review_opens_newest_first_with_every_session(store: SessionStore,
                                                             fake: FakeClock) -> None:
    app = app_for(store, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        items = table(app).items
        assert len(items) == 24
        assert [s.ts for s in items] == sorted((s.ts for s in items), reverse=True)
        assert app.screen.focused is table(app)


async def test_person_option_opens_on_that_persons_sessions(store: SessionStore,
                                                            fake: FakeClock) -> None:
    app = app_for(store, fake, person="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = table(app).items
        assert len(items) == 6 and all("ana" in s.people for s in items)
        assert app.screen.query_one("#review-person", Select).value == "Ana"
        assert "with Ana" in str(app.screen.query_one("#review-count", Static).render())


async def test_filter_by_person_with_the_select(store: SessionStore, fake: FakeClock) -> None:
    app = app_for(store, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#review-person", Select).value = "Dev"
        await pilot.pause()
        assert {s.client for s in table(app).items} | {s.coach for s in table(app).items} == {
            "Chloe", "Dev"}
        app.screen.query_one("#review-person", Select).clear()
        await pilot.pause()
        assert len(table(app).items) == 24


async def test_search_filters_as_you_type(store: SessionStore, fake: FakeClock) -> None:
    app = app_for(store, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*"board")
        await pilot.pause(0.4)  # the debounce
        items = table(app).items
        assert 0 < len(items) < 24 and all("board" in s.haystack for s in items)
        await pilot.press("space", *"xyzzy", "enter")  # enter runs it at once, back to the table
        assert table(app).items == [] and app.screen.focused is table(app)


async def test_escape_leaves_the_search_keeping_the_words(store: SessionStore,
                                                          fake: FakeClock) -> None:
    app = app_for(store, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"deep work", "escape")
        assert app.screen.focused is table(app)
        assert app.screen.query_one("#review-search", Input).value == "deep work"
        await pilot.pause(0.3)
        assert all("deep" in s.haystack and "work" in s.haystack for s in table(app).items)
        await pilot.press("escape")  # the review is the first screen: escape does not leave it
        assert isinstance(app.screen, ReviewScreen)


async def test_enter_opens_the_session_with_private_notes_marked(store: SessionStore,
                                                                 fake: FakeClock) -> None:
    with_private = next(s for s in reversed(list(store.sessions()))
                        if any(n.private for r in s.rounds for n in r.notes))
    app = app_for(store, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = table(app).items
        table(app).set_cursor(next(i for i, s in enumerate(rows) if s.id == with_private.id))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionDetailScreen) and screen.session_id == with_private.id
        texts = " ".join(plain(w.content) for w in screen.query(Static))
        private = next(n for r in with_private.rounds for n in r.notes if n.private)
        assert with_private.rounds[0].outcome in texts
        assert f" private  {private.text}" in texts
        assert screen.query("TalkChart")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_tick_an_action_done_saves_it(store: SessionStore, fake: FakeClock,
                                            db: Path) -> None:
    app = app_for(store, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, ActionsScreen)
        actions = table(app).items
        first = actions[0]
        open_in_store = [n for s in store.sessions() for r in s.rounds for n in r.notes
                         if n.kind == "action" and not n.done]
        assert not first.done and len(actions) == len(open_in_store) > 1
        await pilot.press("space")
        await pilot.pause()
        assert len(table(app).items) == len(actions) - 1 and first not in table(app).items
        assert done(store, first) == iso(fake.now())
        await pilot.press("d")  # show done ones too, with when
        shown = table(app).items
        ticked = next(a for a in shown if a.note_id == first.note_id)
        assert ticked.done and ticked.done_at == iso(fake.now())
        assert table(app).current.note_id == actions[1].note_id  # the cursor stayed put
        await pilot.press("up", "space")  # untick it again
        assert not done(store, first)
        await pilot.press("space")
        assert done(store, first)
    store.close()
    with SessionStore.open(db, readonly=True) as again:
        assert done(again, first)


async def test_partnerships_show_rhythm_and_flag_overdue(store: SessionStore,
                                                         fake: FakeClock) -> None:
    app = app_for(store, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipsScreen)
        cards = list(app.screen.query(PartnershipCard))
        assert len(cards) == 4
        flagged_count = sum(c.has_class("-flagged") for c in cards)
        verb = "needs" if flagged_count == 1 else "need"
        assert plain(app.screen.query_one("#partnerships-count").render()).strip() == (
            f"4 partnerships, {flagged_count} {verb} attention")
        flagged = [c.partnership for c in cards if c.has_class("-flagged")]
        assert flagged and all(p.status in ("overdue", "no contact") for p in flagged)
        ana_ben = next(c.partnership for c in cards if c.partnership.names == ("Ana", "Ben"))
        assert ana_ben.progress == "session 6 of 12"
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_a_long_history_scrolls_to_its_end(fake: FakeClock) -> None:
    st = SessionStore.memory(fake)
    st.save_many(generate(400))
    app = app_for(st, fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        rt = table(app)
        assert rt.cursor == 399 and rt.scroll_y > 0
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.session_id == rt.items[399].id


async def test_a_clients_view_does_not_search_private_notes(db: Path, fake: FakeClock) -> None:
    """`review --person Kim`: a word only in a private note finds nothing; the coach's own
    review (no --person, then Kim picked in the list) still finds it."""
    st = SessionStore.open(db, clock=fake)
    [session] = generate(1, seed=11)
    rnd = session.rounds[0]
    rnd.coach, rnd.client = "Ana", "Kim"
    rnd.notes[0].text, rnd.notes[0].private = "hunch: afraid of the promotion", True
    rnd.notes[1].text, rnd.notes[1].private = "wants a clear yes or no", False
    st.save_many([session])
    try:
        for person, found in (("Kim", 0), (None, 1)):
            app = app_for(st, fake, person=person)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await pilot.press("slash", *"afraid", "enter")
                assert len(table(app).items) == found
                app.screen.query_one("#review-search", Input).value = ""
                await pilot.press("slash", *"clear yes", "enter")
                assert len(table(app).items) == 1  # shared notes are searched in both views
    finally:
        st.close()


async def test_actions_show_their_due_day_and_say_late_in_words(fake: FakeClock) -> None:
    """The Actions list has a Due column: a day passed reads `late …` (not only red), today and
    tomorrow in words; at 80 columns the Done column gives way before it does."""
    from sessionkit.models import Note, Round, Session

    at = iso(fake.now())  # Wed 25 Nov 2026, 10:00 in Amsterdam
    notes = [Note(at=at, text=text, kind="action", due=due) for text, due in [
        ("Send the draft to Mia", "2026-11-20"), ("Book the room", "2026-11-25"),
        ("Ask for the budget", "2026-11-26"), ("Write the plan", "2026-12-11"),
        ("No date on this one", None)]]
    st = SessionStore.memory(fake)
    st.save(Session(id="due1", started_at=at, model="grow", status="completed",
                    rounds=[Round(coach="Ana", client="Ben", started_at=at, notes=notes)]))
    app = app_for(st, fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        lines = ["".join(seg.text for seg in strip) for strip in render_strips(app.screen)]
        rows = {line[4:].split("  ")[0]: line for line in lines if line.startswith("[ ]")}
        header = next(line for line in lines if "Action" in line and "Client" in line)
    assert "Due" in header and "Done" not in header, lines  # 80 columns: Done gives way
    assert len(rows) == 5, lines
    assert lines[1].strip() == "5 open (1 late)"
    assert "late 20 Nov" in rows["Send the draft to Mia"]
    assert "today" in rows["Book the room"] and "tomorrow" in rows["Ask for the budget"]
    assert "Fri 11 Dec" in rows["Write the plan"] and "late" not in rows["Write the plan"]
    due_at = header.index("Due")
    assert rows["No date on this one"][due_at:due_at + 10].strip() == ""
