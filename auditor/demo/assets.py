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
    # 青溪区市场监督管理局 (department.py), 信用青溪 (credit.py) and the outside hosts (external.py).
    "scjgj-logo": (420, 80, (18, 84, 160), "青溪区市场监督管理局"),
    "scjgj-banner": (980, 120, (30, 110, 190), "守护舌尖安全 服务市场主体"),
    "ga-badge": (20, 20, (60, 90, 160), ""),
    "credit-logo": (360, 80, (196, 38, 38), "信用青溪"),
    "credit-banner": (1200, 200, (200, 60, 40), "诚信青溪 信用为本"),
    "tile-sgs": (360, 160, (210, 80, 40), "双公示"),
    "tile-xydt": (360, 160, (40, 120, 190), "信用动态"),
    "tile-xycn": (360, 160, (40, 150, 110), "信用承诺"),
    # 青溪区教育局 (education.py).
    "jyj-logo": (460, 80, (22, 128, 96), "青溪区教育局"),
    "jyj-banner": (1200, 180, (40, 150, 120), "立德树人 办人民满意的教育"),
    "conac-red": (110, 50, (200, 24, 30), "党政机关"),
    "conac-blue": (110, 50, (29, 95, 168), "党政机关"),
    "outside": (88, 31, (120, 120, 120), ""),
}
# The 一图读懂 infographics of 政策解读 case g: tall pictures with headings, figures and text (see _infographic).
_INFOGRAPHICS = ("ytdd-1", "ytdd-2")
PICTURE_NAMES = frozenset(_PICTURES) | frozenset(_INFOGRAPHICS)
# Captions are drawn only when a CJK font is installed (Debian's fonts-noto-cjk); without one the pictures
# simply have no caption, which the auditor never reads anyway.
_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
_STAR = ((0, -22), (7, -6), (22, -6), (10, 5), (14, 21), (0, 11), (-14, 21), (-10, 5), (-22, -6), (-7, -6))


def _font(size: int, *, regular: bool = False) -> ImageFont.FreeTypeFont | None:
    paths = (_CJK_FONTS[2], *_CJK_FONTS[:2]) if regular else _CJK_FONTS
    for path in paths:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


def cjk_font(size: int, *, regular: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A CJK font of `size` px, or Pillow's default font when none is installed (Chinese then shows as boxes)."""
    return _font(size, regular=regular) or ImageFont.load_default(size)


@lru_cache(maxsize=32)
def picture_png(name: str) -> bytes:
    """A small PNG drawn for `name` (one of PICTURE_NAMES): a gradient with simple shapes, deterministic."""
    if name in _INFOGRAPHICS:
        return _infographic(name)
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


_RED, _DEEP_RED, _GOLD, _INK, _CREAM = (200, 22, 29), (150, 12, 18), (250, 204, 90), (60, 60, 60), (253, 246, 236)
# (heading, figures [(number, caption)], lines) per section of each infographic.
_YTDD_TITLE = "青溪区农村人居环境整治提升三年行动方案"
_YTDD: dict[str, tuple[tuple[str, tuple[tuple[str, str], ...], tuple[str, ...]], ...]] = {
    "ytdd-1": (
        (
            "总体目标",
            (("100%", "生活垃圾分类达标村"), ("90%以上", "农村生活污水处理率"), ("1座以上", "每村三类以上公厕")),
            (
                "持续改善农村人居环境，建设宜居宜业和美乡村。",
                "实施范围：本区6个镇所辖行政村。",
            ),
        ),
        (
            "主要任务",
            (),
            (
                "① 推进农村生活垃圾分类，健全收运处置体系；",
                "② 提升农村生活污水治理水平，加强设施运维；",
                "③ 推进农村公共厕所提档升级；",
                "④ 深入开展村庄清洁行动，每年集中整治不少于4次。",
            ),
        ),
    ),
    "ytdd-2": (
        (
            "保障措施",
            (),
            (
                "加强组织领导：区农业农村委牵头建立工作推进机制，",
                "各镇、街道和区有关部门明确责任分工。",
                "强化督促检查：工作推进情况纳入年度绩效考核，",
                "定期通报进展情况。",
            ),
        ),
        (
            "群众参与",
            (("4次/年", "村庄集中清洁"), ("6个镇", "全域覆盖")),
            (
                "发挥村民主体作用，引导村民自觉维护村庄环境，",
                "共建共享美丽家园。",
            ),
        ),
    ),
}


def _infographic(name: str) -> bytes:
    width, height = 750, 1080 if name == "ytdd-1" else 900
    image = Image.new("RGB", (width, height), _CREAM)
    draw = ImageDraw.Draw(image)
    band = 250 if name == "ytdd-1" else 130
    for y in range(band):  # red title band, darker towards the bottom
        shade = tuple(int(a + (b - a) * y / band) for a, b in zip(_RED, _DEEP_RED, strict=True))
        draw.line([(0, y), (width, y)], fill=shade)
    big, title, head, figure, text, small = (
        cjk_font(s, regular=r) for s, r in ((84, False), (30, False), (30, False), (40, False), (24, True), (20, True))
    )
    if name == "ytdd-1":
        draw.text((width / 2, 95), "一图读懂", font=big, fill=(255, 255, 255), anchor="mm")
        draw.text((width / 2, 190), f"《{_YTDD_TITLE}》", font=title, fill=_GOLD, anchor="mm")
    else:
        draw.text((width / 2, 65), f"《{_YTDD_TITLE}》（二）", font=title, fill=_GOLD, anchor="mm")
    y = band + 40
    for number, (heading, figures, lines) in enumerate(_YTDD[name], 1 if name == "ytdd-1" else 3):
        label = f"{'一二三四'[number - 1]}、{heading}"
        draw.rounded_rectangle([40, y, 300, y + 56], radius=28, fill=_RED)
        draw.text((170, y + 28), label, font=head, fill=(255, 255, 255), anchor="mm")
        draw.line([(300, y + 28), (width - 40, y + 28)], fill=_RED, width=3)
        y += 86
        if figures:
            card_w = (width - 80 - 20 * (len(figures) - 1)) // len(figures)
            for i, (value, caption) in enumerate(figures):
                x = 40 + i * (card_w + 20)
                draw.rounded_rectangle(
                    [x, y, x + card_w, y + 150], radius=14, fill=(255, 255, 255), outline=_GOLD, width=3
                )
                draw.text((x + card_w / 2, y + 58), value, font=figure, fill=_RED, anchor="mm")
                draw.text((x + card_w / 2, y + 112), caption, font=small, fill=_INK, anchor="mm")
            y += 180
        for line in lines:
            draw.text((60, y), line, font=text, fill=_INK)
            y += 44
        y += 40
    draw.rectangle([0, height - 70, width, height], fill=_DEEP_RED)
    draw.text(
        (width / 2, height - 35),
        "青溪区农业农村委员会　青溪区人民政府办公室",
        font=small,
        fill=(255, 255, 255),
        anchor="mm",
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
