"""When two typed names are one person: the one rule every name comparison uses.

`Zoë` typed on macOS arrives decomposed (`Zoe` + U+0308), a pasted name can hold a zero-width
space, and people type `ben` for `Ben`. `name_key` folds all of these to one key: Unicode NFC,
then case folding, with invisible (format) characters removed and blanks squeezed. Forget,
`--person` exports, the HTML report, the portfolio's anonymisation, partnerships and import all
compare names through it (`same_person`), never with `==` or `.lower()`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def name_key(name: str) -> str:
    """The comparison key of a person's name: NFC, case-folded, invisible characters removed,
    runs of blanks as one space, no blanks around."""
    text = unicodedata.normalize("NFC", name)
    if not text.isascii():
        # Cf: zero-width space/joiners, bidi marks, soft hyphen; Cc: controls
        text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc")
                       or c in "\t\n")
    folded = unicodedata.normalize("NFC", text.casefold())
    return " ".join(folded.split())


def same_person(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name nearest to `name` (for "did you mean …?"), or None when none is close."""
    by_key: dict[str, str] = {}
    for other in known:
        by_key.setdefault(name_key(other), other)
    found = difflib.get_close_matches(name_key(name), list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None
