"""An intervision meeting driven by keys, as a group would (Pilot): casting, the live round,
the round close, the meeting close; what is asserted is the record the store keeps."""

from __future__ import annotations

from sessionkit.clock import FakeClock
from sessionkit.store import SessionStore
from sessionkit.store.groups import all_groups, pending_groups, raw_groups
from tests.ui.group_helpers import group_app, wait_for


async def test_a_whole_meeting_by_keys(store: SessionStore, fake: FakeClock) -> None:
    app = group_app(store, fake)
    async with app.run_test(size=(80, 24)) as pilot:
        casting = await wait_for(pilot, "CastingScreen")
        await pilot.press("down", "c", *"New role", "enter")  # Ben's case
        assert casting.live.session.cases == {"Ben": "New role"}
        await pilot.press("k", *"Where do I start?", "enter", "enter")
        rnd = await wait_for(pilot, "GroupRoundScreen")
        live = rnd.live
        assert live.round.case_giver == "Ben" and live.round.key_question == "Where do I start?"
        await pilot.press("2")
        fake.advance(60)
        await pilot.press("3")
        fake.advance(20)
        await pilot.press("9")
        assert "this group has 4 members" in str(rnd.query_one("AppHeader").status)
        await pilot.press("a", *"Ask your old boss", "enter")
        await pilot.press("4", "z", "z")  # Dee, undone; Cem, undone: Ben spoke on
        assert live.tracker.speaker == "Ben"
        await pilot.press("1", "q", *"@dee What scares you?", "enter")
        await pilot.press("n", *"!sounds tired", "enter", "right_square_bracket", "p")
        assert live.round.phase == 1 and live.tracker.paused
        await pilot.press("e", "y")
        close = await wait_for(pilot, "RoundCloseScreen")
        assert close.focused is close.query_one("#close-advice")
        await pilot.press("space", "tab", *"Call Jo", "tab", *"Calm pace", "ctrl+s")
        await wait_for(pilot, "CastingScreen")
        (saved,) = raw_groups(store)
        round_1 = saved["rounds"][0]
        assert round_1["advice"] == [{"from": "Cem", "text": "Ask your old boss", "taken": True}]
        assert round_1["questions"] == [{"from": "Dee", "text": "What scares you?"}]
        assert round_1["talk"]["per_member_seconds"] == {"Ben": 80.0}
        assert round_1["notes"][0]["private"] and round_1["next_step"] == "Call Jo"
        assert saved["status"] == "unfinished"
        await pilot.press("e", "y")
        meeting_close = await wait_for(pilot, "MeetingCloseScreen")
        assert meeting_close.focused is meeting_close.query_one("#close-lessons")
        await pilot.press(*"Shorter casting", "tab", *"2027-01-12 17:30", "ctrl+s")
        await wait_for(pilot, "HomeScreen")
    (meeting,) = all_groups(store)
    assert meeting.status == "completed" and meeting.lessons == "Shorter casting"
    assert meeting.next_meeting == "2027-01-12T16:30:00+00:00"
    assert pending_groups(store) == [] and store.pending() == []


async def test_case_giver_and_case_open_the_round_at_once(store: SessionStore,
                                                         fake: FakeClock) -> None:
    app = group_app(store, fake, "Ana,Ben,Cem,Dee,Eve,Fay,Gus,Hal", "resource", "gus", "A move")
    async with app.run_test(size=(80, 24)) as pilot:
        rnd = await wait_for(pilot, "GroupRoundScreen")
        assert rnd.live.round.case_giver == "Gus" and rnd.live.round.case_title == "A move"
        await pilot.press("8")
        assert rnd.live.tracker.speaker == "Hal"


async def test_enter_without_a_case_says_what_to_do(store: SessionStore, fake: FakeClock) -> None:
    app = group_app(store, fake)
    async with app.run_test(size=(80, 24)) as pilot:
        casting = await wait_for(pilot, "CastingScreen")
        await pilot.press("enter")
        assert casting.query_one("AppHeader").status == "c: write Ana's case first (a few words)"
        assert casting.live.session.rounds == []


