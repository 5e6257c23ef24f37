"""Listening on and off for one live session: what `--listen` and the `l` key drive.

The listener runs in its own thread; every event it hears is posted back to the caller's
event loop (`post`: in the app, `App.call_from_thread`) and applied there to the live session
exactly as a key would be, so saving, nudges and rendering follow as they do for keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sessionkit.clock import Clock, SystemClock
from sessionkit.listen.bridge import begin, end, hand_over
from sessionkit.listen.frames import ListenError
from sessionkit.listen.listener import Listener, ListenStatus, Stopped
from sessionkit.listen.spec import ListenSpec

REANCHOR = 1.0
"""Seconds the stream may fall behind the clock at once before its offset is taken anew."""

class Listening:
    """Owns the listener thread of one live session; all methods run on the caller's loop."""

    def __init__(
        self,
        live: Any,
        spec: ListenSpec,
        post: Callable[[Callable[[], None]], Any],
        clock: Clock,
        changed: Callable[[], None] = lambda: None,
        sleep: Callable[[float], Any] | None = None,
    ) -> None:
        self.live = live
        self.spec = spec
        self.post = post
        self.clock = clock
        self.changed = changed
        self.sleep = sleep  # tests: advance a FakeClock instead of waiting
        self.listener: Listener | None = None
        self._offset: float | None = None  # wall clock minus stream time (see _heard)
        self.note = ""  # why listening stopped by itself (device lost, recording over)
        self._note_new = False

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
        self._offset = None
        # a replay is paced in real time unless a test injects `sleep` (and its fake clock)
        pace = self.clock if self.sleep else SystemClock()
        self.listener = Listener(source, self._heard, vads, pace, self.sleep)
        self.listener.start()
        self.changed()
        return ""

    def stop(self) -> None:
        if self.listener is not None:
            listener, self.listener = self.listener, None
            listener.stop()
            end(self.live)
            self.changed()

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

    # -- from the listener thread ------------------------------------------------------
    def _heard(self, event: object, ago: float) -> None:
        """An event `ago` stream-seconds before the listener's stream time now. Stream time is
        put on the clock with one offset (the smallest seen: the listener least behind), not
        each event's own: the same audio instant reported twice (a turn's end, then "that was
        an mm-hm, the turn goes on from its end") must land on the same moment. A jump of more
        than REANCHOR (audio dropped to catch up) re-anchors."""
        listener, posted = self.listener, self.clock.monotonic()
        stream = listener.detector.t if listener is not None else 0.0
        offset = posted - stream
        if self._offset is None or not offset - REANCHOR <= self._offset <= offset:
            self._offset = offset
        when = self._offset + stream - ago
        self.post(lambda: self._apply(listener, event, when))

    def _apply(self, listener: Any, event: object, when: float) -> None:
        if listener is not self.listener:
            return  # from a listener switched off since
        if isinstance(event, Stopped):
            self.listener = None
            end(self.live)
            self.note, self._note_new = event.reason, True
        else:
            hand_over(self.live, event, max(0.0, self.clock.monotonic() - when),
                      mic_only=self.mic_only)
        self.changed()

    def note_shown(self) -> None:
        self._note_new = False

    @property
    def stopped_by_itself(self) -> bool:
        """Listening just ended without `l` (a note to show once)."""
        return self._note_new

    def status(self) -> ListenStatus:
        if self.listener is None:
            return ListenStatus(on=False, warning=self.note)
        return self.listener.status()
