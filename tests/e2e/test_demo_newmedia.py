"""The demo's new-media group 青溪区政务新媒体 end to end (issue #10), as an operator runs it.

`auditor demo --as-of 2021-03-21` audits it beside the three websites; `auditor run scenarios/qingxi-xmt.yaml`
audits it from the checked-in scenario (whose resolve map names 127.0.0.1:8000: --resolve sends every demo host to
the test's own DemoServer instead, the command line winning on conflicts). Both must give exactly the labelled
account rows of tests/demo_expected.py (status, latest post and how the page showed it, source), one finding per
account that is not fresh (stale → veto, doubtful → needs_review) whose screenshot outlines the post that decided,
the notice's table on stdout, and with --sample the notice's draw, the same keys again for the same seed. The three
website bundles of the same demo run keep exactly their labels.

A few checks need no browser: what the demo serves (pages built by script, declared snapshot times, the websites'
answers unchanged) and the checked-in scenario files.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from auditor.demo import hosts, newmedia
from auditor.demo.hosts import resolve_map
from auditor.demo.server import DemoServer, newmedia_scenario
from auditor.demo.site import render_host
from auditor.platforms import platform_of_url
from auditor.scenario import load_scenario
from tests.cli import run_auditor
from tests.demo_expected import (
    ACCOUNT_FINDING_SEVERITY,
    ACCOUNTS_T,
    EXPECTED_ACCOUNTS,
    EXPECTED_ACCOUNTS_BY_KEY,
    EXPECTED_OTHER_CODES,
    EXPECTED_SAMPLE,
    EXPECTED_SITE_CHECKS,
    NEWMEDIA_GROUP,
    NEWMEDIA_REGISTRY,
    SITE_CHECK_CODES,
    SITE_HOMES,
)

AS_OF = ACCOUNTS_T.isoformat()
ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "qingxi-xmt.yaml"
MANUAL_CSV = ROOT / "scenarios" / "qingxi-xmt-manual.csv"
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOTICE_TITLE = "检查发现存在突出问题的政务新媒体名单"
NOTICE_NOTE = "注:监测时间点2021年3月21日,时间段为3月8日-3月21日"
NOTICE_PROBLEM = "监测时间点前2周不更新"
PLATFORM_ORDER = ("wechat", "weibo", "douyin", "dayu", "netease")  # the notice's 类型 order
OUTLINE = (220, 20, 20)  # auditor/evidence/images.py
VIEWPORT_WIDTH = 1366
browser = pytest.mark.browser


# ---- runs ---------------------------------------------------------------------------------------------------


def read_json(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-newmedia")
    # Not -q: the notice's table is the summary printed on stdout.
    done = run_auditor("demo", "--out", str(out), "--as-of", AS_OF)
    return done, out


@pytest.fixture(scope="module")
def server():
    with DemoServer(ACCOUNTS_T) as served:
        yield served


def run_scenario(served: DemoServer, out: Path, *options: str):
    """`auditor run scenarios/qingxi-xmt.yaml`, every demo host resolved to `served` by --resolve."""
    mapping = [
        arg for source, target in resolve_map(served.port).items() for arg in ("--resolve", f"{source}={target}")
    ]
    return run_auditor("run", str(SCENARIO), "--as-of", AS_OF, "--out", str(out), *mapping, *options)


@pytest.fixture(scope="module")
def scenario_run(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("run-newmedia")
    return run_scenario(server, out), out


@pytest.fixture(scope="module")
def sampled_runs(server, tmp_path_factory):
    """Two --sample runs: with the scenario's sampling (seed 2021), and again naming the seed on the command line."""
    first, second = tmp_path_factory.mktemp("sample-1"), tmp_path_factory.mktemp("sample-2")
    runs = [
        run_scenario(server, first, "--sample", "-q"),
        run_scenario(server, second, "--sample", "--sample-seed", "2021", "--no-evidence", "-q"),
    ]
    return [(done, out / NEWMEDIA_GROUP) for done, out in zip(runs, (first, second), strict=True)]


@pytest.fixture(scope="module", params=["demo", "run"])
def group(request, demo, scenario_run):
    """(stdout, the group's bundle folder) of `auditor demo` and of `auditor run scenarios/qingxi-xmt.yaml`."""
    done, out = demo if request.param == "demo" else scenario_run
    assert done.returncode in {0, 1}, done.stderr
    bundle_dir = out / NEWMEDIA_GROUP
    assert (bundle_dir / "bundle.json").is_file(), done.stderr
    return request.param, done.stdout, bundle_dir


