"""The run's manifest: RUN_DIR/manifest.json lists the sha256 and size of every file of a run.

Each site folder keeps its own manifest (written before the folder is swapped in); the run manifest covers what
no site manifest can: the site manifests themselves, and the reports written into RUN_DIR/reports/ afterwards.
It is written at the end of every run, and reports join it through `add_to_run_manifest`, which hashes exactly
the files it is given. Nothing here ever re-hashes a file a manifest already vouches for unless that file was just
rewritten: re-hashing everything would launder a tampered file into the manifest. An unzipped evidence pack
(kind "pack") has the same shape as a run folder and is verified the same way.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.store.files import (
    MANIFEST,
    STAGING,
    ManifestError,
    atomic_write,
    manifest_entries,
    pid_alive,
    sha256_file,
    verify_manifest,
)

RUN_KIND, SITE_KIND, PACK_KIND = "run", "site", "pack"
REPORTS = "reports"
BUNDLE = "bundle.json"
# atomic_write's temporary files (`.<name>.<random>.tmp`): a write in progress, never part of a run.
ATOMIC_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")
NO_RUN_MANIFEST = "no run manifest (a run from before run manifests): each site is verified by its own manifest"


@dataclass
class Tree:
    """What a walk of a folder found, never following a symbolic link."""

    files: list[str] = field(default_factory=list)
    symlinks: list[str] = field(default_factory=list)
    # Staging and swap folders of runs that are no longer alive: never a bundle, never in a manifest.
    leftovers: list[str] = field(default_factory=list)


def _staging_of_live_run(name: str) -> bool:
    match = STAGING.match(name)
    return match is not None and (int(match["pid"]) == os.getpid() or pid_alive(int(match["pid"])))


def walk_tree(root: Path) -> Tree:
    """Every regular file under `root` (relative, posix, sorted), except the top manifest and a live run's
    staging folders; symbolic links and a stopped run's staging folders are reported, not entered."""
    tree = Tree()
    for current, dirs, files in os.walk(root, followlinks=False):
        here = Path(current)
        kept = []
        for name in sorted(dirs):
            relative = (here / name).relative_to(root).as_posix()
            if (here / name).is_symlink():
                tree.symlinks.append(relative)
            elif STAGING.match(name) and _staging_of_live_run(name):
                continue
            elif STAGING.match(name):
                tree.leftovers.append(relative)
            else:
                kept.append(name)
        dirs[:] = kept
        for name in files:
            path = here / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                tree.symlinks.append(relative)
            elif relative != MANIFEST and path.is_file():
                tree.files.append(relative)
    tree.files.sort()
    tree.symlinks.sort()
    tree.leftovers.sort()
    return tree


