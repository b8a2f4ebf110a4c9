"""Evidence images: outline an element on a full-page screenshot, crop around it, caption the result.

Pure image work over bytes and rects (Pillow); which page and which element is attach.py's business.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from auditor.model.artifacts import Rect
from auditor.settings.runtime import RUNTIME

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
CROP_MARGIN = RUNTIME.crop_margin_px
FALLBACK_CROP_HEIGHT = RUNTIME.fallback_crop_height_px  # no rect: the first screen of the page


def outline(image: Image.Image, rect: Rect) -> Image.Image:
    marked = image.convert("RGB")
    draw = ImageDraw.Draw(marked)
    left, top = max(0, rect.x - 6), max(0, rect.y - 6)
    right = min(marked.width - 1, rect.x + rect.width + 6)
    bottom = min(marked.height - 1, rect.y + rect.height + 6)
    if right > left and bottom > top:
        draw.rectangle((left, top, right, bottom), outline=OUTLINE, width=OUTLINE_WIDTH)
    return marked


CROP_MIN_WIDTH = 720
CROP_MIN_HEIGHT = 320


def crop_box(image: Image.Image, rect: Rect | None) -> tuple[int, int, int, int]:
    if rect is None:
        return (0, 0, image.width, min(image.height, FALLBACK_CROP_HEIGHT))
    # A small element (one link, one table row) is shown with its surroundings: a reader of the notice must see
    # where on the page it sits, so the crop is at least CROP_MIN_WIDTH x CROP_MIN_HEIGHT around it.
    pad_x = max(CROP_MARGIN, (CROP_MIN_WIDTH - int(rect.width)) // 2)
    pad_y = max(CROP_MARGIN, (CROP_MIN_HEIGHT - int(rect.height)) // 2)
    left = max(0, int(rect.x) - pad_x)
    top = max(0, int(rect.y) - pad_y)
    right = min(image.width, int(rect.x + rect.width) + pad_x)
    bottom = min(image.height, int(rect.y + rect.height) + pad_y)
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


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # Level 2 keeps PNG lossless at a third of the default's encoding time; evidence size barely grows.
    image.save(buffer, format="PNG", compress_level=2)
    return buffer.getvalue()
