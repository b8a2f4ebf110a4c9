"""Scope by path, foreign sites, exit codes, manifests that lie, leftovers of killed runs, robots.txt: no browser."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import threading
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from auditor.cli.common import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_UNASSESSED, exit_code
from auditor.computed.column_status import judge_column
from auditor.gather.context import Scope
from auditor.gather.network import Network, SiteNetwork
from auditor.model.artifacts import ColumnFacts, ListItem, PageFacts
from auditor.model.bundle import Bundle, Finding, SiteInfo, Target, Verdict
from auditor.pipeline import RunResult, SiteOutcome
from auditor.scenario import parse_scenario
from auditor.settings import default_indicators
from auditor.store import FileBundleStore, ManifestError, clean_stale_staging, is_complete_bundle, verify_manifest
from tests.cli import run_auditor

T = date(2021, 3, 21)


def site(home: str, scope: str = "") -> object:
    text = f'site:\n  id: x\n  name: 某区\n  code: "3101140038"\n  kind: portal\n  home: {home}\n{scope}'
    return parse_scenario(text, "x.yaml").site


def test_a_sites_pages_are_under_its_homes_folder():
    scope = Scope.of(site("http://www.sh.gov.cn/qx/index.html"))
    assert scope("http://www.sh.gov.cn/qx/col/ywdt/")
    assert scope("http://www.sh.gov.cn/qx/")
    assert not scope("http://www.sh.gov.cn/city/")  # the parent portal on the same host is another site
    assert not scope("http://www.sh.gov.cn/")
    assert not scope("http://other.gov.cn/qx/")
    assert scope.hosts == frozenset({"www.sh.gov.cn"})


def test_scope_entries_add_hosts_and_path_prefixes():
    scope = Scope.of(site("http://www.sh.gov.cn/qx/", "  scope: [xxgk.sh.gov.cn, www.sh.gov.cn/zwgk/qx]\n"))
    assert scope("http://xxgk.sh.gov.cn/anything/")
    assert scope("http://www.sh.gov.cn/zwgk/qx/tzgg/")
    assert not scope("http://www.sh.gov.cn/zwgk/other/")
    assert scope.hosts == frozenset({"www.sh.gov.cn", "xxgk.sh.gov.cn"})


def test_a_root_home_keeps_the_whole_host():
    scope = Scope.of(site("http://www.qx.gov.cn/"))
    assert scope("http://www.qx.gov.cn/col/ywdt/")


def test_another_sites_home_is_never_judged_blank_or_stale():
    page = PageFacts(url="http://h/city/", fetched_by="http", kind="list", meta={"SiteIDCode": "3100000001"})
    column = ColumnFacts(name="上级门户", url="http://h/city/", page=page)
    result = judge_column(column, T, default_indicators(), site_code="3101140038")
    assert result.status == "not_judged"
    assert "3100000001" in (result.reason or "")
    own = page.model_copy(update={"meta": {"SiteIDCode": "3101140038"}})
    assert judge_column(
        column.model_copy(update={"page": own}), T, default_indicators(), site_code="3101140038"
    ).status == ("blank")


def _bundle(qualified: bool | None, severity: str | None = None) -> Bundle:
    findings = []
    if severity:
        findings.append(
            Finding(
                id="f",
                code="column_stale",
                indicator_zh="栏目不更新",
                severity=severity,
                target=Target(url="u"),
                message_zh="m",
            )
        )
    now = datetime(2021, 3, 21, 9)
    return Bundle(
        auditor_version="t",
        site=SiteInfo(id="x", name="x", code="3101140038", kind="portal", home="h"),
        as_of=T,
        started_at=now,
        finished_at=now,
        requested_url="h",
        verdict=Verdict(qualified=qualified),
        findings=findings,
    )


@pytest.mark.parametrize(
    ("bundles", "fail_on", "expected"),
    [
        ([_bundle(True)], "veto", EXIT_OK),
        ([_bundle(True), _bundle(None)], "never", EXIT_UNASSESSED),  # a dead site is never a silent 0
        ([_bundle(False, "veto"), _bundle(None)], "veto", EXIT_FINDINGS),
        ([_bundle(True, "deduction")], "veto", EXIT_OK),
        ([_bundle(True, "deduction")], "deduction", EXIT_FINDINGS),
        ([None, _bundle(True)], "never", EXIT_INTERNAL),
    ],
)
def test_exit_codes(bundles, fail_on, expected):
    result = RunResult([SiteOutcome(f"s{i}", Path("x"), bundle) for i, bundle in enumerate(bundles)])
    assert exit_code(result, fail_on) == expected


def test_as_of_out_of_range_is_bad_input(tmp_path):
    done = run_auditor("run", str(tmp_path), "--as-of", "0001-01-01")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_out_that_is_a_file_is_bad_input(tmp_path):
    scenario = tmp_path / "x.yaml"
    scenario.write_text(
        'site:\n  id: x\n  name: 某区\n  code: "3101140038"\n  kind: portal\n  home: http://127.0.0.1:9/\n'
    )
    out = tmp_path / "out.txt"
    out.write_text("not a folder")
    done = run_auditor("run", str(scenario), "--out", str(out), "-q")
    assert done.returncode == 2, done.stderr
    assert "--out must be a folder" in done.stderr


def _committed(tmp_path: Path) -> Path:
    store = FileBundleStore(tmp_path / "out" / "x")
    store.write_json("bundle.json", {"a": 1})
    store.write_manifest()
    return store.commit()


def test_verify_refuses_entries_outside_the_bundle(tmp_path):
    bundle_dir = _committed(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    manifest = json.loads((bundle_dir / "manifest.json").read_text())
    manifest["files"].append({"path": "../../secret.txt", "sha256": "0" * 64, "size": 7})
    (bundle_dir / "manifest.json").write_text(json.dumps(manifest))
    assert verify_manifest(bundle_dir) == ["../../secret.txt: outside the bundle (not read)"]


@pytest.mark.parametrize("text", ["{", '{"files": 3}', '{"files": [{"path": 1}]}', "[]"])
def test_a_malformed_manifest_is_bad_input(tmp_path, text):
    bundle_dir = _committed(tmp_path)
    (bundle_dir / "manifest.json").write_text(text)
    with pytest.raises(ManifestError):
        verify_manifest(bundle_dir)
    assert not is_complete_bundle(bundle_dir)
    done = run_auditor("verify", str(bundle_dir))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_a_killed_runs_staging_folders_are_cleaned_and_a_live_runs_kept(tmp_path):
    out = tmp_path / "out"
    dead = out / ".x.staging-999999999-abcd"
    dead.mkdir(parents=True)
    old = out / ".y.old-999999999"
    old.mkdir()
    live = out / f".z.staging-{os.getppid()}-efgh"
    live.mkdir()
    assert sorted(p.name for p in clean_stale_staging(out)) == sorted([dead.name, old.name])
    assert live.exists()


def _run_in_own_loop(coroutine):
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class _Robots(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - one server per test

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = (
            b"User-agent: *\nDisallow: /x/private/\nCrawl-delay: 0.2\n" if self.path == "/robots.txt" else b"<p>ok</p>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def robots_server():
    _Robots.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Robots)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_robots_txt_is_read_once_and_honoured(robots_server):
    async def visit(ignore: bool) -> list[tuple[str, str]]:
        net = SiteNetwork(Network(ignore_robots=ignore), frozenset({robots_server.removeprefix("http://")}))
        for path in ("/x/a.html", "/x/private/b.html", "/x/c.html"):
            await net.fetch(robots_server + path, timeout=5)
        return [(record.url.removeprefix(robots_server), record.outcome) for record in net.log]

    assert _run_in_own_loop(visit(ignore=False)) == [
        ("/x/a.html", "ok"),
        ("/x/private/b.html", "robots"),
        ("/x/c.html", "ok"),
    ]
    assert _Robots.hits == ["/robots.txt", "/x/a.html", "/x/c.html"]  # robots.txt once; the disallowed page never
    _Robots.hits = []
    assert [outcome for _, outcome in _run_in_own_loop(visit(ignore=True))] == ["ok", "ok", "ok"]
    assert "/robots.txt" not in _Robots.hits


def test_list_items_stay_untouched_by_foreign_checks():
    # A site that declares no code of its own is judged as before.
    page = PageFacts(
        url="http://h/qx/a/", fetched_by="http", kind="list", items=[ListItem(title="t", date=T, date_source="list")]
    )
    column = ColumnFacts(name="要闻动态", url="http://h/qx/a/", page=page)
    assert judge_column(column, T, default_indicators(), site_code=None).status == "fresh"
