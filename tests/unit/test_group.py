"""Intervision groups, the core: record, rotation, methods, the live round on a FakeClock."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionkit.clock import FakeClock
from sessionkit.errors import DataFileError
from sessionkit.group.live import LiveGroup
from sessionkit.group.methods import MethodCatalog, UnknownMethod, load_method
from sessionkit.group.model import GroupMeeting
from sessionkit.group.rotation import edit_roles, next_roles

FOUR = ["Ana", "Ben", "Cem", "Dee"]


@pytest.fixture(scope="module")
def methods() -> MethodCatalog:
    return MethodCatalog.load([])


def live_round(fake: FakeClock, methods: MethodCatalog, members: list[str] = FOUR,
               method: str = "tietze", giver: str = "Ana") -> LiveGroup:
    live = LiveGroup.start(members, methods.get(method), fake)
    live.start_round(live.default_roles(giver), "A team that does not listen", "How do I start?")
    return live


# -- the record ----------------------------------------------------------------------------
def test_a_meeting_round_trips_through_its_dict(fake: FakeClock, methods: MethodCatalog) -> None:
    live = live_round(fake, methods)
    live.speak("Ana")
    fake.advance(30)
    live.speak("Ben")
    fake.advance(12)
    live.add("question", "What did you try?")
    live.add("advice", "Ask them first", author="Cem")
    live.end_round()
    live.close_round([True], "Talk to Jo on Monday", "Good pace")
    doc = live.record()
    assert doc["kind"] == "group"
    rnd = doc["rounds"][0]
    assert rnd["talk"]["per_member_seconds"] == {"Ana": 30.0, "Ben": 12.0}
    assert rnd["questions"] == [{"from": "Ben", "text": "What did you try?"}]
    assert rnd["advice"] == [{"from": "Cem", "text": "Ask them first", "taken": True}]
    assert GroupMeeting.from_dict(doc).to_dict() == doc


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: d.update(members=["Ana", "Ben"]), "3 to 8 members, not 2"),
    (lambda d: d.update(members=[f"M{i}" for i in range(9)]), "not 9"),
    (lambda d: d.update(members=["Ana", "ana", "Cem"]), "'ana' is named twice"),
    (lambda d: d.update(members=["Ana", " ", "Cem"]), "empty"),
    (lambda d: d["rounds"][0].update(case_giver="Zoe"), "case_giver: 'Zoe' is not a member"),
    (lambda d: d["rounds"][0].pop("case_giver"), "case_giver: '' is not a member"),
    (lambda d: d["rounds"][0]["advice"].append({"from": "Zoe", "text": "x"}), "'Zoe' is not a"),
    (lambda d: d["rounds"][0]["talk"]["segments"].append(
        {"who": "Ben", "start": 5, "seconds": 3}), "overlaps"),
])
def test_a_bad_record_is_refused_whole(fake: FakeClock, methods: MethodCatalog, change, problem
                                       ) -> None:
    live = live_round(fake, methods)
    live.speak("Ana")
    fake.advance(30)
    doc = live.record()
    change(doc)
    with pytest.raises(ValueError, match=problem):
        GroupMeeting.from_dict(doc)


# -- rotation ------------------------------------------------------------------------------
@pytest.mark.parametrize("size", range(3, 9))
def test_nobody_gives_a_second_case_before_everyone_present_had_a_turn(
        fake: FakeClock, methods: MethodCatalog, size: int) -> None:
    members = [f"M{i}" for i in range(1, size + 1)]
    absent = [members[1]] if size > 3 else []
    live = LiveGroup.start(members, methods.get("free"), fake)
    if absent:
        live.set_absent(absent[0], True)
    givers = []
    present = [m for m in members if m not in absent]
    for _ in range(2 * len(present)):
        roles = live.default_roles()
        assert roles.case_giver not in absent
        assert absent[0] not in (roles.facilitator, roles.timekeeper, roles.scribe,
                                 *roles.consultants) if absent else True
        assert roles.case_giver not in (roles.facilitator, roles.timekeeper, roles.scribe)
        givers.append(roles.case_giver)
        live.start_round(roles, "case")
        live.end_round()
    n = len(present)
    assert sorted(givers[:n]) == sorted(present) and sorted(givers[n:]) == sorted(present)
    if n >= 4:  # facilitator, time-keeper, scribe are three different people
        rnd = live.session.rounds[0]
        assert len({rnd.facilitator, rnd.timekeeper, rnd.scribe}) == 3
    for role in ("facilitator", "timekeeper", "scribe"):  # shared out, not one person each time
        held = [getattr(r, role) for r in live.session.rounds[:n]]
        assert max(held.count(m) for m in present) <= 2 and len(set(held)) >= min(n - 1, 3)


def test_the_case_giver_comes_from_those_who_brought_a_case() -> None:
    roles = next_roles(FOUR, [], brought=["Cem"])
    assert roles.case_giver == "Cem" and roles.consultants == ("Ana", "Ben", "Dee")
    with pytest.raises(ValueError, match="3"):
        next_roles(FOUR, [], absent=["Ana", "Ben"])


# -- methods -------------------------------------------------------------------------------
def test_every_shipped_method_loads_with_shares_adding_up(methods: MethodCatalog) -> None:
    assert set(methods.methods) >= {"resource", "tietze", "incident", "balint", "troika", "free"}
    for method in methods.methods.values():
        assert abs(sum(p.share for p in method.phases) - 1) < 1e-9
    assert methods.get("Troika consulting").minutes == 10
    with pytest.raises(UnknownMethod, match="unknown method 'fishbowl'; available: balint"):
        methods.get("fishbowl")


def test_a_users_broken_method_is_named_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "methods"
    folder.mkdir()
    (folder / "mine.toml").write_text('name = "Mine"\n[[phases]]\nname = "Talk"\nshare = 1\n'
                                      'rule = "loud"\n')
    (folder / "ours.toml").write_text('name = "Ours"\n[[phases]]\nname = "Talk"\nshare = 1\n')
    cat = MethodCatalog.load([folder])
    assert cat.get("ours").phases[0].rule == "open"
    assert cat.problems == [f"{folder / 'mine.toml'}:2: phase 1 (Talk): 'rule' must be one of "
                            "open, case_giver, questions, consultants"]
    with pytest.raises(DataFileError, match="share"):
        (folder / "bad.toml").write_text('name = "B"\n[[phases]]\nname = "T"\nshare = 0\n')
        load_method(folder / "bad.toml")


# -- the live round ------------------------------------------------------------------------
def test_phase_timer_and_time_keeper_cues(fake: FakeClock, methods: MethodCatalog) -> None:
    live = live_round(fake, methods)  # tietze, 45 min: casting 5 min
    snap = live.snapshot()
    assert snap and snap.phase_name == "Casting" and snap.phase_budget == 300
    fake.advance(239)
    assert not live.snapshot().cues  # type: ignore[union-attr]
    fake.advance(1)
    assert [c.label for c in live.snapshot().cues] == ["1 minute left"]  # type: ignore[union-attr]
    live.toggle_pause()
    fake.advance(600)
    live.toggle_pause()
    assert live.snapshot().phase_elapsed == 240  # type: ignore[union-attr]
    fake.advance(61)
    assert [c.label for c in live.snapshot().cues] == ["Phase over"]  # type: ignore[union-attr]
    live.move_phase(+1)
    snap = live.snapshot()
    assert snap and snap.phase_name == "Spontaneous account" and snap.phase_elapsed == 0
    assert snap.rule == "case_giver" and not snap.cues
    fake.advance(45 * 60)
    assert "Round over time" in [c.label for c in live.snapshot().cues]  # type: ignore[union-attr]


def test_nudges_for_the_speaking_rules(fake: FakeClock, methods: MethodCatalog) -> None:
    live = live_round(fake, methods)
    for _ in range(4):
        live.move_phase(+1)  # consultation: the consultants talk, the case giver listens
    live.speak("Ana")  # the case giver
    labels = [c.label for c in live.snapshot().cues]  # type: ignore[union-attr]
    assert labels == ["Case giver listens"]
    live.speak("Ben")
    fake.advance(50)
    assert not live.snapshot().cues  # type: ignore[union-attr]  # under a minute in
    live.speak("Cem")
    fake.advance(40)
    live.speak("Ben")
    fake.advance(10)  # Ben 60 of 100 s
    why = [c.why for c in live.snapshot().cues]  # type: ignore[union-attr]
    assert why == ["Ben has had over half of Consultation"]
    live.speak("Dee")
    fake.advance(30)  # Ben 60 of 130 s
    assert not live.snapshot().cues  # type: ignore[union-attr]


def test_undo_across_members_gives_the_time_back(fake: FakeClock, methods: MethodCatalog) -> None:
    live = live_round(fake, methods)
    live.speak(live.member(1))
    fake.advance(20)
    live.speak(live.member(3))
    fake.advance(5)
    live.speak(live.member(2))
    fake.advance(5)
    assert live.undo() == "Cem"
    assert live.undo() == "Ana"
    fake.advance(10)
    assert live.snapshot().talk == (40, 0, 0, 0)  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="this group has 4 members"):
        live.member(7)


def test_advice_is_from_the_member_speaking_and_editable(fake: FakeClock,
                                                         methods: MethodCatalog) -> None:
    live = live_round(fake, methods)
    with pytest.raises(ValueError, match="press the member's number"):
        live.add("advice", "x")
    live.speak("Dee")
    fake.advance(3)
    live.speak("silence")
    item = live.add("advice", "Write it down")
    assert item.author == "Dee"
    live.set_author("advice", 0, "Ben")
    assert live.round.advice[0].author == "Ben"  # type: ignore[union-attr]


def test_a_resumed_round_carries_on(fake: FakeClock, methods: MethodCatalog) -> None:
    live = live_round(fake, methods)
    live.speak("Ana")
    fake.advance(30)
    again = LiveGroup(GroupMeeting.from_dict(live.record()), methods.get("tietze"), fake)
    fake.advance(10)
    assert again.in_round and again.snapshot().talk == (40, 0, 0, 0)  # type: ignore[union-attr]


@pytest.mark.parametrize(("members", "problem"), [
    (["Ana", "Ben"], "3 to 8"), (["Ana", "Ben", "ANA "], "named twice"),
    (["Ana", "", "Cem"], "empty"),
])
def test_start_refuses_a_bad_group(fake: FakeClock, methods: MethodCatalog, members, problem
                                   ) -> None:
    with pytest.raises(ValueError, match=problem):
        LiveGroup.start(members, methods.get("free"), fake)


def test_talk_at_odd_fractions_of_a_second_reads_back(fake: FakeClock,
                                                      methods: MethodCatalog) -> None:
    live = live_round(fake, methods)
    for i, step in enumerate([2.64, 1.23, 3.27, 6.41, 0.06, 0.55, 4.449, 0.051]):
        live.speak(live.member(i % 4 + 1))
        fake.advance(step)
    doc = live.record()
    again = GroupMeeting.from_dict(doc)
    assert again.to_dict() == doc


def test_roles_can_be_edited_but_not_to_the_case_giver_or_a_stranger() -> None:
    roles = next_roles(FOUR, [], case_giver="Ana")
    edited = edit_roles(roles, "dee, Ben , cem", FOUR)
    assert (edited.facilitator, edited.timekeeper, edited.scribe) == ("Dee", "Ben", "Cem")
    with pytest.raises(ValueError, match="Ana gives the case this round"):
        edit_roles(roles, "Ana, Ben, Cem", FOUR)
    with pytest.raises(ValueError, match="'Zed' is not a member present"):
        edit_roles(roles, "Zed, Ben, Cem", FOUR)
    with pytest.raises(ValueError, match="three names"):
        edit_roles(roles, "Ben, Cem", FOUR)


def test_group_methods_lists_shipped_and_own_and_names_a_broken_file(tmp_path: Path,
                                                                    monkeypatch) -> None:
    from click.testing import CliRunner

    from sessionkit.cli import main

    folder = tmp_path / "config" / "methods"
    folder.mkdir(parents=True)
    (folder / "fishbowl.toml").write_text('name = "Fishbowl"\nminutes = 40\n[[phases]]\n'
                                          'name = "Inner circle"\nshare = 1\n'
                                          'rule = "consultants"\n')
    (folder / "broken.toml").write_text('name = "B"\nminutes = 0\n[[phases]]\nname = "x"\n'
                                        'share = 1\n')
    monkeypatch.setenv("SESSIONKIT_CONFIG_DIR", str(tmp_path / "config"))
    result = CliRunner().invoke(main, ["group", "methods"])
    assert result.exit_code == 0
    assert "fishbowl\tFishbowl (40 min): " in result.output
    assert "tietze\tCollegial consultation (Tietze) (45 min)" in result.output
    assert f"skipped a broken method file: {folder / 'broken.toml'}:2: 'minutes' must be" \
        in result.output


def test_an_absent_member_cannot_be_marked_speaking(fake: FakeClock, methods: MethodCatalog
                                                    ) -> None:
    live = LiveGroup.start(FOUR, methods.get("free"), fake)
    live.set_absent("Dee", True)
    with pytest.raises(ValueError, match="a round needs 3 members present"):
        live.set_absent("Cem", True)
    live.start_round(live.default_roles(), "case")
    assert "Dee" not in live.round.consultants  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="Dee is absent today"):
        live.speak(live.member(4))
