"""Re-exports imported on first use (PEP 562), so importing one submodule of a core package
does not load its siblings (start-up time). Each package's `__init__` names where its public
names live."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> tuple[list[str], Callable[[str], Any]]:
    """`__all__` and a module `__getattr__` for `package`, whose public names live in the
    submodules `where` names (`{"LiveSession": "session", ...}`); a dotted name
    (`"sessionkit.talk.tracker"`) re-exports a name that moved to another package."""

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = where[name] if "." in where[name] else f"{package}.{where[name]}"
        return getattr(importlib.import_module(module), name)

    return sorted(where), __getattr__
