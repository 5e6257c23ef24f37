"""The listening loop: frames from a source -> a VAD per channel -> the turn detector -> events.

It runs in its own thread (never on the app's event loop) and hands each event, with how many
seconds ago it happened, to `deliver` - in the app a function that posts it to the event loop
(`Listening`), where it reaches the live session the way a key would. Audio lives only in local
variables: nothing is kept, written or sent; only who spoke when leaves this loop.

A replay source is paced by the injected clock: `sleep` waits in the app and advances a
FakeClock in tests, so a test replays a two-minute call in a second through the same code.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sessionkit.clock import Clock, SystemClock
from sessionkit.listen.frames import (
    BLOCK_SECONDS,
    FLOOR_DB,
    FRAME_SECONDS,
    half_powers,
    power_db,
)
from sessionkit.listen.turns import Spoke, TurnDetector
from sessionkit.listen.vad import Vad, make_vad

# each fits the Talk pane's one line at 80 columns (36 characters)
MIC_ONLY = "mic only: pauses count as the client"


class Source(Protocol):
    live: bool  # True: frames arrive in real time by themselves; False: pace them
    name: str
    # (optional) mic_only: bool - no call channel: this side's pauses are the other side's turn

    def frames(self) -> Iterator[tuple[array, array]]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Stopped:
    """Listening ended (recording over, device lost): tracking falls back to keys."""

    reason: str


@dataclass(frozen=True)
class ListenStatus:
    """What the Talk pane shows about listening."""

    on: bool
    source: str = ""
    mic_db: float = FLOOR_DB
    call_db: float = FLOOR_DB
    mic_speech: bool = False
    call_speech: bool = False
    overlapping: bool = False
    warning: str = ""


def make_prosody() -> Any:
    """Pitch and pace on this thread (numpy, in the `audio` extra), or None without numpy."""
    try:
        from sessionkit.listen.prosody import Prosody
    except ImportError:
        return None
    return Prosody()


class Listener:
    """Listens to one source until it ends or `stop()`."""

    def __init__(
        self,
        source: Source,
        deliver: Callable[[Any, float], None],
        vads: tuple[Vad, Vad] | None = None,
        clock: Clock | None = None,
        sleep: Callable[[float], Any] | None = None,
        pulse: Callable[[], None] | None = None,
    ) -> None:
        self.source = source
        self.deliver = deliver
        self.pulse = pulse
        """Called on this thread after every frame (its owner decides when to post news)."""
        self.vads = vads or (make_vad(), make_vad())
        self.clock = clock or SystemClock()
        self._stop = threading.Event()
        self.sleep = sleep or self._stop.wait
        self.detector = TurnDetector()
        self.prosody = make_prosody()
        self._levels = (FLOOR_DB, FLOOR_DB)
        self._thread: threading.Thread | None = None

    # -- the loop -----------------------------------------------------------------------
    def process(self, mic: array, call: array) -> None:
        """One frame of each channel through the VADs and the detector."""
        squares = half_powers(mic), half_powers(call)  # once: the levels and the syllables
        mic_db, call_db = power_db(sum(squares[0]), len(mic)), power_db(sum(squares[1]), len(call))
        self._levels = (mic_db, call_db)
        mic_p, call_p = self.vads[0](mic, mic_db), self.vads[1](call, call_db)
        det = self.detector
        events = det.step(mic_p, mic_db, call_p, call_db)
        if self.prosody is not None:
            self.prosody.add(mic, call, det.speech, squares)
        for event in events:
            if isinstance(event, Spoke) and self.prosody is not None:
                event = self.prosody.finish(event, det.t)
            at = getattr(event, "at", det.t)
            self.deliver(event, det.t - at)

    def run(self) -> None:
        """Listen until the source ends or stop() is called (blocks; `start()` threads it)."""
        t0 = self.clock.monotonic()
        reason = "the recording ended"
        try:
            for mic, call in self.source.frames():
                if self._stop.is_set():
                    return
                self.process(mic, call)
                if self.pulse is not None:
                    self.pulse()
                if not self.source.live:
                    ahead = t0 + self.detector.t - self.clock.monotonic()
                    if ahead > 0:  # wake once per block, like a live source does
                        self.sleep(ahead + BLOCK_SECONDS - FRAME_SECONDS)
            for event in self.detector.flush():  # the recording ended mid-speech
                if self.prosody is not None:
                    event = self.prosody.finish(event, self.detector.t)
                self.deliver(event, self.detector.t - event.at)
        except Exception as err:  # a device lost mid-call: say so, keys take over
            reason = f"listening stopped: {' '.join(str(err).split()) or type(err).__name__}"
        finally:
            self.source.close()
        if not self._stop.is_set():
            self.deliver(Stopped(reason), 0.0)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="sessionkit-listen", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # -- reading ------------------------------------------------------------------------
    @property
    def mic_only(self) -> bool:
        """The source has no call channel (no loopback): this side's pauses are the other's."""
        return bool(getattr(self.source, "mic_only", False))

    def status(self) -> ListenStatus:
        det = self.detector
        return ListenStatus(
            on=not self._stop.is_set(),
            source=self.source.name,
            mic_db=self._levels[0],
            call_db=self._levels[1],
            mic_speech=det.chan["mic"].active,
            call_speech=det.chan["call"].active,
            overlapping=det.overlapping,
            warning=MIC_ONLY if self.mic_only else det.warning(),
        )
