"""A site's evidence pack: one zip holding the site folder, its notice files and a manifest of the zip itself.

Layout inside the zip, the run folder's own shape, so the notice's links (../../<site-id>/evidence/…) still work
after unzipping and `auditor verify UNZIPPED` checks it like a run:

    <site-id>/…              the whole site folder (bundle, artifacts, evidence, pages, its manifest.json)
    reports/<site-id>/…      whatever notice files the run has for it (never an earlier pack)
    manifest.json            kind "pack": sha256 and size of every other entry

A site whose evidence does not match its manifest is never packed, and each file is hashed from the very bytes
written into the zip (and checked against the site manifest as it is), so a file swapped after the check is
caught too. Symbolic links are refused and nothing outside the run folder is read.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.store.files import MANIFEST, atomic_writer, manifest_entries, verify_manifest
from auditor.store.run_manifest import (
    ATOMIC_TEMP,
    PACK_KIND,
    REPORTS,
    RUN_KIND,
    manifest_kind,
    site_folders,
    walk_tree,
)

PACK_SUFFIX = "-evidence.zip"
NOTICE_PREFIX = "notice"
_BLOCK = 1 << 16


class PackError(ValueError):
    """The site cannot be packed as it is; `problems` name each file (relative to the site or run folder)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class PackMember:
    name: str  # the entry's name in the zip
    path: Path
    # (sha256, size) as each manifest that lists the file vouches for it: the site's own, the run's.
    expected: tuple[tuple[str, int], ...] = ()


def default_pack_path(run_dir: Path, site_id: str) -> Path:
    return run_dir / REPORTS / site_id / f"{site_id}{PACK_SUFFIX}"


def site_dir_of(run_dir: Path, site_id: str) -> Path:
    """RUN_DIR/<site-id>, refused when the id is not one folder name of the run (`..`, `a/b`, reports, hidden)."""
    if not site_id or site_id in {".", "..", REPORTS, MANIFEST} or site_id.startswith(".") or "/" in site_id:
        raise PackError(f"{site_id!r}: not a site id")
    if "\\" in site_id or "\x00" in site_id:
        raise PackError(f"{site_id!r}: not a site id")
    return run_dir / site_id


def notice_files(run_dir: Path, site_id: str) -> list[Path]:
    """The site's notice files already written (notice.html, notice.pdf, notice.xlsx, notice-<unit>.html…)."""
    folder = run_dir / REPORTS / site_id
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(NOTICE_PREFIX) and p.is_file() and not p.is_symlink()
    )


def check_site(run_dir: Path, site_id: str) -> list[str]:
    """Why the site cannot be packed: its folder's problems against its own manifest (empty when it can).
    Raises PackError when there is no such site folder, ManifestError when its manifest is unreadable."""
    site_dir = site_dir_of(run_dir, site_id)
    if site_dir.is_symlink() or not site_dir.is_dir():
        raise PackError(f"{site_dir}: no such site folder")
    return verify_manifest(site_dir)


def _run_entries(run_dir: Path) -> dict[str, tuple[str, int]]:
    """What the run manifest vouches for (nothing for a run from before run manifests)."""
    if not (run_dir / MANIFEST).is_file() or manifest_kind(run_dir) != RUN_KIND:
        return {}
    return {e["path"]: (e["sha256"], e["size"]) for e in manifest_entries(run_dir / MANIFEST)}


def _members_of(
    folder: Path, prefix: str, site_vouched: dict[str, tuple[str, int]], run_vouched: dict[str, tuple[str, int]]
) -> list[PackMember]:
    """The folder's files as pack members named `prefix` + their path (which is also their path in the run)."""
    tree = walk_tree(folder)
    refused = [f"{prefix}{path}: symbolic link (not packed)" for path in tree.symlinks]
    refused += [f"{prefix}{path}/: staging folder of a stopped run" for path in tree.leftovers]
    if refused:
        raise PackError(f"{folder}: cannot be packed", refused)
    relatives = sorted([*([MANIFEST] if (folder / MANIFEST).is_file() else []), *tree.files])
    return [
        PackMember(
            f"{prefix}{relative}",
            folder / relative,
            tuple(
                vouched
                for vouched in (site_vouched.get(relative), run_vouched.get(f"{prefix}{relative}"))
                if vouched is not None
            ),
        )
        for relative in relatives
    ]


