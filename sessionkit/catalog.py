"""Session models (GROW, POP, ...) loaded from TOML data files.

A model file (`data/models/<key>.toml`, or the user's `<config>/models/<key>.toml`):

    name = "GROW"
    description = "Goal, Reality, Options, Way forward."
    [[phases]]
    name = "Goal"
    share = 0.25            # share of the planned time
    aim = "What the coach aims for in this phase."
    questions = ["What do you want to leave this session with?"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sessionkit import paths
from sessionkit.errors import DataFileError, UnknownModel


@dataclass(frozen=True)
class Phase:
    name: str
    share: float
    aim: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class CoachingModel:
    key: str
    name: str
    description: str
    phases: tuple[Phase, ...]
    source: str = ""

    def budget(self, index: int, planned_minutes: float) -> float:
        """Seconds of the planned time given to phase `index`."""
        return self.phases[index].share * planned_minutes * 60


def load_model(path: Path) -> CoachingModel:
    """Load and validate one model file; DataFileError names the file and the problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(f"{path}: {err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"{path}: cannot read: {err}") from None
    where = str(path)
    if not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise DataFileError(f"{where}: 'name' must be a non-empty text")
    phases_raw = raw.get("phases")
    if not isinstance(phases_raw, list) or not phases_raw:
        raise DataFileError(f"{where}: needs at least one [[phases]] table")
    phases = []
    for i, p in enumerate(phases_raw, 1):
        if not isinstance(p, dict) or not isinstance(p.get("name"), str):
            raise DataFileError(f"{where}: phase {i} needs a 'name'")
        share = p.get("share")
        if isinstance(share, bool) or not isinstance(share, (int, float)) or share <= 0:
            raise DataFileError(f"{where}: phase {i} ({p['name']}): 'share' must be a number > 0")
        questions = p.get("questions", [])
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            raise DataFileError(f"{where}: phase {i} ({p['name']}): 'questions' must be texts")
        phases.append(Phase(p["name"], float(share), str(p.get("aim", "")), tuple(questions)))
    total = sum(p.share for p in phases)
    phases = [Phase(p.name, p.share / total, p.aim, p.questions) for p in phases]
    return CoachingModel(
        key=path.stem.lower(),
        name=raw["name"].strip(),
        description=str(raw.get("description", "")).strip(),
        phases=tuple(phases),
        source=where,
    )


@dataclass
class ModelCatalog:
    """Every model available: shipped ones, then the user's (which may override by key)."""

    models: dict[str, CoachingModel] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # broken user files, one line each

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> ModelCatalog:
        cat = cls()
        for path in sorted((paths.data_dir() / "models").glob("*.toml")):
            model = load_model(path)  # a broken shipped file is a bug: let it raise
            cat.models[model.key] = model
        for folder in extra_dirs if extra_dirs is not None else [paths.config_dir() / "models"]:
            for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
                try:
                    model = load_model(path)
                except DataFileError as err:
                    cat.problems.append(str(err))
                    continue
                cat.models[model.key] = model
        return cat

    def get(self, key: str) -> CoachingModel:
        model = self.models.get(key.lower())
        if model is None:
            known = ", ".join(sorted(self.models))
            raise UnknownModel(f"unknown model {key!r}; available: {known}")
        return model
