"""When is the next session? Natural input turned into a UTC time plus its time zone.

Accepted (case-insensitive, an IANA time zone may follow, e.g. `tue 18:30 Europe/London`):

    in 2 weeks · in 10 days · in 3 hours        (from now, to the minute)
    in 2 weeks 18:30 · in 3 days at 9:00        (that day, at that time)
    next tuesday 18:30 · next fri 9:00          (that day of next week: never today)
    2026-12-09 17:00 · 2026-12-09T17:00 · 09-12-2026 17:00
    tue 18:30 · tuesday 18:30                   (the next such day and time still ahead)
    today 17:00 · tomorrow 9:00 · 17:00         (a bare time: today if still ahead, else tomorrow)

`now` is injected (the app's clock), so every rule is testable without the real time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime

import pendulum
from pendulum.tz import get_local_timezone

from sessionkit.clock import iso

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNITS = {"minute": "minutes", "min": "minutes", "hour": "hours", "day": "days",
         "week": "weeks", "month": "months"}
EXAMPLES = "e.g. in 2 weeks 18:30, next tue 18:30, tomorrow 9:00, 2026-12-09 17:00"
HINT = "in 2 weeks 18:30 · next tue 18:30 · fri 9:00 · 2026-12-09 17:00"
"""The field's placeholder: every form it shows is one `parse_when` accepts (tested)."""

_TIME = r"(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?"
_IN = re.compile(r"in (?P<n>\d+) (?P<unit>minute|min|hour|day|week|month)s?"
                 r"(?: (?:at )?" + _TIME + r")?")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?:[ t]+|t)" + _TIME)
_EU = re.compile(r"(?P<d>\d{1,2})[-/.](?P<mo>\d{1,2})[-/.](?P<y>\d{4}) +" + _TIME)
_DAY = re.compile(r"(?P<next>next )?(?P<day>[a-z]+)(?: (?:at )?" + _TIME + r")?")
_BARE = re.compile(_TIME)


@dataclass(frozen=True)
class When:
    """A parsed date: `at` is UTC ISO 8601 with offset, `tz` the IANA zone it was given in."""

    at: str
    tz: str

    def describe(self) -> str:
        return describe(self.at, self.tz)

    def understood(self, now: datetime) -> str:
        return understood(self.at, self.tz, now)


