"""The live group meeting: casting, then one live round at a time, then the meeting's close.

`LiveGroup` owns the GroupMeeting record and the running round's GroupTalk. Keys, timers and
screens call its methods; every change is announced to its observers (`observe`), so the same
LiveRecorder that saves a one-to-one session journals a group meeting (`record()`), and the
screen redraws from `snapshot()`, which only reads. Cues and nudges are computed, never stored.
"""

from __future__ import annotations

from typing import Any

from sessionkit.clock import Clock, Observed, iso
from sessionkit.group.methods import GroupMethod
from sessionkit.group.model import (
    SILENCE,
    Contribution,
    GroupMeeting,
    GroupRound,
    PhasePlan,
    check_members,
)
from sessionkit.group.rotation import Roles, next_roles
from sessionkit.group.snapshot import GroupSnapshot, take
from sessionkit.group.talk import GroupTalk
from sessionkit.models import Note


class LiveGroup(Observed):
    def __init__(self, meeting: GroupMeeting, method: GroupMethod, clock: Clock) -> None:
        super().__init__()
        self.session = meeting
        """The record (named as on LiveSession, for the recorder)."""
        self.method, self.clock = method, clock
        rnd = self.round
        self.tracker = GroupTalk(clock, rnd.segments if rnd else None,
                                 rnd.elapsed_seconds if rnd else 0.0)
        if not self.in_round:
            self.tracker.pause()

    @classmethod
    def start(cls, members: list[str], method: GroupMethod, clock: Clock,
              minutes: int | None = None) -> LiveGroup:
        members = check_members(members)
        if minutes is not None and not 0 < minutes <= 240:
            raise ValueError(f"--minutes {minutes}: a round lasts 1 to 240 minutes")
        meeting = GroupMeeting(members=members, started_at=iso(clock.now()), method=method.key,
                               planned_minutes=minutes or method.minutes)
        return cls(meeting, method, clock)

    # -- state ------------------------------------------------------------------------------
    @property
    def round(self) -> GroupRound | None:
        return self.session.rounds[-1] if self.session.rounds else None

    @property
    def in_round(self) -> bool:
        """A round is running (not casting, not closing)."""
        return self.round is not None and self.round.ended_at is None

    @property
    def ended(self) -> bool:
        """No clock running (for the recorder: nothing to save every two seconds)."""
        return not self.in_round

    def _live(self) -> GroupRound:
        if not self.in_round or self.round is None:
            raise ValueError("no round is running")
        return self.round

    # -- casting ----------------------------------------------------------------------------
    def set_case(self, member: str, text: str) -> None:
        if member not in self.session.members:
            raise ValueError(f"{member!r} is not a member")
        if text.strip():
            self.session.cases[member] = " ".join(text.split())
        else:
            self.session.cases.pop(member, None)
        self._touch()

    def set_absent(self, member: str, away: bool) -> None:
        absent = [m for m in self.session.absent if m != member]
        self.session.absent = absent + ([member] if away else [])
        if len(self.session.present) < 3:
            self.session.absent = absent
            raise ValueError("a round needs 3 members present")
        self._touch()

    def default_roles(self, case_giver: str | None = None) -> Roles:
        brought = list(self.session.cases) or None
        return next_roles(self.session.members, self.session.rounds, self.session.absent,
                          brought, case_giver)

    def start_round(self, roles: Roles, case_title: str, key_question: str = "") -> GroupRound:
        if self.in_round:
            raise ValueError("a round is running; end it first")
        if roles.case_giver not in self.session.members:
            raise ValueError(f"the case giver {roles.case_giver!r} is not a member")
        minutes = self.session.planned_minutes
        plan = [PhasePlan(p.name, p.rule, s)
                for p, s in zip(self.method.phases, self.method.budgets(minutes), strict=True)]
        rnd = GroupRound(
            case_giver=roles.case_giver, started_at=iso(self.clock.now()),
            facilitator=roles.facilitator, timekeeper=roles.timekeeper, scribe=roles.scribe,
            consultants=list(roles.consultants),
            case_title=" ".join(case_title.split()) or self.session.cases.get(roles.case_giver, ""),
            key_question=key_question.strip(), phases=plan, phase_started=[0.0],
        )
        self.session.rounds.append(rnd)
        self.session.cases.pop(roles.case_giver, None)  # taken off the queue
        self.tracker = GroupTalk(self.clock)
        self._touch()
        return rnd

    # -- talk -------------------------------------------------------------------------------
    def member(self, number: int) -> str:
        """Member `number` (1-based, the order of --members); ValueError saying how many."""
        members = self.session.members
        if not 1 <= number <= len(members):
            n = len(members)
            raise ValueError(f"key {number}: this group has {n} members (keys 1-{n})")
        return members[number - 1]

    def speak(self, who: str) -> None:
        self._live()
        if who != SILENCE and who not in self.session.members:
            raise ValueError(f"{who!r} is not a member")
        if who in self.session.absent:
            raise ValueError(f"{who} is absent today (x on the casting)")
        self.tracker.speak(who)
        self._touch()

    def undo(self) -> str | None:
        self._live()
        who = self.tracker.undo()
        if who is not None:
            self._touch()
        return who

    def toggle_pause(self) -> bool:
        self._live()
        if self.tracker.paused:
            self.tracker.resume()
        else:
            self.tracker.pause()
        self._touch()
        return self.tracker.paused

    def move_phase(self, step: int) -> None:
        rnd = self._live()
        index = max(0, min(rnd.phase + step, len(rnd.phases) - 1))
        if index != rnd.phase:
            rnd.phase = index
            while len(rnd.phase_started) <= index:
                rnd.phase_started.append(0.0)
            rnd.phase_started[index] = self.tracker.elapsed()
            self._touch()

    # -- questions, advice, notes -----------------------------------------------------------
    def author_now(self) -> str:
        """Who a question or advice is from: the member speaking, else the last who spoke."""
        if self.tracker.speaker != SILENCE:
            return self.tracker.speaker
        for who, _, _ in reversed(self.tracker.segments()):
            if who != SILENCE:
                return who
        raise ValueError("nobody has spoken yet: press the member's number first")

    def add(self, kind: str, text: str, author: str | None = None) -> Contribution:
        rnd = self._live()
        text = text.strip()
        if not text:
            raise ValueError(f"an empty {kind} is not saved")
        author = author or self.author_now()
        if author not in self.session.members:
            raise ValueError(f"{author!r} is not a member")
        item = Contribution(author, text)
        (rnd.advice if kind == "advice" else rnd.questions).append(item)
        self._touch()
        return item

    def set_author(self, kind: str, index: int, author: str) -> None:
        rnd = self.round
        if rnd is None or author not in self.session.members:
            raise ValueError(f"{author!r} is not a member")
        (rnd.advice if kind == "advice" else rnd.questions)[index].author = author
        self._touch()

    def add_note(self, text: str, private: bool = False) -> Note:
        rnd = self._live()
        if not text.strip():
            raise ValueError("an empty note is not saved")
        note = Note(at=iso(self.clock.now()), text=text.strip(), private=private,
                    phase=rnd.phases[rnd.phase].name if rnd.phases else "")
        rnd.notes.append(note)
        self._touch()
        return note

    # -- closing ----------------------------------------------------------------------------
    def end_round(self) -> GroupRound:
        rnd = self._live()
        self.tracker.pause()
        self._sync()
        rnd.ended_at = iso(self.clock.now())
        self._touch()
        return rnd

    def close_round(self, taken: list[bool], next_step: str, feedback: str) -> None:
        """The round close: the advice the case giver takes, their next step, process feedback."""
        rnd = self.round
        if rnd is None or self.in_round:
            raise ValueError("end the round first")
        for item, tick in zip(rnd.advice, taken, strict=False):
            item.taken = tick
        rnd.next_step, rnd.feedback = next_step.strip(), feedback.strip()
        self._touch()

    def finish(self, lessons: str, next_meeting: str | None) -> GroupMeeting:
        if self.in_round:
            self.end_round()
        self.session.lessons = lessons.strip()
        self.session.next_meeting = next_meeting
        self.session.ended_at = iso(self.clock.now())
        self.session.status = "completed"
        self._touch()
        return self.session

    # -- observing and reading --------------------------------------------------------------
    def _touch(self) -> None:
        self._announce()

    def _sync(self) -> None:
        if self.in_round and self.round is not None:
            self.round.segments = self.tracker.segments()
            self.round.elapsed_seconds = self.tracker.elapsed()

    def record(self) -> dict[str, Any]:
        """The meeting as a dict, current to this moment (what the journal writes)."""
        self._sync()
        return self.session.to_dict()

    def snapshot(self) -> GroupSnapshot | None:
        """What the live round shows (None while casting). Reads only."""
        rnd = self.round
        if rnd is None or not self.in_round:
            return None
        return take(self.session, rnd, self.method.name, self.tracker)
