"""Names of others out of a document: each person gets a stable label (Client A, Coach B ...).

Built from every name on record, so a client's or colleague's name written inside an outcome or a
feedback text is replaced too. A full name is matched as whole words in any case; each word of a
longer name ("Zoë" of "Zoë Martin") too, and a possessive with it ("BEN's" of Ben Okafor). Names
and texts are compared as `sessionkit.names.name_key` compares names: NFC, case-folded, invisible
characters out (a decomposed "Zoë", a zero-width space inside a name).
Names that were never entered as a coach or client (a manager named in passing) cannot be known
and are not replaced: the portfolio says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sessionkit.names import name_key

OTHER = "another person"


def letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA ..."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


class Anonymiser:
    """Labels for people, and `text()` that replaces every known name of someone else."""

    def __init__(self, owner: str, everyone: Iterable[str]) -> None:
        self.owner = name_key(owner)
        self._own_parts = set(self.owner.split())
        self.labels: dict[str, str] = {}  # name_key -> label
        self._counts = {"Client": 0, "Coach": 0}
        self._everyone = {_visible(n) for n in everyone if _visible(n)}
        self._pattern: re.Pattern[str] | None = None

    def label(self, name: str, kind: str = "Client") -> str:
        """The person's label, given on first use: `Client A`, `Client B` ... or `Coach A` ..."""
        key = name_key(name)
        if key == self.owner:
            return name.strip()
        if key not in self.labels:
            self._everyone.add(_visible(name))
            self.labels[key] = f"{kind} {letters(self._counts[kind])}"
            self._counts[kind] += 1
            self._pattern = None
        return self.labels[key]

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            words: list[tuple[int, str]] = []  # (length of the name, its pattern)
            for name in self._everyone:
                if name_key(name) != self.owner:
                    words.append((len(name), "(?i:" + re.escape(name) + ")"))
                    parts = name.split()
                    if len(parts) > 1:
                        words += [(len(p), _part(p)) for p in parts
                                  if len(p) >= 3 and name_key(p) not in self._own_parts]
            words.sort(key=lambda w: w[0], reverse=True)  # the longest name first
            body = "|".join(w for _, w in words) or "(?!x)x"
            self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        return self._pattern

    def _whose(self, found: str) -> str:
        key = name_key(found)
        if key in self.labels:
            return self.labels[key]
        for name in sorted(self._everyone, key=len):
            folded = name_key(name)
            if folded == key or key in folded.split():
                return self.labels.get(folded, OTHER)
        return OTHER

    def text(self, text: str) -> str:
        """`text` with every other person's name replaced by their label."""
        return self._compiled().sub(lambda m: self._whose(m.group()), _visible(text))


def _part(word: str) -> str:
    """One word of a longer name: as written (its capital), in capitals, or in any case as a
    possessive ("Ben", "BEN", "ben's"), so a common word ("will" of Will Ames) is left alone."""
    spelled = {re.escape(word), re.escape(word.upper())}
    possessive = "(?i:" + re.escape(word) + r")(?=['\u2019]s(?!\w))"
    return "(?:" + "|".join(sorted(spelled)) + "|" + possessive + ")"


def _visible(text: str) -> str:
    """`text` in NFC without invisible format characters (a zero-width space inside a name),
    so a name matches however it was typed; blanks around are dropped."""
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.strip()
