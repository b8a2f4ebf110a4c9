"""Static assets of the demo portal: a stylesheet, a common script and small PNG pictures.

The stylesheet and script are package files (auditor/demo/static/). Pictures are drawn with Pillow on first
use (no binary files in the repository); every asset comes from the same host, so rendering the demo never
reaches out to the network.
"""

from __future__ import annotations

import io
import random
from functools import lru_cache
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=4)
def static_file(name: str) -> bytes:
    return resources.files("auditor.demo").joinpath("static", name).read_bytes()


# name -> (width, height, base colour, caption); "pic*" are the photos of 图片新闻.
_PICTURES: dict[str, tuple[int, int, tuple[int, int, int], str]] = {
    "emblem": (72, 72, (208, 25, 31), ""),
    "banner": (1200, 160, (60, 132, 196), "魅力青溪 · 生态宜居"),
    "zt-lszt": (380, 90, (176, 20, 26), "历史专题"),
    "badge-dzjg": (110, 50, (200, 24, 30), "党政机关"),
    "badge-jiucuo": (110, 50, (29, 95, 168), "我为政府网站找错"),
    **{f"pic{k}": (320, 200, (70 + 20 * k, 120 + 10 * k, 90 + 15 * k), "") for k in range(1, 10)},
}
PICTURE_NAMES = frozenset(_PICTURES)
# Captions are drawn only when a CJK font is installed (Debian's fonts-noto-cjk); without one the pictures
# simply have no caption, which the auditor never reads anyway.
_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
_STAR = ((0, -22), (7, -6), (22, -6), (10, 5), (14, 21), (0, 11), (-14, 21), (-10, 5), (-22, -6), (-7, -6))


def _font(size: int) -> ImageFont.FreeTypeFont | None:
    for path in _CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


@lru_cache(maxsize=32)
def picture_png(name: str) -> bytes:
    """A small PNG drawn for `name` (a key of _PICTURES): a gradient with simple shapes, deterministic."""
    width, height, base, caption = _PICTURES[name]
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient, lighter at the top like sky over water
        shade = tuple(min(255, channel + int(60 * (1 - y / height))) for channel in base)
        draw.line([(0, y), (width, y)], fill=shade)
    rng = random.Random(name)  # noqa: S311 - picture layout, not security
    gold = (245, 195, 66)
    if name == "emblem":
        draw.ellipse([4, 4, width - 4, height - 4], outline=gold, width=4)
        draw.polygon([(width / 2 + dx, height / 2 + dy) for dx, dy in _STAR], fill=gold)
    elif name.startswith("pic") or name == "banner":
        for _ in range(6):  # hills and buildings
            x = rng.randint(0, width)
            w = rng.randint(width // 8, width // 3)
            h = rng.randint(height // 5, height // 2)
            colour = tuple(max(0, channel - rng.randint(20, 60)) for channel in base)
            draw.rectangle([x, height - h, x + w, height], fill=colour)
        draw.rectangle([0, height - height // 8, width, height], fill=(40, 90, 140))  # water
    if caption and (font := _font(max(12, min(height // 3, width // (len(caption) + 1))))):
        draw.text((width / 2, height / 2), caption, font=font, fill=(255, 255, 255), anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
