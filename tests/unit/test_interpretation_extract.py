"""read_interpretation, read_policy, document_title and titles_match on hand-written 政策解读 / 政策文件 markup."""

from __future__ import annotations

import pytest

from auditor.extract.html import parse
from auditor.extract.interpretation import (
    InterpretationReading,
    PolicyReading,
    document_title,
    read_interpretation,
    read_policy,
    titles_match,
)
from auditor.settings import default_indicators

SETTINGS = default_indicators()
URL = "http://www.qingxi.gov.cn/zcjd/2021/art_9.html"
POLICY_URL = "http://www.qingxi.gov.cn/zcwj/2021/art_1.html"
PAGE = """<html><head>{meta}<title>{title}_青溪区人民政府</title></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zcjd/">政策解读</a></li></ul></div>
{body}
<div class="footer">版权所有 青溪区人民政府 网站标识码：3101140038</div>
</body></html>"""


def page(body: str, title: str = "政策解读", meta: str = "") -> str:
    return PAGE.format(body=body, title=title, meta=meta)


def interpretation(body: str, **kwargs: str) -> InterpretationReading:
    return read_interpretation(
        page(body, **kwargs),
        URL,
        link_texts=SETTINGS.value("interpretation_link_texts"),
        strip_words=SETTINGS.value("interpretation_title_strip"),
    )


def policy(html: str) -> PolicyReading:
    return read_policy(html, POLICY_URL, back_link_texts=SETTINGS.value("interpretation_back_link_texts"))


def candidates(reading: InterpretationReading) -> list[tuple[str, str | None, str]]:
    return [(c.text, c.url, c.why) for c in reading.candidates]


# ---------------------------------------------------------------- named titles and 文号


@pytest.mark.parametrize(
    ("heading", "named"),
    [
        ("《青溪区促进就业若干措施》政策解读", "青溪区促进就业若干措施"),
        ("关于《青溪区老旧小区改造实施办法》的解读", "青溪区老旧小区改造实施办法"),
        ("一图读懂《青溪区生态环境保护规划》", "青溪区生态环境保护规划"),
        ("区人社局负责人就《青溪区稳岗补贴办法》答记者问", "青溪区稳岗补贴办法"),
    ],
)
def test_named_title_from_heading(heading, named):
    reading = interpretation(
        f'<div class="article"><h1>{heading}</h1><div class="con"><p>为进一步做好相关工作，'
        "现将有关内容解读如下：一、制定背景；二、主要内容；三、适用范围。</p></div></div>"
    )
    assert reading.heading == heading
    assert reading.named_titles == (named,)
    assert reading.doc_numbers == ()


def test_doc_numbers_from_heading_and_lead():
    reading = interpretation(
        '<div class="article"><h1>沪府规〔2021〕5号文件解读</h1><div class="con"><p>近日，区政府印发了'
        "《青溪区老旧小区改造实施办法》（青府发[2022]3号），现解读如下。</p></div></div>"
    )
    assert reading.doc_numbers == ("沪府规〔2021〕5号", "青府发[2022]3号")
    assert reading.named_titles == ("青溪区老旧小区改造实施办法",)


# ---------------------------------------------------------------- candidate links


def test_original_text_link_in_doc_links_box_is_a_candidate():
    reading = interpretation(
        '<div class="article"><h1>《青溪区促进就业若干措施》政策解读</h1><div class="con">'
        "<p>为贯彻落实稳就业工作要求，现就《青溪区促进就业若干措施》解读如下。文件共十条，涵盖就业补贴、创业扶持等。</p>"
        '<div class="doc-links"><a href="/zcwj/2021/art_1.html">原文链接</a></div></div></div>'
    )
    assert candidates(reading) == [("原文链接", POLICY_URL, "link_text")]
    assert reading.content_selector == "body > div:nth-of-type(2)"
    assert reading.image_only is False


def test_link_named_by_title_is_a_candidate_and_sidebar_interpretation_is_not():
    reading = interpretation(
        '<div class="article"><h1>关于《青溪区老旧小区改造实施办法》的解读</h1><div class="con">'
        "<p>近日，区政府印发了《青溪区老旧小区改造实施办法》，现解读如下。</p>"
        '<p><a href="/zcwj/2022/art_2.html">青溪区老旧小区改造实施办法</a></p>'
        '<div class="related"><h3>相关解读</h3>'
        '<a href="/zcjd/2022/art_3.html">《青溪区老旧小区改造实施办法》政策解读（图文）</a></div></div></div>'
        '<div class="sidebar"><a href="/zcjd/2021/art_4.html">《青溪区养老服务办法》解读</a></div>'
    )
    assert candidates(reading) == [
        ("青溪区老旧小区改造实施办法", "http://www.qingxi.gov.cn/zcwj/2022/art_2.html", "named_title")
    ]
    assert [(o.text, o.why) for o in reading.other_links] == [
        ("《青溪区老旧小区改造实施办法》政策解读（图文）", "content")
    ]


