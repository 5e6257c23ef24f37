"""Intervision methods as data: `data/methods/<key>.toml`, or the user's `<config>/methods/`.

    name = "Collegial consultation (Tietze)"
    description = "Six steps, about 45 minutes."
    minutes = 45                   # a round's default length
    [[phases]]
    name = "Casting"
    share = 5                      # share of the round (scaled so the shares add up to 1)
    rule = "open"                  # who speaks: open | case_giver | questions | consultants
    aim = "Choose the case and the roles."

Loaded like the session models (`config/catalog.py`): a broken shipped file is a bug and
raises; a broken user file is skipped and reported as `file:line: what is wrong`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sessionkit import paths
from sessionkit.config.datafile import key_line, named, phase_tables, problem, read_toml
from sessionkit.errors import DataFileError, SessionkitError
from sessionkit.group.model import RULES

RULE_TEXT = {
    "open": "everyone speaks",
    "case_giver": "case giver tells; others listen",
    "questions": "questions only; case giver answers",
    "consultants": "consultants talk; case giver listens",
}
"""Each speaking rule as the live round shows it."""
FIELDS = {"name", "share", "rule", "aim"}


class UnknownMethod(SessionkitError):
    """No method by that name."""


@dataclass(frozen=True)
class MethodPhase:
    name: str
    share: float
    rule: str
    aim: str = ""


@dataclass(frozen=True)
class GroupMethod:
    key: str
    name: str
    description: str
    minutes: int
    phases: tuple[MethodPhase, ...]

    def budgets(self, minutes: float) -> list[float]:
        """Seconds of a `minutes`-long round given to each phase."""
        return [p.share * minutes * 60 for p in self.phases]


def load_method(path: Path) -> GroupMethod:
    """Load and validate one method file; DataFileError reads `file:line: what is wrong`."""
    raw, text = read_toml(path)
    name = named(path, raw, text)
    minutes = raw.get("minutes", 45)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 240:
        raise problem(path, "'minutes' must be a whole number from 1 to 240",
                      key_line(text, "minutes"))
    phases = []
    for p, label, line, share in phase_tables(path, raw, text, FIELDS):
        rule = p.get("rule", "open")
        if rule not in RULES:
            raise problem(path, f"{label}: 'rule' must be one of {', '.join(RULES)}", line)
        if not isinstance(p.get("aim", ""), str):
            raise problem(path, f"{label}: 'aim' must be a text", line)
        phases.append(MethodPhase(p["name"].strip(), share, rule, p.get("aim", "").strip()))
    total = sum(p.share for p in phases)
    return GroupMethod(
        key=path.stem.lower(), name=name,
        description=" ".join(str(raw.get("description", "")).split()), minutes=minutes,
        phases=tuple(MethodPhase(p.name, p.share / total, p.rule, p.aim) for p in phases),
    )


@dataclass
class MethodCatalog:
    """Every method: the shipped ones, then the user's (which may replace one by key)."""

    methods: dict[str, GroupMethod] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> MethodCatalog:
        cat = cls()
        for path in sorted((paths.data_dir() / "methods").glob("*.toml")):
            method = load_method(path)
            cat.methods[method.key] = method
        for folder in extra_dirs if extra_dirs is not None else [paths.config_dir() / "methods"]:
            for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
                try:
                    method = load_method(path)
                except DataFileError as err:
                    cat.problems.append(str(err))
                    continue
                cat.methods[method.key] = method
        return cat

    def get(self, key: str) -> GroupMethod:
        """The method whose key or name is `key` (any case); UnknownMethod names the choices."""
        wanted = key.strip().casefold()
        method = self.methods.get(wanted) or next(
            (m for m in self.methods.values() if m.name.casefold() == wanted), None)
        if method is None:
            known = ", ".join(sorted(self.methods))
            raise UnknownMethod(f"unknown method {key!r}; available: {known}")
        return method