def local_tz() -> str:
    """The user's time zone name (TZ wins, so tests and users can set it)."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return pendulum.timezone(name).name
        except Exception:  # noqa: BLE001 - pendulum raises its own types; fall back to the system
            pass
    return get_local_timezone().name


def _zone(name: str) -> str:
    titled = "/".join(part[:1].upper() + part[1:] for part in name.split("/"))
    for candidate in (name, titled):
        try:
            return pendulum.timezone(candidate).name
        except Exception:  # noqa: BLE001 - pendulum raises its own types
            continue
    raise ValueError(f"unknown time zone {name!r} (use a name like Europe/Amsterdam)")


def _split_zone(text: str) -> tuple[str, str | None]:
    parts = text.rsplit(" ", 1)
    if len(parts) == 2 and ("/" in parts[1] and not parts[1][:1].isdigit()
                            or parts[1].upper() in ("UTC", "GMT")):
        return parts[0], _zone(parts[1] if "/" in parts[1] else "UTC")
    return text, None


def _hm(match: re.Match[str]) -> tuple[int, int]:
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{hour}:{minute:02d} is not a time of day")
    return hour, minute


def _at(day: pendulum.DateTime, match: re.Match[str]) -> pendulum.DateTime:
    hour, minute = _hm(match)
    return day.set(hour=hour, minute=minute, second=0, microsecond=0)


def parse_when(text: str, now: datetime, tz: str | None = None) -> When:
    """Parse `text` relative to `now` (aware). Raises ValueError with a one-line message."""
    raw, zone_given = _split_zone(" ".join(text.split()))
    raw = raw.lower()
    if not raw:
        raise ValueError(f"say when, {EXAMPLES}")
    zone = zone_given or _zone(tz or local_tz())
    here = pendulum.instance(now).in_timezone(zone)
    result = _parse(raw, here, zone)
    if result is None:
        raise ValueError(f"cannot read {text.strip()!r} as a date; {EXAMPLES}")
    if result <= here:
        raise ValueError(f"{result.format('ddd D MMM YYYY HH:mm')} is in the past")
    return When(iso(result), zone)


def _parse(raw: str, here: pendulum.DateTime, zone: str) -> pendulum.DateTime | None:
    if m := _IN.fullmatch(raw):
        unit = UNITS[m["unit"]]
        later = here.add(**{unit: int(m["n"])})
        if m["h"]:
            if unit in ("minutes", "hours"):
                raise ValueError(f"in {m['n']} {unit} is already a time; leave out {m['h']}:…")
            return _at(later, m)
        return later.set(second=0, microsecond=0)
    for pattern in (_ISO, _EU):
        if m := pattern.fullmatch(raw):
            try:
                day = pendulum.datetime(int(m["y"]), int(m["mo"]), int(m["d"]), tz=zone)
            except ValueError:
                raise ValueError(f"{raw.split()[0]} is not a date") from None
            return _at(day, m)
    if (m := _BARE.fullmatch(raw)) and m["m"]:
        at = _at(here, m)
        return at if at > here else at.add(days=1)
    m = _DAY.fullmatch(raw)
    if not m:
        return None
    word = m["day"]
    if m["next"] and word in ("today", "tomorrow"):
        return None
    if word in ("today", "tomorrow"):
        if not m["h"]:
            raise ValueError(f"add a time, e.g. {word} 17:00")
        return _at(here.add(days=1 if word == "tomorrow" else 0), m)
    index = next((i for i, d in enumerate(DAYS) if len(word) >= 3 and d.startswith(word)), None)
    if index is None:
        return None
    if not m["h"]:
        raise ValueError(f"add a time, e.g. {word} 18:30")
    ahead = (index - here.weekday()) % 7
    if m["next"] and ahead == 0:
        ahead = 7  # "next wed" said on a Wednesday: a week from today, never today
    at = _at(here.add(days=ahead), m)
    return at if at > here else at.add(days=7)


def describe(at: str, tz: str | None) -> str:
    """`Tue 9 Dec 2026 17:00 (Europe/Amsterdam)` for an ISO time saved with its zone."""
    zone = tz or local_tz()
    moment = pendulum.parse(at).in_timezone(zone)  # type: ignore[union-attr]
    return f"{moment.format('ddd D MMM YYYY HH:mm')} ({zone})"


def _span(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days = round(minutes / 1440)
    return "1 day" if days == 1 else f"{days} days"


def understood(at: str, tz: str | None, now: datetime) -> str:
    """What a typed date was read as, said back: `Fri 11 Dec 18:30, in 7 days`; a time later
    today says so (`today … 18:30, in 43 min`): "fri 18:30" typed on a Friday is no surprise."""
    zone = tz or local_tz()
    moment = pendulum.parse(at).in_timezone(zone)  # type: ignore[union-attr]
    here = pendulum.instance(now).in_timezone(zone)
    minutes = max(0, int((moment - here).total_seconds() // 60))
    if moment.date() == here.date():
        day = f"today {moment.format('ddd D MMM HH:mm')}"
    elif moment.date() == here.add(days=1).date():
        day = f"tomorrow {moment.format('ddd D MMM HH:mm')}"
    else:
        shape = "ddd D MMM YYYY HH:mm" if moment.year != here.year else "ddd D MMM HH:mm"
        day = moment.format(shape)
    if moment.date() != here.date() and minutes >= 1440:
        days = (moment.date() - here.date()).days
        return f"{day}, in {days} days"
    return f"{day}, in {_span(minutes)}"


DUE_EXAMPLES = "e.g. by fri, by next tue, by 2026-12-18"
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)


def parse_due(text: str, now: datetime, tz: str | None = None) -> str:
    """An action's due day, `YYYY-MM-DD` in the local zone: the next-session forms, with the
    time of day optional (a day is due until its end). Today is allowed; a past day is not."""
    raw = " ".join(text.split()).lower()
    if not raw:
        raise ValueError(f"say by when, {DUE_EXAMPLES}")
    zone = _zone(tz or local_tz())
    here = pendulum.instance(now).in_timezone(zone)
    if raw == "today":
        return here.date().isoformat()
    has_time = bool(re.search(r"\d{1,2}[:.h]\d{2}$", raw)) or _IN.fullmatch(raw) is not None
    try:
        moment = _parse(raw if has_time else f"{raw} 23:59", here, zone)
    except ValueError as err:
        raise ValueError(f"{err}; {DUE_EXAMPLES}") from None
    if moment is None:
        raise ValueError(f"cannot read {text.strip()!r} as a day; {DUE_EXAMPLES}")
    if moment.date() < here.date():
        raise ValueError(f"{moment.format('ddd D MMM YYYY')} is in the past")
    return moment.date().isoformat()


def local_date(now: datetime, tz: str | None = None) -> date:
    """Today's date where the user is (the day a due date is compared with)."""
    return pendulum.instance(now).in_timezone(tz or local_tz()).date()


def due_text(due: str, now: datetime, tz: str | None = None) -> str:
    """`due Fri 11 Dec`, `due today`, `due tomorrow`, `OVERDUE since Fri 4 Dec` for a due day."""
    today = local_date(now, tz)
    day = pendulum.parse(due).date()  # type: ignore[union-attr]
    label = pendulum.datetime(day.year, day.month, day.day).format(
        "ddd D MMM" if day.year == today.year else "ddd D MMM YYYY")
    if day < today:
        return f"OVERDUE since {label}"
    if day == today:
        return "due today"
    if (day - today).days == 1:
        return "due tomorrow"
    return f"due {label}"


def is_overdue(due: str | None, now: datetime, tz: str | None = None) -> bool:
    return due is not None and due != "" and due < local_date(now, tz).isoformat()


def split_due(text: str, now: datetime, tz: str | None = None) -> tuple[str, str | None]:
    """`Call Sam by next tue` -> (`Call Sam`, `2026-12-08`): an action's optional trailing
    `by DATE`. Words after `by` that are no date stay text (`stand by me`); a date that is in the
    past raises ValueError (the caller keeps the text as typed and says why)."""
    for match in reversed(list(_BY.finditer(text))):
        head, tail = text[: match.start()].strip(), text[match.end():].strip()
        if not head or not tail:
            continue
        try:
            return head, parse_due(tail, now, tz)
        except ValueError as err:
            if "in the past" in str(err):
                raise
    return text, None
