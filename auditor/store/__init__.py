"""Where bundles live: small interfaces (crawlee's storage clients) over the file system first.

`WritableStore` is what gathering and evidence write through (atomic files in a staging folder swapped in whole);
`ReadableStore` is what a re-audit reads saved screenshots through. Object storage for distributed runs
implements the same methods.
"""

from __future__ import annotations

from typing import Any, Protocol

from auditor.store.files import (
    MANIFEST,
    BundleDirReader,
    FileBundleStore,
    ManifestError,
    atomic_write,
    clean_stale_staging,
    is_complete_bundle,
    safe_name,
    sha256_file,
    verify_manifest,
)


class ReadableStore(Protocol):
    def read_bytes(self, relative: str) -> bytes: ...
    def exists(self, relative: str) -> bool: ...


class WritableStore(ReadableStore, Protocol):
    def write_bytes(self, relative: str, data: bytes) -> str: ...
    def write_json(self, relative: str, payload: Any) -> str: ...


__all__ = [
    "MANIFEST",
    "BundleDirReader",
    "FileBundleStore",
    "ManifestError",
    "ReadableStore",
    "WritableStore",
    "atomic_write",
    "clean_stale_staging",
    "is_complete_bundle",
    "safe_name",
    "sha256_file",
    "verify_manifest",
]
