"""The question and reframe bank: curated TOML in `data/bank/`, plus `<config>/bank/*.toml`.

A bank file holds either or both lists (inline tables or `[[questions]]` tables both work):

    questions = [
      { id = "options-01", tags = ["options"], text = "What could you do?" },
    ]
    reframes = [
      { id = "cant-01", words = ["can't", "cannot"], text = "Might 'I can't' be 'I haven't yet'?" },
    ]

`id` is stable (sessions record the ids they used), `tags` are purposes from PURPOSES
(`sessionkit.config.purposes`), `words` are
the limiting words or phrases the reframe answers (matched as whole words, any case). A user file
may replace a shipped item by reusing its id; a broken user file is skipped and reported.
`{time}` in a text is the round's planned length in words (`fit_time`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessionkit import paths
from sessionkit.config.datafile import line_of, problem, read_toml, texts
from sessionkit.config.purposes import PURPOSES  # re-exported: its home is config
from sessionkit.errors import DataFileError


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Reframe:
    id: str
    text: str
    words: tuple[str, ...]


def time_words(planned_seconds: float) -> str:
    """The planned length in words: `this hour` for 55-65 minutes, else `these 15 minutes`."""
    minutes = round(planned_seconds / 60)
    return "this hour" if 55 <= minutes <= 65 else f"these {minutes} minutes"


def fit_time(text: str, planned_seconds: float) -> str:
    """A bank text worded for the round's planned length: `{time}` becomes `time_words`."""
    return text.replace("{time}", time_words(planned_seconds)) if "{time}" in text else text


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip().lower()


def _item_line(text: str, item: dict[str, Any], section: str, index: int) -> int | None:
    ident = item.get("id")
    if isinstance(ident, str):
        found = line_of(text, r"\bid\s*=\s*[\"']" + re.escape(ident) + r"[\"']")
        if found:
            return found
    body = item.get("text")
    if isinstance(body, str) and body:
        return line_of(text, re.escape(body[:40]))
    return line_of(text, rf"^[ \t]*(\[\[{section}\]\]|{section}\s*=)")


def parse_bank(path: Path) -> tuple[list[Question], list[Reframe]]:
    """Load and validate one bank file; DataFileError reads `file:line: what is wrong`."""
    raw, text = read_toml(path)
    unknown = sorted(set(raw) - {"questions", "reframes"})
    if unknown:
        raise problem(path, f"unknown section {unknown[0]!r} (expected questions, reframes)",
                      line_of(text, rf"^[ \t]*\[*\s*{re.escape(unknown[0])}\b"))
    seen: set[str] = set()
    questions: list[Question] = []
    reframes: list[Reframe] = []
    for section, listed in (("questions", "tags"), ("reframes", "words")):
        items = raw.get(section, [])
        if not isinstance(items, list):
            raise problem(path, f"'{section}' must be a list of tables", line_of(text, section))
        for i, item in enumerate(items, 1):
            try:
                _check_item(item, f"{section} item {i}", section, listed, seen)
            except ValueError as err:
                line = _item_line(text, item if isinstance(item, dict) else {}, section, i)
                raise problem(path, str(err), line) from None
            tags = tuple(item[listed])
            if section == "questions":
                questions.append(Question(item["id"], item["text"].strip(), tags))
            else:
                reframes.append(Reframe(item["id"], item["text"].strip(),
                                        tuple(_normal(w) for w in tags)))
    return questions, reframes


