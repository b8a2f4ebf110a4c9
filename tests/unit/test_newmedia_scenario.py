"""New-media scenarios (issue #10): accounts inline or from a registry CSV, inspectors' manual dates, sampling.

A registry export comes from whoever keeps the 政务新媒体 list: Excel on a Chinese Windows (GBK), a UTF-8 file with
a BOM, Chinese or English headers. Every bad file must end in one line naming the file that is wrong (the CSV, not
the scenario, when the CSV is), its line and its field, so that an inspector can open it at the right row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from auditor.scenario import (
    Account,
    ManualDate,
    Sampling,
    ScenarioError,
    load_scenario,
    load_scenarios,
    parse_scenario,
    read_accounts_csv,
    read_manual_csv,
)

NEWMEDIA_SITE = """\
site:
  id: shanghai-newmedia
  name: 上海市政务新媒体
  kind: newmedia
  home: https://www.shanghai.gov.cn/nw12344/index.html
"""

WEBSITE_SITE = """\
site:
  id: qingxi
  name: 青溪区人民政府
  code: "3101140038"
  kind: portal
  home: http://www.qingxi.gov.cn/portal/
"""

REGISTRY_ZH = (
    "类型,账号名称,开设主体,分组,网址\n"
    "微信,上海发布,上海市人民政府新闻办公室,市级部门,https://mp.weixin.qq.com/s/shanghaifabu\n"
    "微博,上海黄浦,黄浦区人民政府,区政府,https://weibo.com/shhuangpu\n"
    "抖音,上海静安,静安区人民政府,区政府,https://www.douyin.com/user/jingan\n"
    "大鱼号,浦东发布,浦东新区人民政府,区政府,\n"
    "网易号,上海市场监管,上海市市场监督管理局,市级部门,https://www.163.com/dy/media/T1500000000001.html\n"
)


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _error(call: Callable[..., object], *args: object) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        call(*args)
    message = str(caught.value)
    assert "\n" not in message, message  # one line, always
    return caught.value


# ---------------------------------------------------------------------------------------------- inline accounts


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("微信", "wechat"),
        ("微信公众号", "wechat"),
        ("微博", "weibo"),
        ("新浪微博", "weibo"),
        ("抖音", "douyin"),
        ("大鱼号", "dayu"),
        ("网易号", "netease"),
        ("今日头条", "toutiao"),
        ("头条号", "toutiao"),
        ("B站", "bilibili"),
        ("b站", "bilibili"),
        ("哔哩哔哩", "bilibili"),
        ("快手", "kuaishou"),
        ("kuaishou", "kuaishou"),
        ("WeChat", "wechat"),
        (" 微博 ", "weibo"),
    ],
)
def test_inline_account_platform_written_in_chinese_or_as_code(written: str, code: str) -> None:
    scenario = parse_scenario(NEWMEDIA_SITE + f"accounts:\n  - platform: '{written}'\n    name: 上海发布\n")
    assert scenario.accounts[0].platform == code


def test_inline_accounts_keep_owner_group_url_and_key() -> None:
    scenario = parse_scenario(
        NEWMEDIA_SITE
        + "accounts:\n"
        + "  - {platform: 微博, name: 上海黄浦, owner: 黄浦区人民政府, group: 区政府, url: 'https://weibo.com/shhuangpu'}\n"
        + "  - {platform: 微信, name: 上海发布}\n"
    )
    first, second = scenario.accounts
    assert (first.platform, first.name, first.owner, first.group, first.url) == (
        "weibo",
        "上海黄浦",
        "黄浦区人民政府",
        "区政府",
        "https://weibo.com/shhuangpu",
    )
    assert first.key == "weibo|上海黄浦|https://weibo.com/shhuangpu"
    assert second.key == "wechat|上海发布|"
    assert (second.owner, second.group, second.url) == (None, None, None)


def test_newmedia_site_needs_no_code_but_a_website_does() -> None:
    assert parse_scenario(NEWMEDIA_SITE).site.code is None
    assert parse_scenario(NEWMEDIA_SITE).site.is_newmedia
    without_code = WEBSITE_SITE.replace('  code: "3101140038"\n', "")
    error = _error(parse_scenario, without_code, "w.yaml")
    assert error.field == "site.code"
    assert "a website needs one, only kind newmedia may leave it out" in str(error)
    assert not parse_scenario(WEBSITE_SITE).site.is_newmedia


def test_newmedia_site_code_when_given_is_still_checked() -> None:
    text = NEWMEDIA_SITE.replace("  kind: newmedia\n", '  kind: newmedia\n  code: "31011"\n')
    error = _error(parse_scenario, text, "n.yaml")
    assert str(error).startswith("n.yaml:5: site.code: 网站标识码 must be 10 digits")
    assert parse_scenario(text.replace('"31011"', '"3100000001"')).site.code == "3100000001"


def test_unknown_inline_platform_names_its_line_and_field() -> None:
    text = NEWMEDIA_SITE + "accounts:\n  - {platform: 微信, name: 上海发布}\n  - {platform: 小红书, name: 上海黄浦}\n"
    error = _error(parse_scenario, text, "n.yaml")
    assert (error.source, error.line, error.field) == ("n.yaml", 8, "accounts[1].platform")


def test_duplicate_inline_account_is_refused() -> None:
    text = NEWMEDIA_SITE + "accounts:\n  - {platform: 微信, name: 上海发布}\n  - {platform: wechat, name: 上海发布}\n"
    error = _error(parse_scenario, text, "n.yaml")
    assert error.field == "accounts"
    assert "上海发布" in str(error)
    assert "[0]" in str(error)
    # The same name on another platform is another account.
    other = text.replace("platform: wechat", "platform: weibo")
    assert len(parse_scenario(other).accounts) == 2


@pytest.mark.parametrize(
    "block",
    [
        "accounts:\n  - {platform: 微信, name: 上海发布}\n",
        "accounts_csv: accounts.csv\n",
        "manual_csv: manual.csv\n",
        "manual:\n  - {platform: 微信, name: 上海发布, latest_post: 2021-03-19}\n",
        "sampling:\n  groups: [区政府]\n",
    ],
)
def test_newmedia_keys_on_a_website_scenario_are_refused(block: str) -> None:
    key = block.split(":", 1)[0]
    error = _error(parse_scenario, WEBSITE_SITE + block, "w.yaml")
    assert (error.line, error.field) == (7, key)
    assert "belongs to a new-media scenario" in str(error)


def test_accounts_and_accounts_csv_together_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "accounts.csv", REGISTRY_ZH)
    text = NEWMEDIA_SITE + "accounts_csv: accounts.csv\naccounts:\n  - {platform: 微信, name: 上海发布}\n"
    error = _error(parse_scenario, text, "n.yaml", tmp_path)
    assert "give accounts or accounts_csv, not both" in str(error)
    assert error.source == "n.yaml"


# ---------------------------------------------------------------------------------------------- accounts CSV


def _scenario_with_csv(tmp_path: Path, csv_text: str, encoding: str = "utf-8") -> Path:
    _write(tmp_path, "accounts.csv", csv_text, encoding)
    return _write(tmp_path, "newmedia.yaml", NEWMEDIA_SITE + "accounts_csv: accounts.csv\n")


def _registry_rows(accounts: tuple[Account, ...]) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(a.platform, a.name, a.owner, a.group, a.url) for a in accounts]


EXPECTED_REGISTRY = [
    ("wechat", "上海发布", "上海市人民政府新闻办公室", "市级部门", "https://mp.weixin.qq.com/s/shanghaifabu"),
    ("weibo", "上海黄浦", "黄浦区人民政府", "区政府", "https://weibo.com/shhuangpu"),
    ("douyin", "上海静安", "静安区人民政府", "区政府", "https://www.douyin.com/user/jingan"),
    ("dayu", "浦东发布", "浦东新区人民政府", "区政府", None),
    ("netease", "上海市场监管", "上海市市场监督管理局", "市级部门", "https://www.163.com/dy/media/T1500000000001.html"),
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_registry_csv_with_chinese_headers_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    scenario = load_scenario(_scenario_with_csv(tmp_path, REGISTRY_ZH, encoding))
    assert _registry_rows(scenario.accounts) == EXPECTED_REGISTRY
    assert scenario.accounts_csv == "accounts.csv"


def test_gbk_bytes_are_really_not_utf8() -> None:
    # Guards the test above: a GBK file that happened to be valid UTF-8 would not test the fallback.
    with pytest.raises(UnicodeDecodeError):
        REGISTRY_ZH.encode("gbk").decode("utf-8")


def test_registry_csv_with_english_headers_and_crlf(tmp_path: Path) -> None:
    text = (
        "Platform,Name,Owner,Group,URL\r\n"
        "wechat,上海发布,上海市人民政府新闻办公室,市级部门,https://mp.weixin.qq.com/s/shanghaifabu\r\n"
        "toutiao,上海徐汇,徐汇区人民政府,区政府,\r\n"
        "bilibili,上海长宁,,,\r\n"
    )
    accounts = read_accounts_csv(_write(tmp_path, "en.csv", text))
    assert _registry_rows(accounts) == [
        ("wechat", "上海发布", "上海市人民政府新闻办公室", "市级部门", "https://mp.weixin.qq.com/s/shanghaifabu"),
        ("toutiao", "上海徐汇", "徐汇区人民政府", "区政府", None),
        ("bilibili", "上海长宁", None, None, None),
    ]


def test_registry_csv_header_aliases_and_column_order(tmp_path: Path) -> None:
    text = (
        "账号,平台,主办单位,类别,链接\n上海杨浦,今日头条,杨浦区人民政府,区政府,\n上海普陀,B站,普陀区人民政府,区政府,\n"
    )
    accounts = read_accounts_csv(_write(tmp_path, "alias.csv", text))
    assert _registry_rows(accounts) == [
        ("toutiao", "上海杨浦", "杨浦区人民政府", "区政府", None),
        ("bilibili", "上海普陀", "普陀区人民政府", "区政府", None),
    ]


def test_blank_rows_are_skipped_and_line_numbers_stay_physical(tmp_path: Path) -> None:
    text = "类型,账号名称\n微信,上海发布\n,\n\n微博,上海黄浦\n"
    path = _write(tmp_path, "blank.csv", text)
    assert [a.name for a in read_accounts_csv(path)] == ["上海发布", "上海黄浦"]
    bad = _write(tmp_path, "blank-bad.csv", text.replace("微博,上海黄浦", "微博,"))
    # Row 5 has a platform but no name: the name column is required on it, at its physical line.
    error = _error(read_accounts_csv, bad)
    assert (error.line, error.field) == (5, "name")


def test_bad_platform_on_line_4_names_the_csv_line_and_field(tmp_path: Path) -> None:
    text = (
        "类型,账号名称,开设主体\n微信,上海发布,市新闻办\n微博,上海黄浦,黄浦区人民政府\n小红书,上海静安,静安区人民政府\n"
    )
    scenario_path = _scenario_with_csv(tmp_path, text)
    csv_path = tmp_path / "accounts.csv"
    error = _error(load_scenario, scenario_path)
    assert str(error).startswith(f"{csv_path}:4: platform: ")
    assert (error.source, error.line, error.field) == (str(csv_path), 4, "platform")
    # The same through the CSV reader itself.
    assert _error(read_accounts_csv, csv_path).line == 4


def test_bad_url_in_csv_names_its_line(tmp_path: Path) -> None:
    text = "类型,账号名称,网址\n微信,上海发布,ftp://mp.weixin.qq.com/x\n"
    error = _error(read_accounts_csv, _write(tmp_path, "u.csv", text))
    assert (error.line, error.field) == (2, "url")
    assert "http(s)" in str(error)


def test_duplicate_account_in_csv_names_both_lines(tmp_path: Path) -> None:
    text = "类型,账号名称\n微信,上海发布\n微博,上海发布\n微信公众号,上海发布\n"
    path = _write(tmp_path, "dup.csv", text)
    error = _error(read_accounts_csv, path)
    assert (error.source, error.line, error.field) == (str(path), 4, "name")
    assert "line 2" in str(error)


def test_unknown_header_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "h.csv", "类型,账号名称,粉丝数\n微信,上海发布,10000\n")
    error = _error(read_accounts_csv, path)
    assert (error.source, error.line, error.field) == (str(path), 1, "(header)")
    assert "粉丝数" in str(error)


def test_required_column_missing_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "h.csv", "账号名称,开设主体\n上海发布,市新闻办\n")
    error = _error(read_accounts_csv, path)
    assert (error.line, error.field) == (1, "(header)")
    assert "no platform column" in str(error)


def test_row_with_more_values_than_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "r.csv", "类型,账号名称\n微信,上海发布\n微博,上海黄浦,多余\n")
    error = _error(read_accounts_csv, path)
    assert (error.line, error.field) == (3, "(row)")


def test_empty_csv_and_undecodable_csv(tmp_path: Path) -> None:
    assert _error(read_accounts_csv, _write(tmp_path, "e.csv", "")).field == "(header)"
    raw = tmp_path / "bin.csv"
    raw.write_bytes(b"\xff\xfe\x00\x81\x30\x81")  # neither UTF-8 nor GB18030
    error = _error(read_accounts_csv, raw)
    assert (error.source, error.field) == (str(raw), "(file)")


def test_missing_csv_names_the_scenario_file_and_the_accounts_csv_line(tmp_path: Path) -> None:
    scenario_path = _write(
        tmp_path, "newmedia.yaml", NEWMEDIA_SITE + "sampling:\n  share: 0.1\naccounts_csv: gone.csv\n"
    )
    error = _error(load_scenario, scenario_path)
    assert (error.source, error.line, error.field) == (str(scenario_path), 8, "accounts_csv")
    assert "gone.csv" in str(error)


def test_missing_manual_csv_names_its_line(tmp_path: Path) -> None:
    scenario_path = _write(tmp_path, "newmedia.yaml", NEWMEDIA_SITE + "manual_csv: 人工核查.csv\n")
    error = _error(load_scenario, scenario_path)
    assert (error.source, error.line, error.field) == (str(scenario_path), 6, "manual_csv")


def test_csv_is_read_relative_to_the_scenario_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    scenario_path = _scenario_with_csv(folder, REGISTRY_ZH)
    monkeypatch.chdir(tmp_path)  # the working folder has no accounts.csv
    assert len(load_scenario(scenario_path).accounts) == 5


def test_parse_scenario_reads_csv_from_base_dir(tmp_path: Path) -> None:
    _write(tmp_path, "accounts.csv", REGISTRY_ZH)
    text = NEWMEDIA_SITE + "accounts_csv: accounts.csv\n"
    assert _registry_rows(parse_scenario(text, "n.yaml", tmp_path).accounts) == EXPECTED_REGISTRY
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    error = _error(parse_scenario, text, "n.yaml", elsewhere)
    assert (error.source, error.line, error.field) == ("n.yaml", 6, "accounts_csv")


def test_absolute_csv_path(tmp_path: Path) -> None:
    csv_path = _write(tmp_path, "accounts.csv", REGISTRY_ZH)
    other = tmp_path / "other"
    other.mkdir()
    text = NEWMEDIA_SITE + f"accounts_csv: '{csv_path}'\n"
    assert len(parse_scenario(text, "n.yaml", other).accounts) == 5


def test_load_scenarios_reports_a_bad_csv_and_keeps_the_good_scenario(tmp_path: Path) -> None:
    good = tmp_path / "good"
    bad = tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    good_path = _scenario_with_csv(good, REGISTRY_ZH)
    bad_path = _write(bad, "other.yaml", NEWMEDIA_SITE.replace("shanghai-newmedia", "pudong") + "accounts_csv: a.csv\n")
    _write(bad, "a.csv", "类型,账号名称\n微信,上海发布\n抖音,\n")
    scenarios, errors = load_scenarios([good_path, bad_path])
    assert [s.site.id for s in scenarios] == ["shanghai-newmedia"]
    assert len(scenarios[0].accounts) == 5
    assert [(e.source, e.line, e.field) for e in errors] == [(str(bad / "a.csv"), 3, "name")]


# ---------------------------------------------------------------------------------------------- manual dates


MANUAL_ZH = "类型,账号名称,最新发布日期,核查人,核查日期,备注\n微信,上海发布,2021-03-19,张敏,2021-03-22,公众号历史消息\n微信,徐汇发布,2021-02-26,李强,2021-03-22,\n"


def test_manual_csv_rows_are_dated_and_name_their_file_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "manual.csv", MANUAL_ZH, "utf-8-sig")
    rows = read_manual_csv(path)
    assert [(r.platform, r.name, r.latest_post, r.checked_by, r.checked_at, r.note, r.source) for r in rows] == [
        ("wechat", "上海发布", date(2021, 3, 19), "张敏", date(2021, 3, 22), "公众号历史消息", "manual.csv:2"),
        ("wechat", "徐汇发布", date(2021, 2, 26), "李强", date(2021, 3, 22), "", "manual.csv:3"),
    ]


@pytest.mark.parametrize(
    "written", ["2021/3/19", "2021-3-19", "2021.3.19", "2021年3月19日", "20210319", " 2021-03-19 "]
)
def test_manual_dates_in_spreadsheet_forms(tmp_path: Path, written: str) -> None:
    (row,) = read_manual_csv(_write(tmp_path, "m.csv", f"类型,账号名称,最新发布日期\n微信,上海发布,{written}\n"))
    assert row.latest_post == date(2021, 3, 19)


def test_manual_csv_in_gbk_with_english_headers_and_url_only_rows(tmp_path: Path) -> None:
    text = "platform,url,latest_post,latest_post_text\nweibo,https://weibo.com/shhuangpu,2021-03-10,3月10日 18:02\n"
    rows = read_manual_csv(_write(tmp_path, "m.csv", text, "gbk"))
    assert [(r.platform, r.name, r.url, r.latest_post, r.latest_post_text, r.source) for r in rows] == [
        ("weibo", None, "https://weibo.com/shhuangpu", date(2021, 3, 10), "3月10日 18:02", "m.csv:2")
    ]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("微信,上海发布,2021-02-30", "latest_post"),  # no such day
        ("微信,上海发布,2021/13/19", "latest_post"),  # no such month, in Excel's slash form
        ("微信,,2021-03-19", "(row)"),  # neither name nor url
        ("小红书,上海发布,2021-03-19", "platform"),
    ],
)
def test_bad_manual_row_names_its_line_and_field(tmp_path: Path, row: str, field: str) -> None:
    path = _write(tmp_path, "m.csv", f"类型,账号名称,最新发布日期\n微信,上海黄浦,2021-03-01\n{row}\n")
    error = _error(read_manual_csv, path)
    assert (error.source, error.line, error.field) == (str(path), 3, field)


def test_manual_csv_needs_a_date_column(tmp_path: Path) -> None:
    error = _error(read_manual_csv, _write(tmp_path, "m.csv", "类型,账号名称\n微信,上海发布\n"))
    assert "no latest_post column" in str(error)


def test_inline_manual_and_manual_csv_are_both_kept(tmp_path: Path) -> None:
    _write(tmp_path, "manual.csv", MANUAL_ZH)
    scenario_path = _write(
        tmp_path,
        "newmedia.yaml",
        NEWMEDIA_SITE
        + "manual:\n"
        + "  - {platform: 微博, name: 上海黄浦, latest_post: 2021-03-12, checked_by: 王芳}\n"
        + "manual_csv: manual.csv\n",
    )
    manual = load_scenario(scenario_path).manual
    assert [(m.platform, m.name, m.latest_post, m.source) for m in manual] == [
        ("weibo", "上海黄浦", date(2021, 3, 12), ""),
        ("wechat", "上海发布", date(2021, 3, 19), "manual.csv:2"),
        ("wechat", "徐汇发布", date(2021, 2, 26), "manual.csv:3"),
    ]
    assert all(isinstance(m, ManualDate) for m in manual)


def test_accounts_csv_and_manual_csv_together(tmp_path: Path) -> None:
    _write(tmp_path, "accounts.csv", REGISTRY_ZH, "gbk")
    _write(tmp_path, "manual.csv", MANUAL_ZH, "utf-8-sig")
    path = _write(tmp_path, "n.yaml", NEWMEDIA_SITE + "accounts_csv: accounts.csv\nmanual_csv: manual.csv\n")
    scenario = load_scenario(path)
    assert len(scenario.accounts) == 5
    assert [m.source for m in scenario.manual] == ["manual.csv:2", "manual.csv:3"]


def test_inline_manual_row_needs_a_name_or_url() -> None:
    text = NEWMEDIA_SITE + "manual:\n  - {platform: 微信, latest_post: 2021-03-19}\n"
    error = _error(parse_scenario, text, "n.yaml")
    assert (error.line, error.field) == (7, "manual[0]")
    assert "name or url" in str(error)


# ---------------------------------------------------------------------------------------------- sampling


def test_sampling_block() -> None:
    text = NEWMEDIA_SITE + "sampling:\n  groups: [区政府, 市级部门]\n  share: 0.15\n  seed: 20210321\n"
    sampling = parse_scenario(text).sampling
    assert sampling == Sampling(groups=("区政府", "市级部门"), share=0.15, seed=20210321)
    assert parse_scenario(NEWMEDIA_SITE + "sampling: {}\n").sampling == Sampling(groups=(), share=0.10, seed=None)
    assert parse_scenario(NEWMEDIA_SITE).sampling is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("  share: 0\n", "sampling.share"),
        ("  share: 1.5\n", "sampling.share"),
        ("  share: '0.1'\n", "sampling.share"),  # strict: text is not a number
        ("  seed: -1\n", "sampling.seed"),
        ("  seed: 1.5\n", "sampling.seed"),
        ("  groups: ['']\n", "sampling.groups[0]"),
        ("  size: 10\n", "sampling.size"),
    ],
)
def test_bad_sampling_is_refused(body: str, field: str) -> None:
    error = _error(parse_scenario, NEWMEDIA_SITE + "sampling:\n" + body, "n.yaml")
    assert (error.line, error.field) == (7, field)
