"""Evidence images for findings: the page's full screenshot with the offending element outlined, and a crop.

One screenshot per page backs every finding on that page (Lighthouse style); the outline and the crop are
cut from the rect recorded at gather time, so this runs offline, also when a saved bundle is judged again.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from auditor import __version__
from auditor.artifacts import ColumnFacts, PageFacts, Rect, SiteArtifacts
from auditor.bundle.models import Evidence, Finding
from auditor.bundle.store import EvidenceStore

OUTLINE = (220, 20, 20)
CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
CAPTION_FONT_SIZE = 18
CAPTION_LINE = 26
CAPTION_PAD = 12
CAPTION_BACKGROUND = (40, 48, 64)
OUTLINE_WIDTH = 4
CROP_MARGIN = 48
EVIDENCE_THREADS = 2
FALLBACK_CROP_HEIGHT = 900  # no rect: the first screen of the page


@dataclass(frozen=True)
class EvidenceSource:
    screenshot: str | None
    html: str | None
    rect: Rect | None
    page_url: str
    captured_at: datetime | None = None


def evidence_source(facts: ColumnFacts | None, home: PageFacts | None) -> EvidenceSource | None:
    """Which saved page proves a column finding: its list page, or its home-page block when the list failed."""
    if facts is None:
        return None
    page = facts.page
    list_failed = page is None or page.kind == "error"
    if list_failed and facts.home_items and home is not None and home.screenshot_path:
        return EvidenceSource(home.screenshot_path, home.html_path, facts.home_block_rect, home.url, home.captured_at)
    if page is not None and page.screenshot_path:
        return EvidenceSource(
            page.screenshot_path, page.html_path, page.list_rect, page.final_url or page.url, page.captured_at
        )
    if page is not None and page.html_path:
        return EvidenceSource(None, page.html_path, None, page.url)
    return None


def outline(image: Image.Image, rect: Rect) -> Image.Image:
    marked = image.convert("RGB")
    draw = ImageDraw.Draw(marked)
    left, top = max(0, rect.x - 6), max(0, rect.y - 6)
    right = min(marked.width - 1, rect.x + rect.width + 6)
    bottom = min(marked.height - 1, rect.y + rect.height + 6)
    if right > left and bottom > top:
        draw.rectangle((left, top, right, bottom), outline=OUTLINE, width=OUTLINE_WIDTH)
    return marked


def crop_box(image: Image.Image, rect: Rect | None) -> tuple[int, int, int, int]:
    if rect is None:
        return (0, 0, image.width, min(image.height, FALLBACK_CROP_HEIGHT))
    left = max(0, int(rect.x) - CROP_MARGIN)
    top = max(0, int(rect.y) - CROP_MARGIN)
    right = min(image.width, int(rect.x + rect.width) + CROP_MARGIN)
    bottom = min(image.height, int(rect.y + rect.height) + CROP_MARGIN)
    if right <= left or bottom <= top:
        return (0, 0, image.width, min(image.height, FALLBACK_CROP_HEIGHT))
    return (left, top, right, bottom)


@lru_cache(maxsize=1)
def _caption_font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in CJK_FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, CAPTION_FONT_SIZE)
    return ImageFont.load_default()


def caption(image: Image.Image, lines: list[str]) -> Image.Image:
    """The page with a band below it saying what it shows, where from and when: evidence must say so itself."""
    font = _caption_font()
    cjk = isinstance(font, ImageFont.FreeTypeFont)
    # Without a CJK font the band keeps only what Latin glyphs can show (URL, times, codes), never boxes.
    shown = lines if cjk else [line.encode("ascii", "ignore").decode() for line in lines]
    band = CAPTION_LINE * len(shown) + 2 * CAPTION_PAD
    framed = Image.new("RGB", (image.width, image.height + band), CAPTION_BACKGROUND)
    framed.paste(image.convert("RGB"), (0, 0))
    draw = ImageDraw.Draw(framed)
    for index, line in enumerate(shown):
        draw.text((CAPTION_PAD, image.height + CAPTION_PAD + index * CAPTION_LINE), line, font=font, fill="white")
    return framed


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # Level 2 keeps PNG lossless at a third of the default's encoding time; evidence size barely grows.
    image.save(buffer, format="PNG", compress_level=2)
    return buffer.getvalue()


def caption_lines(finding: Finding, source: EvidenceSource, site_name: str, as_of: date) -> list[str]:
    captured = f"{source.captured_at:%Y-%m-%d %H:%M:%S%z}" if source.captured_at else "unknown"
    return [
        f"{site_name} | {finding.target.column or ''} | {finding.code} ({finding.severity}) | {finding.id}",
        f"URL: {source.page_url}",
        f"截图时间 captured {captured} | 监测时间点 T = {as_of.isoformat()} | auditor {__version__}",
    ]


def attach_evidence(
    findings: list[Finding], artifacts: SiteArtifacts, store: EvidenceStore, *, site_name: str = ""
) -> list[Finding]:
    """Write an outlined screenshot and a crop per finding; return findings with their evidence paths.

    PNG encoding dominates; findings are encoded on two threads (zlib releases the GIL), after every source
    screenshot has been decoded once on this thread.
    """
    by_url = {facts.url: facts for facts in artifacts.columns}
    sources = {f.id: evidence_source(by_url.get(f.target.url), artifacts.home) for f in findings}
    opened: dict[str, Image.Image] = {}
    for source in sources.values():
        if source is not None and source.screenshot is not None and source.screenshot not in opened:
            opened[source.screenshot] = Image.open(io.BytesIO(store.read_bytes(source.screenshot)))
            opened[source.screenshot].load()

    def build(finding: Finding) -> Finding:
        source = sources[finding.id]
        if source is None:
            return finding
        evidence = Evidence(html=source.html, page_url=source.page_url)
        if source.screenshot is not None:
            image = opened[source.screenshot]
            marked = outline(image, source.rect) if source.rect else image.convert("RGB")
            stamped = caption(marked, caption_lines(finding, source, site_name, artifacts.as_of))
            evidence.screenshot = store.write_bytes(f"evidence/{finding.id}-page.png", _png(stamped))
            evidence.crop = store.write_bytes(
                f"evidence/{finding.id}-crop.png", _png(marked.crop(crop_box(marked, source.rect)))
            )
        target = finding.target.model_copy(update={"rect": source.rect})
        return finding.model_copy(update={"evidence": evidence, "target": target})

    with ThreadPoolExecutor(max_workers=EVIDENCE_THREADS) as pool:
        return list(pool.map(build, findings))
