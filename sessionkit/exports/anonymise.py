"""Names of others out of a document: each person gets a stable label (Client A, Coach B ...).

Built from every name on record, so a client's or colleague's name written inside an outcome or a
feedback text is replaced too. A full name is matched as whole words in any case; each word of a
longer name ("Zoë" of "Zoë Martin") is matched when written with its capital, as names are.
Names that were never entered as a coach or client (a manager named in passing) cannot be known
and are not replaced: the portfolio says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
        self.owner = owner.strip().casefold()
        self._own_parts = set(self.owner.split())
        self.labels: dict[str, str] = {}  # casefolded name -> label
        self._counts = {"Client": 0, "Coach": 0}
        self._everyone = {n.strip() for n in everyone if n.strip()}
        self._pattern: re.Pattern[str] | None = None

    def label(self, name: str, kind: str = "Client") -> str:
        """The person's label, given on first use: `Client A`, `Client B` ... or `Coach A` ..."""
        key = name.strip().casefold()
        if key == self.owner:
            return name.strip()
        if key not in self.labels:
            self._everyone.add(name.strip())
            self.labels[key] = f"{kind} {letters(self._counts[kind])}"
            self._counts[kind] += 1
            self._pattern = None
        return self.labels[key]

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            words: list[str] = []
            for name in self._everyone:
                if name.casefold() != self.owner:
                    words.append("(?i:" + re.escape(name) + ")")
                    parts = name.split()
                    if len(parts) > 1:
                        words += [re.escape(p) for p in parts
                                  if len(p) >= 3 and p.casefold() not in self._own_parts]
            words.sort(key=len, reverse=True)
            body = "|".join(words) or "(?!x)x"
            self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        return self._pattern

    def _whose(self, found: str) -> str:
        key = found.casefold()
        if key in self.labels:
            return self.labels[key]
        for name in sorted(self._everyone, key=len):
            folded = name.casefold()
            if folded == key or found in name.split():
                return self.labels.get(folded, OTHER)
        return OTHER

    def text(self, text: str) -> str:
        """`text` with every other person's name replaced by their label."""
        return self._compiled().sub(lambda m: self._whose(m.group()), text)
