"""`Wait for the answer` and `Interrupting`: fired by what listening hears, recorded, limited."""

from __future__ import annotations

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.guidance.guide import Guide
from sessionkit.guidance.listen_nudges import fired
from sessionkit.live.session import LiveSession


def live_session(fake: FakeClock, catalog: ModelCatalog, **settings: object) -> LiveSession:
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake,
                             guide=Guide(settings=Settings(**settings)))  # type: ignore[arg-type]
    live.tracker.listening(True)
    return live


def say(live: LiveSession, fake: FakeClock, who: str, start: float, end: float) -> None:
    """`who` spoke from `start` to `end` (round seconds); the clock moves on to `end`."""
    fake.advance(max(0.0, end - live.tracker.elapsed()))
    live.hear(who, end - start, ago=live.tracker.elapsed() - end)


def labels(live: LiveSession) -> list[str]:
    """What shows after the screen's next timer tick (time passes only through tick())."""
    return [n.label for n in live.tick().nudges]


def test_two_reentries_within_five_minutes_fire_wait_for_the_answer(
        fake: FakeClock, catalog: ModelCatalog) -> None:
    live = live_session(fake, catalog)
    say(live, fake, "coach", 0, 4)
    say(live, fake, "coach", 5.5, 8)  # re-entry 1: spoke again after 1.5 s of silence
    say(live, fake, "client", 9, 60)
    assert "Wait for the answer" not in labels(live)
    say(live, fake, "coach", 61, 64)
    say(live, fake, "coach", 66, 68)  # re-entry 2, within 5 minutes of the first
    snap = live.snapshot()
    nudge = next(n for n in snap.nudges if n.label == "Wait for the answer")
    assert "2 times in 5 min" in nudge.why
    assert [(n.label, n.at) for n in live.round.nudges] == [("Wait for the answer", 68.0)]
    fake.advance(100)  # shown for nudge_show_seconds (90), then gone
    assert "Wait for the answer" not in labels(live)


def test_reentries_far_apart_do_not_fire(fake: FakeClock, catalog: ModelCatalog) -> None:
    live = live_session(fake, catalog)
    say(live, fake, "coach", 0, 4)
    say(live, fake, "coach", 6, 8)
    say(live, fake, "client", 9, 400)
    say(live, fake, "coach", 401, 404)
    say(live, fake, "coach", 406, 408)  # 400 s after the first: outside the window
    assert "Wait for the answer" not in labels(live)
    assert "Wait for the answer" not in [n.label for n in live.round.nudges]


def test_two_coach_interruptions_fire_interrupting(fake: FakeClock, catalog: ModelCatalog
                                                   ) -> None:
    live = live_session(fake, catalog)
    say(live, fake, "client", 0, 20)
    say(live, fake, "coach", 19, 25)  # cuts in; the client stops 1 s later
    say(live, fake, "client", 26, 50)
    say(live, fake, "coach", 35, 36.5)  # overlaps, but the client goes on: not one
    assert "Interrupting" not in labels(live)
    say(live, fake, "coach", 49.5, 55)  # cuts in again
    assert "Interrupting" in labels(live)
    assert [n.label for n in live.round.nudges] == ["Interrupting"]
    assert live.snapshot().talk.coach_interruptions == 2
    assert live.snapshot().talk.client_interruptions == 0


def test_keys_alone_never_show_the_listening_nudges(fake: FakeClock, catalog: ModelCatalog
                                                     ) -> None:
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    for who, seconds in [("coach", 4), ("silence", 2), ("coach", 3), ("silence", 2),
                         ("coach", 3), ("silence", 2), ("coach", 3)]:
        live.speak(who)
        fake.advance(seconds)
    assert live.snapshot().talk.coach_reentries == 3  # measured, but not nudged on keys
    assert "Wait for the answer" not in labels(live)


def test_rate_limited_like_the_share_nudges() -> None:
    s = Settings()
    # four re-entries 10 s apart: fires once (the first two), not again within 3 minutes
    assert fired([10, 20, 30, 40], s) == [20]
    assert fired([10, 20, 200, 210], s) == [20, 210]
    assert fired([10, 20, 30, 40], Settings(nudge_repeat_minutes=0)) == [20, 40]


def test_muted_listening_nudges_stay_quiet(fake: FakeClock, catalog: ModelCatalog) -> None:
    live = live_session(fake, catalog, muted_nudges=["Wait for the answer"])
    for start in (0, 6, 12):
        say(live, fake, "coach", start, start + 3)
    assert "Wait for the answer" not in labels(live)
