"""`sessionkit group start`: the command line's choices checked before any screen opens or any
file is written; each problem is one line naming it."""

from __future__ import annotations

from dataclasses import dataclass

from sessionkit.errors import SessionkitError
from sessionkit.group.methods import GroupMethod, MethodCatalog
from sessionkit.group.model import check_members
from sessionkit.names import name_key
from sessionkit.plain import one_line

MAX_ROUND_MINUTES = 240


class BadGroupStart(SessionkitError):
    """A `group start` option that cannot be used (nothing was written)."""


@dataclass(frozen=True)
class GroupStart:
    members: tuple[str, ...]
    method: GroupMethod
    minutes: int
    case_giver: str | None = None
    case: str | None = None

    @property
    def straight_to_round(self) -> bool:
        """Both the case giver and the case given: the live round opens at once."""
        return bool(self.case_giver and self.case)


def plan_start(members: str, methods: MethodCatalog, method: str | None = None,
               minutes: int | None = None, case_giver: str | None = None,
               case: str | None = None) -> GroupStart:
    """Check the options; BadGroupStart (or UnknownMethod) names the first problem."""
    try:
        names = check_members([one_line(n) for n in members.split(",")])
    except ValueError as err:
        raise BadGroupStart(f"--members: {err}") from None
    chosen = methods.get(method or "resource")
    if minutes is not None and not 0 < minutes <= MAX_ROUND_MINUTES:
        raise BadGroupStart(f"--minutes {minutes}: a round lasts 1 to {MAX_ROUND_MINUTES} minutes")
    giver = None
    if case_giver is not None:
        wanted = name_key(one_line(case_giver))
        giver = next((n for n in names if name_key(n) == wanted), None)
        if giver is None:
            raise BadGroupStart(f"--case-giver {case_giver!r} is not one of --members "
                                f"({', '.join(names)})")
    text = " ".join(one_line(case).split()) if case is not None else None
    if case is not None and not text:
        raise BadGroupStart("--case needs a title (a few words)")
    if text and giver is None:
        raise BadGroupStart("--case needs --case-giver NAME: whose case it is")
    return GroupStart(tuple(names), chosen, minutes or chosen.minutes, giver, text)
