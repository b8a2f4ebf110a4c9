"""The footer reader on realistic markup: every ICP/PSB form seen on real sites, badges by host, and negatives."""

from __future__ import annotations

import pytest

from auditor.extract.footer import footer_region, lacking, read_footer

URL = "http://www.qx.gov.cn/"


def page(footer: str, *, body: str = "", head: str = "", footer_tag: str = '<div class="footer">') -> str:
    close = "</footer>" if footer_tag.startswith("<footer") else "</div>"
    return (
        f"<html><head><title>XX区人民政府</title>{head}</head><body>"
        '<div class="header"><a href="/">首页</a><a href="/xwzx/">新闻中心</a><a href="/zwgk/">政务公开</a></div>'
        '<div class="main"><div class="list"><ul>'
        + "".join(
            f'<li><a href="/xwzx/{n}.html">区政府召开第{n}次常务会议</a><span>2021-03-1{n}</span></li>'
            for n in range(5)
        )
        + f"</ul></div>{body}</div>"
        f"{footer_tag}{footer}{close}</body></html>"
    )


def values(html: str, kind: str, **kw) -> list[str | None]:
    facts = read_footer(html, URL, page_id="home", **kw)
    return [i.value for i in facts.identifiers if i.kind == kind and i.source != "meta"]


@pytest.mark.parametrize(
    ("shown", "value"),
    [
        ("京ICP备19014889号", "京ICP备19014889号"),
        ("冀ICP备13016076号-2", "冀ICP备13016076号-2"),
        ("鄂ICP备05009168", "鄂ICP备05009168号"),  # without 号
        ("蜀ICP备：19007388号", "蜀ICP备19007388号"),  # 蜀 for 川, a colon after 备
        ("ICP备案号：粤ICP备17092345号", "粤ICP备17092345号"),
        ("沪ICP备 2021000000号 - 1", "沪ICP备2021000000号-1"),
        ("京ICP备１９０１４８８９号", "京ICP备19014889号"),  # full-width digits
    ],
)
def test_icp_forms_seen_on_real_footers(shown, value):
    html = page(f'<p>主办：XX区人民政府办公室</p><p><a href="https://beian.miit.gov.cn/">{shown}</a></p>')
    assert values(html, "icp") == [value]


@pytest.mark.parametrize(
    ("shown", "value"),
    [
        ("京公网安备11010202008000号", "京公网安备11010202008000号"),
        ("川公网安备 51010402000507号", "川公网安备51010402000507号"),
        ("沪公网安备31011402000123", "沪公网安备31011402000123号"),  # without 号
    ],
)
def test_psb_forms_with_or_without_hao(shown, value):
    html = page(f'<p><img src="/images/ga.png" alt="">{shown}</p>')
    assert values(html, "psb") == [value]


def test_psb_read_from_the_beian_link_when_only_the_badge_shows():
    html = page(
        '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31011402000123">'
        '<img src="/images/ga.png"></a>'
    )
    assert values(html, "psb") == ["31011402000123"]


def test_site_code_forms_text_title_and_bm():
    assert values(page("<p>网站标识码：3101140038</p>"), "site_code") == ["3101140038"]
    assert values(page("<p>网站标识码 bm01000001</p>"), "site_code") == ["bm01000001"]
    titled = read_footer(page('<img src="/bsm.png" title="网站标识码：1101070001">'), URL, page_id="home")
    (code,) = [i for i in titled.identifiers if i.kind == "site_code"]
    assert (code.value, code.source) == ("1101070001", "title")


def test_site_code_negatives_nine_digits_eleven_digits_and_a_phone_number():
    assert values(page("<p>网站标识码：310114003</p>"), "site_code") == []  # 9 digits
    assert values(page("<p>网站标识码：31011400381</p>"), "site_code") == []  # 11 digits
    assert values(page("<p>联系电话：13812345678 传真：021-59990001</p>"), "site_code") == []


def test_the_configured_code_shown_without_its_label_is_read():
    html = page('<p><img src="/bsm.png"> 3101140038</p>')
    assert values(html, "site_code") == []
    assert values(html, "site_code", known_code="3101140038") == ["3101140038"]


def test_icp_text_in_the_article_body_is_not_the_footer():
    body = '<div class="article"><p>我局网站备案号为京ICP备19014889号,京公网安备11010202008000号。</p></div>'
    html = page("<p>主办单位：XX区人民政府</p>", body=body)
    assert values(html, "icp") == []
    assert values(html, "psb") == []


