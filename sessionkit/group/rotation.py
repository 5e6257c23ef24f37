"""Default roles for the next round, so the work and the turns are shared out fairly.

The case giver: of the members present who brought a case, one who has given the fewest so far
(this meeting's rounds and `history`: earlier meetings of the group), so nobody gives a second
case before everyone who brought one has had a turn; ties go to whoever gave one longest ago,
then to the order of the members. Facilitator, time-keeper and scribe rotate the same way among
the others present; everyone present who is not the case giver consults. Absentees get no role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sessionkit.group.model import GroupRound
from sessionkit.names import name_key

ROLES = ("facilitator", "timekeeper", "scribe")


@dataclass(frozen=True)
class Roles:
    case_giver: str
    facilitator: str
    timekeeper: str
    scribe: str
    consultants: tuple[str, ...]


def _pick(candidates: list[str], role: str, past: list[GroupRound]) -> str:
    """The candidate who held `role` least often, then longest ago, then first in order."""
    def key(name: str) -> tuple[int, int, int]:
        held = [i for i, r in enumerate(past) if getattr(r, role) == name]
        return (len(held), held[-1] if held else -1, candidates.index(name))

    return min(candidates, key=key)


def next_roles(members: list[str], rounds: Iterable[GroupRound], absent: Iterable[str] = (),
               brought: Iterable[str] | None = None, case_giver: str | None = None) -> Roles:
    """The default roles for the next round. `brought`: who has a case (default: everyone
    present); `case_giver`: chosen already. ValueError when fewer than 3 are present."""
    away = set(absent)
    present = [m for m in members if m not in away]
    if len(present) < 3:
        raise ValueError(f"only {len(present)} member(s) present; a round needs 3")
    past = list(rounds)
    if case_giver is None:
        with_case = [m for m in present if brought is None or m in set(brought)] or present
        case_giver = _pick(with_case, "case_giver", past)
    elif case_giver not in present:
        raise ValueError(f"{case_giver!r} is not a member present")
    others = [m for m in present if m != case_giver]
    chosen: dict[str, str] = {}
    for role in ROLES:
        free = [m for m in others if m not in chosen.values()] or others
        chosen[role] = _pick(free, role, past)
    return Roles(case_giver, chosen["facilitator"], chosen["timekeeper"], chosen["scribe"],
                 tuple(others))


def edit_roles(roles: Roles, text: str, present: list[str]) -> Roles:
    """Roles with facilitator, time-keeper and scribe as typed ("Ben, Cem, Dee", any case);
    ValueError naming a name that is not a member present, or the case giver."""
    names = [n.strip() for n in text.split(",")]
    if len(names) != 3 or not all(names):
        raise ValueError("roles: three names, facilitator, time-keeper, scribe (Ben, Cem, Dee)")
    chosen = []
    for name in names:
        found = next((m for m in present if name_key(m) == name_key(name)), None)
        if found is None:
            raise ValueError(f"roles: {name!r} is not a member present")
        if found == roles.case_giver:
            raise ValueError(f"roles: {found} gives the case this round")
        chosen.append(found)
    return Roles(roles.case_giver, chosen[0], chosen[1], chosen[2], roles.consultants)