def rows_of(bundle: dict) -> dict[tuple[str, str], tuple]:
    return {
        (a["platform"], a["name"]): (a["status"], a["latest_post"], a["latest_post_text"], a["source"])
        for a in bundle["accounts"]
    }


def expected_row(label) -> tuple:
    latest = label.latest(ACCOUNTS_T)
    return (label.status, latest.isoformat() if latest else None, label.latest_post_text, label.source)


# ---- the account rows ---------------------------------------------------------------------------------------


@browser
def test_the_demo_audits_four_bundles(demo):
    done, out = demo
    assert done.returncode in {0, 1}, done.stderr
    assert {p.name for p in out.iterdir() if (p / "bundle.json").is_file()} == {*SITE_HOMES, NEWMEDIA_GROUP}
    assert "[4/4]" in done.stderr


@browser
def test_exactly_the_labelled_account_rows(group):
    _, _, bundle_dir = group
    bundle = read_json(bundle_dir / "bundle.json")
    assert rows_of(bundle) == {label.key: expected_row(label) for label in EXPECTED_ACCOUNTS}
    # In the registry's order, with the registry's 开设主体 (merged cells carried down) and 分组.
    assert [(a["platform"], a["name"], a["owner"], a["group"]) for a in bundle["accounts"]] == [
        (label.platform, label.name, label.owner, label.group) for label in EXPECTED_ACCOUNTS
    ]
    assert bundle["site"]["kind"] == "newmedia"
    assert bundle["site"]["home"] == NEWMEDIA_REGISTRY


@browser
def test_pages_were_read_as_the_labels_say(group):
    """What each page showed, and that every page declared its snapshot time (T is not today)."""
    _, _, bundle_dir = group
    artifacts = read_json(bundle_dir / "artifacts.json")
    snapshot = datetime.combine(ACCOUNTS_T, time(20, 0), SHANGHAI)
    for facts in artifacts["newmedia"]["accounts"]:
        label = EXPECTED_ACCOUNTS_BY_KEY[(facts["platform"], facts["name"])]
        assert facts["state"] == label.state, (label.name, facts["state_evidence"])
        assert facts["reference_source"] == label.reference, label.name
        assert datetime.fromisoformat(facts["reference_time"]) == snapshot, label.name
        assert facts["listed_in"] == "registry"
    visitor = EXPECTED_ACCOUNTS_BY_KEY[("weibo", "青溪公安")]
    page = next(a["page"] for a in artifacts["newmedia"]["accounts"] if (a["platform"], a["name"]) == visitor.key)
    assert urlsplit(page["final_url"]).hostname == hosts.WEIBO_PASSPORT_HOST  # the platform's redirect, followed


@browser
def test_findings_are_one_per_doubtful_or_stale_account(group):
    _, _, bundle_dir = group
    bundle = read_json(bundle_dir / "bundle.json")
    findings = {f["id"]: f for f in bundle["findings"]}
    assert {f["code"] for f in findings.values()} == {"newmedia_stale"}
    for account in bundle["accounts"]:
        label = EXPECTED_ACCOUNTS_BY_KEY[(account["platform"], account["name"])]
        if label.status == "fresh":
            assert account["finding"] is None, label.name
            assert account["qualified"] is True
            continue
        finding = findings.pop(account["finding"])
        assert finding["severity"] == ACCOUNT_FINDING_SEVERITY[label.status], label.name
        assert finding["target"]["url"] == account["url"]
        assert account["qualified"] is (False if label.status == "stale" else None)
    assert not findings  # none about anything else
    stale = sum(1 for label in EXPECTED_ACCOUNTS if label.status == "stale")
    verdict = bundle["verdict"]
    assert verdict["qualified"] is False
    assert [(v["code"], v["count"]) for v in verdict["vetoes"]] == [("newmedia_stale", stale)]
    judged = [label for label in EXPECTED_ACCOUNTS if label.status != "needs_review"]
    fresh = sum(1 for label in judged if label.status == "fresh")
    assert bundle["accounts_rate"] == {
        "qualified": fresh,
        "judged": len(judged),
        "needs_review": len(EXPECTED_ACCOUNTS) - len(judged),
        "rate_pct": f"{fresh * 100 / len(judged):.1f}",
    }


