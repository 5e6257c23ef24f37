"""User settings: `<config>/settings.toml`. Every field has a default; a broken file is reported.

The file is flat `name = value` lines plus an optional `[keys]` table (see docs/settings.md):

    default_minutes = 60
    coach_share_high = 0.30
    muted_nudges = ["Coach share low"]
    [keys]
    switch-roles = "R"
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sessionkit import paths
from sessionkit.config.datafile import key_line, line_of, problem, read_toml
from sessionkit.config.nudge_labels import NUDGE_LABELS  # re-exported: settings name them
from sessionkit.errors import DataFileError


@dataclass(frozen=True)
class Settings:
    default_minutes: int = 45
    """Planned minutes per round when `--minutes` is not given."""
    default_model: str = "grow"
    """Session model when `--model` is not given (see `sessionkit models`)."""
    coach_share_low: float = 0.10
    """Below this coach share of talk (over the recent window) the `Coach share low` nudge shows."""
    coach_share_high: float = 0.33
    """Above this coach share of talk the `Coach share high` nudge shows."""
    share_window_minutes: float = 5.0
    """The recent window the coach share is measured over."""
    share_min_talk_minutes: float = 2.0
    """The share nudges wait until the window holds at least this much talk."""
    share_warmup_minutes: float = 5.0
    """No share nudge before this much talk in the round (half the round when it is shorter
    than twice this): a contracting opening is healthy, and a share over minutes swings."""
    share_clear_margin: float = 0.05
    """A share nudge clears only when the share is back inside the band by this much."""
    nudge_repeat_minutes: float = 3.0
    """A share nudge that cleared shows again only after this many minutes."""
    listen_nudge_count: int = 2
    """Listening: this many coach re-entries (or interruptions) within `listen_nudge_minutes`
    show `Wait for the answer` (or `Interrupting`)."""
    listen_nudge_minutes: float = 5.0
    """The window the listening nudges count in."""
    monologue_seconds: float = 90.0
    """A coach turn longer than this shows the `Monologue` nudge."""
    mechanical_turns: int = 4
    """This many short client turns in a row show the `Mechanical pattern` nudge."""
    mechanical_turn_seconds: float = 15.0
    """A client turn shorter than this counts as short."""
    half_time_at: float = 0.5
    """Fraction of the planned round when `Half-time check` shows."""
    next_steps_at: float = 0.7778
    """Fraction of the planned round when `Next steps` shows (10 min before the end of 45)."""
    evaluate_at: float = 0.9333
    """Fraction of the planned round when `Evaluate` shows (3 min before the end of 45)."""
    cues_quiet_first: float = 0.2
    """No time cue in this first fraction of a round."""
    nudge_show_seconds: float = 90.0
    """How long a time cue stays once it fires (the next cue or `Over time` replaces it sooner)."""
    muted_nudges: list[str] = field(default_factory=list)
    """Nudge labels never to show, e.g. ["Coach share low"]."""
    suggestions: int = 3
    """How many questions or reframes the questions pane offers at once."""
    rotate_minutes: float = 4.0
    """Offer fresh questions after this many minutes in the same phase (0: only on a change)."""
    recent_minutes: float = 15.0
    """A question shown within this many minutes is not offered again while others fit."""
    keys: dict[str, str] = field(default_factory=dict)
    """Key remaps by binding id, e.g. {"switch-roles" = "R"}."""
    listen_mic: str = ""
    """Listening: the microphone to use (a name or part of one; empty: the default input)."""
    listen_call: str = ""
    """Listening: the call's audio, a loopback/monitor source (empty: the default output's)."""


_RANGES: dict[str, tuple[float, float]] = {
    "default_minutes": (1, 600), "coach_share_low": (0, 1), "coach_share_high": (0, 1),
    "share_window_minutes": (0.5, 60), "share_min_talk_minutes": (0, 60),
    "monologue_seconds": (5, 3600), "mechanical_turns": (2, 50),
    "mechanical_turn_seconds": (1, 600), "half_time_at": (0, 1), "next_steps_at": (0, 1),
    "evaluate_at": (0, 1), "cues_quiet_first": (0, 1), "share_warmup_minutes": (0, 60),
    "share_clear_margin": (0, 0.5), "nudge_repeat_minutes": (0, 60),
    "nudge_show_seconds": (5, 3600), "suggestions": (1, 10),
    "rotate_minutes": (0, 600), "recent_minutes": (0, 600),
    "listen_nudge_count": (1, 50), "listen_nudge_minutes": (0.5, 60),
}


_MINUTES_OF_45 = {"next_steps_minutes": "next_steps_at", "evaluate_minutes": "evaluate_at"}
"""Older settings (minutes before the end of a 45-minute round), read as the fraction they mean."""


def _check(key: str, value: Any) -> tuple[Any, str | None]:
    """(converted value, None) or (None, what is wrong)."""
    default = getattr(Settings(), key)
    if key == "keys":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            return None, "[keys] maps binding ids to keys, e.g. switch-roles = \"R\""
        return {k: v.strip() for k, v in value.items()}, None
    if key == "muted_nudges":
        if not isinstance(value, list) or not all(v in NUDGE_LABELS for v in value):
            return None, f"muted_nudges must list nudge labels from: {', '.join(NUDGE_LABELS)}"
        return list(value), None
    wanted: type | tuple[type, ...] = (int, float) if isinstance(default, float) else type(default)
    if isinstance(value, bool) or not isinstance(value, wanted):
        kind = {"str": "a text", "int": "a whole number", "float": "a number"}
        return None, f"{key} must be {kind[type(default).__name__]}"
    return _in_range(key, value, default)


def _in_range(key: str, value: Any, default: Any) -> tuple[Any, str | None]:
    if key in _RANGES:
        lo, hi = _RANGES[key]
        if not lo <= value <= hi:
            return None, f"{key} must be between {lo:g} and {hi:g}"
    if key == "default_model" and not value.strip():
        return None, "default_model must name a model (see `sessionkit models`)"
    return (float(value) if isinstance(default, float) else value), None


def parse_settings(raw: dict[str, Any], text: str, path: Path) -> tuple[Settings, list[str]]:
    """Settings from the good values; one `file:line: what is wrong` per bad one."""
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key in _MINUTES_OF_45 and isinstance(value, (int, float)) and 0 <= value < 45:
            key, value = _MINUTES_OF_45[key], 1 - value / 45  # the older name: minutes of 45
        line = line_of(text, r"^[ \t]*\[keys\]") if key == "keys" else key_line(text, key)
        if key not in known:
            problems.append(str(problem(path, f"unknown setting {key!r}", line)))
            continue
        good, wrong = _check(key, value)
        if wrong:
            problems.append(str(problem(path, wrong, line)))
        else:
            values[key] = good
    low = values.get("coach_share_low", Settings.coach_share_low)
    high = values.get("coach_share_high", Settings.coach_share_high)
    if low >= high:
        line = key_line(text, "coach_share_low") or key_line(text, "coach_share_high")
        problems.append(str(problem(path, "coach_share_low must be below coach_share_high", line)))
        values.pop("coach_share_low", None)
        values.pop("coach_share_high", None)
    return Settings(**values), problems


def load_settings_lenient(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Read settings.toml, keeping every good value; bad ones fall back to defaults, reported."""
    path = path or paths.config_dir() / "settings.toml"
    if not path.exists():
        return Settings(), []
    try:
        raw, text = read_toml(path)
    except DataFileError as err:
        return Settings(), [str(err)]
    return parse_settings(raw, text, path)


def load_settings(path: Path | None = None) -> Settings:
    """Read settings.toml; raise DataFileError (`file:line: what is wrong`) for a broken file."""
    settings, problems = load_settings_lenient(path)
    if problems:
        raise DataFileError(problems[0])
    return settings
