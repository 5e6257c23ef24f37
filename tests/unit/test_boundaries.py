"""Walls of the core (STYLE.md: one-way dependency, rules between core packages).

1. The core never imports Textual, Rich or screens (each module in a fresh interpreter).
2. Between core packages, imports go down the layer table only: a package may import its own
   modules and any package on a lower layer, never one on a higher layer, and never a
   sibling on its own layer when that layer is written with `|` (independent siblings).
   Every import counts: top-level, deferred (inside a function), under TYPE_CHECKING, and the
   dotted re-exports a package's `_WHERE` table names (`sessionkit.lazy`).

Placing a new package (for example `sessionkit/crypt/` or `sessionkit/group/`): add its name to
the layer it sits on, that is, above everything it imports and below everything that imports
it. A package not in the table fails `test_every_package_has_a_layer`, which says so.
- `crypt` (encrypting the stored sessions): `store` and `review` use it and it uses only the
  floor, so it has a layer just above the floor (`"crypt | askpass"`); `cli.crypt`, its
  commands, is part of the composition root (the `cli` package, one module per command).
- `group` (intervision meetings): `store` and `exports` import it and it stands on `config`,
  `models` and the floor, so it is an independent sibling of `guidance` (`"guidance | group"`).
  Had it driven `live`, it would have needed its own layer between `review` and `live`.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import sessionkit

MODULES = sorted(m.name for m in pkgutil.walk_packages(sessionkit.__path__, "sessionkit."))
CORE = [m for m in MODULES if m not in ("sessionkit.cli", "sessionkit.__main__")]

# Highest first. `a | b`: independent siblings (neither imports the other);
# `a : b`: siblings that may import each other. `sessionkit` is the root `__init__` (version).
LAYERS = (
    # the composition root (the only one that may import screens)
    "cli : __main__",
    "demo | exports",
    "review",
    "live | listen | store",  # listen and store never import live
    "guidance | group",  # group: intervision meetings (store keeps them, exports write them)
    "talk",
    "config",
    "models : reader : when : conversation : schedule",
    "crypt | askpass",  # the sealed-file format; the passphrase prompt (both on the floor only)
    "sessionkit : clock : errors : gcpause : heard : lazy : names : paths : plain : regular"
    " : scale"
    " : timefmt"
    " : watchdog",
)


def _table() -> dict[str, tuple[int, str | None]]:
    """Each package's layer (0 = highest) and, if its siblings are independent, its own name."""
    placed: dict[str, tuple[int, str | None]] = {}
    for level, layer in enumerate(LAYERS):
        independent = "|" in layer
        for name in layer.replace("|", " ").replace(":", " ").split():
            placed[name] = (level, name if independent else None)
    return placed


def _package(module: str) -> str:
    """The core package (or top-level module) `module` belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "sessionkit"


def _source(module: str) -> tuple[Path, bool]:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin), spec.submodule_search_locations is not None


def imports_of(module: str, source: str | None = None) -> set[str]:
    """Every `sessionkit` module `module` imports, wherever the import stands in the file."""
    path, is_package = _source(module)
    here = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            subs = [f"{base}.{alias.name}" for alias in node.names]
            found.update([s for s in subs if s in MODULES] or [base])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.startswith("sessionkit.") and node.value in MODULES:
                found.add(node.value)  # a lazy re-export from another package
    return {name for name in found if name == "sessionkit" or name.startswith("sessionkit.")}


def forbidden_imports(module: str, source: str | None = None) -> list[str]:
    """The imports of `module` that break the layer table, as `module -> target (why)`."""
    table = _table()
    mine = _package(module)
    if mine not in table:
        return [f"{module}: its package {mine} has no layer"]
    level, independent = table[mine]
    wrong = []
    for target in sorted(imports_of(module, source)):
        theirs = _package(target)
        if theirs == mine or theirs not in table:
            continue
        their_level, _ = table[theirs]
        if their_level < level:
            wrong.append(f"{module} -> {target} ({mine} is below {theirs})")
        elif their_level == level and independent:
            wrong.append(f"{module} -> {target} ({mine} and {theirs} are independent)")
    return wrong


def test_every_package_has_a_layer() -> None:
    missing = sorted({_package(m) for m in MODULES} - set(_table()))
    assert not missing, (
        f"core packages without a layer: {missing}; add each to LAYERS in "
        "tests/unit/test_boundaries.py (see its docstring: above what it imports, below what "
        "imports it)"
    )


@pytest.mark.parametrize("module", MODULES)
def test_imports_go_down_the_layers(module: str) -> None:
    assert forbidden_imports(module) == []


def test_the_layer_check_sees_a_deferred_upward_import() -> None:
    """The check itself: a function-level import of a higher package is caught."""
    source = "def later():\n    from sessionkit.live.session import LiveSession\n"
    assert forbidden_imports("sessionkit.guidance.nudges", source) == [
        "sessionkit.guidance.nudges -> sessionkit.live.session (guidance is below live)"
    ]
    assert forbidden_imports("sessionkit.store.store", "import sessionkit.live") == [
        "sessionkit.store.store -> sessionkit.live (store and live are independent)"
    ]


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_ui(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = [m for m in ('textual', 'rich', 'screens') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} pulled in {out.stdout.strip()}"


def test_core_list_is_not_empty() -> None:
    assert "sessionkit.talk.tracker" in CORE and "sessionkit.store.store" in CORE
