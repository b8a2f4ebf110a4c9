"""The demo's issue-#9 sites (the portal's new faults, 青溪区市场监督管理局, 信用青溪, the outside hosts) against the
labels of tests/demo_expected.py: pure calls to the render functions, plus one served check of the Host dispatch.

The links checks crawl the pages in-process (render_host, redirects followed) and judge every link the way the
labels do, so a page that drifts from its label fails here before any browser run.
"""

from __future__ import annotations

import http.client
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import lxml.html
import pytest
import yaml

from auditor.demo import credit, department, external, hosts
from auditor.demo.server import DemoServer, site_scenarios
from auditor.demo.site import render, render_host
from tests.demo_expected import EXPECTED_SITE_CHECKS, SITE_CHECK_CODES, SITE_HOMES, expected_site_checks

T = date(2024, 1, 15)
ANY_T = (date(2023, 3, 1), date(2024, 2, 29), date(2024, 12, 31), date(2025, 7, 1))
ROOT = Path(__file__).resolve().parents[2]
ICP = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s*ICP\s*备\s*[:：]?\s*\d{6,}")
PSB = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s*公网安备\s*[:：]?\s*\d{10,16}")
ISO = re.compile(r"(\d{4})[-/](\d{2})[-/](\d{2})")


# ---- helpers -------------------------------------------------------------------------------------------


def decode(response) -> str:
    head = response.body[:800].lower()
    if any(name in response.content_type.lower() for name in ("gbk", "gb2312")) or b"charset=gb" in head:
        return response.body.decode("gb18030")
    return response.body.decode("utf-8")


def get(url: str, as_of: date = T):
    """(status or "offsite"/"loop", [(url, status)…], last response) following redirects like a browser."""
    chain = []
    for _ in range(10):
        parts = urlsplit(url)
        if parts.hostname not in hosts.DEMO_HOSTS:
            return "offsite", chain, None
        response = render_host(parts.hostname, parts.path + (f"?{parts.query}" if parts.query else ""), as_of)
        chain.append((url, response.status))
        if response.location:
            url = urljoin(url, response.location)
            continue
        return response.status, chain, response
    return "loop", chain, None


def page(url: str, as_of: date = T) -> str:
    status, _, response = get(url, as_of)
    assert status == 200, (url, status)
    return decode(response)


def links_of(url: str, text: str) -> list[tuple[str, str]]:
    """(tag, absolute URL without fragment) of every a/area href and img/iframe src."""
    out = []
    for element in lxml.html.fromstring(text).iter("a", "img", "iframe", "area"):
        value = element.get("href") if element.tag in {"a", "area"} else element.get("src")
        if value and not value.startswith(("#", "javascript:", "mailto:")):
            out.append((element.tag, urldefrag(urljoin(url, value.strip()))[0]))
    return out


def crawl(home: str, depth: int, as_of: date = T) -> tuple[list[str], dict[str, str]]:
    """Pages of the home's host up to `depth` links from home, and every link seen on them -> first page."""
    host = urlsplit(home).hostname
    level = {home: 0}
    queue, pages, seen = [home], [], {}
    while queue:
        url = queue.pop(0)
        status, chain, response = get(url, as_of)
        if status != 200 or not response.content_type.startswith("text/html"):
            continue
        pages.append(url)
        for _, link in links_of(chain[-1][0], decode(response)):
            seen.setdefault(link, url)
            if urlsplit(link).hostname == host and link not in level and level[url] < depth:
                level[link] = level[url] + 1
                queue.append(link)
    return pages, seen


def judged_links(seen: dict[str, str], as_of: date = T) -> dict[str, str]:
    """Broken links as the labels call them: URL -> "deduction" or "needs_review" (403)."""
    out = {}
    for url in seen:
        status, _, response = get(url, as_of)
        if status == "offsite":
            continue
        if status in {403, 429}:
            out[url] = "needs_review"
        elif status != 200:
            out[url] = "deduction"
        elif response.content_type.startswith("text/html") and re.search(r"<title>[^<]*页面不存在", decode(response)):
            out[url] = "deduction"  # a soft 404
    return out


