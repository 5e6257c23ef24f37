"""Listening on and off for one live session: the switch that `--listen` and the `l` key drive.

The listener runs in its own thread. What it hears waits here; at most every PULSE seconds of
audio (and at once when it stops) the thread calls `post()`, which in the app posts one message
to the screen (thread-safe, `can_replace`: a burst is one message). On the screen's loop
`drain()` applies everything waiting to the live session (its `TalkSink` port) in one batch, as
keys would, so a turn is announced once, and takes the newest listening status with it: the
screen never reads what the listener thread writes. The level meters alone are never news:
the screen's once-a-second tick drains too, and shows them in the frame it draws anyway.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sessionkit.clock import Clock, SystemClock
from sessionkit.listen.bridge import TalkSink, begin, end, hand_over
from sessionkit.listen.frames import ListenError
from sessionkit.listen.listener import Listener, ListenStatus, Stopped
from sessionkit.listen.spec import ListenSpec

REANCHOR = 1.0
"""Seconds the stream may fall behind the clock at once before its offset is taken anew."""

PULSE = 0.1
"""Seconds of audio between two posts at most: the Talk pane follows within a frame or two of
a turn, and a burst of events (a turn, the utterance that ended it, an mm-hm) is one redraw."""

def _shown(status: ListenStatus) -> tuple[object, ...]:
    """What the Talk pane would show differently, besides the meters: worth a post soon."""
    return (status.on, status.source, status.mic_speech, status.call_speech,
            status.overlapping, status.warning)


class Listening:
    """Owns the listener thread of one live session. Every method but the listener's callbacks
    (`_heard`, `_pulse`) runs on the caller's loop."""

    def __init__(
        self,
        live: TalkSink,
        spec: ListenSpec,
        post: Callable[[], object],
        clock: Clock,
        sleep: Callable[[float], Any] | None = None,
    ) -> None:
        self.live = live
        self.spec = spec
        self.post = post
        """Called from the listener thread when there is news: must be thread-safe and must not
        wait (the app: post a message whose handler calls `drain()`)."""
        self.clock = clock
        self.sleep = sleep  # tests: advance a FakeClock instead of waiting
        self.listener: Listener | None = None
        self.note = ""  # why listening stopped by itself (device lost, recording over)
        self._note_new = False
        self._shown_status = ListenStatus(on=False)
        # shared with the listener thread, under the lock
        self._lock = threading.Lock()
        self._pending: list[tuple[Listener, object, float]] = []
        self._status: tuple[Listener, ListenStatus] | None = None
        self._posted: tuple[float, tuple[object, ...]] = (-PULSE, ())
        self._offset: float | None = None  # wall clock minus stream time (see _heard)

    @property
    def on(self) -> bool:
        return self.listener is not None

    @property
    def mic_only(self) -> bool:
        """Listening without the call's audio (no loopback): pauses are the other side's."""
        return self.listener is not None and self.listener.mic_only

    def start(self) -> str:
        """Start listening; returns "" or a one-line reason it cannot."""
        if self.listener is not None:
            return ""
        try:
            self.spec.check_extra()
            source = self.spec.open()
            from sessionkit.listen.vad import make_vad

            vads = (make_vad(self.spec.vad), make_vad(self.spec.vad))
        except ListenError as err:
            return str(err)
        begin(self.live, mic_only=bool(getattr(source, "mic_only", False)))
        self.note = ""
        with self._lock:
            self._offset, self._pending, self._status = None, [], None
            self._posted = (-PULSE, ())
        # a replay is paced in real time unless a test injects `sleep` (and its fake clock)
        pace = self.clock if self.sleep else SystemClock()
        listener = Listener(source, self._heard, vads, pace, self.sleep, pulse=self._pulse)
        self._shown_status = listener.status()  # before its thread runs: nothing shared yet
        self.listener = listener
        listener.start()
        return ""

    def stop(self) -> None:
        if self.listener is not None:
            listener, self.listener = self.listener, None
            listener.stop()
            end(self.live)
            self._shown_status = ListenStatus(on=False)

    def toggle(self) -> str:
        """The `l` key: on or off; returns "" or a one-line reason it cannot start."""
        if self.on:
            self.stop()
            return ""
        return self.start()

    def wait(self, timeout: float = 30.0) -> None:
        """Tests: until a listener thread has finished its source."""
        if self.listener is not None and self.listener._thread is not None:
            self.listener._thread.join(timeout)

    # -- on the listener thread ----------------------------------------------------------
    def _heard(self, event: object, ago: float) -> None:
        """An event `ago` stream-seconds before the listener's stream time now. Stream time is
        put on the clock with one offset (the smallest seen: the listener least behind), not
        each event's own: the same audio instant reported twice (a turn's end, then "that was
        an mm-hm, the turn goes on from its end") must land on the same moment. A jump of more
        than REANCHOR (audio dropped to catch up) re-anchors."""
        listener = self.listener
        if listener is None:
            return  # switched off meanwhile
        stream = listener.detector.t
        offset = self.clock.monotonic() - stream
        with self._lock:
            if self._offset is None or not offset - REANCHOR <= self._offset <= offset:
                self._offset = offset
            self._pending.append((listener, event, self._offset + stream - ago))
        if isinstance(event, Stopped):
            self._news(listener, at_once=True)

    def _pulse(self) -> None:
        """After every frame: nothing is posted within PULSE of the last post, so nothing is
        built either (a status per frame cost the listener thread for nothing)."""
        listener = self.listener
        if listener is not None and listener.detector.t - self._posted[0] >= PULSE:
            self._news(listener, at_once=False)

    def _news(self, listener: Listener, at_once: bool) -> None:
        """Post when something waits or the pane would show a change, PULSE apart at most. The
        newest status waits either way: the meters move with the screen's next drain (a post,
        or its once-a-second tick), never with a post of their own (a meter redrawn in a frame
        of its own cost more CPU than everything else listening does on the screen)."""
        status = listener.status()
        shown, t = _shown(status), listener.detector.t
        with self._lock:
            self._status = (listener, status)
            if not at_once and (
                (not self._pending and shown == self._posted[1]) or t - self._posted[0] < PULSE
            ):
                return
            self._posted = (t, shown)
        self.post()

    # -- on the caller's loop ------------------------------------------------------------
    def drain(self) -> bool:
        """Apply what the listener heard since the last drain, in one batch; True when the live
        session changed (it has announced that itself, once: a redraw follows). Listening that
        stopped by itself changes only the status (and `stopped_by_itself`)."""
        with self._lock:
            batch, self._pending = self._pending, []
            status, self._status = self._status, None
        changed = False
        with self.live.together():
            for listener, event, when in batch:
                if listener is not self.listener:
                    continue  # from a listener switched off since
                if isinstance(event, Stopped):
                    self.listener = None
                    end(self.live)
                    self.note, self._note_new = event.reason, True
                    self._shown_status = ListenStatus(on=False, warning=self.note)
                else:
                    changed |= hand_over(self.live, event,
                                         max(0.0, self.clock.monotonic() - when),
                                         mic_only=self.mic_only)
        if status is not None and status[0] is self.listener:
            self._shown_status = status[1]
        return changed

    def note_shown(self) -> None:
        self._note_new = False

    @property
    def stopped_by_itself(self) -> bool:
        """Listening just ended without `l` (a note to show once)."""
        return self._note_new

    def status(self) -> ListenStatus:
        """What the Talk pane's listening line shows: as of the last drain (or switch)."""
        return self._shown_status