def _newest_unpinned(posts: list[dict]) -> dict:
    dated = [p for p in posts if not p["pinned"] and p["latest"]]
    return max(dated, key=lambda p: (p["latest"], p["earliest"]))


@browser
def test_every_finding_has_a_screenshot_outlining_the_newest_post(group):
    name, _, bundle_dir = group
    bundle = read_json(bundle_dir / "bundle.json")
    facts = {(a["platform"], a["name"]): a for a in read_json(bundle_dir / "artifacts.json")["newmedia"]["accounts"]}
    by_id = {f["id"]: f for f in bundle["findings"]}
    outlined = 0
    for account in bundle["accounts"]:
        if account["finding"] is None:
            continue
        finding = by_id[account["finding"]]
        shot = bundle_dir / finding["evidence"]["screenshot"]
        assert shot.is_file(), (name, account["name"])
        with Image.open(shot) as image:
            assert image.width == VIEWPORT_WIDTH
            pixels = image.convert("RGB")
        seen = facts[(account["platform"], account["name"])]
        rect = finding["target"]["rect"]
        if seen["state"] != "posts":  # a wall or a deleted account: the whole page, nothing outlined
            assert rect is None, account["name"]
            continue
        newest = _newest_unpinned(seen["posts"])
        assert newest["time_text"] == account["latest_post_text"]
        assert finding["target"]["selector"] == newest["node"]["selector"]
        assert rect == newest["node"]["rect"]
        assert pixels.height > rect["y"] + rect["height"]
        # The red frame 6 px around the post (4 px wide): its top edge, in the middle of the post.
        assert pixels.getpixel((int(rect["x"] + rect["width"] / 2), int(rect["y"]) - 5)) == OUTLINE
        outlined += 1
    assert outlined == sum(1 for label in EXPECTED_ACCOUNTS if label.status == "stale" and label.state == "posts")


