"""The core never imports Textual, Rich or screens (STYLE.md: one-way dependency)."""

import pkgutil
import subprocess
import sys

import pytest

import sessionkit

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(sessionkit.__path__, "sessionkit.")
    if m.name not in ("sessionkit.cli", "sessionkit.__main__")
)


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
    assert "sessionkit.live.talk" in CORE and "sessionkit.store.store" in CORE
