"""The demo's 政策解读, 政策文件 and 办事指南 pages agree with the hand-written labels of tests/demo_expected.py.

Pages come straight from the pure render() function (no server, no browser), read with lxml and plain
string checks: these tests judge the site against the labels, never the auditor's code.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from auditor.demo.site import render
from tests.demo_expected import (
    EXPECTED_GUIDES,
    EXPECTED_INTERPRETATIONS,
    EXPECTED_OFFSITE_GUIDES,
    EXPECTED_POLICY_UNLINKED,
)

T = date(2024, 1, 15)
BASE = "http://demo.test"
PUNCT = re.compile(r"[\s《》〈〉“”\"'（）()、，,。：:；;·—-]")
LINK_WORDS = ("原文", "政策原文", "相关文件")
ZCWJ_LIST = "/portal/xxgk/zcwj/"


def get(path: str, as_of: date = T):
    response = render(path, as_of, BASE)
    charset = "gbk" if "charset=GBK" in response.content_type else "utf-8"
    return response, response.body.decode(charset) if response.content_type.startswith("text/html") else ""


def doc(path: str, as_of: date = T):
    response, text = get(path, as_of)
    assert response.status == 200, path
    return lxml.html.fromstring(text)


def norm(title: str) -> str:
    return PUNCT.sub("", title)


def named_title(h1: str) -> str:
    """The policy an interpretation's title names: the outermost 《…》 (inner 〈〉 stay part of it)."""
    return re.search(r"《(.+)》", h1).group(1)


def local(href: str, page: str) -> str:
    url = urljoin(BASE + page, href)
    return urlsplit(url).path if url.startswith(BASE) else url


def candidates(page) -> list[tuple[str, str]]:
    """(href, text) of the content links that point at a policy: 原文 / 政策原文 / 相关文件 / a 《title》."""
    links = page.xpath('//div[contains(@class,"main-col")]//a[not(ancestor::div[@class="art-tools"])]')
    out = []
    for a in links:
        text = a.text_content().strip()
        if text.startswith(LINK_WORDS) or text.startswith("《"):
            out.append((a.get("href"), text))
    return out


def policy_titles(as_of: date = T) -> dict[str, str]:
    """政策文件 list: normalised title -> item path."""
    page = doc(ZCWJ_LIST, as_of)
    rows = page.xpath('//ul[@class="list"]/li/a')
    return {norm(a.text_content()): a.get("href") for a in rows}


@pytest.mark.parametrize("expected", EXPECTED_INTERPRETATIONS, ids=lambda e: e.case)
def test_interpretation_pages_match_their_labels(expected):
    page = doc(expected.path)
    h1 = page.xpath("//h1")[0].text_content()
    name = named_title(h1)
    if expected.case == "g":
        assert h1.startswith("一图读懂《")
    found = candidates(page)
    policies = policy_titles()
    if expected.linked:
        assert len(found) == 1, found
        href, text = found[0]
        assert local(href, expected.path) == expected.policy_path
        assert text == "原文" or norm(text).endswith(norm(name)), text
        target = doc(expected.policy_path)
        assert norm(target.xpath("//h1")[0].text_content()) == norm(name)
        assert expected.rejected == ()
        assert expected.found_policy_path is None
    else:
        assert [href for href, _ in found] == [href for href, _ in expected.rejected]
        for href, reason in expected.rejected:
            resolved = local(href, expected.path)
            if reason == "href_hash":
                assert href == "#"
            elif reason == "http_error":
                assert get(resolved)[0].status == 404
            elif reason == "list_page":
                assert resolved == ZCWJ_LIST
            else:  # pragma: no cover - the demo uses only the three reasons above
                pytest.fail(reason)
        assert policies.get(norm(name)) == expected.found_policy_path
        assert expected.found_policy_path == expected.policy_path
    # The policy is on the site exactly when the label gives its path.
    assert policies.get(norm(name)) == expected.policy_path


