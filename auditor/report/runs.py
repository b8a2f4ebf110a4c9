"""A run folder read back for reports: every site's bundle (typed, schema-checked), in a stable order.

Reports are made from saved runs only (never the browser), so a notice or a bulletin can be made again from any
run on any machine. A site folder whose bundle cannot be read is kept as a problem of the run, never skipped
silently: a bulletin that quietly lost a site would overstate the estate's 合格率.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from auditor.bundle.layout import ARTIFACTS_FILE, BUNDLE_FILE
from auditor.bundle.reader import BundleError, load_bundle
from auditor.model.bundle import Bundle, Finding
from auditor.store import MANIFEST

REPORTS_DIR = "reports"


class RunReadError(ValueError):
    """A folder that is not a run (or a site) folder: one line naming it."""


@dataclass(frozen=True)
class SiteRun:
    """One site's bundle and the folder it was read from (evidence paths are relative to it)."""

    bundle: Bundle
    folder: Path
    hashes: dict[str, str] = field(default_factory=dict)  # relative path -> sha256, from the site's manifest
    captured: dict[str, datetime] = field(default_factory=dict)  # page URL -> when it was read (artifacts)

    @property
    def site_id(self) -> str:
        return self.bundle.site.id

    @property
    def is_newmedia(self) -> bool:
        return self.bundle.site.kind == "newmedia"

    def captured_at(self, finding: Finding) -> datetime:
        """When the finding's evidence page was read; the bundle's start when the artifacts do not say."""
        url = finding.evidence.page_url or finding.target.url
        return self.captured.get(url) or self.captured.get(finding.target.url) or self.bundle.started_at


@dataclass(frozen=True)
class Run:
    folder: Path
    sites: list[SiteRun]
    unreadable: list[str]  # one line per site folder whose bundle could not be read

    @property
    def as_of(self) -> date | None:
        days = sorted({site.bundle.as_of for site in self.sites})
        return days[-1] if days else None

    @property
    def websites(self) -> list[SiteRun]:
        return [site for site in self.sites if not site.is_newmedia]

    @property
    def groups(self) -> list[SiteRun]:
        return [site for site in self.sites if site.is_newmedia]

    def site(self, site_id: str) -> SiteRun | None:
        return next((site for site in self.sites if site.site_id == site_id), None)


def _manifest_hashes(folder: Path) -> dict[str, str]:
    try:
        payload = json.loads((folder / MANIFEST).read_text("utf-8"))
        return {str(entry["path"]): str(entry["sha256"]) for entry in payload["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _capture_times(folder: Path) -> dict[str, datetime]:
    """Page URL -> capture time, from every page-like object of artifacts.json (columns, home, accounts, …).

    Read as plain JSON on purpose: the times are wherever a gatherer recorded them, and a report must not need to
    know each gatherer's facts to say when its evidence was taken.
    """
    try:
        payload = json.loads((folder / ARTIFACTS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    times: dict[str, datetime] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            when = node.get("captured_at")
            if isinstance(when, str):
                for key in ("url", "final_url"):
                    if isinstance(node.get(key), str):
                        with contextlib.suppress(ValueError):
                            times.setdefault(node[key], datetime.fromisoformat(when))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(payload)
    return times


def read_site(folder: Path) -> SiteRun:
    return SiteRun(
        bundle=load_bundle(folder),
        folder=folder,
        hashes=_manifest_hashes(folder),
        captured=_capture_times(folder),
    )


def read_run(folder: Path) -> Run:
    """Every site folder of a run (sub-folders holding bundle.json); a site folder given alone is a run of one."""
    if not folder.is_dir():
        raise RunReadError(f"{folder}: no such run folder")
    if (folder / BUNDLE_FILE).is_file():
        candidates = [folder]
    else:
        candidates = sorted(
            path
            for path in folder.iterdir()
            if path.is_dir() and not path.name.startswith(".") and path.name != REPORTS_DIR
        )
    sites: list[SiteRun] = []
    unreadable: list[str] = []
    for candidate in candidates:
        if not (candidate / BUNDLE_FILE).is_file():
            continue
        try:
            sites.append(read_site(candidate))
        except BundleError as exc:
            unreadable.append(str(exc))
    if not sites and not unreadable:
        raise RunReadError(f"{folder}: no site bundles in it (expected <site-id>/bundle.json)")
    # Websites before new-media groups (the notice's order), then by site id.
    sites.sort(key=lambda site: (site.is_newmedia, site.site_id))
    return Run(folder=folder, sites=sites, unreadable=unreadable)
