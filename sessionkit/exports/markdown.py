"""Markdown journal: one `# ` heading per session, Obsidian-friendly (actions as task checkboxes).

Private notes and actions are left out unless `include_private` (they are the coach's alone).
Times are local wall-clock time.

User text is plain text here too: control characters are shown visibly (`sessionkit.plain`),
names stay on their heading's line, and Markdown's markup characters are backslash-escaped, so a
note shows exactly what was typed and can never start a heading, a checkbox, a list, a quote, raw
HTML or an image fetched from the network. A note's line breaks stay (indented under its item).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO

from sessionkit.models import Mark, Note, Round, Session
from sessionkit.plain import one_line, plain
from sessionkit.timefmt import duration, local

FEEDBACK_LABELS = (
    ("most_helpful", "Most helpful"),
    ("less_helpful", "Less helpful"),
    ("coach_worked", "Coach: what worked"),
    ("coach_improve", "Coach: to improve"),
)
PRIVATE = "🔒 private"


# anywhere in a line: escapes, code, emphasis, links/images/wikilinks, raw HTML and autolinks,
# and a `&` that would start an entity (`&#27;` renders as ESC)
_INLINE = re.compile(r"([\\`*_\[\]<]|&(?=#?\w+;))")
# at the start of a line: headings, quotes, lists, setext underlines, breaks, fences, tables
_BLOCK = re.compile(r"^(?:([#>+\-=~|])|(\d{1,9})([.)]))")


def _escape(match: re.Match[str]) -> str:
    return "\\" + match.group()


def md_line(text: str) -> str:
    """User text for one line of Markdown (names, headings): no line breaks, no markup."""
    return _INLINE.sub(_escape, one_line(text))


def _block_safe(line: str) -> str:
    # no indentation of its own: a deeper line could start a code block or a nested list
    line = _INLINE.sub(_escape, line.strip())
    start = _BLOCK.match(line)
    if start is None:
        return line
    if start.group(1):
        return "\\" + line
    return f"{start.group(2)}\\{line[start.end(2):]}"


def md_text(text: str) -> str:
    """User text for one list item: its lines kept, each indented so it stays in the item and
    escaped so it cannot begin a block of its own."""
    lines = plain(text).strip().splitlines()
    return "\n  ".join(_block_safe(line) for line in lines) or "…"


def _title(session: Session) -> str:
    when = local(session.started_at)
    if not session.rounds:
        return f"# {when}"
    first = session.rounds[0]
    if len(session.rounds) == 1:
        return f"# {when} · {md_line(first.coach)} coaching {md_line(first.client)}"
    names = f"{md_line(first.coach)} and {md_line(first.client)}"
    return f"# {when} · {names} ({len(session.rounds)} rounds)"


def _facts(session: Session) -> str:
    minutes = round(sum(r.elapsed_seconds for r in session.rounds) / 60)
    parts = [md_line(session.model), session.session_type, f"{minutes} min", session.status]
    line = "*" + " · ".join(p for p in parts if p) + "*"
    agreed = session.next_sessions()
    if agreed:
        label = "Next session" if len(agreed) == 1 else "Sessions agreed"
        whens = ", ".join(local(a.at, tz=a.tz) + (f" ({md_line(a.tz)})" if a.tz else "")
                          for a in agreed)
        line += f"  \n{label}: {whens}"
    return line


def _note(note: Note) -> str:
    mark = f"{PRIVATE}: " if note.private else ""
    phase = f" · {md_line(note.phase)}" if note.phase else ""
    return f"- {local(note.at, '%H:%M')}{phase} — {mark}{md_text(note.text)}"


def _action(note: Note) -> str:
    box = "[x]" if note.done else "[ ]"
    mark = f"{PRIVATE}: " if note.private else ""
    done = f" (done {local(note.done_at, '%Y-%m-%d')})" if note.done and note.done_at else ""
    due = f" (due {note.due})" if note.due else ""
    return f"- {box} {mark}{md_text(note.text)}{due}{done}"


def _mark(mark: Mark) -> str:
    phase = f" · {md_line(mark.phase)}" if mark.phase else ""
    return f"- {local(mark.at, '%H:%M')}{phase} — at {duration(mark.elapsed)} of the round"


def _round(index: int, rnd: Round, include_private: bool) -> Iterator[str]:
    yield f"## Round {index}: {md_line(rnd.coach)} coaching {md_line(rnd.client)}"
    yield ""
    facts = []
    if rnd.outcome:
        facts.append(f"- **Outcome:** {md_text(rnd.outcome)}")
    if rnd.outcome_measure:
        facts.append(f"- **How we will know:** {md_text(rnd.outcome_measure)}")
    if rnd.scale_start is not None or rnd.scale_end is not None:
        start = "?" if rnd.scale_start is None else rnd.scale_start
        end = "?" if rnd.scale_end is None else rnd.scale_end
        facts.append(f"- **Scale (0-10):** {start} → {end}")
    share = rnd.talk.client_share
    if share is not None:
        facts.append(
            f"- **Talk:** client {share:.0%}, coach {1 - share:.0%}, {rnd.talk.turns} turns"
        )
    if facts:
        yield from facts
        yield ""
    shown = [n for n in rnd.notes if include_private or not n.private]
    for title, kind, fmt in (("Notes", "note", _note), ("Actions", "action", _action)):
        items = [fmt(n) for n in shown if n.kind == kind]
        if items:
            yield f"### {title}"
            yield ""
            yield from items
            yield ""
    if rnd.marks:
        yield "### Moments marked"
        yield ""
        yield from (_mark(m) for m in rnd.marks)
        yield ""
    feedback = [
        f"- **{label}:** {md_text(str(rnd.feedback[key]))}"
        for key, label in FEEDBACK_LABELS
        if str(rnd.feedback.get(key) or "").strip()
    ]
    if feedback:
        yield "### Feedback"
        yield ""
        yield from feedback
        yield ""


def session_md(session: Session, include_private: bool = False) -> str:
    """One session as a Markdown section, ending with one newline."""
    lines = [_title(session), "", _facts(session), ""]
    for i, rnd in enumerate(session.rounds, 1):
        lines.extend(_round(i, rnd, include_private))
    while lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def write_md(sessions: Iterable[Session], out: IO[str], include_private: bool = False) -> int:
    """Stream the journal; returns how many sessions were written."""
    count = 0
    for session in sessions:
        if count:
            out.write("\n")
        out.write(session_md(session, include_private))
        count += 1
    return count