def test_case_f_names_the_policy_in_its_lead_only():
    (expected,) = [e for e in EXPECTED_INTERPRETATIONS if e.case == "f"]
    page = doc(expected.path)
    lead = page.xpath('//p[@class="lead"]')[0].text_content()
    assert f"《{named_title(page.xpath('//h1')[0].text_content())}》" in lead
    assert not page.xpath('//div[contains(@class,"main-col")]//div[contains(@class,"art-body")]//a')
    assert not page.xpath('//div[@class="doc-links"]')


def test_case_g_is_pictures_with_a_caption_link():
    (expected,) = [e for e in EXPECTED_INTERPRETATIONS if e.case == "g"]
    body = doc(expected.path).xpath('//div[contains(@class,"art-body")]')[0]
    images = body.xpath(".//img")
    assert 1 <= len(images) <= 2
    for image in images:
        picture = render(image.get("src"), T, BASE)
        assert (picture.status, picture.content_type) == (200, "image/png")
        assert picture.body.startswith(b"\x89PNG")
    caption = body.xpath('.//p[@class="pic-caption"]')[0]
    assert caption.getprevious().xpath(".//img")
    assert caption.text_content().startswith("政策原文：《")
    text_outside_caption = body.text_content().replace(caption.text_content(), "")
    assert not text_outside_caption.strip()


def test_policy_pages_link_back_unless_labelled_unlinked():
    on_site = {e.policy_path: e for e in EXPECTED_INTERPRETATIONS if e.policy_path}
    for policy_path, expected in on_site.items():
        page = doc(policy_path)
        back = [local(a.get("href"), policy_path) for a in page.xpath('//div[@class="xgjd"]//a')]
        if policy_path in EXPECTED_POLICY_UNLINKED:
            assert back == [], policy_path
            assert not page.xpath('//div[@class="xgjd"]')
        else:
            assert back == [expected.path], policy_path
    assert set(EXPECTED_POLICY_UNLINKED) <= set(on_site)


def test_policy_pages_are_policy_documents():
    titles = policy_titles()
    assert len(titles) == 11  # distinct titles, one per row
    for path in titles.values():
        page = doc(path)
        meta = page.xpath('//table[@class="xxgk-meta"]')[0].text_content()
        for label in ("索引号：", "发布机构：", "文号：", "成文日期：", "发布日期：", "主题分类："):
            assert label in meta, (path, label)
        number = re.search(r"文号：(青府(?:办)?发〔(\d{4})〕\d+号)", meta)
        written = date.fromisoformat(re.search(r"成文日期：(\d{4}-\d{2}-\d{2})", meta).group(1))
        published = date.fromisoformat(re.search(r"发布日期：(\d{4}-\d{2}-\d{2})", meta).group(1))
        assert int(number.group(2)) == written.year
        assert written < published <= T
        issuer = re.search(r"发布机构：(\S+?)(?:文号|$)", meta.replace("\n", "")).group(1)
        assert ("办" in number.group(1)) == issuer.endswith("办公室"), path
        assert len(page.xpath('//div[@class="art-body"]/p')) >= 5
    numbers = [re.search(r"文号：(\S+号)", doc(path).xpath('//table[@class="xxgk-meta"]')[0].text_content()).group(1)
               for path in titles.values()]  # fmt: skip
    assert len(set(numbers)) == len(numbers)


def test_interpretation_titles_name_distinct_policies():
    names = [named_title(doc(e.path).xpath("//h1")[0].text_content()) for e in EXPECTED_INTERPRETATIONS]
    assert len({norm(n) for n in names}) == len(names) == 10
    assert sorted(e.case for e in EXPECTED_INTERPRETATIONS) == list("abcdefghij")


@pytest.mark.parametrize("as_of", [date(2021, 3, 21), date(2025, 7, 1)])
def test_links_hold_at_any_t(as_of):
    for expected in EXPECTED_INTERPRETATIONS:
        page = doc(expected.path, as_of)
        if expected.linked:
            assert local(candidates(page)[0][0], expected.path) == expected.policy_path
        assert policy_titles(as_of).get(norm(named_title(page.xpath("//h1")[0].text_content()))) == (
            expected.policy_path
        )


# ---- 办事指南 ---------------------------------------------------------------------------------------------

