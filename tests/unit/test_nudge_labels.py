"""The nudge vocabulary has one home (sessionkit/config/nudge_labels.py), and its labels are the
fixed ones PRODUCT.md names: exports, the coach's own view and `muted_nudges` depend on them."""

from __future__ import annotations

import ast
import pkgutil
import warnings
from pathlib import Path

import sessionkit
from sessionkit.config import nudge_labels
from sessionkit.config.settings import NUDGE_LABELS

FIXED = ("Monologue", "Coach share high", "Coach share low", "Mechanical pattern",
         "Half-time check", "Next steps", "Evaluate", "Over time",
         "Wait for the answer", "Interrupting")


def test_the_labels_are_the_products_own() -> None:
    assert nudge_labels.NUDGE_LABELS == FIXED and NUDGE_LABELS == FIXED
    kinds = nudge_labels.TALK + nudge_labels.TIME_CUES + nudge_labels.LISTENING
    assert sorted(kinds) == sorted(FIXED)


def test_no_other_core_module_spells_a_label() -> None:
    """A label written out anywhere else would be a second home (docstrings may name them)."""
    home = Path(nudge_labels.__file__).resolve()
    found = []
    for info in pkgutil.walk_packages(sessionkit.__path__, "sessionkit."):
        spec = info.module_finder.find_spec(info.name, None)  # type: ignore[call-arg]
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            continue
        path = Path(spec.origin).resolve()
        if path == home:
            continue
        with warnings.catch_warnings():  # a module's own escapes are not this test's business
            warnings.simplefilter("ignore")
            tree = ast.parse(path.read_text())
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                           ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and node.value in FIXED
                    and id(node) not in docstrings):
                found.append(f"{info.name}:{node.lineno} {node.value!r}")
    assert found == []