@contextlib.contextmanager
def _run_lock(run_dir: Path) -> Iterator[None]:
    """One writer of the run manifest at a time (notices of two sites written side by side): a read-modify-write
    without it loses the other's entries. The lock is on the folder itself, so no lock file joins the run."""
    fd = os.open(run_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _entry(root: Path, relative: str) -> dict[str, Any]:
    path = root / relative
    return {"path": relative, "sha256": sha256_file(path), "size": path.stat().st_size}


def _write(run_dir: Path, entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    manifest = {"kind": RUN_KIND, "algorithm": "sha256", "files": sorted(entries, key=lambda e: e["path"])}
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    atomic_write(run_dir / MANIFEST, (text + "\n").encode("utf-8"))
    return manifest


def manifest_kind(folder: Path) -> str | None:
    """The `kind` of folder/manifest.json ("run", "site", "pack"); None when it has none (a site manifest from before
    kinds). Raises ManifestError when the file is not a manifest."""
    path = folder / MANIFEST
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: not a readable manifest: {exc}") from exc
    if not isinstance(payload, dict):
        raise ManifestError(f"{path}: not a readable manifest: not an object")
    kind = payload.get("kind")
    if kind is not None and kind not in {RUN_KIND, SITE_KIND, PACK_KIND}:
        raise ManifestError(f"{path}: not a readable manifest: unknown kind {kind!r}")
    return kind


def _previous_entries(run_dir: Path) -> dict[str, dict[str, Any]]:
    if not (run_dir / MANIFEST).is_file():
        return {}
    try:
        if manifest_kind(run_dir) != RUN_KIND:
            return {}
        return {entry["path"]: entry for entry in manifest_entries(run_dir / MANIFEST)}
    except ManifestError:
        # A manifest that cannot be read vouches for nothing: the run's files are hashed as they are now.
        return {}


def write_run_manifest(run_dir: Path, rewritten: Iterable[Path] = ()) -> dict[str, Any]:
    """RUN_DIR/manifest.json over every file of the run, written atomically at the end of a run.

    `rewritten` are the site folders this run committed: their files are hashed afresh. Every other file the
    previous run manifest lists keeps its entry as it was (a file altered since stays altered, a file removed stays
    missing); files no manifest listed yet are hashed.
    """
    root = run_dir.resolve()
    fresh = tuple(Path(folder).resolve().relative_to(root).as_posix() + "/" for folder in rewritten)
    with _run_lock(run_dir):
        previous = _previous_entries(run_dir)
        tree = walk_tree(run_dir)
        entries: dict[str, dict[str, Any]] = {
            path: entry for path, entry in previous.items() if not path.startswith(fresh) and path != MANIFEST
        }
        for relative in tree.files:
            if ATOMIC_TEMP.match(relative.rsplit("/", 1)[-1]):
                continue  # a write in progress; if it is ever left behind, verify names it as not in manifest
            if relative.startswith(fresh) or relative not in entries:
                entries[relative] = _entry(run_dir, relative)
        return _write(run_dir, entries.values())


def add_to_run_manifest(run_dir: Path, paths: Iterable[Path]) -> dict[str, Any] | None:
    """Add or replace the run manifest's entries for exactly `paths` (files inside RUN_DIR, absolute or relative to
    it), hashing only those. Returns the new manifest, or None when the folder has no run manifest (a run from before
    run manifests: a manifest begun now would vouch for files nobody re-checked; or a site folder, whose manifest
    lists its own files only).

    Raises ValueError for a path outside the run, a symbolic link or a missing file, ManifestError when the run
    manifest is unreadable.
    """
    if not (run_dir / MANIFEST).is_file():
        return None
    root = run_dir.resolve()
    relatives = []
    for path in paths:
        given = path if path.is_absolute() else run_dir / path
        if given.is_symlink():
            raise ValueError(f"{path}: a symbolic link is never added to the run manifest")
        resolved = given.resolve()
        if root not in resolved.parents:
            raise ValueError(f"{path}: outside the run folder {run_dir}")
        relative = resolved.relative_to(root).as_posix()
        if relative == MANIFEST or not resolved.is_file():
            raise ValueError(f"{path}: not a file of the run")
        relatives.append(relative)
    with _run_lock(run_dir):
        if manifest_kind(run_dir) != RUN_KIND:
            return None
        entries = {entry["path"]: entry for entry in manifest_entries(run_dir / MANIFEST)}
        for relative in relatives:
            entries[relative] = _entry(run_dir, relative)
        return _write(run_dir, entries.values())


def _compare(root: Path, entries: list[dict[str, Any]], tree: Tree, where: str) -> list[str]:
    resolved_root = root.resolve()
    problems = []
    for entry in entries:
        given = root / entry["path"]
        path = given.resolve()
        if resolved_root not in path.parents:
            problems.append(f"{entry['path']}: outside the {where} (not read)")
        elif given.is_symlink():
            problems.append(f"{entry['path']}: symbolic link (not followed)")
        elif not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif path.stat().st_size != entry["size"] or sha256_file(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: hash or size differs")
    listed = {entry["path"] for entry in entries}
    problems += [f"{relative}: not in manifest" for relative in tree.files if relative not in listed]
    problems += [f"{relative}: symbolic link (not followed)" for relative in tree.symlinks if relative not in listed]
    problems += [f"{relative}/: staging folder of a stopped run (not in manifest)" for relative in tree.leftovers]
    return problems


def verify_run_manifest(run_dir: Path) -> list[str]:
    """Problems found when re-hashing a run (or an unzipped pack) against its manifest.json: each missing, altered
    or unlisted file. Site manifests are checked apart (`verify_tree`). Raises ManifestError when unreadable."""
    return _compare(run_dir, manifest_entries(run_dir / MANIFEST), walk_tree(run_dir), "run")


def site_folders(run_dir: Path) -> list[Path]:
    """The run's site folders: sub-folders (not links, not hidden, not reports/) holding a bundle or a manifest."""
    return sorted(
        path
        for path in run_dir.iterdir()
        if path.is_dir()
        and not path.is_symlink()
        and not path.name.startswith(".")
        and path.name != REPORTS
        and ((path / BUNDLE).is_file() or (path / MANIFEST).is_file())
    )


@dataclass
class FolderCheck:
    """One folder's verdict: its problems, or why its manifest could not be read, or a note."""

    folder: Path
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    note: str | None = None


def _check_site(folder: Path) -> FolderCheck:
    try:
        return FolderCheck(folder, verify_manifest(folder))
    except ManifestError as exc:
        return FolderCheck(folder, error=str(exc))


def verify_tree(folder: Path) -> list[FolderCheck]:
    """Verify a site folder, a run folder or an unzipped pack, told apart by its manifest's kind.

    A run or a pack: its own manifest, then each site folder's. A run from before run manifests (no manifest.json,
    site sub-folders): a note, then each site folder. Anything else is a site folder.
    """
    sites = site_folders(folder)
    if not (folder / MANIFEST).is_file():
        if sites:
            return [FolderCheck(folder, note=NO_RUN_MANIFEST), *map(_check_site, sites)]
        return [_check_site(folder)]
    try:
        kind = manifest_kind(folder)
    except ManifestError as exc:
        if sites:
            return [FolderCheck(folder, error=str(exc)), *map(_check_site, sites)]
        return [FolderCheck(folder, error=str(exc))]
    if kind in {RUN_KIND, PACK_KIND}:
        try:
            top = FolderCheck(folder, verify_run_manifest(folder))
        except ManifestError as exc:
            top = FolderCheck(folder, error=str(exc))
        return [top, *map(_check_site, sites)]
    return [_check_site(folder)]
