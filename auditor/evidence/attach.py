"""Attaching evidence to findings: the page's full screenshot with the offending element outlined, and a crop.

A finding's target names a gathered page (`page_id`) and the element's rect on that page's full-page screenshot
(Lighthouse's NodeDetails). One screenshot per page backs every finding on that page; the outline and the crop are
cut from the saved screenshot, so this runs offline too, also when a saved run is judged again (the screenshots
are read from the old bundle, the evidence is written into the new one). Nothing here knows which rule a finding
comes from: a new indicator's findings get evidence without any change here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from PIL import Image
from pydantic import BaseModel

from auditor import __version__
from auditor.evidence.images import caption, crop_box, outline, png_bytes
from auditor.model.artifacts import PageFacts, SiteArtifacts
from auditor.model.bundle import Evidence, Finding
from auditor.settings.runtime import RUNTIME
from auditor.store import ReadableStore, WritableStore

NO_SCREENSHOT_ZH = "该页面未保存截图(页面以HTTP方式读取,或截图失败),以保存的页面HTML为证"
NO_PAGE_ZH = "该发现未指向已采集的页面"


def _walk_pages(value: object) -> Iterator[PageFacts]:
    if isinstance(value, PageFacts):
        yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk_pages(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk_pages(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk_pages(item)


def pages_by_id(artifacts: SiteArtifacts) -> dict[str, PageFacts]:
    """Every page anywhere in the artifacts, by id (and by URL for artifacts saved before pages had ids)."""
    index: dict[str, PageFacts] = {}
    for page in _walk_pages(artifacts):
        if page.id:
            index.setdefault(page.id, page)
        index.setdefault(page.url, page)
    return index


def caption_lines(finding: Finding, page: PageFacts, site_name: str, as_of: date) -> list[str]:
    captured = f"{page.captured_at:%Y-%m-%d %H:%M:%S%z}" if page.captured_at else "unknown"
    where = finding.target.column or finding.target.snippet or ""
    return [
        f"{site_name} | {where} | {finding.code} ({finding.severity}) | {finding.id}",
        f"URL: {page.final_url or page.url}",
        f"截图时间 captured {captured} | 监测时间点 T = {as_of.isoformat()} | auditor {__version__}",
    ]


def attach_evidence(
    findings: list[Finding],
    artifacts: SiteArtifacts,
    target: WritableStore,
    *,
    as_of: date,
    site_name: str = "",
    source: ReadableStore | None = None,
) -> list[Finding]:
    """Write an outlined screenshot and a crop per finding; return findings with their evidence paths.

    `source` holds the saved screenshots (default: `target`, as in a live run). PNG encoding dominates;
    findings are encoded on a few threads (zlib releases the GIL), after every source screenshot has been decoded
    once on this thread.
    """
    source = source or target
    pages = pages_by_id(artifacts)
    page_of = {f.id: pages.get(f.target.page_id) if f.target.page_id else None for f in findings}
    opened: dict[str, Image.Image] = {}
    for page in page_of.values():
        shot = page.screenshot_path if page is not None else None
        if shot is not None and shot not in opened and source.exists(shot):
            opened[shot] = Image.open(io.BytesIO(source.read_bytes(shot)))
            opened[shot].load()

    def copy_saved(relative: str | None) -> str | None:
        """A saved file of the page (rendered HTML, MHTML) carried into a re-audit's bundle."""
        if relative is None or source is target:
            return relative
        if not source.exists(relative):
            return None
        return target.write_bytes(relative, source.read_bytes(relative))

    def build(finding: Finding) -> Finding:
        page = page_of[finding.id]
        if page is None:
            return finding.model_copy(update={"evidence": Evidence(note=NO_PAGE_ZH)})
        evidence = Evidence(
            html=copy_saved(page.html_path), archive=copy_saved(page.archive_path), page_url=page.final_url or page.url
        )
        image = opened.get(page.screenshot_path) if page.screenshot_path else None
        if image is None:
            evidence.note = NO_SCREENSHOT_ZH
            return finding.model_copy(update={"evidence": evidence})
        rect = finding.target.rect
        marked = outline(image, rect) if rect else image.convert("RGB")
        stamped = caption(marked, caption_lines(finding, page, site_name, as_of))
        evidence.screenshot = target.write_bytes(f"evidence/{finding.id}-page.png", png_bytes(stamped))
        evidence.crop = target.write_bytes(
            f"evidence/{finding.id}-crop.png", png_bytes(marked.crop(crop_box(marked, rect)))
        )
        return finding.model_copy(update={"evidence": evidence})

    with ThreadPoolExecutor(max_workers=RUNTIME.evidence_threads) as pool:
        return list(pool.map(build, findings))
