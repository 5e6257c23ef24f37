"""Every private Textual name sessionkit uses (`screens/textual_hooks.py`) still exists in the
installed Textual, and Textual is the version pyproject.toml pins. A rename fails here, naming
the hook, instead of somewhere on a screen."""

from __future__ import annotations

import importlib
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from screens.textual_hooks import HOOKS

ROOT = Path(__file__).resolve().parents[2]


def _owner(dotted: str) -> object:
    """The class (or module) `dotted` names."""
    try:
        return importlib.import_module(dotted)
    except ModuleNotFoundError:
        module, _, name = dotted.rpartition(".")
        return getattr(importlib.import_module(module), name)


def _instance_of(owner: object) -> object:
    """An instance of `owner` where the name is set in __init__, not on the class."""
    if owner is App:
        return App()
    if owner is Screen:
        return Screen()
    if isinstance(owner, type) and issubclass(owner, DOMNode):
        return Widget()
    return owner


@pytest.mark.parametrize("owner,name,why", HOOKS, ids=[f"{o}.{n}" for o, n, _ in HOOKS])
def test_private_textual_hook_exists(owner: str, name: str, why: str) -> None:
    try:
        found = _owner(owner)
    except (ImportError, AttributeError):
        pytest.fail(f"Textual {version('textual')} has no {owner} (used for: {why}); "
                     "update screens/textual_hooks.py")
    assert hasattr(found, name) or hasattr(_instance_of(found), name), (
        f"Textual {version('textual')} renamed or removed private hook {owner}.{name} "
        f"(used for: {why}); update screens/textual_hooks.py"
    )


def test_textual_is_the_pinned_version() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = [d for d in deps if re.match(r"textual\b", d)]
    assert pins == [f"textual=={version('textual')}"], (
        f"pyproject pins {pins}, installed textual is {version('textual')}: the private hooks "
        "in screens/textual_hooks.py are checked against the installed one only"
    )


def test_no_private_textual_access_outside_the_hooks_module() -> None:
    """A `._name` of a Textual object anywhere else in screens/ goes through the hooks module."""
    names = "|".join(re.escape(name) for _, name, _ in HOOKS)
    pattern = re.compile(rf"\.({names})\b|def ({names})\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "screens").rglob("*.py"))
        if path.name != "textual_hooks.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
