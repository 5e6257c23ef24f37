"""Ranking: phase fit, limiting words, time and talk reasons, no repeats, determinism."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.guidance.bank import Bank, Question
from sessionkit.guidance.guide import Guide, Moment
from sessionkit.talk.tracker import TalkSnapshot

QUIET = TalkSnapshot(
    speaker="client", paused=False, elapsed=0.0, coach_seconds=0.0, client_seconds=0.0,
    silence_seconds=0.0, turns=0, current_turn=0.0, longest_coach_turn=0.0,
    longest_client_turn=0.0, recent_coach_share=None, recent_talk_seconds=0.0,
    client_turns_recent=(),
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.shipped()


def moment(catalog: ModelCatalog, model: str = "grow", phase: int = 0, minute: float = 1,
           **fields: object) -> Moment:
    m = Moment(catalog.get(model), phase, minute * 60, 45 * 60, 60.0, QUIET, outcome="Clarity")
    return replace(m, **fields)


def reasons(found) -> list[str]:
    return [s.reason for s in found]


def test_phase_fit_offers_the_phase_questions_first(catalog, bank):
    found = Guide(bank=bank).suggest(moment(catalog, phase=2, minute=20))
    assert reasons(found) == ["phase: Options"] * 3
    options = catalog.get("grow").phases[2].questions
    assert [s.text for s in found] == list(options)
    assert [s.id for s in found] == ["grow:options:1", "grow:options:2", "grow:options:3"]


@pytest.mark.parametrize("key", ["grow", "tgrow", "pop", "clear", "oskar", "intervision", "atc",
                                 "free"])
def test_every_phase_of_every_model_gets_three_fitting_questions(catalog, bank, key):
    model = catalog.get(key)
    for i, phase in enumerate(model.phases):
        guide = Guide(bank=bank)
        m = moment(catalog, key, i, minute=1)
        for _ in range(3):  # the phase's own questions, then bank questions of its purposes
            found = guide.suggest(m)
            assert reasons(found) == [f"phase: {phase.name}"] * 3
            guide.refresh()
        tags = {t for s in found for t in bank.questions[s.id].tags}
        assert tags & set(phase.purposes)


def test_limiting_word_in_the_latest_note_brings_one_reframe_first(catalog, bank):
    m = moment(catalog, phase=1, minute=12, last_notes=("Wants a new role", "I always give in"))
    found = Guide(bank=bank).suggest(m)
    assert found[0].kind == "reframe" and found[0].reason == "note says 'always'"
    assert "always" in bank.reframes[found[0].id].words
    assert reasons(found)[1:] == ["phase: Reality", "phase: Reality"]  # offered lightly: one


def test_latest_note_ranks_before_older_notes_and_the_outcome(catalog, bank):
    m = moment(catalog, phase=1, minute=12, outcome="I never say no",
               last_notes=("Boss: I have to do it", "Nobody asks me"))
    assert reasons(Guide(bank=bank).suggest(m)) == [
        "note says 'nobody'", "note says 'have to'", "outcome says 'never'",
    ]


def test_curly_apostrophes_and_case_match(catalog, bank):
    m = moment(catalog, last_notes=("I CAN\u2019T face it",))
    assert reasons(Guide(bank=bank).suggest(m))[0] == "note says 'can't'"


def test_eight_minutes_left_move_to_next_steps(catalog, bank):
    found = Guide(bank=bank).suggest(moment(catalog, phase=2, minute=37))
    assert found[0].reason == "8 min left: move to next steps"
    assert "commitment" in bank.questions[found[0].id].tags


def test_no_time_reason_when_the_phase_already_does_it(catalog, bank):
    found = Guide(bank=bank).suggest(moment(catalog, phase=3, minute=37))
    assert reasons(found) == ["phase: Way forward"] * 3


@pytest.mark.parametrize(("minute", "reason"), [
    (43, "2 min left: evaluate"), (46, "over time: close with evaluation"),
])
def test_end_of_round_asks_for_evaluation(catalog, bank, minute, reason):
    found = Guide(bank=bank).suggest(moment(catalog, phase=2, minute=minute))
    assert found[0].reason == reason
    assert "evaluation" in bank.questions[found[0].id].tags


def test_short_round_has_no_closing_reason_at_its_start(catalog, bank):
    """A 10-minute round at 0:01: no "10 min left: move to next steps" (the issue's report)."""
    for phase in (0, 1, 2):
        m = replace(moment(catalog, phase=phase, minute=1 / 60), planned=600)
        assert not any("min left" in r for r in reasons(Guide(bank=bank).suggest(m)))


@pytest.mark.parametrize(("planned", "second", "reason"), [
    (5, 232, None), (5, 233, "1 min left: move to next steps"),
    (5, 280, "under 1 min left: evaluate"),
    (10, 466, None), (10, 467, "2 min left: move to next steps"),
    (10, 560, "under 1 min left: evaluate"),
    (20, 934, "4 min left: move to next steps"), (20, 1120, "1 min left: evaluate"),
    (90, 4199, None), (90, 4200, "20 min left: move to next steps"),
    (90, 5040, "6 min left: evaluate"),
])
def test_closing_reasons_follow_the_proportional_marks(catalog, bank, planned, second, reason):
    m = replace(moment(catalog, phase=2), elapsed=second, planned=planned * 60)
    top = reasons(Guide(bank=bank).suggest(m))
    assert (top[0] if "min left" in top[0] else None) == reason


def test_no_closing_questions_while_the_outcome_is_being_agreed(catalog, bank):
    late = dict(minute=43)
    assert "min left" not in reasons(Guide(bank=bank).suggest(moment(catalog, phase=0, **late)))[0]
    no_outcome = reasons(Guide(bank=bank).suggest(moment(catalog, phase=2, outcome="", **late)))
    assert not any("min left" in r for r in no_outcome)
    assert no_outcome[0] == "no outcome yet: ask what they want"
    over = reasons(Guide(bank=bank).suggest(moment(catalog, phase=0, minute=46)))
    assert over[0] == "over time: close with evaluation"  # past the end it is time, whatever


def test_no_outcome_yet_outside_the_outcome_phase(catalog, bank):
    guide = Guide(bank=bank)
    assert reasons(guide.suggest(moment(catalog, phase=1, minute=3, outcome="")))[0] == (
        "no outcome yet: ask what they want")
    assert "no outcome yet: ask what they want" not in reasons(
        Guide(bank=bank).suggest(moment(catalog, phase=0, minute=3, outcome="")))


def test_half_time_window_suggests_an_outcome_check(catalog, bank):
    found = Guide(bank=bank).suggest(moment(catalog, phase=1, minute=23))
    assert found[0].reason == "half-time: check the outcome"
    assert "check" in bank.questions[found[0].id].tags


def test_talk_pattern_reasons(catalog, bank):
    mechanical = replace(QUIET, speaker="coach", current_turn=3, client_turns_recent=(4, 5, 3, 6))
    found = Guide(bank=bank).suggest(moment(catalog, phase=1, minute=8, talk=mechanical))
    assert found[0].reason == "short answers: open up"
    assert "deepening" in bank.questions[found[0].id].tags
    high = replace(QUIET, speaker="client", recent_coach_share=0.6, recent_talk_seconds=300,
                   coach_seconds=180, client_seconds=120)
    found = Guide(bank=bank).suggest(moment(catalog, phase=1, minute=8, talk=high))
    assert found[0].reason == "coach 60 % of talk: invite, then listen"
    assert "brief" in bank.questions[found[0].id].tags
    low = replace(high, recent_coach_share=0.04)
    assert Guide(bank=bank).suggest(moment(catalog, phase=1, minute=8, talk=low))[0].reason == (
        "coach 4 % of talk: reflect back")


def test_phase_over_budget_points_to_the_next_phase(catalog, bank):
    found = Guide(bank=bank).suggest(moment(catalog, phase=1, minute=20, phase_elapsed=15 * 60))
    assert found[0].reason == "Reality has run past its time; Options comes next"
    assert "options" in bank.questions[found[0].id].tags or "resources" in bank.questions[
        found[0].id].tags


def test_used_items_never_come_back_and_the_others_stay(catalog, bank):
    guide = Guide(bank=bank)
    m = moment(catalog, phase=2, minute=15)
    first = guide.suggest(m)
    again = guide.suggest(replace(m, used=frozenset({first[1].id})))
    assert [s.id for s in again][:2] == [first[0].id, first[2].id]
    assert first[1].id not in {s.id for s in again}


def test_rotation_never_repeats_until_the_pool_is_used_up(catalog, bank):
    guide = Guide(bank=bank)
    m = moment(catalog, phase=2, minute=15)
    seen: list[str] = []
    for _ in range(8):  # 3 model questions + options/resources/reframing pools: 24 fresh ones
        seen += [s.id for s in guide.suggest(m)]
        guide.refresh()
    assert len(seen) == len(set(seen)) == 24


def test_a_neutral_note_changes_nothing_a_limiting_word_does(catalog, bank):
    """Suggestions stay put on a neutral note (the question about to be asked stays); a note
    with a limiting word is a new moment."""
    guide = Guide(bank=bank)
    m = moment(catalog, phase=1, minute=10)
    first = guide.suggest(m)
    assert guide.suggest(replace(m, elapsed=m.elapsed + 30)) == first  # time alone: stays put
    neutral = replace(m, last_notes=("Talked about the team",))
    assert guide.suggest(neutral) == first
    assert guide.suggest(replace(neutral, last_notes=("Talked about the team", "Ok"))) == first
    worded = guide.suggest(replace(m, last_notes=("Talked about the team", "I never win")))
    assert worded[0].reason == "note says 'never'"
    assert worded[1:] != first[:2]  # the rest rotate: a new moment


def test_a_phase_change_rotates_but_keeps_the_reframe_the_latest_note_needs(catalog, bank):
    guide = Guide(bank=bank)
    m = moment(catalog, phase=1, minute=10, last_notes=("I never get it right",))
    first = guide.suggest(m)
    assert first[0].reason == "note says 'never'"
    moved = guide.suggest(replace(m, phase=2, phase_elapsed=0.0))
    assert moved[0] == first[0]  # the same reframe, still there
    assert {s.id for s in moved[1:]}.isdisjoint({s.id for s in first[1:]})


def test_a_new_talk_pattern_rotates(catalog, bank):
    guide = Guide(bank=bank)
    m = moment(catalog, phase=1, minute=10)
    first = guide.suggest(m)
    mono = replace(QUIET, speaker="coach", current_turn=120.0, elapsed=600.0)
    after = guide.suggest(replace(m, talk=mono))
    assert after[0].reason == "long coach turn: hand it back"
    assert after != first


def test_fresh_items_before_ones_shown_earlier(catalog, bank):
    guide = Guide(Settings(recent_minutes=5.0, rotate_minutes=0.0), bank)
    m = moment(catalog, model="free", minute=5)
    first = {s.id for s in guide.suggest(m)}
    guide.refresh()
    second = {s.id for s in guide.suggest(m)}
    guide.refresh()
    later = {s.id for s in guide.suggest(replace(m, elapsed=m.elapsed + 6 * 60))}
    assert not first & second and not later & (first | second)


def test_recent_items_return_only_after_recent_minutes(catalog):
    small = Bank({f"b{i}": Question(f"b{i}", f"Bank question {i}?", ("exploring",))
                  for i in range(1, 4)})
    guide = Guide(Settings(recent_minutes=5.0, rotate_minutes=0.0), small)
    m = moment(catalog, model="free", minute=5)
    first = guide.suggest(m)
    assert [s.id for s in first] == ["free:open:1", "free:open:2", "free:open:3"]
    guide.refresh()
    assert [s.id for s in guide.suggest(m)] == ["b1", "b2", "b3"]
    guide.refresh()
    # at 11:00 the first three (last on screen at 5:00) are no longer recent; b1-b3 are
    assert guide.suggest(replace(m, elapsed=11 * 60)) == first


def test_rotate_minutes_in_a_long_phase(catalog, bank):
    guide = Guide(Settings(rotate_minutes=4.0), bank)
    m = moment(catalog, phase=1, minute=10, phase_elapsed=60.0)
    first = guide.suggest(m)
    assert guide.suggest(replace(m, phase_elapsed=200.0)) == first
    assert guide.suggest(replace(m, phase_elapsed=250.0)) != first


def test_moment_shown_counts_as_recent(catalog, bank):
    m = moment(catalog, phase=2, minute=15)
    first = Guide(bank=bank).suggest(m)
    shown = frozenset(s.id for s in first)
    assert not shown & {s.id for s in Guide(bank=bank).suggest(replace(m, shown=shown))}


def test_deterministic_across_guides(catalog, bank):
    notes = ("I should call her", "It's impossible")
    script = [moment(catalog, phase=p, minute=mi, last_notes=notes[:k])
              for p, mi, k in [(0, 2, 0), (1, 9, 1), (1, 12, 2), (2, 30, 2), (3, 40, 2)]]
    one, two = Guide(bank=bank), Guide(bank=Bank.shipped())
    assert [one.suggest(m) for m in script] == [two.suggest(m) for m in script]


def test_limit_and_setting(catalog, bank):
    assert len(Guide(bank=bank).suggest(moment(catalog), limit=1)) == 1
    assert len(Guide(Settings(suggestions=5), bank).suggest(moment(catalog))) == 5


def test_suggest_key_changes_only_with_context(catalog, bank):
    guide = Guide(bank=bank)
    m = moment(catalog, phase=1, minute=10)
    key = guide.suggest_key(m)
    assert guide.suggest_key(replace(m, elapsed=m.elapsed + 20)) == key
    assert guide.suggest_key(replace(m, used=frozenset({"x"}))) != key
    assert guide.suggest_key(replace(m, last_notes=("I can't",))) != key
    assert guide.suggest_key(replace(m, elapsed=37 * 60)) != key  # a time reason appears


def test_reset_forgets_what_was_shown(catalog, bank):
    guide = Guide(bank=bank)
    m = moment(catalog, phase=1, minute=10)
    first = guide.suggest(m)
    guide.refresh()
    guide.suggest(m)
    guide.reset()
    assert guide.suggest(m) == first


def test_a_limiting_word_gets_one_reframe_per_note(catalog, bank):
    guide = Guide(bank=bank)
    m = moment(catalog, phase=1, minute=10, last_notes=("I never get it right",))
    assert guide.suggest(m)[0].reason == "note says 'never'"
    guide.refresh()
    assert all(s.kind == "question" for s in guide.suggest(m))  # not pushed again
    newer = replace(m, last_notes=("I never get it right", "I'll never ask him"))
    found = guide.suggest(newer)
    assert found[0].reason == "note says 'never'" and found[0].kind == "reframe"


@pytest.mark.parametrize(("minutes", "words"), [(15, "these 15 minutes"), (45, "these 45 minutes"),
                                                (60, "this hour")])
def test_wording_fits_the_planned_length(catalog, bank, minutes, words):
    """No "If this hour were really useful…" in a 15-minute round."""
    guide = Guide(bank=bank)
    m = replace(moment(catalog, phase=0, minute=1), planned=minutes * 60.0)
    texts: list[str] = []
    for _ in range(8):
        texts += [s.text for s in guide.suggest(m)]
        guide.refresh()
    useful = [t for t in texts if "were really useful" in t]
    assert useful == [f"If {words} were really useful, what would you have at the end?"]
    assert not any("{time}" in t for t in texts)
    if minutes != 60:
        assert not any("hour" in t for t in texts)
