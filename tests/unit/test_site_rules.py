"""站点无法访问, 网站域名 and the deduction score on hand-made artifacts: no browser, exact findings; and --resolve."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from auditor.judge import judge
from auditor.model.artifacts import (
    AvailabilityFacts,
    ColumnFacts,
    DomainFacts,
    InterpretationFacts,
    ListItem,
    PageFacts,
    ProbeAttempt,
    SiteArtifacts,
)
from auditor.model.resolve import ResolveError, ResolveMap
from auditor.settings import SettingsError, default_indicators, load_indicators

T = date(2021, 3, 21)
HOME = "http://www.qingxi.gov.cn/portal/"
SHANGHAI = timezone(timedelta(hours=8))
NOON = datetime(2021, 3, 21, 12, 0, tzinfo=SHANGHAI)


def attempt(status: int | None, *, ok: bool, error: str | None = None, at: datetime = NOON) -> ProbeAttempt:
    return ProbeAttempt(at=at, status=status, elapsed_ms=10.0, error=error, ok=ok, timed_out=error == "timed out")


def domain(registered: str, kind: str = "portal", parent: str | None = None, **extra: object) -> DomainFacts:
    return DomainFacts(
        registered=registered,
        source="scenario",
        home_host=registered,
        parent_domain=parent,
        site_kind=kind,
        **extra,  # type: ignore[arg-type]
    )


def site(
    availability: AvailabilityFacts | None = None, dom: DomainFacts | None = None, *, home: bool = True
) -> SiteArtifacts:
    facts = SiteArtifacts(site_id="qx", home_url=HOME, site_code="3101140038", captured_at=NOON, as_of=T)
    facts.availability = availability or AvailabilityFacts(
        url=HOME, budget_s=15, attempts=[attempt(200, ok=True)], answered=True
    )
    facts.domain = dom or domain("www.qingxi.gov.cn")
    if home:
        facts.home = PageFacts(id="home", url=HOME, fetched_by="browser", kind="hub", status=200)
    else:
        facts.unavailable = {"home": "首页无法访问", "columns": "首页无法访问"}
    return facts


def codes(artifacts: SiteArtifacts) -> list[tuple[str, str]]:
    return sorted((f.code, f.severity) for f in judge(artifacts).findings)


# ---------------------------------------------------------------- 站点无法访问


def test_a_home_page_that_never_answers_is_a_deduction_and_every_other_rule_is_not_applicable():
    facts = site(
        AvailabilityFacts(
            url=HOME,
            budget_s=15,
            attempts=[attempt(None, ok=False, error="timed out")] * 3,
            answered=False,
        ),
        home=False,
    )
    judgement = judge(facts)
    assert [(f.code, f.severity, f.target.url) for f in judgement.findings] == [("site_unavailable", "deduction", HOME)]
    finding = judgement.findings[0]
    assert finding.observed["basis"] == "this_run"
    assert len(finding.observed["attempts"]) == 3
    assert "单次检查不作单项否决" in finding.message_zh
    others = {c: s.outcome for c, s in judgement.rules.items() if c not in {"site_unavailable", "domain_nonstandard"}}
    assert set(others.values()) == {"not_applicable"}
    assert judgement.rules["domain_nonstandard"].outcome == "pass"
    assert judgement.verdict.qualified is None  # one run never vetoes
    assert judgement.verdict.vetoes == []


def test_a_firewall_answering_403_every_time_is_left_for_review():
    facts = site(
        AvailabilityFacts(
            url=HOME, budget_s=15, attempts=[attempt(403, ok=False, error="HTTP 403")] * 3, answered=False
        ),
        home=False,
    )
    assert codes(facts) == [("site_unavailable", "needs_review")]


def test_a_home_page_that_answered_on_its_second_attempt_is_available():
    facts = site(
        AvailabilityFacts(
            url=HOME,
            budget_s=15,
            attempts=[attempt(None, ok=False, error="timed out"), attempt(200, ok=True)],
            answered=True,
        )
    )
    assert "site_unavailable" not in {c for c, _ in codes(facts)}


def week_of_probes(failures_per_day: int, per_day: int = 24, days: int = 7) -> list[ProbeAttempt]:
    probes = []
    for day in range(days):
        for hour in range(per_day):
            at = datetime(2021, 3, 21 - day, 0, 0, tzinfo=SHANGHAI) + timedelta(minutes=hour * 60)
            failed = hour < failures_per_day
            probes.append(attempt(None if failed else 200, ok=not failed, error="timed out" if failed else None, at=at))
    return probes


@pytest.mark.parametrize(
    ("failures_per_day", "vetoed"),
    [(0, False), (1, False), (2, True)],  # 7/168 = 4.2 % passes; 14/168 = 8.3 % ≥ 5 % vetoes
)
def test_the_veto_comes_from_a_week_of_probes(failures_per_day, vetoed):
    facts = site(
        AvailabilityFacts(
            url=HOME,
            budget_s=15,
            attempts=[attempt(200, ok=True)],
            answered=True,
            probes=week_of_probes(failures_per_day),
        )
    )
    judgement = judge(facts)
    found = [f for f in judgement.findings if f.code == "site_unavailable"]
    assert bool(found) is vetoed
    assert any(v.code == "site_unavailable" for v in judgement.verdict.vetoes) is vetoed
    if vetoed:
        assert found[0].severity == "veto"
        assert found[0].observed["failures"] == 14
        assert found[0].observed["probes"] == 168
        assert judgement.verdict.qualified is False


def test_a_week_with_a_thin_day_is_no_history_and_the_single_run_stands():
    probes = week_of_probes(5, per_day=24)
    thin = [p for p in probes if not (p.at.date() == date(2021, 3, 18) and p.at.hour >= 10)]  # 10 probes that day
    facts = site(AvailabilityFacts(url=HOME, budget_s=15, attempts=[attempt(200, ok=True)], answered=True, probes=thin))
    assert "site_unavailable" not in {c for c, _ in codes(facts)}


# ---------------------------------------------------------------- 网站域名


@pytest.mark.parametrize(
    ("registered", "kind", "parent", "problems"),
    [
        ("www.qingxi.gov.cn", "portal", "sh.gov.cn", 0),
        ("scjgj.qingxi.gov.cn", "department", "qingxi.gov.cn", 0),
        ("青溪.政务", "portal", None, 0),
        ("www.creditqingxi.cn", "credit", "qingxi.gov.cn", 2),  # not .gov.cn, and not under the portal
        ("credit.qingxi.gov.cn", "credit", "qingxi.gov.cn", 0),
        ("www.creditqingxi.gov.cn", "credit", "qingxi.gov.cn", 1),  # .gov.cn, but beside the portal
        ("evilqingxi.gov.cn", "department", "qingxi.gov.cn", 1),  # label boundary
        ("www.qingxi.com", "portal", None, 1),
        ("www.qingxi.gov.cn.evil.com", "portal", None, 1),
    ],
)
def test_domain_rules(registered, kind, parent, problems):
    judgement = judge(site(dom=domain(registered, kind, parent)))
    found = [f for f in judgement.findings if f.code == "domain_nonstandard"]
    assert (len(found[0].observed["problems"]) if found else 0) == problems
    if found:
        assert found[0].target.url == HOME
        assert found[0].severity == "deduction"


def test_a_loopback_home_without_a_configured_domain_is_not_judged():
    facts = site(dom=DomainFacts(registered="127.0.0.1", source="home", home_host="127.0.0.1", site_kind="portal"))
    assert judge(facts).rules["domain_nonstandard"].outcome == "not_applicable"


def test_a_home_that_redirects_off_gov_cn_is_judged_where_it_lands():
    facts = site(
        dom=DomainFacts(
            registered="www.qingxi.gov.cn",
            source="home",
            home_host="www.qingxi.gov.cn",
            final_host="www.qingxi-gov.com",
            site_kind="portal",
        )
    )
    [finding] = [f for f in judge(facts).findings if f.code == "domain_nonstandard"]
    assert "www.qingxi-gov.com" in finding.message_zh


# ---------------------------------------------------------------- the deduction score


def stale_column(n: int) -> ColumnFacts:
    url = f"{HOME}col/c{n}/"
    return ColumnFacts(
        name=f"工作动态{n}",
        url=url,
        found_in=["nav"],
        page=PageFacts(
            id=f"c{n}",
            url=url,
            fetched_by="http",
            kind="list",
            status=200,
            items=[ListItem(title="旧闻", url=f"{url}1.html", date=T - timedelta(days=40), date_source="list")],
            basis=["dated rows"],
        ),
    )


def scored(artifacts: SiteArtifacts):
    score = judge(artifacts).verdict.score
    assert score is not None
    return score, {i.id: i for i in score.indicators}


def test_without_findings_the_score_is_100_and_unjudged_indicators_are_named():
    facts = site()
    score, by_id = scored(facts)
    assert score.total == 100
    assert by_id["function"].assessed  # domain and availability ran
    assert not by_id["service"].assessed  # no guides gathered: not assessed, not deducted
    assert "办事服务" in score.not_assessed
    assert judge(facts).verdict.qualified is True


def test_stale_columns_below_the_veto_deduct_and_are_capped_at_the_indicator_weight():
    facts = site()
    facts.columns = [stale_column(n) for n in range(3)]  # 3 < 5: no veto
    facts.interpretations = []
    judgement = judge(facts)
    assert not judgement.verdict.vetoes
    score, by_id = scored(facts)
    assert by_id["information"].uncapped == 15
    assert by_id["information"].deducted == 15
    assert score.total == 85
    assert len(by_id["information"].findings) == 3


def test_deductions_never_exceed_the_weight_and_a_low_score_fails(tmp_path):
    override = tmp_path / "strict.toml"
    override.write_text("[score.information]\ndeductions = { column_stale = 20 }\n", "utf-8")
    settings = load_indicators(override)
    facts = site()
    facts.columns = [stale_column(n) for n in range(4)]
    judgement = judge(facts, settings=settings)
    by_id = {i.id: i for i in judgement.verdict.score.indicators}  # type: ignore[union-attr]
    assert by_id["information"].uncapped == 80
    assert by_id["information"].deducted == 30  # capped at its weight
    assert judgement.verdict.score.total == 70  # type: ignore[union-attr]
    override.write_text(
        "[score.information]\nweight = 45\ndeductions = { column_stale = 20 }\n[score.function]\nweight = 0.0001\n",
        "utf-8",
    )
    with pytest.raises(SettingsError, match="add up to"):
        load_indicators(override)


def test_a_score_below_the_pass_mark_is_unqualified(tmp_path):
    override = tmp_path / "mark.toml"
    override.write_text("[values.score_pass_mark]\nvalue = 90\nstatus = 'unconfirmed'\nnote = 'test'\n", "utf-8")
    facts = site()
    facts.columns = [stale_column(n) for n in range(3)]
    verdict = judge(facts, settings=load_indicators(override)).verdict
    assert verdict.qualified is False
    assert "低于及格线" in verdict.note_zh


def test_a_vetoed_site_is_not_scored():
    facts = site()
    facts.columns = [stale_column(n) for n in range(5)]
    verdict = judge(facts).verdict
    assert verdict.vetoes
    assert verdict.score is None


def test_needs_review_findings_never_deduct():
    facts = site()
    facts.interpretations = [InterpretationFacts(url=f"{HOME}zcjd/1.html", found_in=["column"], skipped="budget")]
    score, _ = scored(facts)
    assert score.total == 100


def test_rescaling_unassessed_indicators_when_configured(tmp_path):
    override = tmp_path / "rescale.toml"
    override.write_text(
        "[values.score_rescale_unassessed]\nvalue = true\nstatus = 'unconfirmed'\nnote = 't'\n", "utf-8"
    )
    facts = site()
    facts.columns = [stale_column(n) for n in range(3)]
    score = judge(facts, settings=load_indicators(override)).verdict.score
    assert score is not None
    assert score.rescaled
    unassessed = sum(i.weight for i in score.indicators if not i.assessed)
    assert score.total == round(100 - 15 * 100 / (100 - unassessed), 2)


def test_the_bundled_weights_add_up_to_100_and_say_whether_they_are_confirmed():
    rows = default_indicators().score
    assert sum(r.weight for r in rows.values()) == 100
    assert all(r.status in {"confirmed", "unconfirmed"} and r.note for r in rows.values())


# ---------------------------------------------------------------- --resolve


def test_resolve_map_forms_and_rewrites():
    scenario = ResolveMap.from_mapping({"www.qingxi.gov.cn:80": "127.0.0.1:8000"})
    cli = ResolveMap.from_options(["www.qingxi.gov.cn:80=127.0.0.1:9000", "scjgj.qingxi.gov.cn:80:127.0.0.1"])
    merged = scenario.merged(cli)
    assert merged.lookup("WWW.qingxi.gov.cn", 80) == ("127.0.0.1", 9000)  # the command line wins
    assert merged.lookup("scjgj.qingxi.gov.cn", 80) == ("127.0.0.1", 80)
    assert merged.lookup("www.qingxi.gov.cn", 443) is None
    assert merged.rewrite("http://www.qingxi.gov.cn/portal/a.html?x=1#top") == "http://127.0.0.1:9000/portal/a.html?x=1"
    assert merged.rewrite("http://other.gov.cn/") is None
    assert merged.chromium_rules() == (
        "MAP scjgj.qingxi.gov.cn:80 127.0.0.1:80, MAP www.qingxi.gov.cn:80 127.0.0.1:9000"
    )


@pytest.mark.parametrize(
    "entry",
    ["www.qingxi.gov.cn=127.0.0.1:8000", "www.qingxi.gov.cn:99999=127.0.0.1", "www.qingxi.gov.cn:80=localhost:80"],
)
def test_bad_resolve_entries_are_one_clear_error(entry):
    with pytest.raises(ResolveError, match=r"www\.qingxi\.gov\.cn"):
        ResolveMap.from_options([entry])
