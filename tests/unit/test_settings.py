"""settings.toml: defaults, values, clear errors (file and line), and that the guide obeys them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionkit.config.settings import Settings, load_settings, load_settings_lenient
from sessionkit.errors import DataFileError
from sessionkit.guidance.guide import Guide
from sessionkit.live.session import LiveSession


def settings_file(isolated_dirs: Path, text: str) -> Path:
    path = isolated_dirs / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_documented_defaults():
    s = load_settings()
    assert s == Settings()
    assert (s.default_minutes, s.default_model) == (45, "grow")
    assert (s.coach_share_low, s.coach_share_high, s.monologue_seconds) == (0.10, 0.33, 90.0)
    assert (s.mechanical_turns, s.mechanical_turn_seconds) == (4, 15.0)
    assert (s.half_time_at, s.next_steps_at, s.evaluate_at) == (0.5, 0.7778, 0.9333)
    assert (s.share_warmup_minutes, s.share_clear_margin, s.nudge_repeat_minutes) == (5, 0.05, 3)


def test_older_minute_settings_are_read_as_fractions_of_45(isolated_dirs):
    settings_file(isolated_dirs, "next_steps_minutes = 15\nevaluate_minutes = 4.5\n")
    s = load_settings()
    assert (s.next_steps_at, s.evaluate_at) == (pytest.approx(30 / 45), pytest.approx(0.9))


def test_values_are_read(isolated_dirs):
    settings_file(isolated_dirs, """
default_minutes = 60
default_model = "atc"
coach_share_high = 0.3
monologue_seconds = 60          # whole numbers are fine for decimals
muted_nudges = ["Coach share low"]

[keys]
switch-roles = "R"
""")
    s = load_settings()
    assert (s.default_minutes, s.default_model, s.coach_share_high) == (60, "atc", 0.3)
    assert s.monologue_seconds == 60.0 and isinstance(s.monologue_seconds, float)
    assert s.muted_nudges == ["Coach share low"]
    assert s.keys == {"switch-roles": "R"}


@pytest.mark.parametrize(("text", "line", "what"), [
    ("default_minutes = 45\nmonologue_seconds = \"long\"\n", 2,
     "monologue_seconds must be a number"),
    ("\n\ncolour = \"red\"\n", 3, "unknown setting 'colour'"),
    ("default_minutes = 0\n", 1, "default_minutes must be between 1 and 600"),
    ("default_minutes = 45.5\n", 1, "default_minutes must be a whole number"),
    ("coach_share_low = 0.5\ncoach_share_high = 0.4\n", 1, "coach_share_low must be below"),
    ("muted_nudges = [\"Monolog\"]\n", 1, "muted_nudges must list nudge labels"),
    ("suggestions = 2\n[keys]\nswitch-roles = 3\n", 2, "[keys] maps binding ids to keys"),
    ("suggestions = true\n", 1, "suggestions must be a whole number"),
    ("default_minutes = \n", 1, "not valid TOML"),
])
def test_broken_settings_name_file_and_line(isolated_dirs, text, line, what):
    path = settings_file(isolated_dirs, text)
    with pytest.raises(DataFileError) as err:
        load_settings()
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: ") and what in message and "\n" not in message


def test_lenient_keeps_good_values_and_reports_bad_ones(isolated_dirs):
    path = settings_file(isolated_dirs, "default_minutes = 30\nmonologue_seconds = -1\n")
    s, problems = load_settings_lenient()
    assert s.default_minutes == 30 and s.monologue_seconds == 90.0
    assert problems == [f"{path}:2: monologue_seconds must be between 5 and 3600"]


def test_guide_and_live_session_follow_the_settings(fake, catalog):
    s = Settings(share_window_minutes=2.0, share_min_talk_minutes=1.0, coach_share_high=0.5,
                 share_warmup_minutes=1.0)
    live = LiveSession.start("Ann", "Ben", catalog.get("grow"), fake, guide=Guide(s))
    assert live.window == 120.0
    fake.advance(50)
    live.speak("client")
    fake.advance(70)  # coach 42 % over the 2 min window: inside a 10-50 % band
    assert [n.label for n in live.tick().nudges] == []
    live.speak("coach")
    fake.advance(80)  # last 2 min: client 40 s, coach 80 s
    assert [n.label for n in live.tick().nudges] == ["Coach share high"]


def test_the_documented_settings_file_is_valid_and_shows_the_defaults():
    import re
    import tomllib

    doc = (Path(__file__).parents[2] / "docs" / "settings.md").read_text(encoding="utf-8")
    text = re.findall(r"```toml\n(.*?)```", doc, re.S)[0]
    from sessionkit.config.settings import parse_settings

    s, problems = parse_settings(tomllib.loads(text), text, Path("settings.toml"))
    assert problems == []
    assert s == Settings(keys={"switch-roles": "R"})
