"""Replaying scripted sessions through LiveSession + Guide on a FakeClock.

A script is lines of `mm:ss verb [text]`, times on the wall clock since the start (so a pause
shows as a gap between wall and round time). Verbs: coach, client, silence, note, action,
outcome, next, prev, pause, resume, use N (mark the N-th suggestion used), switch (roles), and
`dialogue END COACH CLIENT` (alternating turns until END: the coach COACH seconds, then the client
CLIENT seconds). The replay takes a frame every `tick` seconds and after every event, as the live
screen would. Scenarios as data (with the nudges they should fire) are in scenarios.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.guidance.guide import Guide, Moment
from sessionkit.live.session import LiveSession

SCENARIOS = Path(__file__).with_name("scenarios.toml")

TALK = {"Monologue", "Coach share high", "Coach share low", "Mechanical pattern"}


def sec(stamp: str) -> int:
    minutes, seconds = stamp.split(":")
    return int(minutes) * 60 + int(seconds)


def stamp(seconds: float) -> str:
    return f"{int(seconds) // 60:02d}:{int(seconds) % 60:02d}"


@dataclass(frozen=True)
class Frame:
    nudges: tuple[str, ...]
    reasons: tuple[str, ...]
    ids: tuple[str, ...]
    phase: str
    phase_note: str | None


@dataclass
class Replay:
    live: LiveSession
    fake: FakeClock
    frames: dict[int, Frame] = field(default_factory=dict)

    def frame(self, t: int) -> None:
        snap = self.live.tick()
        moment = Moment(self.live.model, snap.phase, snap.elapsed, snap.planned,
                        snap.phase_elapsed, snap.talk)
        self.frames[t] = Frame(
            tuple(n.label for n in snap.nudges), tuple(s.reason for s in snap.suggestions),
            tuple(s.id for s in snap.suggestions), snap.phase_name,
            self.live.guide.phase_note(moment),
        )

    def apply(self, verb: str, text: str) -> None:
        live = self.live
        if verb in ("coach", "client", "silence"):
            live.speak(verb)
        elif verb in ("note", "action"):
            live.add_note(text, verb)
        elif verb == "outcome":
            live.set_outcome(text)
        elif verb in ("next", "prev"):
            live.next_phase() if verb == "next" else live.prev_phase()
        elif verb in ("pause", "resume"):
            assert live.tracker.paused == (verb == "resume")
            live.toggle_pause()
        elif verb == "use":
            live.mark_used(live.tick().suggestions[int(text) - 1].id)
        elif verb == "switch":
            live.switch_roles()
        else:
            raise ValueError(verb)

    def at(self, t: str) -> Frame:
        return self.frames[sec(t)]

    def spans(self, label: str) -> list[tuple[str, str]]:
        """[first, last] frame times of each run of frames showing `label`."""
        out: list[list[int]] = []
        previous: int | None = None
        for t in sorted(self.frames):
            if label in self.frames[t].nudges:
                if out and previous is not None and label in self.frames[previous].nudges:
                    out[-1][1] = t
                else:
                    out.append([t, t])
            previous = t
        return [(stamp(a), stamp(b)) for a, b in out]

    def ever(self, labels: set[str]) -> set[str]:
        return {n for f in self.frames.values() for n in f.nudges} & labels

    def onsets(self) -> list[tuple[str, int]]:
        """(label, frame second) each time a nudge starts showing, in time order."""
        out: list[tuple[str, int]] = []
        before: tuple[str, ...] = ()
        for t in sorted(self.frames):
            now = self.frames[t].nudges
            out += [(label, t) for label in now if label not in before]
            before = now
        return out


def replay(catalog: ModelCatalog, script: list[str], model: str = "atc", minutes: int = 45,
           until: str | None = None, tick: int = 5, settings: Settings | None = None) -> Replay:
    events = []
    for line in expand(script):
        when, verb, *rest = line.split(maxsplit=2)
        events.append((sec(when), verb, rest[0] if rest else ""))
    events.sort(key=lambda e: e[0])
    end = sec(until) if until else events[-1][0]
    fake = FakeClock()
    live = LiveSession.start("Ann", "Ben", catalog.get(model), fake, minutes,
                             guide=Guide(settings))
    r = Replay(live, fake)
    start = fake.monotonic()
    for t in sorted({*range(0, end + 1, tick), *(e[0] for e in events if e[0] <= end)}):
        fake.advance(start + t - fake.monotonic())
        for _ in [e for e in events if e[0] == t]:
            r.apply(_[1], _[2])
        r.frame(t)
    return r


def dialogue(start: str, end: str, coach: int, client: int) -> list[str]:
    """Alternating turns: the coach `coach` seconds, then the client `client` seconds."""
    out, t = [], sec(start)
    while t < sec(end):
        out += [f"{stamp(t)} coach", f"{stamp(min(t + coach, sec(end)))} client"]
        t += coach + client
    return out


def expand(script: list[str]) -> list[str]:
    """Script lines with each `mm:ss dialogue END COACH CLIENT` written out as turns."""
    out: list[str] = []
    for line in script:
        parts = line.split()
        if len(parts) == 5 and parts[1] == "dialogue":
            out += dialogue(parts[0], parts[2], int(parts[3]), int(parts[4]))
        elif line.strip():
            out.append(line.strip())
    return out


@dataclass(frozen=True)
class Expected:
    label: str
    start: int  # the onset must fall in [start, end] (frame seconds)
    end: int


@dataclass(frozen=True)
class Scenario:
    name: str
    about: str
    script: list[str]
    expected: list[Expected]
    model: str = "atc"
    minutes: int = 45
    until: str | None = None
    tick: int = 5


def scenarios(path: Path = SCENARIOS) -> list[Scenario]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for raw in data["session"]:
        expected = [Expected(e["label"], sec(e["from"]), sec(e["to"]))
                    for e in raw.get("expect", [])]
        out.append(Scenario(
            raw["name"], raw["about"], raw["script"].strip().splitlines(), expected,
            raw.get("model", "atc"), raw.get("minutes", 45), raw.get("until"),
            raw.get("tick", 5),
        ))
    return out


@dataclass
class Score:
    """How one replay compares with what it should fire."""

    expected: int
    in_window: int
    missed: list[Expected]
    unexpected: list[tuple[str, int]]


def score(scenario: Scenario, r: Replay) -> Score:
    """Each expected nudge is matched to one onset of its label inside its window; onsets left
    over fired where none was expected."""
    left = list(r.onsets())
    missed = []
    for e in scenario.expected:
        hit = next((o for o in left if o[0] == e.label and e.start <= o[1] <= e.end), None)
        if hit is None:
            missed.append(e)
        else:
            left.remove(hit)
    return Score(len(scenario.expected), len(scenario.expected) - len(missed), missed, left)


def run(catalog: ModelCatalog, scenario: Scenario, settings: Settings | None = None) -> Replay:
    return replay(catalog, scenario.script, scenario.model, scenario.minutes, scenario.until,
                  scenario.tick, settings)


def totals(catalog: ModelCatalog, path: Path = SCENARIOS) -> dict[str, Any]:
    """The replay numbers: sessions, expected nudges, fired in their window, fired unexpectedly."""
    scores = [score(s, run(catalog, s)) for s in scenarios(path)]
    return {
        "sessions": len(scores),
        "expected": sum(x.expected for x in scores),
        "in_window": sum(x.in_window for x in scores),
        "unexpected": sum(len(x.unexpected) for x in scores),
    }
