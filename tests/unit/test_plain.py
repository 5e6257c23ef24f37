"""The plain-text rule: control characters are shown, never passed on raw."""

from hypothesis import given
from hypothesis import strategies as st

from sessionkit.plain import has_control, one_line, plain


def test_escape_sequences_become_visible() -> None:
    osc52 = "Ned\x1b]52;c;ZXZpbA==\x07"
    assert plain(osc52) == "Ned␛]52;c;ZXZpbA==␇"
    assert plain("\x1b[2J") == "␛[2J"
    assert plain("a\x9bb") == "a\ufffdb"  # C1 CSI
    assert plain("abc\u202edcb") == "abc\ufffddcb"  # right-to-left override


def test_multiline_keeps_lines_and_one_line_joins_them() -> None:
    assert plain("first\r\nsecond\tthird") == "first\nsecond\tthird"
    assert one_line("Oli\nver\r\n# heading") == "Oli ver # heading"


@given(st.text())
def test_nothing_raw_survives(text: str) -> None:
    for out in (plain(text), one_line(text)):
        assert not has_control(out)
        assert "\r" not in out
    assert "\n" not in one_line(text)