async def test_an_unfinished_meeting_is_offered_and_resumed(store: SessionStore,
                                                           fake: FakeClock) -> None:
    app = group_app(store, fake, case_giver="Cem", case="Budget cut")
    async with app.run_test(size=(80, 24)) as pilot:
        rnd = await wait_for(pilot, "GroupRoundScreen")
        await pilot.press("3", "a")
        await pilot.press(*"Say no", "enter")
        rnd.recorder.flush()
        first_id = rnd.live.session.id
    # the terminal closed: the journal holds the meeting
    assert [m.id for m in pending_groups(store)] == [first_id]
    again = group_app(store, fake)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "ConfirmDialog")
        await pilot.press("y")
        rnd = await wait_for(pilot, "GroupRoundScreen")
        assert rnd.live.session.id == first_id
        assert rnd.live.round.advice[0].text == "Say no"


async def test_groups_in_the_review_filtered_by_member(store: SessionStore,
                                                      fake: FakeClock) -> None:
    from screens.group_review import GroupsScreen
    from sessionkit.store.groups import commit_group
    from tests.golden.group_fixture import meeting

    commit_group(store, meeting())
    app = group_app(store, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, "CastingScreen")
        screen = GroupsScreen(store)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("slash", *"zed")
        assert "0 meeting(s)" in screen.query_one("AppHeader").who
        await pilot.press(*["backspace"] * 3, *"ben", "enter", "enter")
        opened = await wait_for(pilot, "MeetingScreen")
        detail = str(opened.query_one("#meeting-outline").render())
        assert "Ben's cases:" in detail and "took: SECRET-BEN advice (Ana)" in detail
        await pilot.press("escape")
        assert await wait_for(pilot, "GroupsScreen") is screen


async def test_roles_edited_in_casting_hold_for_the_round_and_help_lists_the_keys(
        store: SessionStore, fake: FakeClock) -> None:
    app = group_app(store, fake)
    async with app.run_test(size=(80, 24)) as pilot:
        casting = await wait_for(pilot, "CastingScreen")
        await pilot.press("c", *"Stuck", "enter", "r")
        field = casting.query_one("#cast-input")
        assert field.value == "Ben, Cem, Dee"
        field.value = ""
        await pilot.press(*"ana, dee, cem", "enter")
        assert "Ana gives the case this round" in str(casting.query_one("AppHeader").status)
        field.value = ""
        await pilot.press(*"dee, cem, ben", "enter")
        assert "facilitator Dee · time-keeper Cem · scribe Ben" in str(
            casting.query_one("#cast-roles").render())
        await pilot.press("enter")
        rnd = await wait_for(pilot, "GroupRoundScreen")
        assert (rnd.live.round.facilitator, rnd.live.round.scribe) == ("Dee", "Ben")
        await pilot.press("question_mark")
        help_screen = await wait_for(pilot, "HelpScreen")
        box = help_screen.query_one("VerticalScroll")
        phase = rnd.query_one("#round-phase")  # the round's clock, and who speaks, stay seen:
        assert box.region.y > phase.region.y and box.region.x >= app.size.width // 2
        rows = dict(help_screen.rows)
        assert rows["1-8"].startswith("member N speaks") and "@Name" in rows
        assert rows["e"] == "end the round (confirm y)"


async def test_names_and_text_with_markup_stay_plain(store: SessionStore, fake: FakeClock) -> None:
    members = "[b]Bo[/b],[@click=app.quit]Ned[/],Zoë \\"
    app = group_app(store, fake, members, "balint", "[b]Bo[/b]", "[red]a case[/red]")
    async with app.run_test(size=(80, 24)) as pilot:
        rnd = await wait_for(pilot, "GroupRoundScreen")
        await pilot.press("2", "a", *"[i]try[/i] \\", "enter", "e", "y")
        close = await wait_for(pilot, "RoundCloseScreen")
        await pilot.press("space", "ctrl+s")
        await wait_for(pilot, "CastingScreen")
        assert app.is_running
    (meeting,) = all_groups(store)
    assert meeting.members[1] == "[@click=app.quit]Ned[/]"
    assert meeting.rounds[0].advice[0].text == "[i]try[/i] \\"
    assert meeting.rounds[0].advice[0].taken and rnd is not close
