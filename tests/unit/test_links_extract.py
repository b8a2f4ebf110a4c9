"""The links and images a page holds, as link_broken checks them (auditor/extract/links.py): pure, no network."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from auditor.extract.html import parse
from auditor.extract.links import page_links, resolve_link, wire_url

PAGE = "http://qx.example/portal/xxgk/index.html"


def links(body: str, page: str = PAGE, head: str = "") -> dict[str, tuple[str, str, bool]]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return {link.url: (link.text, link.tag, link.lazy) for link in page_links(html, page)}


def test_relative_links_resolve_against_the_page():
    found = links(
        '<a href="tzgg/1.html">通知</a><a href="../ldxx/">领导</a><a href="/jg/">机构</a>'
        '<img src="//cdn.example/a.png" alt="图"><a href="https://gov.example/x?id=3">外站</a>'
    )
    assert list(found) == [
        "http://qx.example/portal/xxgk/tzgg/1.html",
        "http://qx.example/portal/ldxx/",
        "http://qx.example/jg/",
        "http://cdn.example/a.png",
        "https://gov.example/x?id=3",
    ]


def test_base_href_is_honoured_and_itself_resolved():
    assert list(links('<a href="a.html">A</a>', head='<base href="http://other.example/dir/">')) == [
        "http://other.example/dir/a.html"
    ]
    assert list(links('<a href="a.html">A</a>', head='<base target="_blank"><base href="/sub/">')) == [
        "http://qx.example/sub/a.html"
    ]


def test_hrefs_nothing_answers_are_skipped():
    found = links(
        '<a href="javascript:void(0)">js</a><a href="JavaScript:go()">JS</a><a href="mailto:a@b.cn">mail</a>'
        '<a href="tel:12345">tel</a><a href="#top">top</a><a href="#">#</a><img src="data:image/png;base64,AAAA">'
        '<iframe src="about:blank"></iframe><a href="ftp://x.example/f">ftp</a><a href="">empty</a>'
        '<a href="   ">blank</a><a>no href</a><a href="http://x.example:port/">bad port</a>'
        '<template><a href="/hidden.html">模板</a></template>'
        '<link rel="stylesheet" href="/s.css"><script src="/a.js"></script>'
        '<a href="ok.html">正常</a>'
    )
    assert list(found) == ["http://qx.example/portal/xxgk/ok.html"]


def test_fragment_dropped_and_each_url_listed_once_with_the_first_text():
    found = page_links(
        '<a href="p.html#a"><img src="i.png"></a><a href="p.html">第二</a><a href="p.html#b">第三</a>'
        '<a href="q.html">先</a><a href="q.html">后</a>',
        PAGE,
    )
    by_url = {link.url: link for link in found}
    assert list(by_url) == [
        "http://qx.example/portal/xxgk/p.html",
        "http://qx.example/portal/xxgk/i.png",
        "http://qx.example/portal/xxgk/q.html",
    ]
    # the first <a> has no text (an image without alt): the next one linking the page gives text and selector
    assert by_url["http://qx.example/portal/xxgk/p.html"].text == "第二"
    assert by_url["http://qx.example/portal/xxgk/p.html"].href == "p.html"
    assert by_url["http://qx.example/portal/xxgk/q.html"].text == "先"


def test_image_text_is_its_alt_or_title_and_an_image_link_takes_the_image_alt():
    found = links(
        '<img src="a.png" alt="  青溪  风光 "><img src="b.png" title="标题"><a href="c.html"><img src="c.png" alt="图片链接"></a>'
        '<map><area href="d.html" alt="热区"></map><iframe src="/e.html" title="内嵌"></iframe>'
    )
    assert found == {
        "http://qx.example/portal/xxgk/a.png": ("青溪 风光", "img", False),
        "http://qx.example/portal/xxgk/b.png": ("标题", "img", False),
        "http://qx.example/portal/xxgk/c.html": ("图片链接", "a", False),
        "http://qx.example/portal/xxgk/c.png": ("图片链接", "img", False),
        "http://qx.example/portal/xxgk/d.html": ("热区", "area", False),
        "http://qx.example/e.html": ("内嵌", "iframe", False),
    }


def test_lazy_images_are_checked_at_their_data_src_only_when_src_is_a_placeholder():
    found = links(
        '<img src="data:image/gif;base64,R0lGOD" data-src="/lazy/1.jpg" alt="懒">'
        '<img data-original="/lazy/2.jpg" alt="无src">'
        '<img src="/real.jpg" data-src="/big.jpg" alt="有src">'
    )
    assert found == {
        "http://qx.example/lazy/1.jpg": ("懒", "img", True),
        "http://qx.example/lazy/2.jpg": ("无src", "img", True),
        "http://qx.example/real.jpg": ("有src", "img", False),
    }


def test_long_text_is_shortened():
    (link,) = page_links(f'<a href="/a.html">{"很长的标题" * 40}</a>', PAGE)
    assert len(link.text) == 80
    assert link.text.endswith("…")


def test_selector_finds_the_element_again():
    html = (
        '<html><body><div id="main"><ul><li><a href="/x.html">一</a></li><li><a href="/y.html">二</a></li></ul>'
        '</div><div><p><img src="/z.png" alt="三"></p></div></body></html>'
    )
    doc = parse(html)
    for link in page_links(html, PAGE):
        (element,) = CSSSelector(link.selector)(doc)
        assert (element.get("href") or element.get("src")) == link.href


def test_resolve_link():
    assert resolve_link(" /a b.html ", PAGE) == "http://qx.example/a b.html"
    assert resolve_link("HTTP://QX.example/A.html#x", PAGE) == "http://QX.example/A.html"
    assert resolve_link(None, PAGE) is None
    assert resolve_link("about:blank", PAGE) is None


def test_wire_url_is_what_a_browser_sends():
    assert wire_url("http://qx.example/附件/关于 通知.pdf?name=文件&x=%E4%B8%AD") == (
        "http://qx.example/%E9%99%84%E4%BB%B6/%E5%85%B3%E4%BA%8E%20%E9%80%9A%E7%9F%A5.pdf"
        "?name=%E6%96%87%E4%BB%B6&x=%E4%B8%AD"
    )
    assert wire_url("http://政府.cn:8080/a.html") == "http://xn--mxtq1m.cn:8080/a.html"
    assert wire_url("http://[::1]:8000/a.html?b=c") == "http://[::1]:8000/a.html?b=c"
