"""责任单位: the scenario's `site.units`, and each finding's unit as the bundle is built."""

from __future__ import annotations

import pytest

from auditor.bundle.units import assign_units, unit_for, unit_prefixes
from auditor.model.bundle import AccountResult, Finding, Target
from auditor.scenario import ScenarioError, parse_scenario, prefix_key

SITE = """\
site:
  id: qingxi
  name: 青溪区人民政府
  code: "3101140038"
  kind: portal
  home: http://www.qingxi.gov.cn/portal/
"""

UNITS = """\
  units:
    - name: 石桥镇人民政府
      prefixes: ["http://www.qingxi.gov.cn/portal/sqz/", "/portal/sqz2/"]
      columns: [石桥镇动态]
    - name: 石桥镇规划办
      prefixes: [/portal/sqz/ghb/]
    - name: 区教育局
      columns: [教育动态, 招生入学]
"""


def _finding(url: str, column: str | None = None, fid: str = "f1") -> Finding:
    return Finding(
        id=fid,
        code="column_stale",
        indicator_zh="栏目不更新",
        severity="deduction",
        target=Target(url=url, column=column),
        message_zh="栏目未更新",
    )


def _units(findings: list[Finding], text: str = SITE + UNITS) -> list[str | None]:
    site = parse_scenario(text, "s.yaml").site
    return [finding.unit for finding in assign_units(site, findings)]


def test_the_key_parses_into_units():
    units = parse_scenario(SITE + UNITS).site.units
    assert [unit.name for unit in units] == ["石桥镇人民政府", "石桥镇规划办", "区教育局"]
    assert units[0].prefixes == ("http://www.qingxi.gov.cn/portal/sqz/", "/portal/sqz2/")
    assert units[2].columns == ("教育动态", "招生入学")
    assert parse_scenario(SITE).site.units == ()


@pytest.mark.parametrize(
    ("url", "column", "expected"),
    [
        ("http://www.qingxi.gov.cn/portal/sqz/dt/", None, "石桥镇人民政府"),
        # The longest prefix wins, whatever order the units are listed in.
        ("http://www.qingxi.gov.cn/portal/sqz/ghb/list.html", None, "石桥镇规划办"),
        # A path prefix is on the home's host; a relative prefix resolved there matches like an absolute one.
        ("http://www.qingxi.gov.cn/portal/sqz2/a.html", None, "石桥镇人民政府"),
        # Scheme, host case and default port do not make another place.
        ("https://WWW.qingxi.gov.cn:443/portal/sqz/ghb/", None, "石桥镇规划办"),
        # Another host with the same path is not the unit's.
        ("http://scjgj.qingxi.gov.cn/portal/sqz/", None, None),
        ("http://www.qingxi.gov.cn:8080/portal/sqz/", None, None),
        # A prefix is text: /portal/sqz/ does not take /portal/sqzx/.
        ("http://www.qingxi.gov.cn/portal/sqzx/", None, None),
        # No prefix matches: the column's exact name decides.
        ("http://www.qingxi.gov.cn/portal/col/jydt/", "教育动态", "区教育局"),
        ("http://www.qingxi.gov.cn/portal/col/sqz/", "石桥镇动态", "石桥镇人民政府"),
        ("http://www.qingxi.gov.cn/portal/col/jydt/", "教育动态 ", None),
        ("http://www.qingxi.gov.cn/portal/col/jydt/", "教育", None),
        # A prefix wins over a column naming another unit.
        ("http://www.qingxi.gov.cn/portal/sqz/ghb/", "教育动态", "石桥镇规划办"),
        ("http://www.qingxi.gov.cn/portal/", None, None),
    ],
)
def test_longest_prefix_then_column(url, column, expected):
    assert _units([_finding(url, column)]) == [expected]


def test_no_units_leaves_every_finding_without_one():
    assert _units([_finding("http://www.qingxi.gov.cn/portal/sqz/", "石桥镇动态")], SITE) == [None]


def test_assign_keeps_the_findings_otherwise_unchanged():
    findings = [_finding("http://www.qingxi.gov.cn/portal/sqz/", fid="a"), _finding("http://x/", fid="b")]
    site = parse_scenario(SITE + UNITS).site
    assigned = assign_units(site, findings)
    assert [f.model_dump(exclude={"unit"}) for f in assigned] == [f.model_dump(exclude={"unit"}) for f in findings]
    assert [f.unit for f in findings] == [None, None]  # the inputs are not changed in place


def test_unit_for_is_pure_over_its_tables():
    prefixes = [(prefix_key("http://h/a/"), "A"), (prefix_key("http://h/a/b/"), "B")]
    assert unit_for("http://h/a/b/c", None, prefixes, {}) == "B"
    assert unit_for("http://h/a/c", "x", prefixes, {"x": "X"}) == "A"
    assert unit_for("http://h/z", "x", prefixes, {"x": "X"}) == "X"
    assert unit_for("http://h/z", None, prefixes, {"x": "X"}) is None
    assert unit_for("http://[bad", None, prefixes, {}) is None  # a malformed URL matches nothing, never raises


