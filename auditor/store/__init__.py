"""Where bundles live: small interfaces (crawlee's storage clients) over the file system first.

`WritableStore` is what gathering and evidence write through (atomic files in a staging folder swapped in whole);
`ReadableStore` is what a re-audit reads saved screenshots through. Object storage for distributed runs
implements the same methods. Each site folder has a sha256 manifest, the run folder one over every file of the run
(run_manifest.py), and a site's evidence pack zips its folder with a manifest of the zip (pack.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from auditor.store.files import (
    MANIFEST,
    BundleDirReader,
    FileBundleStore,
    ManifestError,
    atomic_write,
    atomic_writer,
    clean_stale_staging,
    is_complete_bundle,
    safe_name,
    sha256_file,
    verify_manifest,
)
from auditor.store.pack import (
    PackError,
    check_site,
    default_pack_path,
    notice_files,
    write_pack,
)
from auditor.store.run_manifest import (
    FolderCheck,
    add_to_run_manifest,
    manifest_kind,
    site_folders,
    verify_run_manifest,
    verify_tree,
    write_run_manifest,
)


class ReadableStore(Protocol):
    def read_bytes(self, relative: str) -> bytes: ...
    def exists(self, relative: str) -> bool: ...


class WritableStore(ReadableStore, Protocol):
    def write_bytes(self, relative: str, data: bytes) -> str: ...
    def path(self, relative: str) -> Path: ...
    def write_json(self, relative: str, payload: Any) -> str: ...


__all__ = [
    "MANIFEST",
    "BundleDirReader",
    "FileBundleStore",
    "FolderCheck",
    "ManifestError",
    "PackError",
    "ReadableStore",
    "WritableStore",
    "add_to_run_manifest",
    "atomic_write",
    "atomic_writer",
    "check_site",
    "clean_stale_staging",
    "default_pack_path",
    "is_complete_bundle",
    "manifest_kind",
    "notice_files",
    "safe_name",
    "sha256_file",
    "site_folders",
    "verify_manifest",
    "verify_run_manifest",
    "verify_tree",
    "write_pack",
    "write_run_manifest",
]
