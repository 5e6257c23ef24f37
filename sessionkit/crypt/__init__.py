"""Encryption at rest: a versioned, authenticated, chunked file format (no Textual).

`seal`/`unseal` a whole file under a passphrase; `is_sealed` tells one by its marker. Every
failure is a CryptError subclass with a one-line message; damage never reads as a wrong
passphrase. The store's own use (one key derivation per unlock, appendable lines) is in
`keys`, `sealed` and `lines`.

Names are imported on first use (PEP 562): a module that only needs the marker
(`crypt.header`) does not load `cryptography`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sessionkit.crypt.errors import (
        CryptError,
        DamagedBody,
        DamagedHeader,
        NewerFormat,
        Truncated,
        WrongPassphrase,
    )
    from sessionkit.crypt.sealed import is_sealed, seal, unseal

_WHERE = {
    "CryptError": "errors", "DamagedBody": "errors", "DamagedHeader": "errors",
    "NewerFormat": "errors", "Truncated": "errors", "WrongPassphrase": "errors",
    "is_sealed": "sealed", "seal": "sealed", "unseal": "sealed",
}

__all__ = [
    "CryptError",
    "DamagedBody",
    "DamagedHeader",
    "NewerFormat",
    "Truncated",
    "WrongPassphrase",
    "is_sealed",
    "seal",
    "unseal",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
