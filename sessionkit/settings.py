"""User settings: `<config>/settings.toml`. Every field has a default; a broken file is reported."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from sessionkit import paths
from sessionkit.errors import DataFileError


@dataclass(frozen=True)
class Settings:
    default_minutes: int = 45
    """Planned minutes per round when `--minutes` is not given."""
    default_model: str = "grow"
    """Session model when `--model` is not given."""
    coach_share_low: float = 0.10
    """Below this coach share of talk (over the recent window) the `Coach share low` nudge shows."""
    coach_share_high: float = 0.33
    """Above this coach share of talk the `Coach share high` nudge shows."""
    share_window_minutes: float = 5.0
    """The recent window the coach share is measured over."""
    monologue_seconds: float = 90.0
    """A coach turn longer than this shows the `Monologue` nudge."""
    mechanical_turns: int = 4
    """This many short client turns in a row show the `Mechanical pattern` nudge."""
    mechanical_turn_seconds: float = 15.0
    """A client turn shorter than this counts as short."""
    next_steps_minutes: float = 10.0
    """Minutes before the end when the `Next steps` nudge shows."""
    evaluate_minutes: float = 3.0
    """Minutes before the end when the `Evaluate` nudge shows."""
    keys: dict[str, str] = field(default_factory=dict)
    """Key remaps by binding id, e.g. {"switch-roles" = "R"}."""


def load_settings(path: Path | None = None) -> Settings:
    """Read settings.toml; raise DataFileError (file, what is wrong) for a broken file."""
    path = path or paths.config_dir() / "settings.toml"
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"{path}: {err}") from None
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, object] = {}
    for key, value in raw.items():
        if key not in known:
            raise DataFileError(f"{path}: unknown setting {key!r}")
        default = getattr(Settings(), key)
        if isinstance(default, bool) or type(value) is bool:
            ok = type(value) is type(default)
        elif isinstance(default, float):
            ok = isinstance(value, (int, float))
        else:
            ok = isinstance(value, type(default))
        if not ok:
            raise DataFileError(f"{path}: {key} must be {type(default).__name__}")
        values[key] = float(value) if isinstance(default, float) else value  # type: ignore[arg-type]
    return Settings(**values)  # type: ignore[arg-type]
