"""Session models (GROW, POP, ...) loaded from TOML data files.

A model file (`data/models/<key>.toml`, or the user's `<config>/models/<key>.toml`):

    name = "GROW"
    description = "Goal, Reality, Options, Way forward."
    [[phases]]
    name = "Goal"
    share = 0.25            # share of the planned time (shares are scaled to add up to 1)
    aim = "What the coach aims for in this phase."
    purposes = ["outcome", "scaling"]   # bank tags this phase draws on (config.purposes.PURPOSES)
    questions = ["What do you want to leave this session with?"]

`purposes` is optional: without it the phase name is matched against a few common words
("goal" -> outcome, "options" -> options, ...), else it draws on "exploring".
A broken user file is reported as `file:line: what is wrong` in `ModelCatalog.problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sessionkit import paths
from sessionkit.config.datafile import (
    key_line,
    named,
    phase_tables,
    problem,
    read_toml,
    texts,
)
from sessionkit.config.purposes import PURPOSES
from sessionkit.errors import DataFileError, UnknownModel

_GUESS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"goal|outcome|purpose|contract|topic", ("outcome", "check")),
    (r"reality|explor|situation|listen|problem", ("exploring", "deepening")),
    (r"option|solution|idea", ("options", "resources")),
    (r"way forward|will|action|next step|commit|plan", ("commitment", "accountability")),
    (r"review|feedback|evaluat|close|clos", ("evaluation", "scaling")),
    (r"vision|future|resource|strength", ("vision", "resources")),
)
PHASE_FIELDS = {"name", "share", "aim", "purposes", "questions"}


@dataclass(frozen=True)
class Phase:
    name: str
    share: float
    aim: str = ""
    questions: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ("exploring",)


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


def guess_purposes(phase_name: str) -> tuple[str, ...]:
    for pattern, purposes in _GUESS:
        if re.search(pattern, phase_name, re.IGNORECASE):
            return purposes
    return ("exploring",)


def load_model(path: Path) -> CoachingModel:
    """Load and validate one model file; DataFileError reads `file:line: what is wrong`."""
    raw, text = read_toml(path)
    name = named(path, raw, text)
    if not isinstance(raw.get("description", ""), str):
        raise problem(path, "'description' must be a text", key_line(text, "description"))
    phases = []
    for p, label, line, share in phase_tables(path, raw, text, PHASE_FIELDS):
        questions = p.get("questions", [])
        if not texts(questions):
            raise problem(path, f"{label}: 'questions' must be a list of texts", line)
        purposes = p.get("purposes")
        if purposes is None:
            purposes = list(guess_purposes(p["name"]))
        if not texts(purposes) or not purposes:
            raise problem(path, f"{label}: 'purposes' must be a non-empty list of texts", line)
        wrong = [x for x in purposes if x not in PURPOSES]
        if wrong:
            raise problem(path, f"{label}: unknown purpose {wrong[0]!r} (known: "
                          f"{', '.join(PURPOSES)})", line)
        phases.append(Phase(p["name"].strip(), share, str(p.get("aim", "")).strip(),
                            tuple(questions), tuple(purposes)))
    total = sum(p.share for p in phases)
    phases = [Phase(p.name, p.share / total, p.aim, p.questions, p.purposes) for p in phases]
    return CoachingModel(
        key=path.stem.lower(),
        name=name,
        description=" ".join(str(raw.get("description", "")).split()),
        phases=tuple(phases),
        source=str(path),
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
        """The model whose key or shown name is `key`, case-insensitively (`tgrow`, `T-GROW`).

        A key wins over another model's name. Raises UnknownModel naming the choices."""
        wanted = key.strip().casefold()
        model = self.models.get(wanted) or next(
            (m for m in self.models.values() if m.name.casefold() == wanted), None
        )
        if model is None:
            known = ", ".join(sorted(self.models))
            raise UnknownModel(f"unknown model {key!r}; available: {known}")
        return model
