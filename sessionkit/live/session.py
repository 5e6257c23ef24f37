"""The live session: what the coach drives with one hand during a call.

`LiveSession` owns the Session record, the current round's TalkTracker and phase, and the guide.
Anything that changes it (a key, an audio listener) calls its methods; every change asks the guide
about the moment once and is then announced to its observers (`observe`): the LiveRecorder saves
`record()` to the journal, the screen redraws from `snapshot()`. Time passing is the named step
`tick()` (the screen's 1 s timer): it asks the guide, records the nudges that start showing and
announces once if one did. `snapshot()` only reads, so a redraw never causes a save. Call it on
one thread (the app's event loop; other threads post a message there).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sessionkit.clock import Clock, Observed, iso
from sessionkit.config.catalog import CoachingModel
from sessionkit.config.nudge_labels import TIME_CUES
from sessionkit.guidance.guide import Guide, Moment, Nudge, Suggestion
from sessionkit.models import SESSION_TYPES, Mark, Note, NudgeFired, Round, Session
from sessionkit.scale import on_scale
from sessionkit.schedule import agreed_list
from sessionkit.talk.tracker import TalkSnapshot, TalkTracker

FIRST_SESSION_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("confidentiality", "Confidentiality agreed: what it means to each of you"),
    ("expectations", "Expectations shared: what you hope for, what works for you"),
    ("logistics", "Logistics: how often, when you call, how long"),
    ("scheduled", "Several sessions scheduled in advance"),
    ("goals", "Longer-term goals named"),
)


ONCE = frozenset(TIME_CUES)
"""Nudges recorded at most once per round (a resumed round does not record them again)."""


@dataclass(frozen=True)
class LiveSnapshot:
    """Everything the live screen shows, computed once per tick or key."""

    round_no: int
    rounds_planned: int
    coach: str
    client: str
    outcome: str
    outcome_measure: str
    scale_start: int | None
    talk: TalkSnapshot
    planned: float
    phase: int
    phase_count: int
    phase_name: str
    phase_aim: str
    phase_budget: float
    phase_elapsed: float
    nudges: tuple[Nudge, ...]
    suggestions: tuple[Suggestion, ...]

    @property
    def elapsed(self) -> float:
        return self.talk.elapsed

    @property
    def remaining(self) -> float:
        return self.planned - self.talk.elapsed

    @property
    def phase_left(self) -> float:
        return self.phase_budget - self.phase_elapsed

    @property
    def paused(self) -> bool:
        return self.talk.paused


class LiveSession(Observed):
    """A session in progress. Every mutating method tells the observers that it changed."""

    def __init__(
        self,
        session: Session,
        model: CoachingModel,
        clock: Clock,
        guide: Guide | None = None,
        window: float | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.model = model
        self.clock = clock
        self.guide = guide or Guide()
        self.window = window or self.guide.settings.share_window_minutes * 60
        self.ended = False
        self._paused_at_end = False
        rnd = self.round
        self.tracker = TalkTracker(clock, rnd.talk, rnd.elapsed_seconds, self.window)
        self._suggestions: tuple[Suggestion, ...] = ()
        self._suggest_key: Any = None
        self._nudges: tuple[Nudge, ...] = ()  # what the guide said at the last change or tick
        self._showing: set[str] = set()  # their labels
        self._held = 0  # inside together(): changes are announced once at its end
        self._held_changes = False

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        coach: str,
        client: str,
        model: CoachingModel,
        clock: Clock,
        minutes: int = 45,
        swap: bool = False,
        first_of_pair: bool = False,
        guide: Guide | None = None,
        **session_fields: Any,
    ) -> LiveSession:
        now = iso(clock.now())
        session = Session(
            started_at=now, model=model.key, planned_minutes=minutes, swap=swap, **session_fields
        )
        session.rounds.append(cls._new_round(coach, client, now, minutes, first_of_pair))
        live = cls(session, model, clock, guide)
        live.tracker.speak("coach", ago=0.0)  # presumed, not a key: listening may take it back
        live._ask_guide()
        return live

    @classmethod
    def resume(
        cls, session: Session, model: CoachingModel, clock: Clock, guide: Guide | None = None
    ) -> LiveSession:
        """Carry on a session saved in the journal: the clock runs on from its last elapsed.

        A session that was ended (waiting for feedback) stays ended: only feedback is left.
        A phase beyond the model's (an edited file, or a model whose file changed or is gone)
        resumes at the model's last phase."""
        for rnd in session.rounds:
            rnd.phase = min(rnd.phase, len(model.phases) - 1)
        live = cls(session, model, clock, guide)
        live.ended = session.ended_at is not None
        if live.ended:
            live.tracker.pause()  # stopped where it ended; reopen() lets it run on
        else:
            live.tracker.silence()
        live._ask_guide()
        return live

    @staticmethod
    def _new_round(coach: str, client: str, now: str, minutes: int, first: bool) -> Round:
        checklist = {key: False for key, _ in FIRST_SESSION_CHECKLIST} if first else {}
        return Round(
            coach=coach,
            client=client,
            started_at=now,
            planned_minutes=minutes,
            phase_started=[0.0],
            checklist=checklist,
        )

    @property
    def round(self) -> Round:
        return self.session.rounds[-1]

    # -- outcome --------------------------------------------------------------------------
    def set_outcome(
        self, text: str, measure: str | None = None, scale: int | None = None
    ) -> None:
        if scale is not None and not on_scale(scale):
            raise ValueError("the scale runs from 0 to 10")
        self.round.outcome = text.strip()
        if measure is not None:
            self.round.outcome_measure = measure.strip()
        if scale is not None:
            self.round.scale_start = scale
        self._touch()

    def tick_checklist(self, key: str, value: bool = True) -> None:
        if key not in self.round.checklist:
            raise KeyError(key)
        self.round.checklist[key] = value
        self._touch()

    # -- talk -----------------------------------------------------------------------------
    def toggle_speaker(self) -> str:
        who = self.tracker.toggle()
        self._touch()
        return who

    def undo_speaker(self) -> str | None:
        """Take the last change of speaker back to when it happened (None: nothing to undo)."""
        who = self.tracker.undo()
        if who is not None:
            self._touch()
        return who

    def speak(self, who: str, ago: float | None = None) -> None:
        """A key (now) or listening (a change heard `ago` seconds back) sets who is speaking."""
        self.tracker.speak(who, ago)
        self._touch()

    def count_talk(self, overlap: float = 0.0, backchannels: int = 0) -> None:
        """Listening heard overlap or a backchannel: counted, the turn stays where it is."""
        self.tracker.count(overlap, backchannels)
        self._touch()

    def hear(self, who: str, seconds: float, ago: float, rise: float | None = None,
             syllables: int | None = None) -> None:
        """Listening heard `who` speak for `seconds`, ending `ago` seconds back (turn-taking)."""
        self.tracker.hear(who, seconds, ago, rise, syllables)
        self._touch()

    def silence(self) -> None:
        self.tracker.silence()
        self._touch()

    # -- listening (what `sessionkit.listen` calls through its TalkSink port) ----------------
    @property
    def paused(self) -> bool:
        return self.tracker.paused

    def mic_role(self) -> str:
        """Who the person at this machine (the first round's coach, whose mic it is) is in the
        current round: "coach", or "client" after a role switch in a peer session."""
        return "coach" if self.round.coach == self.session.rounds[0].coach else "client"

    def listening(self, on: bool) -> None:
        """Turn-taking is measured from what listening hears (on) or from the keys (off)."""
        self.tracker.listening(on)

    def listening_began(self, heard: bool = True) -> None:
        """Listening starts: the audio decides from here (nobody until someone is heard). Right
        at the start of a round the assumed "the coach opens" is taken back too. `heard` False
        (the mic only): turn-taking stays on the keys' timeline."""
        if self.ended or self.tracker.paused:
            return
        tracker = self.tracker
        fresh = tracker.elapsed() < 5.0 and tracker.stats().turns <= 1
        self.speak("silence", ago=tracker.elapsed() if fresh else 0.0)
        if heard:
            tracker.listening(True, since=0.0 if fresh else None)

    @contextmanager
    def together(self) -> Iterator[None]:
        """Changes made inside are asked about and announced once, at the end (a listener's
        burst of events: one redraw, one save)."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._held_changes:
                self._held_changes = False
                self._touch()

    def toggle_pause(self) -> bool:
        """Pause or resume the round clock; returns True when now paused."""
        if self.tracker.paused:
            self.tracker.resume()
        else:
            self.tracker.pause()
        self._touch()
        return self.tracker.paused

    # -- phases ---------------------------------------------------------------------------
    def _set_phase(self, index: int) -> None:
        index = max(0, min(index, len(self.model.phases) - 1))
        if index == self.round.phase:
            return
        self.round.phase = index
        started = self.round.phase_started
        while len(started) <= index:
            started.append(0.0)
        started[index] = self.tracker.elapsed()
        self._touch()

    def next_phase(self) -> None:
        self._set_phase(self.round.phase + 1)

    def prev_phase(self) -> None:
        self._set_phase(self.round.phase - 1)

    # -- notes ----------------------------------------------------------------------------
    def add_note(self, text: str, kind: str = "note", private: bool = False,
                 due: str | None = None) -> Note:
        """A note or an action (`due`: an action's day, `YYYY-MM-DD`, from `when.split_due`)."""
        text = text.strip()
        if not text:
            raise ValueError("an empty note is not saved")
        if kind not in ("note", "action"):
            raise ValueError(f"unknown note kind {kind!r}")
        note = Note(
            at=iso(self.clock.now()),
            text=text,
            kind=kind,  # type: ignore[arg-type]
            phase=self.model.phases[self.round.phase].name,
            private=private,
            due=due if kind == "action" else None,
        )
        self.round.notes.append(note)
        self.session.draft = ""
        self._touch()
        return note

    def mark(self) -> Mark:
        """Key `m`: this moment mattered. Kept with the round second and the phase."""
        mark = Mark(at=iso(self.clock.now()), elapsed=self.tracker.elapsed(),
                    phase=self.model.phases[self.round.phase].name)
        self.round.marks.append(mark)
        self._touch()
        return mark

    def set_draft(self, text: str, kind: str = "note") -> None:
        """What is typed in the note box but not saved yet: journalled, restored on resume."""
        self.session.draft = text if text.strip() else ""
        self.session.draft_kind = kind if kind in ("note", "action") else "note"
        self._touch()

    def mark_used(self, suggestion_id: str) -> None:
        if suggestion_id not in self.round.used_suggestions:
            self.round.used_suggestions.append(suggestion_id)
            self._suggest_key = None
            self._touch()

    # -- rounds ---------------------------------------------------------------------------
    def _close_round(self) -> None:
        self.tracker.pause()
        self._sync()
        self.round.ended_at = iso(self.clock.now())

    def switch_roles(self) -> Round:
        """Close this round and open the next with coach and client swapped."""
        old = self.round
        self._close_round()
        new = self._new_round(old.client, old.coach, iso(self.clock.now()), old.planned_minutes,
                              False)
        new.checklist = dict(old.checklist)  # agreed once for the pair: ticks carry over
        self.session.rounds.append(new)
        self.tracker = TalkTracker(self.clock, None, 0.0, self.window)
        self.tracker.speak("coach", ago=0.0)  # presumed, as at the start
        self.guide.reset()
        self._showing = set()
        self._suggest_key = None
        self._touch()
        return new

    def end(self) -> None:
        """Stop the clock; the session waits for feedback (still `unfinished` until finish())."""
        if not self.ended:
            self._paused_at_end = self.tracker.paused
            self._close_round()
            self.session.ended_at = self.round.ended_at
            self.ended = True
            self._touch()

    def reopen(self) -> None:
        """Take back an early end (`esc` on the feedback screen): the last round's clock runs on
        from where it stopped, paused if it was paused. Not once the session is finished."""
        if self.session.status == "completed":
            raise ValueError("the session is finished and saved; it cannot be reopened")
        if not self.ended:
            return
        self.ended = False
        self.session.ended_at = None
        self.round.ended_at = None
        if not self._paused_at_end:
            self.tracker.resume()
        self._touch()

    def save_feedback(self, index: int, feedback: dict[str, Any]) -> None:
        score = feedback.get("scale_end")
        if score is not None and not on_scale(score):
            raise ValueError("the end scale runs from 0 to 10")
        self.session.rounds[index].feedback = dict(feedback)
        self._touch()

    def finish(
        self,
        next_session: str | None = None,
        tz: str | None = None,
        cadence_days: int | None = None,
        session_type: str | None = None,
        next_sessions: list[tuple[str, str | None]] | None = None,
        programme_total: int | None = None,
    ) -> Session:
        """End the session with its feedback saved. `next_sessions` are the future sessions
        agreed in this call, (UTC ISO time, zone) each (`next_session`/`tz`: one, the older
        form); the UIDs of times agreed before (a resumed session) stay."""
        self.end()
        times = next_sessions if next_sessions is not None else (
            [(next_session, tz)] if next_session else [])
        self.session.set_schedule(agreed_list(self.session.id, times, self.session.schedule()))
        if cadence_days is not None:
            self.session.cadence_days = cadence_days
        if programme_total is not None:
            self.session.programme_total = programme_total
        if session_type is not None:
            if session_type not in SESSION_TYPES:
                raise ValueError(f"unknown kind of session {session_type!r}")
            self.session.session_type = session_type
        self.session.status = "completed"
        self._touch()
        return self.session

    # -- reading --------------------------------------------------------------------------
    def _touch(self) -> None:
        """A change: ask the guide about it, then tell every observer once."""
        if self._held:
            self._held_changes = True
            return
        self._ask_guide()
        self._announce()

    def tick(self) -> LiveSnapshot:
        """Time passed (the screen's timer, once a second): ask the guide once, record each
        nudge that starts showing, and tell the observers once if one did. Returns the
        snapshot of this moment."""
        if self._ask_guide():
            self._announce()
        return self.snapshot()

    def _sync(self) -> None:
        self.round.talk = self.tracker.stats()
        self.round.elapsed_seconds = self.tracker.elapsed()

    def record(self) -> dict[str, Any]:
        """The full session as a dict, current to this moment (what the journal writes)."""
        if not self.ended:
            self._sync()
        return self.session.to_dict()

    def _moment(self, talk: TalkSnapshot) -> Moment:
        rnd = self.round
        started = rnd.phase_started[rnd.phase] if rnd.phase < len(rnd.phase_started) else 0.0
        return Moment(
            model=self.model,
            phase=rnd.phase,
            elapsed=talk.elapsed,
            planned=rnd.planned_minutes * 60.0,
            phase_elapsed=talk.elapsed - started,
            talk=talk,
            outcome=rnd.outcome,
            last_notes=tuple(n.text for n in rnd.notes[-3:]),
            used=frozenset(rnd.used_suggestions),
        )

    def _ask_guide(self) -> bool:
        """Ask the guide about this moment (once); True if a nudge was recorded in the round."""
        talk = self.tracker.snapshot()
        moment = self._moment(talk)
        key = (len(self.session.rounds), self.guide.suggest_key(moment))
        if key != self._suggest_key:  # suggestions change with events, not every second
            self._suggestions = tuple(self.guide.suggest(moment))
            self._suggest_key = key
        before = len(self.round.nudges)
        self._nudges = self._record_nudges(self.guide.nudges(moment), talk.elapsed)
        return len(self.round.nudges) != before

    def snapshot(self) -> LiveSnapshot:
        """What the screen shows now: a pure read (the guide's answer is the last change's or
        tick's)."""
        rnd = self.round
        talk = self.tracker.snapshot()
        moment = self._moment(talk)
        phase = self.model.phases[rnd.phase]
        return LiveSnapshot(
            round_no=len(self.session.rounds),
            rounds_planned=max(2 if self.session.swap else 1, len(self.session.rounds)),
            coach=rnd.coach,
            client=rnd.client,
            outcome=rnd.outcome,
            outcome_measure=rnd.outcome_measure,
            scale_start=rnd.scale_start,
            talk=talk,
            planned=moment.planned,
            phase=rnd.phase,
            phase_count=len(self.model.phases),
            phase_name=phase.name,
            phase_aim=phase.aim,
            phase_budget=self.model.budget(rnd.phase, rnd.planned_minutes),
            phase_elapsed=moment.phase_elapsed,
            nudges=self._nudges,
            suggestions=self._suggestions,
        )

    def _record_nudges(self, nudges: list[Nudge], at: float) -> tuple[Nudge, ...]:
        """Note in the round each nudge that starts showing (a time cue once per round, also
        across a resume), for the coach's own view of their sessions."""
        labels = {n.label for n in nudges}
        fired = self.round.nudges
        for n in nudges:
            if n.label in self._showing or self.ended:
                continue
            if n.label in ONCE and any(f.label == n.label for f in fired):
                continue
            fired.append(NudgeFired(n.label, at))
        self._showing = labels
        return tuple(nudges)