def pack_members(run_dir: Path, site_id: str, out_file: Path | None = None) -> list[PackMember]:
    """Every file the site's pack holds, in zip order: the site folder, then its notice files."""
    root = run_dir.resolve()
    site_dir = site_dir_of(run_dir, site_id)
    site_vouched = {e["path"]: (e["sha256"], e["size"]) for e in manifest_entries(site_dir / MANIFEST)}
    run_vouched = _run_entries(run_dir)
    members = _members_of(site_dir, f"{site_id}/", site_vouched, run_vouched)
    reports = run_dir / REPORTS
    folder = reports / site_id
    if reports.is_symlink() or folder.is_symlink():
        raise PackError(f"{folder}: cannot be packed", [f"{REPORTS}/{site_id}: symbolic link (not packed)"])
    if folder.is_dir():
        skipped = out_file.resolve() if out_file is not None else None
        members += [
            member
            for member in _members_of(folder, f"{REPORTS}/{site_id}/", {}, run_vouched)
            # An earlier pack, this pack itself and a write in progress are not the site's notice.
            if not member.name.endswith(".zip")
            and member.path.resolve() != skipped
            and not ATOMIC_TEMP.match(member.path.name)
        ]
    outside = [m.name for m in members if root not in m.path.resolve().parents]
    if outside:
        raise PackError(
            f"{run_dir}: files outside the run", [f"{name}: outside the run (not packed)" for name in outside]
        )
    return members


def _copy_into(archive: zipfile.ZipFile, member: PackMember) -> dict[str, Any]:
    """Stream one file into the zip, hashing exactly the bytes written."""
    info = zipfile.ZipInfo.from_file(member.path, member.name)
    info.compress_type = zipfile.ZIP_DEFLATED
    digest = hashlib.sha256()
    size = 0
    with member.path.open("rb") as source, archive.open(info, "w") as target:
        for block in iter(lambda: source.read(_BLOCK), b""):
            digest.update(block)
            size += len(block)
            target.write(block)
    return {"path": member.name, "sha256": digest.hexdigest(), "size": size}


def _fill(archive: zipfile.ZipFile, run_dir: Path, site_id: str, members: list[PackMember]) -> dict[str, Any]:
    """Every member, then the pack's manifest of them; PackError when a file differs from a manifest listing it."""
    entries = [_copy_into(archive, member) for member in members]
    changed = [
        f"{member.name}: hash or size differs"
        for member, entry in zip(members, entries, strict=True)
        if any(expected != (entry["sha256"], entry["size"]) for expected in member.expected)
    ]
    if changed:
        raise PackError(f"{run_dir}: files differ from the manifest that lists them", changed)
    manifest = {"kind": PACK_KIND, "algorithm": "sha256", "site": site_id, "files": entries}
    archive.writestr(MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return manifest


def write_pack(run_dir: Path, site_id: str, out_file: Path) -> dict[str, Any]:
    """Zip the site's evidence pack into `out_file` (written whole or not at all); returns the pack's manifest.

    Raises PackError naming each problem when the site's evidence does not match its manifest, a file differs from
    the manifest that vouches for it (site or run), or the folder holds a link; ManifestError when a manifest is
    unreadable.
    """
    site_dir = site_dir_of(run_dir, site_id)
    problems = check_site(run_dir, site_id)
    if problems:
        raise PackError(f"{site_dir}: evidence does not match its manifest", [f"{site_id}/{p}" for p in problems])
    target = out_file.resolve()
    if target == (run_dir / MANIFEST).resolve() or any(
        folder.resolve() == target or folder.resolve() in target.parents for folder in site_folders(run_dir)
    ):
        # Inside a site folder it would be a file its manifest does not list; over the run manifest, its end.
        raise PackError(f"{out_file}: a pack is never written into a site folder or over the run manifest")
    members = pack_members(run_dir, site_id, out_file)
    with atomic_writer(out_file) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        return _fill(archive, run_dir, site_id, members)