def _check_item(item: Any, n: str, section: str, listed: str, seen: set[str]) -> None:
    """Raise ValueError (one line, naming item `n`) if the item is not valid."""
    if not isinstance(item, dict):
        raise ValueError(f"{n} must be a table")
    bad = sorted(set(item) - {"id", "text", listed})
    if bad:
        raise ValueError(f"{n}: unknown field {bad[0]!r}")
    ident, body, tags = item.get("id"), item.get("text"), item.get(listed)
    if not isinstance(ident, str) or not re.fullmatch(r"[A-Za-z0-9][\w.:-]*", ident):
        raise ValueError(f"{n}: 'id' must be a short text of letters, digits, -_.:")
    name = f"{section[:-1]} {ident!r}"
    if ident in seen:
        raise ValueError(f"{name}: the id is used twice in this file")
    seen.add(ident)
    if not isinstance(body, str) or not body.strip():
        raise ValueError(f"{name}: 'text' must be a non-empty text")
    if not texts(tags) or not tags:
        raise ValueError(f"{name}: '{listed}' must be a non-empty list of texts")
    wrong = [t for t in tags if t not in PURPOSES] if section == "questions" else []
    if wrong:
        known = ", ".join(PURPOSES)
        raise ValueError(f"{name}: unknown tag {wrong[0]!r} (known: {known})")


@dataclass
class Bank:
    """Every question and reframe available, indexed by purpose and by limiting word."""

    questions: dict[str, Question] = field(default_factory=dict)
    reframes: dict[str, Reframe] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # broken user files, one line each

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        by_purpose: dict[str, list[Question]] = {p: [] for p in PURPOSES}
        for q in self.questions.values():
            for tag in q.tags:
                by_purpose[tag].append(q)
        self.by_purpose = {k: tuple(v) for k, v in by_purpose.items()}
        by_word: dict[str, list[Reframe]] = {}
        for r in self.reframes.values():
            for word in r.words:
                by_word.setdefault(word, []).append(r)
        self.by_word = {k: tuple(v) for k, v in by_word.items()}
        words = sorted(self.by_word, key=lambda w: (-len(w), w))
        alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or r"(?!x)x"
        self._words_re = re.compile(rf"(?<![\w'])(?:{alternation})(?![\w'])", re.IGNORECASE)
        self._seen: dict[str, tuple[str, ...]] = {}

    def add(self, questions: list[Question], reframes: list[Reframe]) -> None:
        for q in questions:
            self.questions[q.id] = q
        for r in reframes:
            self.reframes[r.id] = r
        self.reindex()

    def limiting_words(self, text: str) -> tuple[str, ...]:
        """The limiting words/phrases in `text` that some reframe answers, in order, no repeats."""
        known = self._seen.get(text)
        if known is not None:
            return known
        found: list[str] = []
        for match in self._words_re.finditer(_normal(text)):
            word = _normal(match.group(0))
            if word not in found:
                found.append(word)
        if len(self._seen) > 256:
            self._seen.clear()
        self._seen[text] = tuple(found)
        return self._seen[text]

    @classmethod
    def shipped(cls) -> Bank:
        """The bank in `data/bank/` (parsed once per process; a broken shipped file raises)."""
        questions, reframes = _shipped()
        return cls(dict(questions), dict(reframes))

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> Bank:
        """The shipped bank plus `<config>/bank/*.toml` (broken user files skipped, reported)."""
        bank = cls.shipped()
        folders = extra_dirs if extra_dirs is not None else [paths.config_dir() / "bank"]
        for folder in folders:
            for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
                try:
                    questions, reframes = parse_bank(path)
                except DataFileError as err:
                    bank.problems.append(str(err))
                    continue
                bank.add(questions, reframes)
        return bank


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[tuple[str, Question], ...], tuple[tuple[str, Reframe], ...]]:
    questions: dict[str, Question] = {}
    reframes: dict[str, Reframe] = {}
    for path in sorted((paths.data_dir() / "bank").glob("*.toml")):
        qs, rs = parse_bank(path)
        for ident in [q.id for q in qs] + [r.id for r in rs]:
            if ident in questions or ident in reframes:
                raise problem(path, f"id {ident!r} is already used in another bank file")
        questions.update((q.id, q) for q in qs)
        reframes.update((r.id, r) for r in rs)
    return tuple(questions.items()), tuple(reframes.items())


def user_bank_problems(folder: Path | None = None) -> list[str]:
    """One line per broken file in the user's bank folder (without parsing the shipped bank:
    the app asks this right after its first frame)."""
    folder = folder or paths.config_dir() / "bank"
    problems = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            parse_bank(path)
        except DataFileError as err:
            problems.append(str(err))
    return problems
