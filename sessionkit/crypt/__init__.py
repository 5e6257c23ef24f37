"""Encryption at rest: a versioned, authenticated, chunked file format (no Textual).

`seal`/`unseal` a whole file under a passphrase; `is_sealed` tells one by its marker. Every
failure is a CryptError subclass with a one-line message; damage never reads as a wrong
passphrase. The store's own use (one key derivation per unlock, appendable lines) is in
`keys`, `sealed` and `lines`.

Names are imported on first use (PEP 562): a module that only needs the marker
(`crypt.header`) does not load `cryptography`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessionkit.lazy import lazy_exports

if TYPE_CHECKING:  # the names, for mypy and readers (imported on first use below)
    from sessionkit.crypt.errors import (
        CryptError as CryptError,
    )
    from sessionkit.crypt.errors import (
        DamagedBody as DamagedBody,
    )
    from sessionkit.crypt.errors import (
        DamagedHeader as DamagedHeader,
    )
    from sessionkit.crypt.errors import (
        NewerFormat as NewerFormat,
    )
    from sessionkit.crypt.errors import (
        Truncated as Truncated,
    )
    from sessionkit.crypt.errors import (
        WrongPassphrase as WrongPassphrase,
    )
    from sessionkit.crypt.sealed import is_sealed as is_sealed
    from sessionkit.crypt.sealed import seal as seal
    from sessionkit.crypt.sealed import unseal as unseal

_WHERE = {
    "CryptError": "errors", "DamagedBody": "errors", "DamagedHeader": "errors",
    "NewerFormat": "errors", "Truncated": "errors", "WrongPassphrase": "errors",
    "is_sealed": "sealed", "seal": "sealed", "unseal": "sealed",
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)

