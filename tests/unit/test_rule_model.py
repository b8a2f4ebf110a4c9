"""The rule model: outcomes, missing artifacts, a rule added from outside, the settings table, the verdict fold.

No browser: hand-made artifacts, a PNG made with Pillow, bundles written to a temporary folder.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from auditor.bundle.reader import load_bundle
from auditor.gather.column import decide_read
from auditor.gather.http import HttpPage
from auditor.judge import judge
from auditor.model.artifacts import ColumnFacts, ListItem, PageFacts, Rect, SiteArtifacts
from auditor.pipeline import judge_and_store
from auditor.report.text import plain
from auditor.rules import REGISTRY, RuleMeta, RuleResult, register, unregister
from auditor.scenario import parse_scenario
from auditor.settings import SettingsError, default_indicators, load_indicators
from auditor.store import FileBundleStore, verify_manifest
from auditor.windows import SHANGHAI

T = date(2021, 3, 21)
HOME = "http://x.gov.cn/"
SCENARIO = """site:
  id: x
  name: 某某区人民政府
  code: "3101140038"
  kind: portal
  home: http://x.gov.cn/
"""

TOY_RULE = '''
"""A toy indicator from outside the package: a site whose home page title lacks 人民政府."""

from auditor.model.artifacts import NodeRef
from auditor.rules import RuleContext, RuleMeta, make_finding, register

META = RuleMeta(
    code="toy_home_title",
    indicator_zh="首页标题不规范",
    title_zh="首页标题含人民政府",
    failure_title_zh="首页标题不含人民政府",
    severity="deduction",
    required_artifacts=("home",),
    reference="test only",
    threshold={"word": "人民政府"},
)


@register(META)
def evaluate(context: RuleContext):
    home = context.artifacts.home
    word = context.threshold(META)["word"]
    if word in home.title:
        return []
    node = NodeRef(page_id=home.id, selector="title", rect=None, snippet=home.title)
    return [
        make_finding(
            META, context, url=home.url, node=node, message_zh=f"首页标题“{home.title}”不含{word}", observed={}
        )
    ]
'''


def png(width: int = 400, height: int = 300) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def items(*offsets: int) -> list[ListItem]:
    return [
        ListItem(title=f"信息{i}", url=f"{HOME}a/{i}.html", date=T - timedelta(days=o), date_source="list")
        for i, o in enumerate(offsets)
    ]


def column(name: str, *offsets: int, path: str | None = None, **page: object) -> ColumnFacts:
    url = HOME + (path or f"{abs(hash(name)) % 10_000}/")
    facts = PageFacts(id=f"col-{name}", url=url, fetched_by="browser", kind="list", items=items(*offsets), **page)
    return ColumnFacts(name=name, url=url, page=facts)


def artifacts(*columns: ColumnFacts, title: str = "某某区人民政府门户网站") -> SiteArtifacts:
    home = PageFacts(
        id="home", url=HOME, fetched_by="browser", kind="hub", title=title, screenshot_path="pages/home.png"
    )
    return SiteArtifacts(
        site_id="x", home_url=HOME, captured_at=datetime(2021, 3, 21, 9, tzinfo=SHANGHAI), as_of=T, home=home,
        columns=list(columns),
    )  # fmt: skip


@pytest.fixture
def toy_rule(tmp_path: Path):
    """The toy rule, imported from a temporary module as a third party would add one; removed afterwards."""
    module_path = tmp_path / "toy_home_title.py"
    module_path.write_text(TOY_RULE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("toy_home_title", module_path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["toy_home_title"] = module
    spec.loader.exec_module(module)
    try:
        yield module
    finally:
        unregister("toy_home_title")
        sys.modules.pop("toy_home_title", None)


def write(tmp_path: Path, site_artifacts: SiteArtifacts, **kwargs):
    store = FileBundleStore(tmp_path / "out" / "x")
    store.write_bytes("pages/home.png", png())
    for facts in site_artifacts.columns:
        if facts.page is not None and facts.page.screenshot_path:
            store.write_bytes(facts.page.screenshot_path, png(800, 1200))
    site = parse_scenario(SCENARIO, "x.yaml").site
    judge_and_store(
        site,
        site_artifacts,
        store,
        as_of=kwargs.pop("as_of", T),
        settings=kwargs.pop("settings", default_indicators()),
        started_at=datetime(2021, 3, 21, 9, tzinfo=SHANGHAI),
        **kwargs,
    )
    return tmp_path / "out" / "x"


def test_a_rule_added_from_outside_gets_findings_evidence_and_its_settings_row(tmp_path, toy_rule):
    bundle_dir = write(tmp_path, artifacts(title="某某区门户"))
    bundle = load_bundle(bundle_dir)
    toy = [f for f in bundle.findings if f.code == "toy_home_title"]
    assert len(toy) == 1
    finding = toy[0]
    assert finding.target.page_id == "home"
    assert finding.target.snippet == "某某区门户"
    assert finding.evidence.screenshot is not None
    assert finding.evidence.crop is not None
    assert (bundle_dir / finding.evidence.screenshot).is_file()
    assert (bundle_dir / finding.evidence.crop).is_file()
    assert bundle.rules["toy_home_title"].outcome == "fail"
    assert bundle.rules["toy_home_title"].findings == {"deduction": 1}
    row = bundle.settings["rules"]["toy_home_title"]
    assert row["threshold"] == {"word": "人民政府"}
    assert row["status"] == "rule default"
    assert verify_manifest(bundle_dir) == []


def test_the_toy_rules_row_in_a_settings_file_is_used_and_recorded(tmp_path, toy_rule):
    override = tmp_path / "province.toml"
    override.write_text(
        '[rules.toy_home_title]\nthreshold = { word = "门户" }\nstatus = "unconfirmed"\nnote = "province"\n', "utf-8"
    )
    settings = load_indicators(override)
    bundle = load_bundle(write(tmp_path, artifacts(title="某某区门户"), settings=settings))
    assert [f.code for f in bundle.findings if f.code == "toy_home_title"] == []
    assert bundle.rules["toy_home_title"].outcome == "pass"
    assert bundle.settings["rules"]["toy_home_title"]["status"] == "unconfirmed"
    assert bundle.settings["table"]["sources"] == ["indicators.toml", str(override)]


def test_a_missing_artifact_is_an_error_outcome_not_silence():
    site = artifacts()
    site.home = PageFacts(id="home", url=HOME, fetched_by="browser", kind="error", error="timeout")
    site.unavailable = {"home": "首页无法访问", "columns": "首页无法访问,未能发现栏目"}
    judgement = judge(site)
    for code in ("column_stale", "column_blank", "column_unreadable"):
        assert judgement.rules[code].outcome == "error"
        assert "首页无法访问" in (judgement.rules[code].message or "")
    assert judgement.findings == []
    assert judgement.verdict.qualified is None


def test_a_rule_that_raises_is_an_error_and_the_others_still_run():
    meta = RuleMeta(
        code="toy_broken",
        indicator_zh="测试",
        title_zh="t",
        failure_title_zh="f",
        severity="deduction",
        required_artifacts=("columns",),
        reference="test only",
    )

    def evaluate(_context):
        raise RuntimeError("boom")

    register(meta)(evaluate)
    try:
        judgement = judge(artifacts(column("要闻动态", 30)))
    finally:
        unregister("toy_broken")
    assert judgement.rules["toy_broken"].outcome == "error"
    assert "RuntimeError: boom" in (judgement.rules["toy_broken"].message or "")
    assert [f.code for f in judgement.findings] == ["column_stale"]
    assert "toy_broken" not in REGISTRY


def test_a_rule_can_answer_not_applicable():
    meta = RuleMeta("toy_na", "测试", "t", "f", "deduction", ("columns",), "test only")
    register(meta)(lambda _context: RuleResult.not_applicable("本站无互动栏目"))
    try:
        judgement = judge(artifacts())
    finally:
        unregister("toy_na")
    assert judgement.rules["toy_na"].outcome == "not_applicable"
    assert judgement.rules["toy_na"].message == "本站无互动栏目"


def test_outcomes_pass_fail_needs_review():
    judgement = judge(artifacts(column("要闻动态", 1), column("人事信息", path="rs/")))
    assert judgement.rules["column_blank"].outcome == "fail"
    assert judgement.rules["column_stale"].outcome == "pass"
    assert judgement.rules["column_unreadable"].outcome == "pass"
    undated = column("工作动态", path="gz/")
    assert undated.page is not None
    undated.page.items = [ListItem(title="无日期", url=HOME + "a/1.html")]
    assert judge(artifacts(undated)).rules["column_unreadable"].outcome == "needs_review"


def test_five_stale_news_columns_veto_and_their_findings_are_marked():
    columns = [column(f"动态{i}", 30, path=f"d{i}/") for i in range(5)] + [column("通知公告", 400, path="tz/")]
    judgement = judge(artifacts(*columns))
    veto = next(v for v in judgement.verdict.vetoes if v.code == "column_stale_news_notice")
    assert veto.count == 6
    assert judgement.verdict.qualified is False
    assert {f.severity for f in judgement.findings if f.code == "column_stale"} == {"veto"}
    assert sorted(veto.findings) == sorted(f.id for f in judgement.findings if f.code == "column_stale")
    # Every site-level rule of the table is counted, in the table's (the veto table's) order.
    assert judgement.verdict.counts == {
        "site_unavailable": 0,
        "homepage_stale": 0,
        "column_stale_news_notice": 6,
        "column_stale_should_update": 6,
        "column_blank_many": 0,
        "interaction_no_channel": 0,
        "interaction_unanswered": 0,
        "service_none": 0,
        "service_guide_key_elements_missing": 0,
    }
    assert "栏目不更新" in judgement.verdict.note_zh


def test_a_provinces_window_comes_from_a_settings_file(tmp_path):
    override = tmp_path / "province.toml"
    override.write_text('[classes.news]\nwindow = { amount = 7, unit = "days" }\nnote = "某省: 7天"\n', "utf-8")
    settings = load_indicators(override)
    site = artifacts(column("要闻动态", 10))
    assert judge(site).columns[0].status == "fresh"
    assert judge(site, settings=settings).columns[0].status == "stale"
    assert settings.classes[next(iter(settings.classes))].keywords  # the rest of the row is the bundled one


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[classes.news\n", "not a valid TOML file"),
        ('[verdict.column_blank_many]\nthreshold = "five"\n', "verdict.column_blank_many.threshold"),
        ('[values.months_as]\nvalue = "weeks"\n', "months_as"),
    ],
)
def test_a_bad_settings_file_is_one_clear_error(tmp_path, text, problem):
    override = tmp_path / "bad.toml"
    override.write_text(text, "utf-8")
    with pytest.raises(SettingsError) as raised:
        load_indicators(override)
    message = str(raised.value)
    assert message.startswith(str(override))
    assert problem in message
    assert "\n" not in message


def test_a_corrected_placeholder_wording_is_judged_again_without_a_crawl(tmp_path):
    blank = column("财政信息", path="cz/", placeholder="暂无信息", list_selector="div.empty")
    assert blank.page is not None
    blank.page.items = []
    assert judge(artifacts(blank)).columns[0].status == "blank"
    override = tmp_path / "wording.toml"
    override.write_text('[values.blank_placeholder_pattern]\nvalue = "建设中"\n', "utf-8")
    again = judge(artifacts(blank), settings=load_indicators(override))
    assert again.columns[0].status == "unreadable"
    assert [f.code for f in again.findings] == ["column_unreadable"]
    assert "暂无信息" in again.findings[0].message_zh


def test_evidence_outlines_the_node_a_rule_points_at(tmp_path):
    stale = column("要闻动态", 30, path="yw/", screenshot_path="pages/yw.png", list_selector="ul.list")
    assert stale.page is not None
    stale.page.list_rect = Rect(x=10, y=20, width=300, height=200)
    bundle_dir = write(tmp_path, artifacts(stale))
    finding = next(f for f in load_bundle(bundle_dir).findings if f.code == "column_stale")
    assert finding.target.rect == Rect(x=10, y=20, width=300, height=200)
    assert finding.target.selector == "ul.list"
    crop = Image.open(bundle_dir / str(finding.evidence.crop))
    # A small rect is shown with at least 720 x 320 around it (210 px each side, 60 px above and below), clamped
    # at the page's edge.
    assert crop.size == (300 + 10 + 210, 200 + 20 + 60)


def test_a_finding_on_a_page_without_a_screenshot_says_so(tmp_path):
    stale = column("要闻动态", 30, path="yw/", html_path="pages/yw.html")
    bundle_dir = write(tmp_path, artifacts(stale))
    finding = next(f for f in load_bundle(bundle_dir).findings if f.code == "column_stale")
    assert finding.evidence.screenshot is None
    assert finding.evidence.note is not None


def _http(*, ok: bool = True, html: bool = True, timed_out: bool = False) -> HttpPage:
    return HttpPage(
        url="u",
        final_url="u",
        status=200 if ok else (None if timed_out else 500),
        content_type="text/html" if html else "application/pdf",
        text="",
        error=None if ok else "timeout" if timed_out else "HTTP 500",
        timed_out=timed_out,
        elapsed_ms=1.0,
    )


@pytest.mark.parametrize(
    ("kwargs", "decision"),
    [
        ({"forced_render": True, "static": None}, "render"),
        ({"static": _http()}, "render"),  # a page the policy does not call a clean pass is confirmed in the browser
        ({"static": _http(), "static_page_suffices": True}, "keep_static"),
        ({"static": _http(), "long_content": True}, "keep_static"),
        ({"static": _http(), "forbid_render": True}, "keep_static"),
        ({"static": _http(ok=False), "forbid_render": True}, "render"),
        ({"static": _http(ok=False, timed_out=True)}, "keep_timeout"),
        ({"static": _http(html=False)}, "keep_document"),
    ],
)
def test_the_read_decision(kwargs, decision):
    arguments = {
        "forced_render": False,
        "forbid_render": False,
        "static": None,
        "static_page_suffices": False,
        "long_content": False,
    }
    assert decide_read(**(arguments | kwargs)) == decision


def test_page_text_is_shown_without_control_codes():
    assert plain("要闻\x1b[31m动态") == "要闻\\x1b[31m动态"
    assert plain("abc\u202edef") == "abc\\u202edef"
    assert plain("a\nb") == "a\\x0ab"
    assert plain("普通栏目名") == "普通栏目名"