def test_unit_prefixes_resolve_paths_against_home():
    site = parse_scenario(SITE + UNITS).site
    assert unit_prefixes(site.units, site.home) == [
        ("www.qingxi.gov.cn/portal/sqz/", "石桥镇人民政府"),
        ("www.qingxi.gov.cn/portal/sqz2/", "石桥镇人民政府"),
        ("www.qingxi.gov.cn/portal/sqz/ghb/", "石桥镇规划办"),
    ]


NEWMEDIA = """\
site:
  id: qingxi-xmt
  name: 青溪区政务新媒体
  kind: newmedia
  home: http://www.qingxi.gov.cn/portal/xmt/
"""


def _account(name: str, owner: str, finding: str | None) -> AccountResult:
    return AccountResult(
        platform="wechat",
        platform_zh="微信",
        name=name,
        owner=owner,
        status="stale",
        qualified=False,
        source="live",
        state="posts",
        finding=finding,
    )


def test_new_media_findings_go_to_the_accounts_owner():
    site = parse_scenario(NEWMEDIA + "  units:\n    - name: 区政府办\n      prefixes: [/portal/xmt/]\n").site
    findings = [
        _finding("http://mp.weixin.qq.com/a", "微信 青溪发布", fid="a"),
        _finding("http://mp.weixin.qq.com/b", "微信 青溪教育", fid="b"),
        _finding("newmedia://wechat/%E6%97%A0%E4%B8%BB", "微信 无主", fid="c"),
        _finding("http://www.qingxi.gov.cn/portal/xmt/", None, fid="d"),  # the registry page itself
    ]
    accounts = [
        _account("青溪发布", "青溪区人民政府新闻办公室", "a"),
        _account("青溪教育", "青溪区教育局", "b"),
        _account("无主", " ", "c"),  # no 开设主体 known: no unit, rather than a blank one
        _account("青溪旅游", "青溪区文化和旅游局", None),
    ]
    assigned = assign_units(site, findings, accounts)
    assert [f.unit for f in assigned] == ["青溪区人民政府新闻办公室", "青溪区教育局", None, "区政府办"]


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (
            "    - name: 甲\n      prefixes: [/a/]\n    - name: 甲\n      columns: [x]\n",
            "s.yaml:7: site.units: unit '甲' is listed twice (units 1 and 2)",
        ),
        (
            "    - name: 甲\n      prefixes: [/a/]\n    - name: 乙\n      prefixes: ['http://www.qingxi.gov.cn/a/']\n",
            "site.units: prefix 'http://www.qingxi.gov.cn/a/' is given twice (units 1 and 2); a prefix has one unit",
        ),
        (
            "    - name: 甲\n      prefixes: ['http://www.qingxi.gov.cn/a/', 'https://www.qingxi.gov.cn/a/']\n",
            "prefix 'https://www.qingxi.gov.cn/a/' is given twice (unit 1)",
        ),
        (
            "    - name: 甲\n      columns: [动态]\n    - name: 乙\n      columns: [动态]\n",
            "site.units: column '动态' is given twice (units 1 and 2); a column has one unit",
        ),
        ("    - name: 甲\n", "s.yaml:8: site.units[0]: unit '甲' needs prefixes or columns"),
        (
            "    - name: 甲\n      prefixes: [sqz/]\n",
            (
                "site.units[0].prefixes[0]: a unit prefix is an http(s) URL or a path on site.home's host starting "
                "with /: a path starts with one / (got 'sqz/')"
            ),
        ),
        ("    - name: 甲\n      prefixes: ['//evil.example/']\n", "a path starts with one / (got '//evil.example/')"),
        ("    - name: 甲\n      prefixes: ['ftp://h/']\n", "must be http(s), not 'ftp:'"),
        ("    - name: 甲\n      prefixes: ['/a b/']\n", "must not contain whitespace"),
        ("    - name: 甲\n      prefixes: /a/\n", "site.units[0].prefixes: Input should be a valid"),
        ("    - name: 甲\n      columns: [' ']\n", "site.units[0].columns[0]: must not be blank"),
        ("    - name: 甲\n      prefix: [/a/]\n", "site.units[0].prefix: Extra inputs are not permitted"),
        ('    - name: "\\u202e甲"\n      columns: [x]\n', "site.units[0].name: control character \\u202e"),
    ],
)
def test_bad_units_give_one_clear_line(units, expected):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(SITE + "  units:\n" + units, "s.yaml")
    message = str(caught.value)
    assert expected in message, message
    assert "\n" not in message
