"""Bundle storage on the file system: atomic writes and a sha256 manifest.

A site's bundle is built in a staging folder next to its final place and swapped in when complete, so a
reader never sees half a bundle, and every file is written with write-to-temp + os.replace, so a reader
never sees half a file. manifest.json lists the sha256 and size of every other file (py-wacz style) so the
evidence can be checked after the fact (`auditor verify`); it says `"kind": "site"` (older ones say nothing) to
tell it from the run's manifest (run_manifest.py). Other backends (object storage for distributed
runs) implement the same three methods.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

MANIFEST = "manifest.json"
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, limit: int = 60) -> str:
    return SAFE_NAME.sub("_", text).strip("_")[:limit] or "page"


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces `path` whole when the block ends (nothing on failure)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


class BundleDirReader:
    """The read side of a committed bundle folder: a re-audit cuts its evidence from the saved screenshots."""

    def __init__(self, bundle_dir: Path) -> None:
        self.root = bundle_dir

    def read_bytes(self, relative: str) -> bytes:
        target = (self.root / relative).resolve()
        if self.root.resolve() not in target.parents:
            raise ValueError(f"path escapes the bundle: {relative}")
        return target.read_bytes()

    def exists(self, relative: str) -> bool:
        try:
            target = (self.root / relative).resolve()
        except OSError:
            return False
        return self.root.resolve() in target.parents and target.is_file()


class FileBundleStore:
    """One site's bundle folder, written in a staging folder until `commit()`."""

    def __init__(self, final_dir: Path) -> None:
        self.final_dir = final_dir
        final_dir.parent.mkdir(parents=True, exist_ok=True)
        # The writer's PID is in the name, so a later run can tell a killed run's leftovers from a live run's.
        self.root = Path(tempfile.mkdtemp(dir=final_dir.parent, prefix=f".{final_dir.name}.staging-{os.getpid()}-"))

    def path(self, relative: str) -> Path:
        target = (self.root / relative).resolve()
        if self.root.resolve() not in target.parents:
            raise ValueError(f"evidence path escapes the bundle: {relative}")
        return target

    def write_bytes(self, relative: str, data: bytes) -> str:
        atomic_write(self.path(relative), data)
        return relative

    def write_json(self, relative: str, payload: Any) -> str:
        text = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False)
        return self.write_bytes(relative, (text + "\n").encode("utf-8"))

    def read_bytes(self, relative: str) -> bytes:
        return self.path(relative).read_bytes()

    def exists(self, relative: str) -> bool:
        return self.path(relative).is_file()

    def write_manifest(self) -> dict[str, Any]:
        files = [
            {
                "path": path.relative_to(self.root).as_posix(),
                "sha256": sha256_file(path),
                "size": path.stat().st_size,
            }
            for path in sorted(p for p in self.root.rglob("*") if p.is_file() and p.name != MANIFEST)
        ]
        manifest = {"kind": "site", "algorithm": "sha256", "files": files}
        self.write_json(MANIFEST, manifest)
        return manifest

    def commit(self) -> Path:
        """Swap the finished bundle into place; the previous bundle of this site is removed."""
        old = None
        if self.final_dir.exists():
            old = self.final_dir.with_name(f".{self.final_dir.name}.old-{os.getpid()}")
            self.final_dir.rename(old)
        self.root.rename(self.final_dir)
        self.root = self.final_dir
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.final_dir

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class ManifestError(ValueError):
    """A manifest that cannot be read as one: the bundle cannot be verified at all (bad input, not a mismatch)."""


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("path"), str)
        and isinstance(entry.get("sha256"), str)
        and isinstance(entry.get("size"), int)
    )


def manifest_entries(manifest_path: Path) -> list[dict[str, Any]]:
    """The well-formed entries of a manifest (site, run or pack alike; `kind` is optional: older ones have none)."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entries = manifest["files"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ManifestError(f"{manifest_path}: not a readable manifest: {exc}") from exc
    if not isinstance(entries, list) or not all(_well_formed(entry) for entry in entries):
        raise ManifestError(f"{manifest_path}: not a readable manifest: malformed files list")
    return entries


def verify_manifest(bundle_dir: Path) -> list[str]:
    """Problems found when re-hashing a bundle against its manifest (empty when intact).

    Only files inside the bundle are hashed: an entry naming an absolute path or climbing out with `..` is itself
    a problem, never read. Raises ManifestError when the manifest is not one.
    """
    manifest_path = bundle_dir / MANIFEST
    if not manifest_path.is_file():
        return [f"{manifest_path}: missing"]
    root = bundle_dir.resolve()
    problems = []
    listed = set()
    for entry in manifest_entries(manifest_path):
        path = (bundle_dir / entry["path"]).resolve()
        listed.add(entry["path"])
        if root not in path.parents:
            problems.append(f"{entry['path']}: outside the bundle (not read)")
        elif not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif path.stat().st_size != entry["size"] or sha256_file(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: hash or size differs")
    for path in bundle_dir.rglob("*"):
        relative = path.relative_to(bundle_dir).as_posix()
        if path.is_file() and relative != MANIFEST and relative not in listed:
            problems.append(f"{relative}: not in manifest")
    return problems


STAGING = re.compile(r"^\.(?P<site>.+)\.(?:staging|old)-(?P<pid>\d+)(?:-.*)?$")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_staging(out_dir: Path) -> list[Path]:
    """Remove staging and swap folders left by runs that died (kill -9, power loss); live runs' are kept."""
    removed: list[Path] = []
    if not out_dir.is_dir():
        return removed
    for path in out_dir.iterdir():
        match = STAGING.match(path.name)
        if path.is_dir() and match and int(match["pid"]) != os.getpid() and not pid_alive(int(match["pid"])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def is_complete_bundle(bundle_dir: Path) -> bool:
    """A bundle folder that was committed whole: its manifest verifies."""
    try:
        return (bundle_dir / "bundle.json").is_file() and verify_manifest(bundle_dir) == []
    except ManifestError:
        return False