def test_breadcrumb_inside_article_block_is_not_a_candidate():
    reading = interpretation(
        '<div class="content"><div class="crumb">当前位置：<a href="/">首页</a> &gt; '
        '<a href="/zcwj/">政策文件</a> &gt; <a href="/zcjd/">政策解读</a></div>'
        "<h1>《青溪区促进就业若干措施》政策解读</h1><p>现就《青溪区促进就业若干措施》解读如下：一、制定背景。</p>"
        '<p><a href="/zcwj/2021/art_1.html">政策原文</a></p></div>'
    )
    assert candidates(reading) == [("政策原文", POLICY_URL, "link_text")]
    assert reading.other_links == ()


def test_hash_link_is_kept_without_url():
    reading = interpretation(
        '<div class="article"><h1>区人社局负责人就《青溪区稳岗补贴办法》答记者问</h1><div class="con">'
        "<p>问：《青溪区稳岗补贴办法》出台的背景是什么？答：为进一步稳定就业岗位，减轻企业负担。</p>"
        '<p><a href="#">政策原文</a></p></div></div>'
    )
    assert [(c.text, c.href, c.url, c.why) for c in reading.candidates] == [("政策原文", "#", None, "link_text")]


def test_image_only_page_with_caption_link():
    reading = interpretation(
        '<div class="article"><h1>一图读懂《青溪区生态环境保护规划》</h1>'
        '<div class="pic"><img src="/img/2021/1.jpg"><img src="/img/2021/2.jpg"></div>'
        '<p class="caption">相关链接：<a href="/zcwj/2021/art_5.html">政策原文</a></p></div>'
    )
    assert reading.image_only is True
    assert reading.named_titles == ("青溪区生态环境保护规划",)
    assert candidates(reading) == [("政策原文", "http://www.qingxi.gov.cn/zcwj/2021/art_5.html", "link_text")]


def test_image_only_page_caption_link_without_link_words():
    reading = interpretation(
        '<div class="article"><h1>一图读懂</h1><div class="pic"><img src="/img/1.jpg"><img src="/img/2.jpg"></div>'
        '<p class="caption">附：<a href="/zcwj/2021/art_5.html">点击查看</a></p></div>'
    )
    assert reading.image_only is True
    assert candidates(reading) == [("点击查看", "http://www.qingxi.gov.cn/zcwj/2021/art_5.html", "caption")]


# ---------------------------------------------------------------- document_title and titles_match


def test_document_title_prefers_article_title_meta():
    html = page("<h1>页面标题</h1>", meta='<meta name="ArticleTitle" content="青溪区促进就业若干措施">')
    assert document_title(parse(html)) == "青溪区促进就业若干措施"


def test_document_title_falls_back_to_h1_then_title():
    assert document_title(parse(page('<div class="con"><h1>页面标题</h1></div>'))) == "页面标题"
    assert document_title(parse(page('<div class="con"><p>正文</p></div>', title="标题栏"))) == "标题栏"


def test_titles_match_wrapper_notice():
    assert titles_match("青溪区促进就业若干措施", "青溪区人民政府关于印发《青溪区促进就业若干措施》的通知") is True
    assert titles_match("青溪区促进就业若干措施", "青溪区养老服务办法") is False


def test_titles_match_short_name_matches_nothing():
    assert titles_match("意见", "青溪区人民政府关于加快发展的意见") is False
    assert titles_match("意见", "意见") is False


# ---------------------------------------------------------------- read_policy


POLICY = page(
    '<div class="article"><h1>青溪区人民政府关于印发《青溪区促进就业若干措施》的通知</h1>\n'
    '<p class="wh">青府发〔2021〕12号</p><div class="con"><p>各街道、镇人民政府，区政府各委、办、局：……</p>'
    '<p><a href="/zcjd/2021/art_9.html">相关解读</a></p><p><a href="/fj/2021/1.pdf">附件1</a></p></div></div>'
    '<div class="side-box"><h3>相关链接</h3><a href="/zcjd/2021/art_10.html">一图读懂《青溪区促进就业若干措施》</a></div>',
    title="青溪区人民政府关于印发《青溪区促进就业若干措施》的通知",
)


def test_read_policy_back_links_in_content_and_side_box():
    reading = policy(POLICY)
    assert reading.title == "青溪区人民政府关于印发《青溪区促进就业若干措施》的通知"
    # The menu's 政策解读 link counts too (documented: it can only spare a page a finding).
    assert [(b.text, b.url, b.why) for b in reading.back_links] == [
        ("政策解读", "http://www.qingxi.gov.cn/zcjd/", "back_text"),
        ("相关解读", URL, "back_text"),
        ("一图读懂《青溪区促进就业若干措施》", "http://www.qingxi.gov.cn/zcjd/2021/art_10.html", "back_text"),
    ]


def test_read_policy_doc_number_and_other_links():
    reading = policy(POLICY)
    assert reading.doc_number == "青府发〔2021〕12号"
    assert [link.url for link in reading.links] == [
        "http://www.qingxi.gov.cn/",
        "http://www.qingxi.gov.cn/fj/2021/1.pdf",
    ]


def test_read_policy_doc_number_in_minified_markup():
    reading = policy(
        page(
            '<div class="article"><h1>青溪区人民政府关于印发《青溪区促进就业若干措施》的通知</h1>'
            '<p class="wh">青府发〔2021〕12号</p></div>'
        )
    )
    assert reading.doc_number == "青府发〔2021〕12号"
