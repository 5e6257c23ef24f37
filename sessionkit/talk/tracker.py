"""Talk-time tracking: who is speaking, for how long, on a pausable round clock.

All times are *round seconds*: seconds since the round started, with paused time left out.
The tracker records a timeline of segments (coach / client / silence); every statistic is
derived from it, so a tracker rebuilt from saved `TalkStats` carries on exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sessionkit.clock import Clock, RoundClock
from sessionkit.heard import Utterance
from sessionkit.models import LISTENING_FIELDS, Segment, TalkStats
from sessionkit.talk.measures import Analysis, Measures, analyse

WHO = ("coach", "client", "silence")


RECENT_EVENTS = 50
"""Re-entries and interruptions a snapshot carries (the latest), for the listening nudges."""

SNAP = 0.05
"""Seconds: two back-dated times this close are one instant (delivery jitter; a frame is 32 ms)."""


@dataclass(frozen=True)
class TalkSnapshot:
    """Talk state at one moment (what screens render and the nudge engine reads)."""

    speaker: str  # "coach", "client" or "silence"
    paused: bool
    elapsed: float
    coach_seconds: float
    client_seconds: float
    silence_seconds: float
    turns: int
    current_turn: float
    longest_coach_turn: float
    longest_client_turn: float
    recent_coach_share: float | None  # coach share of talk over the recent window
    recent_talk_seconds: float  # how much talk the recent window holds
    client_turns_recent: tuple[float, ...]  # lengths of the last client turns, oldest first
    overlap_seconds: float = 0.0  # both talking at once (from listening)
    backchannels: int = 0  # short "mm-hm"s inside the other's turn (from listening)
    latest_coach_share: float | None = None  # over the latest half of the window (or round)
    waiting: float | None = None  # seconds since the coach's turn ended, while nobody speaks
    coach_interruptions: int | None = None  # None: not listening
    client_interruptions: int | None = None
    coach_reentries: int = 0
    reentry_times: tuple[float, ...] = ()  # round seconds of the coach's last re-entries
    interruption_times: tuple[float, ...] = ()  # round seconds the coach last cut in

    @property
    def talk_seconds(self) -> float:
        return self.coach_seconds + self.client_seconds

    @property
    def coach_share(self) -> float | None:
        return self.coach_seconds / self.talk_seconds if self.talk_seconds else None

    @property
    def client_share(self) -> float | None:
        return self.client_seconds / self.talk_seconds if self.talk_seconds else None


class TalkTracker(RoundClock):
    """Measures coach vs client talk time.

    >>> tracker = TalkTracker(clock=fake); tracker.speak("coach"); fake.advance(90)
    """

    def __init__(
        self,
        clock: Clock,
        stats: TalkStats | None = None,
        elapsed: float = 0.0,
        window: float = 300.0,
    ) -> None:
        super().__init__(clock, elapsed)
        self.window = window
        self._segments: list[Segment] = [
            Segment(s.who, s.start, s.seconds) for s in (stats.segments if stats else [])
        ]
        self._last_speaker: str | None = None
        self.overlap_seconds = stats.overlap_seconds if stats else 0.0
        self.backchannels = stats.backchannels if stats else 0
        self.heard: list[Utterance] = list(stats.heard) if stats else []
        self.listened: list[tuple[float, float]] = list(stats.listened) if stats else []
        self._listen_from: float | None = None
        self._analysed: tuple[Any, Analysis] | None = None
        self._floor = elapsed  # a detected change is never back-dated before this
        for seg in reversed(self._segments):
            if seg.who != "silence":
                self._last_speaker = seg.who
                break
        self._open(self._segments[-1].who if self._segments else "silence", carry=bool(stats))

    # -- clock: elapsed(), paused, pause(), resume() from RoundClock -----------------------

    # -- speaking ------------------------------------------------------------------------
    @property
    def speaker(self) -> str:
        return self._segments[-1].who

    def speak(self, who: str, ago: float | None = None) -> None:
        """`who` starts speaking ("coach", "client" or "silence").

        A key speaks now (`ago` None). Listening reports a change `ago` seconds after it
        happened: the timeline is rewritten from then on, but never across a key press (a key
        sets the state at once and holds until the next detected change takes over)."""
        if who not in WHO:
            raise ValueError(f"unknown speaker {who!r}")
        self._extend()
        if ago is None:
            self._floor = self.elapsed()
            if who != self.speaker:
                self._open(who)
            return
        now = self.elapsed()
        at = now - max(ago, 0.0)
        if at < self._floor:
            at = now  # heard before the last key press: the key stood until now
        self._rewind(at, snap=SNAP)
        if who != self.speaker:
            self._open(who, at=at)
        self._extend()

    def _rewind(self, at: float, snap: float = 0.0) -> None:
        """Cut the timeline at round second `at` (the last segment then ends there). Segments
        starting less than `snap` before `at` go too: a back-dated time carries some delivery
        jitter, and "the client held the floor since t" must not leave a sliver of the silence
        that began at t (it would split one turn into two)."""
        while len(self._segments) > 1 and self._segments[-1].start >= at - snap:
            self._segments.pop()
        seg = self._segments[-1]
        seg.seconds = max(0.0, at - seg.start)

    def count(self, overlap: float = 0.0, backchannels: int = 0) -> None:
        """Talk heard that does not move the turn (listening)."""
        self.overlap_seconds += max(overlap, 0.0)
        self.backchannels += max(backchannels, 0)

    def hear(self, who: str, seconds: float, ago: float, rise: float | None = None,
             syllables: int | None = None) -> None:
        """Listening heard `who` speak for `seconds`, ending `ago` seconds back."""
        end = self.elapsed() - max(ago, 0.0)
        self.heard.append(Utterance(who, max(0.0, end - seconds), end, rise, syllables))

    def listening(self, on: bool, since: float | None = None) -> None:
        """Listening switched on (heard `since` a round second, else now) or off: while on,
        turn-taking is measured from what it hears."""
        now = self.elapsed()
        if on and self._listen_from is None:
            self._listen_from = now if since is None else min(since, now)
        elif not on and self._listen_from is not None:
            self.listened.append((self._listen_from, now))
            self._listen_from = None

    def silence(self) -> None:
        self.speak("silence")

    def toggle(self) -> str:
        """The `space` key: hand the turn to the other person (after silence: not the last one)."""
        current = self.speaker
        if current == "silence":
            nxt = "client" if self._last_speaker == "coach" else "coach"
            if self._last_speaker is None:
                nxt = "coach"
        else:
            nxt = "client" if current == "coach" else "coach"
        self.speak(nxt)
        return nxt

    def undo(self) -> str | None:
        """The `z` key: take the last change of speaker back to when it happened (the time
        since then goes to the one speaking before). Returns who speaks now, or None if there
        is nothing to undo."""
        self._extend()
        if len(self._segments) < 2:
            return None
        self._segments.pop()
        self._extend()
        self._merge_tail()
        self._last_speaker = self._who_spoke_last()
        return self.speaker

    def _who_spoke_last(self) -> str | None:
        """The current speaker, else the last one who actually said something."""
        return next(
            (s.who for s in reversed(self._segments)
             if s.who != "silence" and (s.seconds > 0 or s is self._segments[-1])),
            None,
        )

    def _open(self, who: str, carry: bool = False, at: float | None = None) -> None:
        if carry and self._segments:
            return  # restored: keep extending the saved last segment
        start = self.elapsed() if at is None else at
        if self._segments and self._segments[-1].seconds == 0:
            self._segments[-1] = Segment(who, self._segments[-1].start, 0.0)  # drop empty segment
        else:
            self._segments.append(Segment(who, start, 0.0))
        self._merge_tail()
        self._last_speaker = self._who_spoke_last()

    def _merge_tail(self) -> None:
        if len(self._segments) >= 2 and self._segments[-2].who == self._segments[-1].who:
            last = self._segments.pop()
            prev = self._segments[-1]
            self._segments[-1] = Segment(prev.who, prev.start, prev.seconds + last.seconds)

    def _extend(self) -> None:
        seg = self._segments[-1]
        seg.seconds = max(0.0, self.elapsed() - seg.start)

    # -- statistics ----------------------------------------------------------------------
    def segments(self) -> list[Segment]:
        self._extend()
        return [Segment(s.who, s.start, s.seconds) for s in self._segments if s.seconds > 0]

    def _spans(self, segs: list[Segment]) -> tuple[list[Utterance], bool]:
        """Each person's speech: what listening heard while on, the keys' timeline elsewhere."""
        spans = self.listened + ([(self._listen_from, self.elapsed())]
                                 if self._listen_from is not None else [])
        keyed = [Utterance(s.who, s.start, s.start + s.seconds) for s in segs
                 if s.who != "silence"]
        for lo, hi in spans:
            keyed = [piece for u in keyed for piece in _outside(u, lo, hi)]
        heard = self.heard
        seg = segs[-1] if segs else None
        if self._listen_from is not None and seg is not None and seg.who != "silence" and all(
                u.end <= seg.start for u in heard[-4:] if u.who == seg.who):
            # speech going on now: listening reports it when it ends; count it meanwhile
            heard = [*heard, Utterance(seg.who, seg.start, seg.start + seg.seconds)]
        return sorted(heard + keyed, key=lambda u: u.start), bool(spans)

    def analysis(self, segs: list[Segment] | None = None) -> Analysis:
        """The turn-taking analysis now (kept while nothing it reads has changed: the screen's
        redraw and the journal's save after one event read the same)."""
        segs = self.segments() if segs is None else segs
        last = segs[-1] if segs else None
        key = (len(self.heard), len(self.listened), self._listen_from, len(segs),
               None if last is None else (last.who, last.start, round(last.seconds, 1)))
        if self._analysed is None or self._analysed[0] != key:
            self._analysed = (key, analyse(*self._spans(segs)))
        return self._analysed[1]

    def measures(self, segs: list[Segment] | None = None) -> Measures:
        return self.analysis(segs).measures

    def stats(self, segs: list[Segment] | None = None, m: Measures | None = None) -> TalkStats:
        """The saved form: totals plus the timeline."""
        segs = self.segments() if segs is None else segs
        m = self.measures(segs) if m is None else m
        listened = self.listened + ([(self._listen_from, self.elapsed())]
                                    if self._listen_from is not None else [])
        return TalkStats(
            coach_seconds=sum(s.seconds for s in segs if s.who == "coach"),
            client_seconds=sum(s.seconds for s in segs if s.who == "client"),
            silence_seconds=sum(s.seconds for s in segs if s.who == "silence"),
            turns=m.turns,
            longest_coach_turn=m.longest_coach_turn,
            longest_client_turn=m.longest_client_turn,
            segments=segs,
            overlap_seconds=self.overlap_seconds,
            backchannels=self.backchannels if m.backchannels is None else m.backchannels,
            **{name: getattr(m, name) for name in LISTENING_FIELDS},  # the measures, as saved
            heard=list(self.heard),
            listened=listened,
        )

    def share_over(
        self, seconds: float, segments: list[Segment] | None = None
    ) -> tuple[float | None, float]:
        """(coach share of talk, talk seconds) over the last `seconds` of the round."""
        now = self.elapsed()
        lo = now - seconds
        coach = client = 0.0
        for seg in self.segments() if segments is None else segments:
            overlap = min(seg.start + seg.seconds, now) - max(seg.start, lo)
            if overlap <= 0:
                continue
            if seg.who == "coach":
                coach += overlap
            elif seg.who == "client":
                client += overlap
        talk = coach + client
        return (coach / talk if talk else None), talk

    def snapshot(self) -> TalkSnapshot:
        segs = self.segments()
        found = self.analysis(segs)
        heard = found.measures.coach_interruptions is not None
        m = found.measures
        stats = self.stats(segs, m)
        share, talk = self.share_over(self.window, stats.segments)
        latest, _ = self.share_over(min(self.window, self.elapsed()) / 2, stats.segments)
        seg = self._segments[-1]
        turn_list = found.turns
        client_turns = tuple(t.seconds for t in turn_list if t.who == "client")[-8:]
        waiting = None
        if self.speaker == "silence" and turn_list and turn_list[-1].who == "coach":
            waiting = max(0.0, self.elapsed() - max(turn_list[-1].end, seg.start))
        return TalkSnapshot(
            speaker=self.speaker,
            paused=self.paused,
            elapsed=self.elapsed(),
            coach_seconds=stats.coach_seconds,
            client_seconds=stats.client_seconds,
            silence_seconds=stats.silence_seconds,
            turns=stats.turns,
            current_turn=seg.seconds,
            longest_coach_turn=stats.longest_coach_turn,
            longest_client_turn=stats.longest_client_turn,
            recent_coach_share=share,
            recent_talk_seconds=talk,
            client_turns_recent=client_turns,
            overlap_seconds=self.overlap_seconds,
            backchannels=stats.backchannels,
            latest_coach_share=latest,
            waiting=waiting,
            coach_interruptions=m.coach_interruptions,
            client_interruptions=m.client_interruptions,
            coach_reentries=m.coach_reentries or 0,
            reentry_times=found.reentry_times[-RECENT_EVENTS:] if heard else (),
            interruption_times=found.coach_interruption_times[-RECENT_EVENTS:],
        )


def _outside(u: Utterance, lo: float, hi: float) -> list[Utterance]:
    """The parts of `u` outside lo..hi."""
    if u.end <= lo or u.start >= hi:
        return [u]
    parts = []
    if u.start < lo:
        parts.append(Utterance(u.who, u.start, lo))
    if u.end > hi:
        parts.append(Utterance(u.who, hi, u.end))
    return parts
