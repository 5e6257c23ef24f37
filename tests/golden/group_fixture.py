"""A fixed intervision meeting for the golden files and the export tests: four members, two
rounds (Ana's case, then Ben's), a third party named in Ana's case who is on record as a client
of a one-to-one session (so the case summary replaces her name)."""

from __future__ import annotations

from sessionkit.clock import FakeClock
from sessionkit.group.live import LiveGroup
from sessionkit.group.methods import MethodCatalog
from sessionkit.group.model import GroupMeeting

MEMBERS = ["Ana", "Ben", "Cem", "Dee"]
THIRD_PARTY = "Zoë Martin"


def meeting() -> GroupMeeting:
    fake = FakeClock()
    live = LiveGroup.start(MEMBERS, MethodCatalog.load([]).get("tietze"), fake, minutes=40)
    live.set_case("Ana", "Zoë Martin does not answer my mails")
    live.set_case("Ben", "SECRET-BEN a new role")
    live.start_round(live.default_roles("Ana"), "", "How do I reach Zoë again?")
    script = [("Ana", 200), ("silence", 10), ("Ana", 90)]
    for who, seconds in script:
        live.speak(who)
        fake.advance(seconds)
    live.move_phase(1)
    live.speak("Ana")
    fake.advance(420)
    live.move_phase(1)
    live.move_phase(1)
    live.speak("Cem")
    live.add("question", "What did Zoë say last time?")
    fake.advance(60)
    live.speak("Ana")
    fake.advance(120)
    live.move_phase(1)
    live.speak("Ben")
    live.add("advice", "Call her instead of writing")
    fake.advance(240)
    live.speak("Dee")
    live.add("advice", "Ask Zoë Martin's manager | what *she* needs")
    fake.advance(200)
    live.add_note("SECRET-NOTE private", private=True)
    live.move_phase(1)
    live.speak("Ana")
    fake.advance(150)
    live.end_round()
    live.close_round([True, False], "Call Zoë on Monday", "Good pace; consultation ran short")
    live.start_round(live.default_roles("Ben"), "", "SECRET-BEN question")
    live.speak("Ben")
    live.add("advice", "SECRET-BEN advice", author="Ana")
    fake.advance(1800)
    live.end_round()
    live.close_round([True], "SECRET-BEN step", "Too long on the account")
    live.finish("One idea per consultant; keep the casting short",
                "2027-01-12T16:30:00+00:00")
    meeting = live.session
    meeting.id = "group0001"
    return meeting
