"""The 办事指南 and 政策解读 rules on hand-made artifacts: no browser, exact findings."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from auditor.judge import judge
from auditor.model.artifacts import (
    CheckedLink,
    ColumnFacts,
    GuideFacts,
    GuideField,
    InterpretationFacts,
    NodeRef,
    PageFacts,
    PolicyFacts,
    Rect,
    SiteArtifacts,
)

T = date(2021, 3, 21)
HOME = "http://qx.example/portal/"
SHANGHAI = timezone(timedelta(hours=8))
COMPLETE = {
    "事项名称": "食品经营许可",
    "设定依据": "《中华人民共和国食品安全法》第三十五条：“国家对食品生产经营实行许可制度。从事食品销售的，应当依法取得许可。”",
    "申请条件": "具有与经营的食品品种相适应的经营场所",
    "申请材料": "食品经营许可申请书；营业执照复印件",
    "办理地点": "青溪区行政服务中心3号窗口",
    "办理时间": "工作日 9:00-17:00",
    "咨询电话": "021-59990001",
    "办理流程": "申请→受理→审查→决定",
    "实施机关": "青溪区市场监督管理局",
    "收费标准": "不收费",
}


def page(url: str, page_id: str) -> PageFacts:
    return PageFacts(id=page_id, url=url, fetched_by="browser", kind="content", status=200)


def node(page_id: str, y: float) -> NodeRef:
    return NodeRef(
        page_id=page_id, selector=f"tr:nth-of-type({int(y)})", rect=Rect(x=100, y=y * 40, width=800, height=40)
    )


def guide(
    n: int, *, fields: dict[str, str] | None = None, forms: list[CheckedLink] | None = None, text: str = ""
) -> GuideFacts:
    url = f"{HOME}bszn/{n}.html"
    values = COMPLETE if fields is None else fields
    return GuideFacts(
        url=url,
        name=f"指南{n}",
        found_in=["column"],
        page=page(url, f"guide-{n}"),
        fields=[
            GuideField(label=k, value=v, node=node(f"guide-{n}", i + 1)) for i, (k, v) in enumerate(values.items())
        ],
        content_text=text or " ".join(values.values()),
        form_links=forms
        if forms is not None
        else [
            CheckedLink(
                text="申请书下载",
                href="/f.docx",
                url=f"{HOME}f.docx",
                checked=True,
                status=200,
                size=10,
                target_kind="file",
            )
        ],
        content_node=NodeRef(page_id=f"guide-{n}", selector="table", rect=Rect(x=90, y=30, width=820, height=420)),
    )


def artifacts(**kw) -> SiteArtifacts:
    base = {
        "site_id": "qx",
        "home_url": HOME,
        "captured_at": datetime(2021, 3, 21, 9, tzinfo=SHANGHAI),
        "as_of": T,
        "home": page(HOME, "home"),
        "columns": [ColumnFacts(name="政策文件", url=f"{HOME}zcwj/"), ColumnFacts(name="政策解读", url=f"{HOME}zcjd/")],
        "guides": [],
        "interpretations": [],
    }
    base.update(kw)
    return SiteArtifacts(**base)


def findings(site: SiteArtifacts, code: str) -> list:
    return [f for f in judge(site, T).findings if f.code == code]


# ---------------------------------------------------------------- 办事指南


def test_a_complete_guide_meets_the_indicator():
    judgement = judge(artifacts(guides=[guide(1)]), T)
    assert [f for f in judgement.findings if f.code.startswith("guide_")] == []
    assert [g.meets for g in judgement.guides] == [True]
    assert judgement.rules["guide_missing_elements"].outcome == "pass"


def test_missing_elements_are_listed_with_how_and_the_2015_deduction():
    fields = {**COMPLETE, "办理地点": "暂无", "咨询电话": "—", "申请条件": ""}
    del fields["办理流程"]
    (finding,) = findings(artifacts(guides=[guide(2, fields=fields)]), "guide_missing_elements")
    assert finding.severity == "deduction"
    assert finding.observed["missing"] == {
        "申请条件": "empty",
        "办理地点": "placeholder",
        "联系电话": "placeholder",
        "办理流程": "absent",
    }
    assert finding.observed["deduction_points"] == 8
    assert finding.target.url == f"{HOME}bszn/2.html"
    # The outline covers the offending rows (rows 3, 5 and 7: 申请条件, 办理地点, 咨询电话).
    assert finding.target.rect == Rect(x=100, y=120, width=800, height=200)


def test_fee_answered_none_or_free_is_present_but_a_placeholder_elsewhere_is_not():
    ok = {**COMPLETE, "收费标准": "无"}
    assert findings(artifacts(guides=[guide(3, fields=ok)]), "guide_missing_elements") == []
    bad = {**COMPLETE, "办理地点": "无"}
    (finding,) = findings(artifacts(guides=[guide(4, fields=bad)]), "guide_missing_elements")
    assert finding.observed["missing"] == {"办理地点": "placeholder"}


def test_a_page_with_too_few_elements_is_left_for_review_never_told_it_lacks_them():
    few = {"事项名称": "某事项", "办理地点": "某地"}
    (finding,) = findings(artifacts(guides=[guide(5, fields=few)]), "guide_missing_elements")
    assert finding.severity == "needs_review"
    assert finding.observed["reason"] == "unreadable"


def test_offsite_guides_are_listed_not_judged():
    offsite = GuideFacts(url="https://zwfw.example.gov.cn/g/1.html", name="某事项", found_in=["column"], offsite=True)
    judgement = judge(artifacts(guides=[offsite]), T)
    assert [(g.status, g.meets) for g in judgement.guides] == [("offsite", None)]
    assert judgement.rules["guide_missing_elements"].outcome == "not_applicable"


@pytest.mark.parametrize(
    ("basis", "kind", "severity"),
    [
        ("依据相关法律法规", "no_law", "deduction"),
        ("《中华人民共和国食品安全法》《食品经营许可管理办法》", "law_only", "deduction"),
        ("《上海市排水管理条例》第八条", "article_number_only", "needs_review"),
        ("《A办法》第三条、第十九条", "article_number_only", "needs_review"),
    ],
)
def test_vague_bases_are_found_with_their_kind(basis, kind, severity):
    (finding,) = findings(artifacts(guides=[guide(6, fields={**COMPLETE, "设定依据": basis})]), "guide_basis_vague")
    assert (finding.observed["kind"], finding.severity) == (kind, severity)


def test_a_quoted_provision_is_concrete():
    assert findings(artifacts(guides=[guide(7)]), "guide_basis_vague") == []


def test_a_form_link_that_fails_and_no_channel_is_reported_with_its_status():
    broken = [
        CheckedLink(
            text="申请表下载",
            href="/missing.doc",
            url=f"{HOME}missing.doc",
            checked=True,
            status=404,
            target_kind="error",
        )
    ]
    fields = {**COMPLETE, "申请材料": "社会团体登记申请表"}
    (finding,) = findings(artifacts(guides=[guide(8, fields=fields, forms=broken)]), "guide_no_form_channel")
    assert finding.severity == "deduction"
    assert [(f["href"], f["status"]) for f in finding.observed["failed_links"]] == [("/missing.doc", 404)]


def test_a_stated_channel_or_no_form_named_needs_no_download():
    fields = {**COMPLETE, "申请材料": "社会团体登记申请表"}
    stated = guide(9, fields=fields, forms=[], text="申请表可在区行政服务中心3号窗口领取")
    assert findings(artifacts(guides=[stated]), "guide_no_form_channel") == []
    plain = guide(10, fields={**COMPLETE, "申请材料": "身份证复印件"}, forms=[])
    assert findings(artifacts(guides=[plain]), "guide_no_form_channel") == []


def test_a_form_link_that_could_not_be_followed_is_left_for_review():
    elsewhere = [
        CheckedLink(
            text="申请表下载", href="https://oss.example/a.doc", url="https://oss.example/a.doc", target_kind="offsite"
        )
    ]
    fields = {**COMPLETE, "申请材料": "登记申请表"}
    (finding,) = findings(artifacts(guides=[guide(11, fields=fields, forms=elsewhere)]), "guide_no_form_channel")
    assert finding.severity == "needs_review"


def test_five_guides_missing_a_key_element_veto_the_site():
    fields = {k: v for k, v in COMPLETE.items() if k != "申请条件"}
    four = judge(artifacts(guides=[guide(n, fields=fields) for n in range(4)]), T)
    assert four.verdict.qualified is True
    five = judge(artifacts(guides=[guide(n, fields=fields) for n in range(5)]), T)
    assert five.verdict.qualified is False
    assert [v.code for v in five.verdict.vetoes] == ["service_guide_key_elements_missing"]
    assert {f.severity for f in five.findings if f.code == "guide_missing_elements"} == {"veto"}
    # A missing element that is not a key one (办理时间) never counts toward the veto.
    other = {k: v for k, v in COMPLETE.items() if k != "办理时间"}
    assert judge(artifacts(guides=[guide(n, fields=other) for n in range(6)]), T).verdict.qualified is True


# ---------------------------------------------------------------- 政策解读


POLICY_URL = f"{HOME}zcwj/1.html"
INTERPRETATION_URL = f"{HOME}zcjd/1.html"


def policy(*, back: bool) -> PolicyFacts:
    links = (
        [CheckedLink(text="相关解读", href="../zcjd/1.html", url=INTERPRETATION_URL, why="back_text")] if back else []
    )
    links.append(CheckedLink(text="政策解读", href="/portal/zcjd/", url=f"{HOME}zcjd/", why="back_text"))  # the menu
    return PolicyFacts(
        url=POLICY_URL,
        title="青溪区人民政府关于印发《青溪区促进就业若干措施》的通知",
        page=page(POLICY_URL, "policy-1"),
        back_links=links,
        link_area=NodeRef(page_id="policy-1", selector="div.article", rect=Rect(x=80, y=200, width=900, height=600)),
    )


def interpretation(
    candidates: list[CheckedLink], *, linked: list[PolicyFacts] | None = None, found: PolicyFacts | None = None
) -> InterpretationFacts:
    return InterpretationFacts(
        url=INTERPRETATION_URL,
        found_in=["column"],
        page=page(INTERPRETATION_URL, "jd-1"),
        heading="《青溪区促进就业若干措施》政策解读",
        named_titles=["青溪区促进就业若干措施"],
        candidates=candidates,
        linked_policies=linked or [],
        found_policy=found,
        link_area=NodeRef(page_id="jd-1", selector="div.article", rect=Rect(x=80, y=200, width=900, height=600)),
    )


def original(**kw) -> CheckedLink:
    base = {
        "text": "原文",
        "href": "../zcwj/1.html",
        "url": POLICY_URL,
        "why": "link_text",
        "checked": True,
        "status": 200,
    }
    base.update(kw)
    return CheckedLink(**base)


def test_an_interpretation_linked_to_its_document_both_ways_passes():
    site = artifacts(
        interpretations=[
            interpretation(
                [
                    original(
                        target_kind="document", target_title="青溪区人民政府关于印发《青溪区促进就业若干措施》的通知"
                    )
                ],
                linked=[policy(back=True)],
            )
        ]
    )
    judgement = judge(site, T)
    assert [f.code for f in judgement.findings if "interpretation" in f.code] == []
    (result,) = judgement.interpretations
    assert (result.status, result.policy_url, result.policy_links_back) == ("linked", POLICY_URL, True)


def test_a_document_without_a_link_back_is_its_own_finding_and_the_menu_link_does_not_count():
    site = artifacts(
        interpretations=[
            interpretation(
                [original(target_kind="document", target_title="青溪区促进就业若干措施")], linked=[policy(back=False)]
            )
        ]
    )
    (finding,) = findings(site, "policy_interpretation_unlinked")
    assert finding.target.url == POLICY_URL
    assert finding.observed["interpretations"] == [INTERPRETATION_URL]
    assert findings(site, "interpretation_unlinked") == []


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        (original(href="#", url=None, checked=False), "href_hash"),
        (original(href="javascript:void(0)", url=None, checked=False), "href_javascript"),
        (original(status=404, target_kind="error"), "http_error"),
        (original(target_kind="soft_404"), "soft_404"),
        (original(url=f"{HOME}zcwj/", target_kind="list"), "list_page"),
        (original(url=HOME, target_kind="home"), "home_page"),
        (original(target_kind="search"), "search_page"),
        (original(target_kind="document", target_title="青溪区河长制工作实施办法"), "title_mismatch"),
    ],
)
def test_links_that_do_not_reach_the_document_are_rejected_with_why(link, reason):
    (finding,) = findings(artifacts(interpretations=[interpretation([link])]), "interpretation_unlinked")
    assert finding.severity == "deduction"
    assert [r["reason"] for r in finding.observed["rejected_links"]] == [reason]
    assert finding.target.url == INTERPRETATION_URL


def test_no_link_at_all_names_the_document_found_on_the_site():
    (finding,) = findings(
        artifacts(interpretations=[interpretation([], found=policy(back=True))]), "interpretation_unlinked"
    )
    assert finding.observed["found_policy"]["url"] == POLICY_URL
    assert finding.observed["rejected_links"] == []
    assert POLICY_URL in finding.message_zh


def test_a_link_to_another_host_is_left_for_review():
    elsewhere = original(url="https://xxgk.example.gov.cn/1.html", checked=False, target_kind="offsite")
    (finding,) = findings(artifacts(interpretations=[interpretation([elsewhere])]), "interpretation_unlinked")
    assert finding.severity == "needs_review"


def test_an_unread_interpretation_is_not_judged():
    unread = InterpretationFacts(url=INTERPRETATION_URL, found_in=["column"], skipped="每站最多读取40篇解读")
    judgement = judge(artifacts(interpretations=[unread]), T)
    assert [i.status for i in judgement.interpretations] == ["not_judged"]
    assert judgement.rules["interpretation_unlinked"].outcome == "not_applicable"


def test_artifacts_without_these_pages_make_the_rules_error_not_pass():
    judgement = judge(artifacts(guides=None, interpretations=None), T)
    assert judgement.rules["guide_missing_elements"].outcome == "error"
    assert judgement.rules["interpretation_unlinked"].outcome == "error"


def test_an_element_whose_tab_was_clicked_but_showed_nothing_is_left_for_review():
    fields = {k: v for k, v in COMPLETE.items() if k != "申请材料"}
    lazy = guide(1, fields=fields).model_copy(
        update={"tabs_opened": 3, "tab_titles": ["基本信息", "申请材料", "办理流程"]}
    )
    absent = guide(2, fields=fields)  # no tab for it: simply not on the page
    judgement = judge(artifacts(guides=[lazy, absent]), T)
    found = {(f.target.url, f.severity) for f in judgement.findings if f.code == "guide_missing_elements"}
    assert found == {(lazy.url, "needs_review"), (absent.url, "deduction")}
    review = next(f for f in judgement.findings if f.target.url == lazy.url)
    assert review.observed["unloaded"] == ["办理材料"]
    assert "标签页已点击但未读到内容" in review.message_zh