SYNONYMS = {
    "事项名称": ("事项名称",),
    "设定依据": ("设定依据",),
    "申请条件": ("申请条件",),
    "申请材料": ("申请材料", "办理材料"),
    "办理地点": ("办理地点",),
    "办理时间": ("办理时间",),
    "联系电话": ("联系电话", "咨询电话"),
    "办理流程": ("办理流程",),
    "办理机构": ("办理机构", "实施机关"),
    "收费标准": ("收费标准",),
}
PLACEHOLDERS = {"暂无", "—", "无", "-", "/"}


def guide_fields(path: str) -> dict[str, str]:
    """label -> value text of a guide page, whatever its layout (tab panels read from their JSON API)."""
    _, text = get(path)
    page = lxml.html.fromstring(text)
    fields: dict[str, str] = {}
    panels = page.xpath('//div[@role="tabpanel"]')
    if panels:
        number = re.search(r"/portal/api/guide/(\d+)/", text).group(1)
        for panel in panels:
            assert not panel.text_content().strip()  # empty until its tab is clicked
            data = json.loads(render(f"/portal/api/guide/{number}/{panel.get('data-tab')}.json", T, BASE).body)
            fields |= guide_fields_of(lxml.html.fromstring(f"<div>{data['html']}</div>"))
        return fields
    return guide_fields_of(page)


def guide_fields_of(root) -> dict[str, str]:
    fields: dict[str, str] = {}
    for th in root.xpath('.//table[contains(@class,"bszn-table")]//th[not(@class="grp")]'):
        label = th.text_content().strip()
        rows = int(th.get("rowspan", "1"))
        tr = th.getparent()
        values = []
        for _ in range(rows):
            values.append(tr.xpath("./td")[0].text_content().strip())
            tr = tr.getnext()
        fields[label] = "\n".join(values)
    for dt in root.xpath('.//dl[@class="bszn-dl"]/dt'):
        fields[dt.text_content().strip()] = dt.getnext().text_content().strip()
    for h4 in root.xpath('.//div[@class="bszn-sec"]/h4'):
        fields[re.sub(r"^[一二三四五六七八九十]+、", "", h4.text_content().strip())] = "\n".join(
            p.text_content().strip() for p in h4.itersiblings("p")
        )
    return fields


def element_states(fields: dict[str, str]) -> dict[str, str]:
    states = {}
    for element, labels in SYNONYMS.items():
        values = [fields[label] for label in labels if label in fields]
        if not values:
            states[element] = "absent"
        elif not values[0].strip():
            states[element] = "empty"
        elif values[0].strip() in PLACEHOLDERS:
            states[element] = "placeholder"
    return states


def basis_kind(text: str) -> str | None:
    if "《" not in text:
        return "no_law"
    if not re.search(r"第[一二三四五六七八九十百零]+条", text):
        return "law_only"
    if not re.search(r"第[一二三四五六七八九十百零]+条[：:]“.+”", text):
        return "article_number_only"
    return None


@pytest.mark.parametrize("expected", EXPECTED_GUIDES, ids=lambda g: g.path.rsplit("/", 1)[1])
def test_guide_pages_match_their_labels(expected):
    response, text = get(expected.path)
    assert response.status == 200
    if expected.charset == "gbk":
        assert response.content_type == "text/html; charset=GBK"
        assert '<meta charset="gbk">' in text
        with pytest.raises(UnicodeDecodeError):
            response.body.decode("utf-8")
    else:
        assert response.content_type == "text/html; charset=utf-8"
    fields = guide_fields(expected.path)
    assert element_states(fields) == expected.missing
    assert basis_kind(fields["设定依据"]) == expected.basis_kind
    materials = next(fields[label] for label in SYNONYMS["申请材料"] if label in fields)
    assert re.search(r"申请表|登记表", materials)
    if "办理时间" not in expected.missing:
        assert re.search(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}", fields["办理时间"])
    assert ('role="tab"' in text) == expected.needs_click