def test_badge_by_script_only_in_the_rendered_dom():
    script = '<span id="_ideConac"></span><script src="https://dcs.conac.cn/js/33/000/0000/60429971/CA33.js"></script>'
    static = read_footer(page(script), URL, page_id="home", rendered=False)
    assert "party_label" in lacking(static)
    assert "party_label" in static.doubts
    written = (
        '<span id="_ideConac"><a href="https://bszs.conac.cn/sitename?method=show&id=0B4A" target="_blank">'
        '<img src="https://dcs.conac.cn/image/red.png" title="党政机关"></a></span>'
        '<script src="https://dcs.conac.cn/js/33/000/0000/60429971/CA33.js"></script>'
    )
    rendered = read_footer(page(written), URL, page_id="home", rendered=True)
    assert "party_label" not in lacking(rendered)
    assert rendered.doubts == {}


def test_badges_are_known_by_host_not_by_file_name():
    by_name = page('<a href="/about/"><img src="/images/dzjg_red.png" alt="党政机关"></a>')
    assert values(by_name, "party_label") == []
    by_link = page('<a href="http://bszs.conac.cn/sitename?method=show&id=1"><img src="/images/x.png"></a>')
    assert values(by_link, "party_label") == [None]
    by_image = page('<img src="https://dcs.conac.cn/image/blue.png">')
    assert values(by_image, "party_label") == [None]


def test_error_report_entry_and_its_site_code():
    html = page(
        '<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3101140038&url=http%3A%2F%2Fwww.qx.gov.cn">'
        '<img src="/images/jiucuo.png"></a>'
    )
    assert values(html, "error_report") == ["3101140038"]
    scripted = page(
        "<script id=\"_jiucuo_\" sitecode='3101140038' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>"
    )
    facts = read_footer(scripted, URL, page_id="home", rendered=True)
    assert "error_report" in lacking(facts)
    assert "3101140038" in facts.doubts["error_report"]


def test_a_badge_in_the_header_is_found_but_not_in_the_footer():
    html = page("<p>主办单位</p>").replace(
        '<div class="header">',
        '<div class="header"><a href="http://bszs.conac.cn/sitename?id=1"><img src="/r.png"></a>',
    )
    facts = read_footer(html, URL, page_id="home")
    (badge,) = [i for i in facts.identifiers if i.kind == "party_label"]
    assert badge.in_footer is False
    assert "party_label" in lacking(facts)


def test_a_split_footer_is_read_whole_and_outlined_where_the_identifiers_are():
    html = page(
        '<div class="foot-links"><a href="/wzdt/">网站地图</a><a href="/lxwm/">联系我们</a></div>',
        footer_tag='<div class="bottom-nav"><a href="/a/">关于我们</a></div><div class="foot">',
    ).replace("</div></body>", '</div><div class="copyright">网站标识码：3101140038 京ICP备19014889号</div></body>')
    facts = read_footer(html, URL, page_id="home")
    assert facts.located.startswith("class/id: bottom-nav")
    assert {i.kind for i in facts.identifiers} == {"site_code", "icp"}
    assert facts.node is not None
    assert facts.node.selector == "body > div:nth-of-type(5)"


def test_a_post_footer_inside_an_article_is_not_the_page_footer():
    body = "<article><p>正文</p><footer>京ICP备19014889号</footer></article>"
    html = page("<p>主办单位：XX区人民政府</p>", body=body)
    assert values(html, "icp") == []


def test_without_a_footer_element_the_last_quarter_of_the_dom_is_read():
    rows = "".join(f"<p>第{n}段正文内容</p>" for n in range(30))
    html = f"<html><body><div>{rows}</div><div><p>沪ICP备12345678号 网站标识码：3101140038</p></div></body></html>"
    facts = read_footer(html, URL, page_id="p1")
    assert facts.located == "tail 25%"
    assert {i.kind for i in facts.identifiers} == {"icp", "site_code"}


def test_the_meta_site_id_code_is_recorded_but_never_counts_as_shown():
    html = page("<p>主办单位</p>", head='<meta name="SiteIDCode" content="3101140038">')
    facts = read_footer(html, URL, page_id="home")
    assert [(i.value, i.source) for i in facts.identifiers] == [("3101140038", "meta")]
    assert "site_code" in lacking(facts)


def test_an_iframe_footer_is_a_doubt_and_static_scripts_too():
    framed = read_footer(page('<iframe src="/foot.html"></iframe>'), URL, page_id="p")
    assert "iframe" in framed.doubts["*"]
    static = read_footer(
        page('<div id="ft"></div><script src="/js/foot.js"></script>'), URL, page_id="p", rendered=False
    )
    assert "*" in static.doubts
    assert footer_region(page("<p>x</p>"))[0].get("class") == "footer"


def test_beian_links_without_a_readable_number_are_doubts_not_readings():
    facts = read_footer(
        page(
            '<a href="http://www.beian.gov.cn/portal/index"><img src="/ga.png"></a>'
            '<a href="https://beian.miit.gov.cn/"><img src="/icp.png"></a>'
        ),
        URL,
        page_id="home",
    )
    assert {"icp", "psb"} <= set(lacking(facts))
    assert set(facts.doubts) == {"icp", "psb"}
