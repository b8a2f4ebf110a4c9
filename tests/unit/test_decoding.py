"""decode_html / decide_charset: BOM, then the header's charset, then a <meta> in the head, then a trial."""

from __future__ import annotations

import codecs

import pytest

from auditor.extract.html import WEB_CODECS, decide_charset, decode_html

TEXT = "青溪区人民政府 工作动态 2021年3月15日"
# What CMS templates put before the <meta>: enough to push it past byte 2748, well beyond a browser prescan.
LONG_HEAD = "<script>var config = {};</script>\n" * 90 + '<link rel="stylesheet" href="/css/main.css">\n'


def page(meta: str = "", head: str = "", text: str = TEXT) -> str:
    return f"<html><head>{head}{meta}<title>t</title></head><body><p>{text}</p></body></html>"


def test_utf16le_bom_beats_a_gb2312_meta():
    body = codecs.BOM_UTF16_LE + page('<meta charset="gb2312">').encode("utf-16-le")
    assert decide_charset(body, None) == ("utf-16-le", "bom")
    text = decode_html(body)
    assert text.startswith("<html>")  # the BOM itself is not text
    assert TEXT in text


def test_utf16be_bom():
    body = codecs.BOM_UTF16_BE + page().encode("utf-16-be")
    assert decide_charset(body, "text/html; charset=gbk") == ("utf-16-be", "bom")
    assert TEXT in decode_html(body, "text/html; charset=gbk")


def test_utf8_bom_beats_header_and_meta():
    body = codecs.BOM_UTF8 + page('<meta charset="gbk">').encode()
    assert decide_charset(body, "text/html; charset=GB2312") == ("utf-8", "bom")
    text = decode_html(body, "text/html; charset=GB2312")
    assert text.startswith("<html>")
    assert TEXT in text


def test_meta_after_byte_2748_is_found():
    # Big5, which a GB18030 fallback would turn into nonsense: only the late <meta> gets this right.
    traditional = "政府資訊公開 最新消息"
    body = page('<meta http-equiv="Content-Type" content="text/html; charset=big5">', LONG_HEAD, traditional)
    encoded = body.encode("big5")
    assert encoded.index(b"charset=big5") > 2748
    assert decide_charset(encoded, "text/html") == ("big5hkscs", "meta")
    assert traditional in decode_html(encoded, "text/html")


def test_late_gb2312_meta_decodes_as_gb18030():
    encoded = page("<meta charset=gb2312>", LONG_HEAD, TEXT + " 䶮").encode("gb18030")  # 䶮 is outside GB2312
    assert encoded.index(b"charset=gb2312") > 2748
    assert decide_charset(encoded, None) == ("gb18030", "meta")
    assert TEXT + " 䶮" in decode_html(encoded)


def test_meta_after_the_head_or_in_a_comment_is_not_a_declaration():
    after_head = f"<html><head><title>t</title></head><body><meta charset=big5><p>{TEXT}</p></body></html>"
    assert decide_charset(after_head.encode(), None) == ("utf-8", "utf-8 trial")
    commented = page("<!-- <meta charset=big5> -->").encode()
    assert decide_charset(commented, None) == ("utf-8", "utf-8 trial")


def test_header_beats_meta():
    body = page('<meta charset="utf-8">').encode("gbk")
    assert decide_charset(body, "text/html; charset=GBK") == ("gb18030", "header")
    assert TEXT in decode_html(body, "text/html; charset=GBK")


def test_gbk_without_any_declaration_falls_back_to_gb18030():
    body = page().encode("gbk")
    assert decide_charset(body, "text/html") == ("gb18030", "gb18030 fallback")
    assert decide_charset(body, None) == ("gb18030", "gb18030 fallback")
    assert TEXT in decode_html(body)


def test_undeclared_utf8_passes_the_trial():
    assert decide_charset(page().encode(), None) == ("utf-8", "utf-8 trial")
    assert TEXT in decode_html(page().encode())


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=utf8", "text/html; charset=UTF8", "text/html;charset='utf_8'", 'text/html; charset = "UTF-8"'],
)
def test_utf8_label_variants_in_the_header(content_type):
    assert decide_charset(page().encode(), content_type) == ("utf-8", "header")


@pytest.mark.parametrize(
    ("meta", "codec"),
    [
        ("<meta charset=utf8>", "utf-8"),
        ("<META CHARSET='GBK'>", "gb18030"),
        ('<meta http-equiv="content-type" content="text/html;charset=x-gbk">', "gb18030"),
        ("<meta charset=cp936>", "gb18030"),
        ("<meta charset=iso-8859-1>", "cp1252"),  # browsers read latin-1 as windows-1252
        ("<meta charset=utf-16>", "utf-8"),  # a <meta> readable as ASCII: not UTF-16, whatever it says
    ],
)
def test_meta_label_aliases(meta, codec):
    assert decide_charset(page(meta).encode(), None) == (codec, "meta")


@pytest.mark.parametrize("label", ["foobar", "x-junk-1", "rot13", "unicode_escape", "utf-7", "hex", "utf-32"])
def test_garbage_labels_fall_through(label):
    gbk = page().encode("gbk")
    # A garbage header label falls through to the <meta> ...
    assert decide_charset(page("<meta charset=gbk>").encode("gbk"), f"text/html; charset={label}") == (
        "gb18030",
        "meta",
    )
    # ... and a garbage <meta> label to the trial.
    assert decide_charset(page(f"<meta charset={label}>").encode(), None) == ("utf-8", "utf-8 trial")
    assert decide_charset(gbk, f"text/html; charset={label}") == ("gb18030", "gb18030 fallback")
    assert TEXT in decode_html(gbk, f"text/html; charset={label}")


def test_first_known_meta_label_wins():
    body = page("<meta charset=nonsense><meta http-equiv=Content-Type content='text/html; charset=gbk'>")
    assert decide_charset(body.encode("gbk"), None) == ("gb18030", "meta")


def test_empty_body():
    assert decode_html(b"") == ""
    assert decode_html(b"", "text/html; charset=gbk") == ""
    assert decide_charset(b"", None) == ("utf-8", "utf-8 trial")
    assert decide_charset(b"", "text/html; charset=gbk") == ("gb18030", "header")


def test_bytes_the_decided_charset_cannot_map_are_replaced_not_redecided():
    body = page().encode() + b"\xff\xfe\xfa"
    assert decide_charset(body, "text/html; charset=utf-8") == ("utf-8", "header")
    text = decode_html(body, "text/html; charset=utf-8")
    assert TEXT in text
    assert "\ufffd" in text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [  # the cases decode_html handled before this rewrite
        ('<meta charset="gbk"><p>青溪区工作动态</p>'.encode("gbk"), None),
        ("<p>青溪区工作动态</p>".encode("gb18030"), "text/html; charset=GB2312"),
        ("<p>青溪区工作动态</p>".encode("gbk"), None),
        ("<p>青溪区工作动态</p>".encode(), "text/html; charset=utf-8"),
    ],
)
def test_earlier_cases_still_decode(body, content_type):
    assert "青溪区工作动态" in decode_html(body, content_type)


def test_web_codec_table_is_keyed_by_canonical_names_of_text_codecs():
    for label, codec in WEB_CODECS.items():
        assert codecs.lookup(label).name == label  # else no lookup could ever land on the entry
        assert "abc".encode(codec).decode(codec) == "abc"
