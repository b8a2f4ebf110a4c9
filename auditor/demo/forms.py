"""The downloadable application forms of the 办事指南 pages: small real .docx, .xlsx, .pdf and .doc files.

Built in memory and deterministic (fixed zip timestamps, fixed PDF dates): .docx/.xlsx are minimal Office Open
XML packages, the .pdf is a drawn page (Pillow), and the .doc is RTF, which Word opens as .doc files are often
served by government sites.
"""

from __future__ import annotations

import io
import time
import zipfile
from functools import lru_cache
from html import escape

from PIL import Image, ImageDraw

from auditor.demo import assets
from auditor.demo.catalog import FORMS

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "doc": "application/msword",
}
_STAMP = (2020, 1, 1, 0, 0, 0)
_ISSUER = "青溪区行政服务中心 制"


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(zipfile.ZipInfo(name, _STAMP), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS = (
    _XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="{target}"/></Relationships>'
)


def _docx(title: str, blanks: tuple[str, ...]) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cell = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>'
    rows = "".join(
        f"<w:tr>{cell.format(w=2800, t=escape(blank))}{cell.format(w=5600, t='')}</w:tr>" for blank in blanks
    )
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    body = (
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="36"/></w:rPr>'
        f"<w:t>{escape(title)}</w:t></w:r></w:p>"
        f'<w:tbl><w:tblPr><w:tblW w:w="8400" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
        f"{rows}</w:tbl>"
        f"<w:p><w:r><w:t>申请人（签章）：　　　　　　　　　日期：　　年　　月　　日</w:t></w:r></w:p>"
        f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{_ISSUER}</w:t></w:r></w:p>'
    )
    return _zip(
        {
            "[Content_Types].xml": _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": _RELS.format(target="word/document.xml"),
            "word/document.xml": _XML + f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>',
        }
    )


def _xlsx(title: str, blanks: tuple[str, ...]) -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'

    rows = [f'<row r="1">{cell("A1", title)}</row>', f'<row r="2">{cell("A2", "填写项目")}{cell("B2", "内容")}</row>']
    rows += [f'<row r="{i}">{cell(f"A{i}", blank)}</row>' for i, blank in enumerate(blanks, 3)]
    sheet = f'<worksheet xmlns="{main}"><sheetData>{"".join(rows)}</sheetData></worksheet>'
    return _zip(
        {
            "[Content_Types].xml": _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
            "_rels/.rels": _RELS.format(target="xl/workbook.xml"),
            "xl/workbook.xml": _XML
            + f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="申请表" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": _XML
            + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": _XML + sheet,
        }
    )


def _pdf(title: str, blanks: tuple[str, ...]) -> bytes:
    page = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    heading, text = assets.cjk_font(48), assets.cjk_font(30)
    draw.text((620, 180), title, font=heading, fill="black", anchor="mm")
    top = 300
    for i, blank in enumerate(blanks):
        y = top + i * 110
        draw.rectangle([120, y, 1120, y + 110], outline="black", width=2)
        draw.line([(460, y), (460, y + 110)], fill="black", width=2)
        draw.text((140, y + 55), blank, font=text, fill="black", anchor="lm")
    draw.text(
        (140, top + len(blanks) * 110 + 80), "申请人（签章）：            日期：    年  月  日", font=text, fill="black"
    )
    draw.text((1120, 1600), _ISSUER, font=text, fill="black", anchor="rm")
    out = io.BytesIO()
    fixed = time.gmtime(1577836800)  # fixed dates keep the file identical on every run
    page.save(out, format="PDF", resolution=150, title=title, creationDate=fixed, modDate=fixed)
    return out.getvalue()


def _rtf_text(text: str) -> str:
    return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?" for ch in text)


def _doc(title: str, blanks: tuple[str, ...]) -> bytes:
    rows = "".join(
        f"\\trowd\\trgaph108\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx2800"
        f"\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx8400"
        f"\\pard\\intbl {_rtf_text(blank)}\\cell \\cell\\row\n"
        for blank in blanks
    )
    rtf = (
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
        f"\\pard\\qc\\b\\fs36 {_rtf_text(title)}\\b0\\fs24\\par\n{rows}"
        f"\\pard {_rtf_text('申请人（签章）：　　　　日期：　　年　　月　　日')}\\par\n"
        f"\\pard\\qr {_rtf_text(_ISSUER)}\\par\n}}"
    )
    return rtf.encode("ascii")


_BUILDERS = {"docx": _docx, "xlsx": _xlsx, "pdf": _pdf, "doc": _doc}


@lru_cache(maxsize=16)
def form_file(name: str) -> tuple[str, bytes] | None:
    """(content type, body) of /portal/files/<name>, or None when the site has no such file (a 404)."""
    if name not in FORMS:
        return None
    ext = name.rsplit(".", 1)[1]
    title, blanks = FORMS[name]
    return CONTENT_TYPES[ext], _BUILDERS[ext](title, blanks)
