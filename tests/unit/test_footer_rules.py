"""The footer rules on hand-made artifacts (footers read from markup): pass, deduction and review, exact codes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from auditor.extract.footer import read_footer
from auditor.judge import judge
from auditor.model.artifacts import FooterFacts, PageFacts, SiteArtifacts

T = date(2021, 3, 21)
HOME = "http://www.qx.gov.cn/"
CODE = "3101140038"
SHANGHAI = timezone(timedelta(hours=8))
CODES = (
    "footer_missing_site_code",
    "footer_site_code_mismatch",
    "footer_missing_icp",
    "footer_missing_psb",
    "footer_missing_party_label",
    "footer_missing_error_report",
)
PARTS = {
    "site_code": f"<p>网站标识码：{CODE}</p>",
    "icp": '<p><a href="https://beian.miit.gov.cn/">沪ICP备12345678号-1</a></p>',
    "psb": "<p>沪公网安备 31011402000123号</p>",
    "party_label": '<a href="https://bszs.conac.cn/sitename?method=show&id=1"><img src="/images/red.png"></a>',
    "error_report": (
        f'<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={CODE}&url=x"><img src="/jc.png"></a>'
    ),
}


def html(*, without: tuple[str, ...] = (), extra: str = "", parts: dict[str, str] | None = None) -> str:
    shown = "".join(v for k, v in (parts or PARTS).items() if k not in without)
    rows = "".join(
        f'<li><a href="/xw/{n}.html">区政府工作动态第{n}条</a><span>2021-03-1{n}</span></li>' for n in range(5)
    )
    return (
        '<html><body><div class="nav"><a href="/">首页</a></div>'
        f'<div class="main"><ul>{rows}</ul></div><div class="footer"><p>主办单位：XX区人民政府</p>{shown}{extra}</div>'
        "</body></html>"
    )


def footer(url: str, page_id: str, markup: str, *, rendered: bool = True) -> FooterFacts:
    return read_footer(markup, url, page_id=page_id, rendered=rendered, known_code=None)


def site(footers: list[FooterFacts], code: str | None = CODE) -> SiteArtifacts:
    return SiteArtifacts(
        site_id="qx",
        home_url=HOME,
        site_code=code,
        captured_at=datetime(2021, 3, 21, 9, tzinfo=SHANGHAI),
        as_of=T,
        home=PageFacts(id="home", url=HOME, fetched_by="browser", kind="hub", status=200),
        footers=footers,
    )


def inner(n: int, markup: str, *, rendered: bool = False) -> FooterFacts:
    return footer(f"{HOME}col{n}/", f"footer-{n}", markup, rendered=rendered)


def footer_findings(artifacts: SiteArtifacts) -> dict[str, tuple[str, str]]:
    judgement = judge(artifacts, T)
    return {f.code: (f.severity, f.message_zh) for f in judgement.findings if f.code in CODES}


def test_a_complete_footer_on_every_page_passes_every_rule():
    artifacts = site([footer(HOME, "home", html())] + [inner(n, html()) for n in range(3)])
    judgement = judge(artifacts, T)
    assert footer_findings(artifacts) == {}
    assert {judgement.rules[c].outcome for c in CODES} == {"pass"}


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("site_code", "footer_missing_site_code"),
        ("icp", "footer_missing_icp"),
        ("psb", "footer_missing_psb"),
        ("party_label", "footer_missing_party_label"),
        ("error_report", "footer_missing_error_report"),
    ],
)
def test_missing_on_the_home_page_is_a_deduction_with_the_home_footer_outlined(kind, code):
    artifacts = site([footer(HOME, "home", html(without=(kind,)))] + [inner(n, html()) for n in range(3)])
    judgement = judge(artifacts, T)
    (finding,) = [f for f in judgement.findings if f.code in CODES]
    assert finding.code == code
    assert finding.severity == "deduction"
    assert finding.message_zh.startswith("首页页面底部功能区未列明")
    assert finding.target.url == HOME
    assert finding.target.page_id == "home"
    assert finding.target.selector == "body > div:nth-of-type(3)"


def test_missing_on_inner_pages_only_is_a_deduction_naming_those_pages():
    artifacts = site(
        [footer(HOME, "home", html()), inner(1, html()), inner(2, html(without=("psb",))), inner(3, html())]
    )
    (finding,) = [f for f in judge(artifacts, T).findings if f.code in CODES]
    assert finding.code == "footer_missing_psb"
    assert finding.severity == "deduction"
    assert f"{HOME}col2/" in finding.message_zh
    assert f"{HOME}col1/" not in finding.message_zh
    assert finding.observed["missing_on"] == [f"{HOME}col2/"]
    assert finding.target.page_id == "footer-2"


def test_missing_on_home_and_inner_pages_names_both():
    artifacts = site([footer(HOME, "home", html(without=("icp",))), inner(1, html(without=("icp",)))])
    severity, message = footer_findings(artifacts)["footer_missing_icp"]
    assert severity == "deduction"
    assert "首页" in message
    assert f"{HOME}col1/" in message


def test_a_static_page_whose_footer_is_written_by_script_is_left_for_review():
    scripted = html(without=("party_label",), extra='<script src="https://dcs.conac.cn/js/33/CA33.js"></script>')
    artifacts = site([footer(HOME, "home", html()), inner(1, scripted, rendered=False)])
    assert footer_findings(artifacts) == {
        "footer_missing_party_label": (
            "needs_review",
            (
                "页面底部未读到党政机关网站标识,但页面内容可能未完全读取(党政机关网站标识由脚本写入(dcs.conac.cn),"
                f"脚本未写出标识):{HOME}col1/,需人工核实"
            ),
        )
    }


def test_a_badge_outside_the_footer_is_left_for_review():
    markup = html(without=("party_label",)).replace(
        '<div class="nav">', '<div class="nav"><a href="https://bszs.conac.cn/sitename?id=1"><img src="/r.png"></a>'
    )
    artifacts = site([footer(HOME, "home", markup)])
    severity, message = footer_findings(artifacts)["footer_missing_party_label"]
    assert severity == "needs_review"
    assert "未设置在页面底部" in message


def test_an_unreadable_inner_page_is_recorded_never_a_finding():
    broken = FooterFacts(url=f"{HOME}col9/", page_id="footer-9", rendered=False, error="HTTP 500")
    artifacts = site([footer(HOME, "home", html()), broken])
    assert footer_findings(artifacts) == {}
    judgement = judge(artifacts, T)
    assert judgement.rules["footer_missing_icp"].outcome == "pass"


def test_a_footer_code_of_another_site_is_a_review_note_with_the_meta_code_observed():
    other = {**PARTS, "site_code": "<p>网站标识码：3101140011</p>"}
    markup = html(parts=other).replace("<body>", '<head><meta name="SiteIDCode" content="3101140011"></head><body>')
    artifacts = site([footer(HOME, "home", markup)])
    judgement = judge(artifacts, T)
    (finding,) = [f for f in judgement.findings if f.code == "footer_site_code_mismatch"]
    assert finding.severity == "needs_review"
    assert "3101140011" in finding.message_zh
    assert CODE in finding.message_zh
    assert finding.observed["meta_site_id_code"] == {HOME: "3101140011"}
    assert judgement.rules["footer_missing_site_code"].outcome == "pass"


def test_mismatch_needs_a_scenario_code_and_a_code_read():
    no_code = judge(site([footer(HOME, "home", html())], code=None), T)
    assert no_code.rules["footer_site_code_mismatch"].outcome == "not_applicable"
    unread = judge(site([footer(HOME, "home", html(without=("site_code",)))]), T)
    assert unread.rules["footer_site_code_mismatch"].outcome == "not_applicable"
    assert unread.rules["footer_missing_site_code"].outcome == "fail"


def test_an_error_report_entry_for_another_site_code_is_a_review_note():
    other = {**PARTS, "error_report": PARTS["error_report"].replace(f"site_code={CODE}", "site_code=3101140011")}
    artifacts = site([footer(HOME, "home", html(parts=other))])
    severity, message = footer_findings(artifacts)["footer_missing_error_report"]
    assert severity == "needs_review"
    assert "site_code 为 3101140011" in message


def test_footers_not_gathered_is_an_error_not_a_pass():
    artifacts = site([])
    artifacts.footers = None
    judgement = judge(artifacts, T)
    assert {judgement.rules[c].outcome for c in CODES} == {"error"}
