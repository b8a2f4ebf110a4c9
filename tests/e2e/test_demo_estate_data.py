"""The demo's estate data: 青溪区教育局 (the estate's extra site) and the re-check round (DemoServer(rectified=True)).

Audited as the other e2e demo tests audit a scenario: `auditor run` on the scenario files site_scenarios() writes,
every demo host resolved to a DemoServer of this test. One round as the sites are, one as the re-check finds them,
at the same T, only for the sites asserted on: 青溪区教育局 must be 合格 with exactly one deduction, a stale news
column whose name is the report-safety bait `<img src=x onerror=alert(1)>`; in the re-check 青溪区市场监督管理局
and 信用青溪 lose exactly the findings they fixed, keep every other one under the same id (code + target URL), and
gain none. A few checks need no browser: the scenarios, the bait served as text, the first round's URLs answering
alike in both rounds.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from auditor.demo import credit, department, education, hosts, newmedia, rows
from auditor.demo.server import DemoServer, site_scenarios
from auditor.demo.site import render_host
from tests.cli import run_auditor
from tests.demo_expected import EXPECTED_OTHER_CODES, EXPECTED_SITE_CHECKS, SITE_HOMES

JYJ = education.SITE_ID
JYJ_HOME = f"http://{hosts.EDUCATION_HOST}/"
BAIT = "<img src=x onerror=alert(1)>"
BAIT_URL = urljoin(JYJ_HOME, education.BAIT.path)
# 青溪区教育局's findings, (code, target URL, severity): the bait column only (stale since T-61).
JYJ_FINDINGS = {("column_stale", BAIT_URL, "deduction")}
ROUND_SITES = ("qingxi-scjgj", "qingxi-credit", JYJ)
# What the re-check round no longer finds, (code, target): what each site fixed (auditor/demo/department.py and
# credit.py). Everything else the first round found must persist.
FIXED: dict[str, set[tuple[str, str]]] = {
    "qingxi-scjgj": {
        ("homepage_stale", "http://scjgj.qingxi.gov.cn/"),
        ("column_stale", "http://scjgj.qingxi.gov.cn/gzdt/"),
        ("footer_missing_icp", "http://scjgj.qingxi.gov.cn/"),
    },
    "qingxi-credit": {("interaction_no_channel", "http://www.creditqingxi.cn/")},
}
VETOES = {
    "qingxi-scjgj": ({"homepage_stale", "interaction_unanswered"}, {"interaction_unanswered"}),
    "qingxi-credit": ({"interaction_no_channel", "service_none"}, {"service_none"}),
}
browser = pytest.mark.browser


def first_round_labels(site_id: str) -> set[tuple[str, str]]:
    """(code, target URL) of every finding the labels of tests/demo_expected.py promise for the first round."""
    return {(code, url) for code, url, _ in EXPECTED_SITE_CHECKS[site_id]} | EXPECTED_OTHER_CODES[site_id]


# ---- the rounds -----------------------------------------------------------------------------------------


def audit_round(tmp_path_factory, as_of, *, rectified: bool) -> dict[str, dict]:
    """`auditor run` on the scenario files of ROUND_SITES, served by a DemoServer as of T; the bundles."""
    work = tmp_path_factory.mktemp("rectified" if rectified else "as-found")
    with DemoServer(as_of, rectified=rectified) as server:
        files = []
        for site_id, text in site_scenarios(server.port, as_of, estate=True).items():
            if site_id in ROUND_SITES:
                (work / f"{site_id}.yaml").write_text(text, encoding="utf-8")
                files.append(str(work / f"{site_id}.yaml"))
        out = work / "out"
        done = run_auditor("run", *files, "--as-of", as_of.isoformat(), "--out", str(out), "--jobs", "3", "-q")
    assert done.returncode == 0, done.stderr
    return {site_id: json.loads((out / site_id / "bundle.json").read_text("utf-8")) for site_id in ROUND_SITES}


@pytest.fixture(scope="module")
def rounds(tmp_path_factory, as_of):
    """(as found, rectified): both rounds at once, each on its own server."""
    with ThreadPoolExecutor(2) as pool:
        found = pool.submit(audit_round, tmp_path_factory, as_of, rectified=False)
        fixed = pool.submit(audit_round, tmp_path_factory, as_of, rectified=True)
        return found.result(), fixed.result()


def findings_by_id(bundle: dict) -> dict[str, tuple[str, str]]:
    return {f["id"]: (f["code"], f["target"]["url"]) for f in bundle["findings"]}


@browser
def test_the_education_bureau_is_qualified_with_one_deduction(rounds):
    bundle = rounds[0][JYJ]
    actual = {(f["code"], f["target"]["url"], f["severity"]) for f in bundle["findings"]}
    assert actual == JYJ_FINDINGS
    verdict = bundle["verdict"]
    assert verdict["qualified"] is True
    assert verdict["vetoes"] == []
    assert verdict["score"] is not None
    assert 60 <= verdict["score"]["total"] < 100


@browser
def test_the_stale_columns_name_is_the_bait(rounds):
    bundle = rounds[0][JYJ]
    (finding,) = bundle["findings"]
    assert finding["target"]["column"] == BAIT
    assert f"“{BAIT}”" in finding["message_zh"]
    (column,) = [c for c in bundle["columns"] if c["url"] == BAIT_URL]
    assert (column["name"], column["status"], column["class"]) == (BAIT, "stale", "news")
    others = [c for c in bundle["columns"] if c["url"] != BAIT_URL and c["status"] != "not_judged"]
    assert {c["name"] for c in others} == {"工作动态", "通知公告", "政策文件", "教育资讯"}
    assert all(c["status"] == "fresh" for c in others), others


@browser
def test_the_first_round_finds_the_labelled_problems(rounds):
    found, _ = rounds
    for site_id in FIXED:
        assert set(findings_by_id(found[site_id]).values()) == first_round_labels(site_id), site_id


@browser
@pytest.mark.parametrize("site_id", sorted(FIXED))
def test_the_recheck_loses_exactly_the_fixed_findings_and_keeps_the_others_ids(rounds, site_id):
    found, fixed = (findings_by_id(r[site_id]) for r in rounds)
    gone = {found[i] for i in found.keys() - fixed.keys()}
    persisted = {found[i] for i in found.keys() & fixed.keys()}
    assert gone == FIXED[site_id]
    assert persisted == first_round_labels(site_id) - FIXED[site_id]
    assert fixed.keys() <= found.keys(), {fixed[i] for i in fixed.keys() - found.keys()}  # nothing new
    assert all(found[i] == fixed[i] for i in found.keys() & fixed.keys())


@browser
@pytest.mark.parametrize("site_id", sorted(VETOES))
def test_the_recheck_lifts_one_veto(rounds, site_id):
    before, after = VETOES[site_id]
    found, fixed = (r[site_id]["verdict"] for r in rounds)
    assert {v["code"] for v in found["vetoes"]} == before
    assert {v["code"] for v in fixed["vetoes"]} == after
    assert fixed["qualified"] is False


@browser
def test_the_education_bureau_is_the_same_in_the_recheck(rounds):
    found, fixed = (findings_by_id(r[JYJ]) for r in rounds)
    assert found == fixed


# ---- no browser ---------------------------------------------------------------------------------------


def test_the_estate_adds_the_education_bureau_and_leaves_the_four_scenarios_alone(as_of):
    today = site_scenarios(8000, as_of)
    estate = site_scenarios(8000, as_of, estate=True)
    assert list(today) == ["qingxi", "qingxi-scjgj", "qingxi-credit", "qingxi-xmt"]
    assert {k: v for k, v in estate.items() if k != JYJ} == today
    text = estate[JYJ]
    assert f'code: "{education.SITE_CODE}"' in text
    assert "kind: department" in text
    assert f'"{hosts.EDUCATION_HOST}:80": "127.0.0.1:8000"' in text
    assert all(hosts.EDUCATION_HOST not in other for other in today.values())


def _page(url: str, as_of: date, *, rectified: bool = False):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return render_host(parts.hostname or "", path, as_of, rectified=rectified)


def _links(url: str, as_of: date) -> list[str]:
    """The served links and pictures of the page at `url` (none when it is no HTML page)."""
    page = _page(url, as_of)
    if page.status != 200 or not page.content_type.startswith("text/html"):
        return []
    doc = lxml.html.fromstring(page.body)
    found = (urljoin(url, href) for href in doc.xpath("//a/@href | //img/@src"))
    return sorted({link for link in found if urlsplit(link).hostname in hosts.SERVED_HOSTS})


def test_the_bait_is_served_as_text_never_as_markup(as_of):
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    listing = _page(BAIT_URL, as_of).body.decode("utf-8")
    assert f"<title>{escaped}</title>" in listing
    assert lxml.html.fromstring(listing).findtext(".//title") == BAIT
    home = _page(JYJ_HOME, as_of).body.decode("utf-8")
    (menu,) = [a for a in lxml.html.fromstring(home).xpath("//nav//a") if a.get("href") == education.BAIT.path]
    assert menu.text_content() == BAIT
    for url in [JYJ_HOME, BAIT_URL, *_links(BAIT_URL, as_of)]:
        if urlsplit(url).hostname == hosts.EDUCATION_HOST:
            assert "<img src=x" not in _page(url, as_of).body.decode("utf-8", "replace"), url


@pytest.mark.parametrize("home", [*SITE_HOMES.values(), JYJ_HOME])
def test_every_first_round_url_answers_alike_in_the_recheck(home, as_of):
    host = urlsplit(home).hostname
    urls = {home, *_links(home, as_of)}
    urls |= {link for url in sorted(urls) if urlsplit(url).hostname == host for link in _links(url, as_of)}
    for url in sorted(urls):
        assert _page(url, as_of).status == _page(url, as_of, rectified=True).status, url


def test_the_recheck_adds_items_on_top_and_keeps_the_old_ones(as_of):
    for column_id, (days, title, _) in rows.RECTIFIED_ROWS.items():
        before, after = rows.column_rows(column_id, as_of), rows.column_rows(column_id, as_of, True)
        assert after[1:] == before
        assert (after[0].title, (as_of - after[0].day).days) == (title, days)
        assert after[0].n not in {row.n for row in before}
    gzdt = department.COLUMNS_BY_ID["gzdt"]
    before, after = department.column_rows(gzdt, as_of), department.column_rows(gzdt, as_of, rectified=True)
    assert after[len(department.RECTIFIED_GZDT) :] == before
    assert department.RECTIFIED_ICP in _page(SITE_HOMES["qingxi-scjgj"], as_of, rectified=True).body.decode("gbk")
    credit_home = SITE_HOMES["qingxi-credit"]
    assert credit.BOARD_PATH in _page(credit_home, as_of, rectified=True).body.decode("utf-8")
    assert credit.BOARD_PATH not in _page(credit_home, as_of).body.decode("utf-8")


def test_two_of_the_stale_accounts_post_again_in_the_recheck():
    window_start = 13  # days before T: the notice's two weeks, T included
    stale = [a for a in newmedia.ACCOUNTS if a.posts and all(p.days > window_start for p in a.posts if not p.pinned)]
    revived = [a for a in stale if a.number in newmedia.RECTIFIED_POSTS]
    assert len(revived) == 2
    for account in revived:
        posts = newmedia.rectified_account(account).posts
        assert posts[1:] == account.posts
        assert posts[0].days <= window_start
        assert posts[0].ago_s is None