def _form_links(path: str) -> list[str]:
    fields_html = get(path)[1]
    for number in re.findall(r"/portal/api/guide/(\d+)/", fields_html)[:1]:
        for tab in re.findall(r'data-tab="([a-z]+)" aria-controls', fields_html):
            fields_html += json.loads(render(f"/portal/api/guide/{number}/{tab}.json", T, BASE).body)["html"]
    return re.findall(r'href="(/portal/files/[^"]+)"', fields_html)


@pytest.mark.parametrize("expected", EXPECTED_GUIDES, ids=lambda g: g.path.rsplit("/", 1)[1])
def test_guide_form_channels(expected):
    links = _form_links(expected.path)
    statuses = {href: render(href, T, BASE) for href in links}
    failed = tuple((href, r.status) for href, r in statuses.items() if r.status != 200)
    assert failed == expected.failed_form_links
    working = [r for r in statuses.values() if r.status == 200]
    for r in working:
        assert r.body
        assert not r.content_type.startswith("text/html")
    stated = "领取" in get(expected.path)[1]
    channel = "download" if working else "stated" if stated else "none"
    assert channel == expected.form_channel


def test_form_files_are_real_documents():
    kinds = {
        ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/document.xml"),
        ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/workbook.xml"),
    }
    seen = set()
    for expected in EXPECTED_GUIDES:
        for href in _form_links(expected.path):
            response = render(href, T, BASE)
            if response.status != 200:
                continue
            ext = href[href.rindex(".") :]
            seen.add(ext)
            assert response.body == render(href, T + timedelta(days=9), BASE).body  # deterministic
            if ext in kinds:
                assert response.content_type == kinds[ext][0]
                assert response.body.startswith(b"PK")
                assert kinds[ext][1] in zipfile.ZipFile(io.BytesIO(response.body)).namelist()
            elif ext == ".pdf":
                assert (response.content_type, response.body[:5]) == ("application/pdf", b"%PDF-")
            else:
                assert (response.content_type, response.body[:5]) == ("application/msword", b"{\\rtf")
    assert seen == {".docx", ".xlsx", ".pdf", ".doc"}
    assert render("/portal/files/missing.doc", T, BASE).status == 404


def test_guide_list_and_offsite_row():
    page = doc("/portal/bsfw/bszn/")
    links = [a.get("href") for a in page.xpath('//ul[@class="list"]/li/a')]
    assert len(links) == len(EXPECTED_GUIDES) + len(EXPECTED_OFFSITE_GUIDES)
    local_links = [href for href in links if href.startswith("/")]
    assert sorted(local_links) == sorted(g.path for g in EXPECTED_GUIDES)
    assert [href for href in links if not href.startswith("/")] == list(EXPECTED_OFFSITE_GUIDES)
    for url in EXPECTED_OFFSITE_GUIDES:
        assert not url.startswith(BASE)
    dates = [date.fromisoformat(s.text) for s in page.xpath('//ul[@class="list"]/li/span[@class="date"]')]
    assert max(dates) == T - timedelta(days=6) == dates[0]
    nav = lxml.html.fromstring(get("/portal/")[1]).xpath('//div[@class="nav"]//a[@href="/portal/bsfw/bszn/"]')
    assert [a.text_content() for a in nav] == ["办事指南"]
    assert page.xpath('//div[contains(@class,"side")]/h3')[0].text_content() == "办事服务"


def test_guide_tab_api():
    (clicked,) = [g for g in EXPECTED_GUIDES if g.needs_click]
    text = get(clicked.path)[1]
    tabs = re.findall(r'data-tab="([a-z]+)" aria-controls', text)
    assert len(tabs) == 5
    for tab in tabs:
        response = render(f"/portal/api/guide/2/{tab}.json", T, BASE)
        assert response.content_type.startswith("application/json")
        assert set(json.loads(response.body)) == {"tab", "title", "html"}
    assert render("/portal/api/guide/2/nosuch.json", T, BASE).status == 404
    assert render("/portal/api/guide/1/jbxx.json", T, BASE).status == 404  # guide 1 has no tabs
    assert render("/portal/art/bszn/1009.html", T, BASE).status == 404  # guides live under /portal/bsfw/
