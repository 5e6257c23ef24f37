"""Encryption at rest: a versioned, authenticated, chunked file format (no Textual).

`seal`/`unseal` a whole file under a passphrase; `is_sealed` tells one by its marker. Every
failure is a CryptError subclass with a one-line message; damage never reads as a wrong
passphrase. The store's own use (one key derivation per unlock, appendable lines) is in
`keys`, `sealed` and `lines`.
"""

from sessionkit.crypt.errors import (
    CryptError,
    DamagedBody,
    DamagedHeader,
    NewerFormat,
    Truncated,
    WrongPassphrase,
)
from sessionkit.crypt.sealed import is_sealed, seal, unseal

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
