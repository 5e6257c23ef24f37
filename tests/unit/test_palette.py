"""One palette: `$coach`, `$client`, `$share-good`, `$share-low` come from the app
(`SessionkitApp.get_theme_variable_defaults`, in the current theme's colours) and no screen
writes a colour in Python."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rich.color import ANSI_COLOR_NAMES

from screens.app import PALETTE, make_app
from sessionkit.config.catalog import ModelCatalog
from sessionkit.store import SessionStore

SCREENS = Path(__file__).resolve().parents[2] / "screens"
HEX = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
STYLE_WORDS = {"on", "bold", "italic", "dim", "underline", "reverse", "not", "strike", "blink"}


def test_the_app_gives_every_screen_the_palette_in_the_theme_colours() -> None:
    app = make_app(store=SessionStore.memory(), catalog=ModelCatalog())
    for theme in ("textual-dark", "textual-light"):
        app.theme = theme
        colours = app.current_theme.to_color_system().generate()
        palette = app.get_theme_variable_defaults()
        assert set(palette) == {"coach", "client", "share-good", "share-low"}
        assert palette == {name: colours[base] for name, base in PALETTE.items()}
        assert app.get_css_variables()["coach"] == colours["primary"]


def colour_literals(source: str) -> list[str]:
    """String constants that read as a Rich style naming a colour ("green", "grey50",
    "bold white on red", "#ff0000"); prose that mentions a colour is not one."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        words = node.value.lower().split()
        colours = [w for w in words if w in ANSI_COLOR_NAMES or HEX.fullmatch(w)]
        if colours and all(w in STYLE_WORDS or w in colours for w in words):
            found.append(f"{node.lineno}: {node.value!r}")
    return sorted(found)


def test_the_check_sees_a_colour_literal() -> None:
    source = 'x = ("72%", "green")\ny = "bold white on red"\nz = "shows as one red line"\n'
    assert colour_literals(source) == ["1: 'green'", "2: 'bold white on red'"]


@pytest.mark.parametrize("path", sorted(SCREENS.rglob("*.py")), ids=lambda p: p.name)
def test_no_colour_is_written_in_python(path: Path) -> None:
    assert colour_literals(path.read_text()) == []