def notice_rows(stdout: str) -> tuple[list[list[str]], str]:
    """The rows of the notice's table as printed (rich's box drawing), and its caption line."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if NOTICE_TITLE in line)
    rows, end = [], start
    for end in range(start + 1, len(lines)):
        line = lines[end].strip()
        if line.startswith("└"):
            break
        if line.startswith("│"):
            rows.append([cell.strip() for cell in line.strip("│").split("│")])
    return rows, lines[end + 1].strip()


@browser
def test_the_notice_table_is_printed(group):
    _, stdout, _ = group
    rows, caption = notice_rows(stdout)
    stale = sorted(
        (label for label in EXPECTED_ACCOUNTS if label.status == "stale"),
        key=lambda label: (PLATFORM_ORDER.index(label.platform), label.number),
    )
    assert rows == [[label.platform_zh, label.name, label.owner, NOTICE_PROBLEM] for label in stale]
    assert caption == NOTICE_NOTE


@browser
def test_the_manual_entry_names_where_it_came_from(group):
    name, _, bundle_dir = group
    artifacts = read_json(bundle_dir / "artifacts.json")
    manual = {a["name"]: a["manual"] for a in artifacts["newmedia"]["accounts"] if a["manual"]}
    walled = next(label for label in EXPECTED_ACCOUNTS if label.source == "manual")
    assert set(manual) == {walled.name}
    entry = manual[walled.name]
    assert entry["latest_post"] == walled.latest(ACCOUNTS_T).isoformat()
    assert entry["checked_at"] == AS_OF
    assert entry["source_file"] == ("scenario manual" if name == "demo" else "qingxi-xmt-manual.csv:2")
    assert artifacts["newmedia"]["manual_unmatched"] == []


@browser
def test_only_the_demos_hosts_were_contacted(group):
    _, _, bundle_dir = group
    artifacts = read_json(bundle_dir / "artifacts.json")
    contacted = {urlsplit(r["url"]).hostname for r in artifacts["requests"] if r["outcome"] != "blocked_offsite"}
    assert {hosts.PORTAL_HOST, hosts.WEIBO_PASSPORT_HOST} <= contacted
    assert contacted <= set(hosts.DEMO_HOSTS), contacted - set(hosts.DEMO_HOSTS)
    assert not [r for r in artifacts["requests"] if r["outcome"] == "blocked_offsite"]


@browser
def test_the_website_bundles_of_the_same_demo_run_are_unchanged(demo):
    _, out = demo
    for site_id in SITE_HOMES:
        bundle = read_json(out / site_id / "bundle.json")
        checks = {
            (f["code"], f["target"]["url"], f["severity"]) for f in bundle["findings"] if f["code"] in SITE_CHECK_CODES
        }
        assert checks == EXPECTED_SITE_CHECKS[site_id], site_id
        assert not bundle["accounts"]
        if site_id in EXPECTED_OTHER_CODES:
            others = {(f["code"], f["target"]["url"]) for f in bundle["findings"] if f["code"] not in SITE_CHECK_CODES}
            assert others == EXPECTED_OTHER_CODES[site_id], site_id


# ---- sampling -----------------------------------------------------------------------------------------------


@browser
def test_sample_is_the_notices_draw_and_is_drawn_again_by_its_seed(sampled_runs):
    (first, first_dir), (second, second_dir) = sampled_runs
    assert first.returncode in {0, 1}, first.stderr
    assert second.returncode in {0, 1}, second.stderr
    bundle, again = read_json(first_dir / "bundle.json"), read_json(second_dir / "bundle.json")
    sample = bundle["sample"]
    assert {key: sample[key] for key in EXPECTED_SAMPLE} == EXPECTED_SAMPLE
    keys = sample["keys"]
    assert len(keys) == len(set(keys)) == EXPECTED_SAMPLE["sampled"]
    # Every 区政府 account is in it; the rest were drawn.
    by_key = {f"{a['platform']}|{a['name']}|{a['url']}": a for a in bundle["accounts"]}
    assert set(by_key) == set(keys)
    in_groups = [label.key for label in EXPECTED_ACCOUNTS if label.group in EXPECTED_SAMPLE["groups"]]
    assert len(in_groups) == EXPECTED_SAMPLE["in_groups"]
    assert set(in_groups) <= {(a["platform"], a["name"]) for a in by_key.values()}
    # The accounts judged are the sample's, and each is judged as without sampling.
    assert rows_of(bundle) == {key: expected_row(EXPECTED_ACCOUNTS_BY_KEY[key]) for key in rows_of(bundle)}
    assert again["sample"]["keys"] == keys
    assert again["sample"]["seed"] == EXPECTED_SAMPLE["seed"]
    assert rows_of(again) == rows_of(bundle)


# ---- what the demo serves (no browser) ----------------------------------------------------------------------


def served(url: str, as_of: date = ACCOUNTS_T, now: datetime | None = None):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return render_host(parts.hostname or "", path, as_of, now)


def test_every_account_is_on_its_platforms_real_host():
    assert [a.name for a in newmedia.ACCOUNTS] == [label.name for label in EXPECTED_ACCOUNTS]
    for account, label in zip(newmedia.ACCOUNTS, EXPECTED_ACCOUNTS, strict=True):
        assert platform_of_url(account.url) == label.platform, account.url
        assert account.host in hosts.NEWMEDIA_HOSTS
        response = served(account.url)
        assert response.status == (302 if label.name == "青溪公安" and label.platform == "weibo" else 200), account.url
    assert set(hosts.NEWMEDIA_HOSTS) <= set(hosts.DEMO_HOSTS)
    assert {f"{host}:80" for host in hosts.NEWMEDIA_HOSTS} <= set(resolve_map(8000))


def test_script_built_pages_hold_no_post_as_served():
    """The Weibo feed and every Douyin grid arrive by script: the HTML as served has none of their posts."""
    built = [a for a in newmedia.ACCOUNTS if a.layout in {"weibo_feed", "douyin"}]
    assert len(built) == 5
    for account in built:
        text = served(account.url).body.decode("utf-8")
        assert "Feed_wrap" not in text.split("<script", 1)[0], account.name
        assert "<li" not in text.split('data-e2e="user-post-list"', 1)[-1].split("</div>", 1)[0], account.name
        assert all(post.title not in text.split("<script", 1)[0] for post in account.posts), account.name
    feed = newmedia.ACCOUNTS[1]
    api = served(f"http://{hosts.WEIBO_HOST}/ajax/statuses/mymblog?uid=7654321098&page=1&feature=0")
    statuses = json.loads(api.body)["data"]["list"]
    assert [s["text_raw"] for s in statuses] == [post.title for post in feed.posts]
    assert statuses[0]["isTop"] == 1


def _declared(response) -> tuple[str | None, str | None]:
    headers = dict(response.headers)
    text = response.body.decode("utf-8")
    meta = (
        text.split('<meta name="snapshot-time" content="', 1)[1].split('"', 1)[0] if "snapshot-time" in text else None
    )
    return headers.get("Memento-Datetime"), meta


def test_pages_declare_their_snapshot_time_unless_served_live():
    live = datetime.combine(ACCOUNTS_T, time(10, 0), SHANGHAI)
    for account in newmedia.ACCOUNTS:
        if account.layout == "weibo_visitor":
            continue
        # T is not the day of `now`: every page is the snapshot of T 20:00 and says so, one way only.
        memento, meta = _declared(served(account.url, now=live + timedelta(days=400)))
        if account.name == "青溪教育":
            assert (memento, meta) == (None, "2021-03-21T20:00:00+08:00")
        else:
            assert (memento, meta) == ("Sun, 21 Mar 2021 12:00:00 GMT", None), account.name
        # Served live on T: only the two copies declare when they were taken (3 hours before the request).
        memento, meta = _declared(served(account.url, now=live))
        expected = {
            "青溪司法": ("Sat, 20 Mar 2021 23:00:00 GMT", None),
            "青溪教育": (None, "2021-03-21T07:00:00+08:00"),
        }.get(account.name, (None, None))
        assert (memento, meta) == expected, account.name


def test_relative_times_count_from_the_page_clock():
    relative = next(a for a in newmedia.ACCOUNTS if a.platform == "dayu" and a.name == "青溪发布")
    at_snapshot = served(relative.url).body.decode("utf-8")
    for shown in ("刚刚", "5小时前", "昨天 18:02", "3天前", "2020-11-02"):
        assert f'<span class="article-item__time">{shown}</span>' in at_snapshot
    # Served live at 10:00 on T, 5小时前 is 05:00 that day and yesterday's 18:02 is 15 hours 58 minutes back.
    live = served(relative.url, now=datetime.combine(ACCOUNTS_T, time(10, 0), SHANGHAI)).body.decode("utf-8")
    for shown in ("刚刚", "5小时前", "15小时前", "3天前"):
        assert f'<span class="article-item__time">{shown}</span>' in live


def test_the_websites_answers_carry_no_extra_headers_and_ignore_the_clock():
    now = datetime.combine(ACCOUNTS_T, time(10, 0), SHANGHAI)
    for home in (*SITE_HOMES.values(), "http://www.gov.cn/"):
        plain, clocked = served(home), served(home, now=now)
        assert plain.headers == clocked.headers == ()
        assert plain.body == clocked.body
        assert plain.status == 200


def test_the_registry_page_lists_every_account_with_merged_cells():
    text = served(NEWMEDIA_REGISTRY).body.decode("utf-8")
    for header in ("序号", "类型", "账号名称", "开设主体", "分组", "链接"):
        assert f"<th>{header}</th>" in text
    assert '<td rowspan="4">青溪区人民政府新闻办公室</td>' in text
    assert '<td rowspan="5">区政府</td>' in text
    assert text.count("点击访问") == len(EXPECTED_ACCOUNTS)
    # No page of the portal's own audit links it: the websites' bundles stay as they were.
    assert newmedia.REGISTRY_PATH not in served(SITE_HOMES["qingxi"]).body.decode("utf-8")


def test_the_scenario_files_are_the_generated_ones():
    assert SCENARIO.read_text("utf-8") == newmedia_scenario(8000, manual_csv=MANUAL_CSV.name)
    assert MANUAL_CSV.read_text("utf-8") == newmedia.manual_csv()
    scenario = load_scenario(SCENARIO)
    assert scenario.site.kind == "newmedia"
    assert scenario.site.home == NEWMEDIA_REGISTRY
    assert scenario.site.resolve == resolve_map(8000)
    (manual,) = scenario.manual
    walled = next(label for label in EXPECTED_ACCOUNTS if label.source == "manual")
    assert (manual.platform, manual.name, manual.latest_post) == ("wechat", walled.name, walled.latest(ACCOUNTS_T))
    assert manual.source == "qingxi-xmt-manual.csv:2"
    assert scenario.sampling is not None
    assert (scenario.sampling.groups, scenario.sampling.share, scenario.sampling.seed) == (("区政府",), 0.5, 2021)
