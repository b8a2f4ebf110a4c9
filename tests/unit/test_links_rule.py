"""link_broken on hand-made link facts: no network, exact findings (auditor/rules/link_broken.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from auditor.judge import judge
from auditor.model.artifacts import LinkCheck, LinkFacts, LinkHop, LinkSeen, NodeRef, PageFacts, SiteArtifacts
from auditor.settings import load_indicators

T = date(2021, 3, 21)
HOME = "http://qx.example/portal/"
INNER = "http://qx.example/portal/xwzx/1.html"


def seen(page_url: str = HOME, text: str = "失效链接", tag: str = "a", selector: str = "a:nth-of-type(1)") -> LinkSeen:
    page_id = "home" if page_url == HOME else "links-abc"
    return LinkSeen(
        page_url=page_url,
        page_id=page_id,
        text=text,
        tag=tag,  # type: ignore[arg-type]
        node=NodeRef(page_id=page_id, selector=selector, snippet=text),
    )


def check(path: str, outcome: str, status: int | None = None, **extra) -> LinkCheck:
    url = path if path.startswith("http") else HOME + path
    return LinkCheck.model_validate(
        {
            "url": url,
            "offsite": not url.startswith(HOME),
            "outcome": outcome,
            "status": status,
            "chain": [LinkHop(url=url, status=status, method="GET")],
            "seen_on": [seen()],
            **extra,
        }
    )


def artifacts(*checks: LinkCheck, links: bool = True) -> SiteArtifacts:
    return SiteArtifacts(
        site_id="qx",
        home_url=HOME,
        captured_at=datetime(2021, 3, 21, 10, tzinfo=timezone(timedelta(hours=8))),
        as_of=T,
        home=PageFacts(id="home", url=HOME, fetched_by="browser", kind="hub", status=200),
        links=LinkFacts(pages=[HOME, INNER], checks=list(checks)) if links else None,
    )


def findings(facts: SiteArtifacts, settings=None):
    judgement = judge(facts, T, settings)
    return judgement, [f for f in judgement.findings if f.code == "link_broken"]


def test_working_and_skipped_links_pass():
    judgement, found = findings(
        artifacts(check("a.html", "ok", 200), check("http://far.example/x", "skipped", error="not contacted"))
    )
    assert found == []
    assert judgement.rules["link_broken"].outcome == "pass"


def test_no_links_is_not_applicable_and_no_artifact_is_an_error():
    judgement, _ = findings(artifacts())
    assert judgement.rules["link_broken"].outcome == "not_applicable"
    judgement, _ = findings(artifacts(links=False))
    assert judgement.rules["link_broken"].outcome == "error"


def test_one_finding_per_failing_url_with_its_severity():
    judgement, found = findings(
        artifacts(
            check("a.html", "ok", 200),
            check("missing.html", "broken", 404, error="HTTP 404"),
            check("gone.html", "soft_404", 200),
            check("hang.html", "timeout", error="timeout after 10s"),
            check("http://127.0.0.1:9/x", "refused", error="cannot connect: [Errno 111] Connection refused"),
            check("forbidden.html", "blocked", 403, error="HTTP 403"),
            check("robots.html", "unverified", error="disallowed by robots.txt"),
        )
    )
    assert {(f.target.url.removeprefix(HOME), f.severity, f.observed["outcome"]) for f in found} == {
        ("missing.html", "deduction", "broken"),
        ("gone.html", "deduction", "soft_404"),
        ("hang.html", "deduction", "timeout"),
        ("http://127.0.0.1:9/x", "deduction", "refused"),
        ("forbidden.html", "needs_review", "blocked"),
        ("robots.html", "needs_review", "unverified"),
    }
    assert judgement.rules["link_broken"].outcome == "fail"
    by_url = {f.target.url.removeprefix(HOME): f for f in found}
    assert by_url["gone.html"].observed["soft_404"] is True
    assert by_url["missing.html"].observed["soft_404"] is False
    assert "软404" in by_url["gone.html"].message_zh
    assert "返回HTTP 404" in by_url["missing.html"].message_zh
    assert "需人工核实" in by_url["forbidden.html"].message_zh
    assert "需人工核实" in by_url["robots.html"].message_zh
    assert "拒绝连接" in by_url["http://127.0.0.1:9/x"].message_zh


def test_finding_points_at_the_element_on_the_first_page_and_observes_every_page():
    link = check(
        "missing.html",
        "broken",
        404,
        seen_on=[seen(INNER, "第一处", selector="div#c > a"), seen(HOME, "第二处"), seen(HOME + "b.html", "")],
    )
    _, (finding,) = findings(artifacts(link))
    assert finding.target.page_id == "links-abc"
    assert finding.target.selector == "div#c > a"
    assert finding.observed["pages"] == [
        {"page_url": INNER, "text": "第一处", "tag": "a"},
        {"page_url": HOME, "text": "第二处", "tag": "a"},
        {"page_url": HOME + "b.html", "text": "", "tag": "a"},
    ]
    assert finding.observed["on_home"] is True
    assert finding.message_zh.startswith(f"页面 {INNER}、首页、页面 {HOME}b.html上的链接“第一处”")


def test_many_pages_are_counted_and_images_and_offsite_links_are_named_so():
    pages = [seen(f"{HOME}{i}.html", "坏图", tag="img") for i in range(5)]
    image = check("img/x.png", "broken", 500, seen_on=pages)
    offsite = check("http://gov.example/dead", "broken", 404)
    _, found = findings(artifacts(image, offsite))
    by_url = {f.target.url: f for f in found}
    assert "等5个页面上的图片“坏图”" in by_url[HOME + "img/x.png"].message_zh
    assert "首页上的站外链接“失效链接”" in by_url["http://gov.example/dead"].message_zh
    assert by_url["http://gov.example/dead"].observed["offsite"] is True


def test_redirects_and_loops_are_said_in_the_message():
    chain = [
        LinkHop(url=HOME + "r/1", method="GET"),
        LinkHop(url=HOME + "r/2", method="GET"),
        LinkHop(url=HOME + "gone.html", status=404, method="GET"),
    ]
    redirected = check("r/1", "broken", 404, chain=chain, error="HTTP 404")
    loop = check("loop/a", "broken", None, error="redirect loop")
    _, found = findings(artifacts(redirected, loop))
    by_url = {f.target.url.removeprefix(HOME): f for f in found}
    assert "经2次跳转后返回HTTP 404" in by_url["r/1"].message_zh
    assert [h["status"] for h in by_url["r/1"].observed["chain"]] == [None, None, 404]
    assert "循环" in by_url["loop/a"].message_zh


def test_the_table_decides_what_a_timeout_is_worth(tmp_path: Path):
    lenient = tmp_path / "lenient.toml"
    lenient.write_text(
        '[values.link_outcome_severity]\nvalue = { timeout = "needs_review", soft_404 = "none" }\n'
        'status = "unconfirmed"\nnote = "test"\n',
        encoding="utf-8",
    )
    facts = artifacts(
        check("hang.html", "timeout"), check("gone.html", "soft_404", 200), check("x.html", "broken", 410)
    )
    _, found = findings(facts, load_indicators(lenient))
    assert {(f.target.url.removeprefix(HOME), f.severity) for f in found} == {
        ("hang.html", "needs_review"),
        ("x.html", "deduction"),
    }


@pytest.mark.parametrize("outcome", ["ok", "skipped"])
def test_never_a_finding_even_if_the_table_names_it(tmp_path: Path, outcome: str):
    odd = tmp_path / "odd.toml"
    odd.write_text(
        f'[values.link_outcome_severity]\nvalue = {{ {outcome} = "deduction" }}\nstatus = "unconfirmed"\nnote = "t"\n',
        encoding="utf-8",
    )
    _, found = findings(artifacts(check("a.html", outcome, 200)), load_indicators(odd))
    assert found == []


def test_a_generic_text_gives_way_to_one_that_names_the_target():
    link = check("col/sqdt/", "broken", 500, seen_on=[seen(HOME, "更多>>"), seen(INNER, "社区动态")])
    _, (finding,) = findings(artifacts(link))
    assert "链接“社区动态”" in finding.message_zh
    assert finding.target.page_id == "home"  # the element outlined is still the first one seen
    only = check("col/x/", "broken", 500, seen_on=[seen(HOME, "more »")])
    _, (finding,) = findings(artifacts(only))
    assert "链接“more »”" in finding.message_zh