def footer_of(text: str) -> lxml.html.HtmlElement:
    doc = lxml.html.fromstring(text)
    found = doc.xpath('//*[@id="footer" or contains(concat(" ", @class, " "), " footer ")]')
    assert found, "no footer"
    return found[0]


def letters_table(as_of: date) -> list[dict[str, str]]:
    text = page("http://scjgj.qingxi.gov.cn/hdjl/jzxx/", as_of)
    table = lxml.html.fromstring(text).xpath('//table[contains(@class, "xj-list")]')[0]
    rows = table.xpath(".//tr")
    header = [cell.text_content().strip() for cell in rows[0].xpath("./th")]
    assert header == ["信件标题", "来信时间", "答复时间", "状态"]
    out = []
    for row in rows[1:]:
        cells = [cell.text_content().strip() for cell in row.xpath("./td")]
        out.append({**dict(zip(header, cells, strict=True)), "href": row.xpath(".//a/@href")[0]})
    return out


def day(text: str) -> date | None:
    match = ISO.search(text)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


# ---- host dispatch -------------------------------------------------------------------------------------


def test_render_host_dispatches_each_host_to_its_site():
    assert '<meta name="SiteName" content="青溪区人民政府">' in page("http://www.qingxi.gov.cn/portal/")
    assert '<meta name="SiteName" content="青溪区市场监督管理局">' in page("http://scjgj.qingxi.gov.cn/")
    assert '<meta name="SiteName" content="信用青溪">' in page("http://www.creditqingxi.cn/")
    for host in hosts.OUTSIDE_HOSTS:
        response = render_host(host, "/some/page.html", T)
        assert response.status == (403 if host == "data.sh.gov.cn" else 200), host
        image = render_host(host, "/image/blue.png", T)
        if host != "data.sh.gov.cn":
            assert image.content_type == "image/png", host
            assert image.body.startswith(b"\x89PNG"), host


def test_portal_pages_carry_the_hosts_own_base_url():
    assert 'href="http://www.qingxi.gov.cn/portal/wzdt.html">网站地图' in page("http://www.qingxi.gov.cn/portal/")
    # render() stays pure and keeps the base URL it is given (127.0.0.1 in the loopback tests).
    assert 'href="http://h/portal/wzdt.html">网站地图' in render("/portal/", T, "http://h").body.decode()
    assert (
        render_host("www.qingxi.gov.cn", "/portal/", T).body == render("/portal/", T, "http://www.qingxi.gov.cn").body
    )
    jiucuo = next(
        href for _, href in links_of(SITE_HOMES["qingxi-scjgj"], page(SITE_HOMES["qingxi-scjgj"])) if "jiucuo" in href
    )
    assert parse_qs(urlsplit(jiucuo).query)["url"] == ["http://scjgj.qingxi.gov.cn/"]


def test_host_name_strips_the_port():
    assert hosts.host_name("WWW.Qingxi.gov.cn:80") == "www.qingxi.gov.cn"
    assert hosts.host_name("127.0.0.1:8000") == "127.0.0.1"
    assert hosts.host_name(None) == ""


