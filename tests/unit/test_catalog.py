"""Shipped session models, the `models` command, and the user's model files (good and broken)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.config.catalog import ModelCatalog, guess_purposes, load_model
from sessionkit.errors import DataFileError, UnknownModel
from sessionkit.guidance.bank import PURPOSES

SHIPPED = ["atc", "clear", "free", "grow", "intervision", "oskar", "pop", "tgrow"]


def test_every_shipped_model_loads_complete(catalog):
    assert sorted(catalog.models) == SHIPPED
    for model in catalog.models.values():
        assert model.name and model.description and "\n" not in model.description
        assert abs(sum(p.share for p in model.phases) - 1.0) < 1e-9
        for phase in model.phases:
            assert phase.aim, (model.key, phase.name)
            assert len(phase.questions) >= 2, (model.key, phase.name)
            assert phase.purposes and set(phase.purposes) <= set(PURPOSES)


@pytest.mark.parametrize(("key", "phases"), [
    ("grow", ["Goal", "Reality", "Options", "Way forward"]),
    ("tgrow", ["Topic", "Goal", "Reality", "Options", "Way forward"]),
    ("pop", ["Purpose", "Outcomes", "Process", "Close"]),
    ("clear", ["Contracting", "Listening", "Exploring", "Action", "Review"]),
    ("oskar", ["Outcome", "Scaling", "Know-how", "Affirm + Action", "Review"]),
    ("intervision", ["Start and roles", "Problem and situation", "Vision and resources", "Goals",
                     "Solutions and next steps", "Feedback"]),
    ("atc", ["Outcome", "Explore", "Reframe", "Actions", "Evaluation"]),
    ("free", ["Open"]),
])
def test_model_phases(catalog, key, phases):
    assert [p.name for p in catalog.get(key).phases] == phases


def test_budget_is_share_of_planned_time(catalog):
    grow = catalog.get("grow")
    assert grow.budget(0, 45) == pytest.approx(9 * 60)


def test_models_command_lists_one_a_line():
    result = CliRunner().invoke(main, ["models"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split("\t")[0] for line in lines] == SHIPPED
    assert "grow\tGROW: Goal, Reality, Options, Way forward" in result.output
    assert all(": " in line.split("\t")[1] for line in lines)


def test_unknown_model_names_the_choices(catalog):
    with pytest.raises(UnknownModel, match="available: atc, clear"):
        catalog.get("nope")


def user_model(isolated_dirs: Path, name: str, text: str) -> Path:
    folder = isolated_dirs / "config" / "models"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """name = "Walk and talk"
description = "Two phases for a walk."

[[phases]]
name = "Where are we going"
share = 1
purposes = ["outcome"]

[[phases]]
name = "Next steps"
share = 1
questions = ["What now?"]
"""


def test_user_model_is_added_and_can_override(isolated_dirs):
    user_model(isolated_dirs, "walk.toml", GOOD)
    user_model(isolated_dirs, "free.toml", GOOD.replace("Walk and talk", "My free"))
    cat = ModelCatalog.load()
    assert cat.problems == []
    walk = cat.get("walk")
    assert [p.share for p in walk.phases] == [0.5, 0.5]
    assert walk.phases[1].purposes == ("commitment", "accountability")  # guessed from the name
    assert cat.get("free").name == "My free"


@pytest.mark.parametrize(("name", "purposes"), [
    ("Goal", ("outcome", "check")), ("Options", ("options", "resources")),
    ("Review", ("evaluation", "scaling")), ("Something else", ("exploring",)),
])
def test_guess_purposes(name, purposes):
    assert guess_purposes(name) == purposes


BROKEN = [
    (GOOD.replace('share = 1\npurposes', 'share = \npurposes'), 6, "not valid TOML"),
    (GOOD.replace('share = 1\nquestions', 'share = 0\nquestions'), 9, "'share' must be a number"),
    (GOOD.replace('["outcome"]', '["outcomes"]'), 4, "unknown purpose 'outcomes'"),
    (GOOD.replace('name = "Walk and talk"', 'name = ""'), 1, "'name' must be a non-empty"),
    (GOOD.replace('questions = ', 'question = '), 9, "unknown field 'question'"),
    (GOOD.replace('questions = ["What now?"]', 'questions = "What now?"'), 9,
     "'questions' must be a list of texts"),
]


@pytest.mark.parametrize(("text", "line", "what"), BROKEN)
def test_broken_user_model_names_file_and_line_and_app_carries_on(isolated_dirs, text, line,
                                                                  what):
    path = user_model(isolated_dirs, "walk.toml", text)
    with pytest.raises(DataFileError) as err:
        load_model(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: ") and what in message and "\n" not in message
    cat = ModelCatalog.load()
    assert cat.problems == [message]
    assert sorted(cat.models) == SHIPPED


def test_models_command_reports_a_broken_file_and_still_lists(isolated_dirs):
    path = user_model(isolated_dirs, "walk.toml", "name = \n")
    result = CliRunner().invoke(main, ["models"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(SHIPPED)
    assert f"{path}:1: not valid TOML" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("given", ["tgrow", "TGROW", "t-grow", "T-GROW", " T-Grow "])
def test_a_model_is_found_by_its_key_or_its_shown_name(catalog, given):
    assert catalog.get(given).key == "tgrow"


@pytest.mark.parametrize("given", ["t-grow", "T-GROW"])
def test_start_accepts_the_name_the_screen_shows(given, monkeypatch, tmp_path, terminal):
    """`start --model T-GROW` opens the live screen on the tgrow model (the app's terminal run
    is the only thing replaced: the options reach the real app factory)."""
    from screens.app import SessionkitApp

    seen: dict[str, object] = {}
    monkeypatch.setattr(SessionkitApp, "run", lambda app: seen.update(app.start_options))
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "db.json"), "start", "--coach",
                                       "Ana", "--client", "Ben", "--model", given])
    assert result.exit_code == 0, result.output
    assert seen["model"] == "tgrow"
