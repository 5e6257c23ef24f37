"""Replays of the scripted sessions in scenarios.toml: each expected nudge fires in its window,
nothing fires where nothing is expected, and the calm share rules are what keeps it so."""

from __future__ import annotations

from dataclasses import replace

import pytest
from replay import TALK, Replay, Scenario, run, scenarios, score, stamp

from sessionkit.config.settings import Settings

SCENARIOS = scenarios()
_RUNS: dict[str, Replay] = {}


def replayed(catalog, scenario: Scenario) -> Replay:
    """Each scenario replayed once per test session with the default settings."""
    if scenario.name not in _RUNS:
        _RUNS[scenario.name] = run(catalog, scenario)
    return _RUNS[scenario.name]


def test_there_are_at_least_15_scenarios_with_short_rounds_and_contracting_openings():
    assert len(SCENARIOS) >= 15
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)
    assert {5, 10, 20, 45, 90} <= {s.minutes for s in SCENARIOS}
    assert sum("contracting" in s.name for s in SCENARIOS) >= 2


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario_fires_what_it_should_and_nothing_else(catalog, scenario):
    r = replayed(catalog, scenario)
    result = score(scenario, r)
    assert result.missed == [], [(m.label, stamp(m.start), stamp(m.end)) for m in result.missed]
    assert result.unexpected == [], [(label, stamp(t)) for label, t in result.unexpected]
    # the round's record holds the same nudges, in the same order, as the screen showed
    recorded = [n.label for rnd in r.live.session.rounds for n in rnd.nudges]
    assert recorded == [label for label, _ in r.onsets()]


def test_replay_totals(catalog, capsys):
    scores = [score(s, replayed(catalog, s)) for s in SCENARIOS]
    numbers = {
        "sessions": len(scores), "expected": sum(x.expected for x in scores),
        "in_window": sum(x.in_window for x in scores),
        "unexpected": sum(len(x.unexpected) for x in scores),
    }
    with capsys.disabled():
        print(f"\nreplays: {numbers}")
    assert numbers["in_window"] == numbers["expected"] > 40
    assert numbers["unexpected"] == 0


def test_without_the_calm_share_rules_the_replays_fire_where_they_should_not(catalog):
    """The warm-up, the margin and the rate limit are what keep the replays clean."""
    loud = Settings(share_warmup_minutes=0, share_clear_margin=0, nudge_repeat_minutes=0)
    unexpected = 0
    for scenario in SCENARIOS:
        result = score(scenario, run(catalog, scenario, loud))
        unexpected += sum(label in TALK for label, _ in result.unexpected)
    assert unexpected >= 5


def test_a_scenario_that_expects_the_wrong_thing_is_caught(catalog):
    """The scoring can fail: a good session that expected a Monologue misses it, and its time
    cues count as unexpected once they are not expected."""
    good = next(s for s in SCENARIOS if s.name == "good-45")
    wrong = replace(good, expected=[replace(good.expected[0], label="Monologue")])
    result = score(wrong, replayed(catalog, good))
    assert [m.label for m in result.missed] == ["Monologue"]
    assert [label for label, _ in result.unexpected] == ["Half-time check", "Next steps",
                                                         "Evaluate"]