def _served(port: int, method: str, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": host})
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def test_the_server_dispatches_on_the_host_header():
    with DemoServer(T) as server:
        status, headers, body = _served(server.port, "GET", "scjgj.qingxi.gov.cn", "/")
        assert (status, headers["content-type"]) == (200, "text/html; charset=GBK")
        assert "青溪区市场监督管理局" in body.decode("gb18030")
        status, headers, body = _served(server.port, "HEAD", "dcs.conac.cn:80", "/image/red.png")
        assert (status, headers["content-type"], body) == (200, "image/png", b"")
        status, headers, _ = _served(server.port, "GET", f"127.0.0.1:{server.port}", "/")
        assert (status, headers["location"]) == (302, "/portal/")  # the loopback portal, as before
        status, _, body = _served(server.port, "GET", "www.creditqingxi.cn", "/")
        assert status == 200
        assert "信用青溪" in body.decode("utf-8")
        status, _, body = _served(server.port, "GET", "www.qingxi.gov.cn", "/portal/")
        assert 'href="http://www.qingxi.gov.cn/portal/wzdt.html"' in body.decode("utf-8")


# ---- the department site: GBK --------------------------------------------------------------------------


def test_department_pages_are_really_gbk():
    pages, _ = crawl(SITE_HOMES["qingxi-scjgj"], depth=3)
    assert len(pages) >= 30
    meta_only = []
    for url in pages:
        _, _, response = get(url)
        response.body.decode("gb18030")  # decodes
        with pytest.raises(UnicodeDecodeError):
            response.body.decode("utf-8")
        if response.content_type == "text/html":
            meta_only.append(urlsplit(url).path)
            assert 'content="text/html; charset=gb2312"' in response.body.decode("gb18030")
        else:
            assert response.content_type == "text/html; charset=GBK", url
    assert sorted(meta_only) == ["/tzgg/", "/zcwj/"]


# ---- footers -------------------------------------------------------------------------------------------


def test_department_footer_on_every_page():
    pages, _ = crawl(SITE_HOMES["qingxi-scjgj"], depth=3)
    for url in pages:
        foot = footer_of(page(url))
        text = foot.text_content()
        assert "网站标识码：3101140051" in text, url
        assert department.SCENARIO_CODE not in text
        assert PSB.search(text), url
        assert "沪公网安备 31011402000456号" in text, url
        assert not ICP.search(text), url
        hrefs = [href for _, href in links_of(url, lxml.html.tostring(foot, encoding="unicode"))]
        assert not any("conac.cn" in href or "beian.miit.gov.cn" in href for href in hrefs), url
        jiucuo = [href for href in hrefs if urlsplit(href).hostname == "zfwzgl.www.gov.cn"]
        assert len(jiucuo) == 1
        assert jiucuo[0].startswith("http://zfwzgl.www.gov.cn/exposure/jiucuo.html?")
        assert parse_qs(urlsplit(jiucuo[0]).query)["site_code"] == ["3101140051"]
    assert "conac" not in page(SITE_HOMES["qingxi-scjgj"])
    # Only the footer template is wrong: the CMS's own SiteIDCode is the scenario's (else every page would be
    # taken for another site's and no column judged).
    assert '<meta name="SiteIDCode" content="3101140052">' in page(SITE_HOMES["qingxi-scjgj"])


def test_credit_footer_and_its_script_written_badge():
    home = page(SITE_HOMES["qingxi-credit"])
    foot = footer_of(home)
    text = foot.text_content()
    assert "网站标识码：3101140099" in text
    assert "沪ICP备：19007388号" in text
    assert ICP.search(text)
    assert "沪公网安备31011402000789号" in text
    assert PSB.search(text)
    assert "zfwzgl" not in home
    assert "找错" not in home
    # The badge is not in the HTML: a local script writes it.
    assert "conac.cn" not in home
    assert foot.xpath(".//script/@src") == ["/js/conac.js"]
    script = render_host(hosts.CREDIT_HOST, "/js/conac.js", T)
    assert script.content_type.startswith("application/javascript")
    js = script.body.decode()
    assert "document.write(" in js
    assert 'href="http://bszs.conac.cn/sitename?method=show&id=XYQX"' in js
    assert 'src="http://dcs.conac.cn/image/red.png" alt="党政机关"' in js


def test_portal_footer_is_complete_with_http_links_and_the_conac_markup():
    home = SITE_HOMES["qingxi"]
    foot = footer_of(page(home))
    text = foot.text_content()
    assert "网站标识码：3101140038" in text
    assert ICP.search(text)
    assert PSB.search(text)
    found = links_of(home, lxml.html.tostring(foot, encoding="unicode"))
    outside = [(tag, url) for tag, url in found if urlsplit(url).hostname in hosts.OUTSIDE_HOSTS]
    assert outside
    assert all(url.startswith("http://") for _, url in outside)
    assert ("img", "http://dcs.conac.cn/image/blue.png") in found
    badge = foot.xpath('.//img[@alt="党政机关"]')[0]
    assert badge.getparent().get("href").startswith("http://bszs.conac.cn/sitename?method=show&id=")
    assert any(url.startswith("http://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3101140038") for _, url in found)


def test_every_link_to_the_outside_world_is_http():
    for site_id, home in SITE_HOMES.items():
        _, seen = crawl(home, depth=1)
        outside = [url for url in seen if urlsplit(url).hostname in hosts.OUTSIDE_HOSTS]
        assert outside, site_id
        assert all(urlsplit(url).scheme == "http" for url in outside), site_id
        assert all(get(url)[0] != "offsite" for url in outside)


# ---- 首页更新 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", ANY_T)
def test_department_home_newest_item_is_t_minus_20(as_of):
    text = page(SITE_HOMES["qingxi-scjgj"], as_of)
    blocks = lxml.html.fromstring(text).xpath('//table[starts-with(@id, "bk-")]')
    dated = {}
    for block in blocks:
        days = [d for cell in block.xpath('.//td[@class="bk-d"]') if (d := day(cell.text_content()))]
        if days:
            dated[block.get("id")] = max(days)
    assert set(dated) == {"bk-gzdt", "bk-tzgg", "bk-zcwj", "bk-spaq"}
    assert max(dated.values()) == as_of - timedelta(days=20) == department.home_newest(as_of)
    every_date = [date(int(y), int(m), int(d)) for y, m, d in ISO.findall(text)]
    assert max(every_date) == as_of - timedelta(days=20)  # nothing within 14 days anywhere on the home page


@pytest.mark.parametrize("as_of", ANY_T)
def test_credit_home_is_navigation_only_and_its_second_level_pages_are_updated(as_of):
    home = SITE_HOMES["qingxi-credit"]
    text = page(home, as_of)
    assert not ISO.search(text)
    entries = lxml.html.fromstring(text).xpath('//div[@class="entries"]/a/@href')
    assert entries == ["/sgs/", "/xydt/", "/xycn/"]
    newest = {}
    for path in entries:
        newest[path] = max(
            d for y, m, dd in ISO.findall(page(urljoin(home, path), as_of)) if (d := date(int(y), int(m), int(dd)))
        )
    assert newest["/xydt/"] == as_of - timedelta(days=3)
    assert all(as_of - timedelta(days=14) <= d <= as_of for d in newest.values())


def test_department_articles_carry_their_pubdate():
    for col in department.COLUMNS:
        for row in department.column_rows(col, T)[:3]:
            text = page(f"http://scjgj.qingxi.gov.cn{row.path}")
            assert f'<meta name="PubDate" content="{row.published:%Y-%m-%d %H:%M}">' in text
    assert get("http://scjgj.qingxi.gov.cn/gzdt/202001/t20200101_1.html")[0] == 404


# ---- 互动交流 ------------------------------------------------------------------------------------------


def _late(asked: date, answered: date | None, as_of: date) -> bool:
    """The label's rule: asked within the year before T, and answered more than 3 months later (or not yet,
    3 months having passed)."""
    if asked < as_of - timedelta(days=365):
        return False
    limit = asked + timedelta(days=92)
    return answered > limit if answered else as_of > limit


@pytest.mark.parametrize("as_of", ANY_T)
def test_department_board_dates_follow_t(as_of):
    rows = letters_table(as_of)
    assert len(rows) == 11
    states = [row["状态"] for row in rows]
    assert states.count("已回复") == 8
    assert states.count("未回复") == 2
    assert states.count("办理中") == 1
    late, offsets = [], {}
    for row in rows:
        asked, answered = day(row["来信时间"]), day(row["答复时间"])
        assert (answered is None) == (row["状态"] != "已回复"), row
        offsets[(as_of - asked).days] = row["状态"]
        if _late(asked, answered, as_of):
            late.append((as_of - asked).days)
        elif answered:
            assert (answered - asked).days <= 10 or asked < as_of - timedelta(days=365), row
        detail = page(urljoin("http://scjgj.qingxi.gov.cn/hdjl/jzxx/", row["href"]), as_of)
        stamps = re.findall(
            r'<span class="xj-lab">(来信时间|答复时间)：</span><span class="xj-val">([^<]+)</span>', detail
        )
        assert stamps[0] == ("来信时间", f"{asked:%Y-%m-%d} " + stamps[0][1][11:])
        assert datetime.fromisoformat(stamps[0][1]).date() == asked
        if answered:
            assert stamps[1][0] == "答复时间"
            assert datetime.fromisoformat(stamps[1][1]).date() == answered
        else:
            assert len(stamps) == 1
            assert f'办理状态：</span><span class="xj-val">{row["状态"]}' in detail
    assert sorted(late) == [150, 200]
    assert offsets[30] == "办理中"
    assert offsets[420] == "未回复"


def test_department_entries_and_the_excluded_interview_board():
    home = SITE_HOMES["qingxi-scjgj"]
    found = {url: tag for tag, url in links_of(home, page(home))}
    assert "http://scjgj.qingxi.gov.cn/hdjl/jzxx/" in found
    assert "http://zwfw.sh.gov.cn/" in found
    assert "局长信箱" in page(home)
    assert "网上办事" in page(home)
    interviews = page("http://scjgj.qingxi.gov.cn/hdjl/zxft/")
    days = [date(int(y), int(m), int(d)) for y, m, d in ISO.findall(interviews)]
    assert days
    assert max(days) == T - timedelta(days=300)


def test_credit_site_has_no_consultation_and_no_service_entry():
    pages, seen = crawl(SITE_HOMES["qingxi-credit"], depth=3)
    assert len(pages) >= 20
    words = ("留言", "信箱", "咨询", "投诉", "互动", "办事", "政务服务", "一网通办", "服务大厅")
    for url in pages:
        text = lxml.html.fromstring(page(url)).text_content()
        assert not [word for word in words if word in text], url
    assert not [url for url in seen if "zwfw" in url]


# ---- broken links --------------------------------------------------------------------------------------


@pytest.mark.parametrize("site_id", sorted(SITE_HOMES))
def test_broken_links_are_exactly_the_labelled_ones(site_id):
    # The home page and the pages it links (column lists, block articles): what the link checker samples.
    _, seen = crawl(SITE_HOMES[site_id], depth=1)
    labelled = {(target, severity) for code, target, severity in expected_site_checks(site_id) if code == "link_broken"}
    assert set(judged_links(seen).items()) == labelled


def test_broken_links_answer_what_the_labels_say():
    assert get("http://www.qingxi.gov.cn/portal/dag/")[0] == 404
    assert get("http://www.qingxi.gov.cn/portal/images/col-ywdt.png")[0] == 404
    assert get("http://www.qingxi.gov.cn/portal/col/sqdt/")[0] == 500
    assert "http://www.qingxi.gov.cn/portal/images/col-ywdt.png" in {
        url: tag
        for tag, url in links_of(
            "http://www.qingxi.gov.cn/portal/col/ywdt/", page("http://www.qingxi.gov.cn/portal/col/ywdt/")
        )
    }
    assert get("http://scjgj.qingxi.gov.cn/zwgk/old.html")[0] == 404
    assert get("http://scjgj.qingxi.gov.cn/images/gzdt_banner.jpg")[0] == 404
    status, chain, response = get("http://www.creditqingxi.cn/zt/2019/")
    assert status == 200
    assert "<title>页面不存在</title>" in decode(response)
    assert len(response.body) < 2000
    status, chain, _ = get("http://www.creditqingxi.cn/old/")
    assert chain == [("http://www.creditqingxi.cn/old/", 301), ("http://www.creditqingxi.cn/old2/", 404)]
    assert get(f"http://www.gov.cn{external.GOV_BROKEN_PATH}")[0] == 503
    assert get("http://www.gov.cn/")[0] == 200
    assert get("http://data.sh.gov.cn/")[0] == 403


# ---- labels and scenarios ------------------------------------------------------------------------------


def test_site_check_labels_use_only_issue_9_codes_and_real_targets():
    assert set(EXPECTED_SITE_CHECKS) == set(SITE_HOMES)
    for site_id, checks in EXPECTED_SITE_CHECKS.items():
        assert checks == expected_site_checks(site_id)
        for code, target, severity in checks:
            assert code in SITE_CHECK_CODES
            assert severity in {"veto", "deduction", "needs_review"}
            assert urlsplit(target).hostname in hosts.DEMO_HOSTS, target
    home_codes = {"homepage_stale", "domain_nonstandard", "interaction_no_channel", "service_none"}
    for site_id, checks in EXPECTED_SITE_CHECKS.items():
        for code, target, _ in checks:
            if code in home_codes or code.startswith("footer_"):
                assert target == SITE_HOMES[site_id]


def test_scenario_files_are_the_generated_ones():
    generated = site_scenarios(8000)
    assert set(generated) == {"qingxi", "qingxi-scjgj", "qingxi-credit", "qingxi-xmt"}
    # The new-media group's file names its manual CSV where the demo writes the entry inline: its own test
    # (tests/e2e/test_demo_newmedia.py) compares it with newmedia_scenario(8000, manual_csv=...).
    for site_id, text in ((k, v) for k, v in generated.items() if k != "qingxi-xmt"):
        assert (ROOT / "scenarios" / f"{site_id}.yaml").read_text(encoding="utf-8") == text
        site = yaml.safe_load(text)["site"]
        assert site["home"] == SITE_HOMES[site_id]
        assert site["resolve"] == {f"{host}:80": "127.0.0.1:8000" for host in hosts.DEMO_HOSTS}
        assert "auditor demo --serve --port 8000" in text
    department_site = yaml.safe_load(generated["qingxi-scjgj"])["site"]
    assert department_site | {"resolve": None} == {
        "id": "qingxi-scjgj", "name": "青溪区市场监督管理局", "code": "3101140052", "kind": "department",
        "home": "http://scjgj.qingxi.gov.cn/", "parent_domain": "qingxi.gov.cn", "resolve": None,
        "limits": {"page_timeout_s": 15},
    }  # fmt: skip
    credit_site = yaml.safe_load(generated["qingxi-credit"])["site"]
    assert (credit_site["kind"], credit_site["code"], credit_site["parent_domain"]) == (
        "credit",
        credit.SITE_CODE,
        "qingxi.gov.cn",
    )
    overrides = yaml.safe_load((ROOT / "scenarios" / "qingxi-overrides.yaml").read_text(encoding="utf-8"))["site"]
    assert overrides["home"] == "http://www.qingxi.gov.cn/portal/"
    assert overrides["resolve"] == hosts.resolve_map(8000)
    assert site_scenarios(9123)["qingxi"].count("127.0.0.1:9123") == len(hosts.DEMO_HOSTS)


def test_new_sites_are_deterministic_move_with_t_and_never_show_the_future():
    for home in (SITE_HOMES["qingxi-scjgj"], SITE_HOMES["qingxi-credit"]):
        for as_of in ANY_T:
            pages, _ = crawl(home, depth=1, as_of=as_of)
            for url in pages:
                text = page(url, as_of)
                assert text == page(url, as_of)
                assert all(date(int(y), int(m), int(d)) <= as_of for y, m, d in ISO.findall(text)), url
    later = page("http://www.creditqingxi.cn/xydt/", T + timedelta(days=100))
    assert (T + timedelta(days=97)).isoformat() in later
