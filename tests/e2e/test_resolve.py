"""--resolve: a real-looking host served from 127.0.0.1, in Chromium and in the HTTP reads alike.

The demo portal is audited as http://www.qingxi.gov.cn/portal/ with the mapping given on the command line: the
script-built list (fetch() after load), the iframe list and the images must load through the mapping exactly as
they do on the loopback URL, every request is to the real-looking host, and the findings are those of the
loopback run.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from auditor.demo.hosts import resolve_map
from auditor.demo.server import DemoServer
from tests.cli import run_auditor

pytestmark = pytest.mark.browser
AS_OF = "2021-03-21"


def scenario(path, home: str, site_id: str) -> None:
    path.write_text(
        f'site:\n  id: {site_id}\n  name: 青溪区人民政府\n  code: "3101140038"\n  kind: portal\n  home: {home}\n',
        "utf-8",
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    from datetime import date

    out = tmp_path_factory.mktemp("resolve")
    with DemoServer(date.fromisoformat(AS_OF)) as server:
        scenario(out / "loopback.yaml", server.home_url, "loopback")
        scenario(out / "mapped.yaml", "http://www.qingxi.gov.cn/portal/", "mapped")
        # Every host the demo answers for (the portal, and the badge, 备案 and 找错 hosts its footer loads from),
        # each given as a --resolve entry, curl's form and the HOST:PORT=ADDR:PORT form alternating.
        mapping = []
        for n, (source, target) in enumerate(sorted(resolve_map(server.port).items())):
            mapping += [
                "--resolve",
                f"{source}={target}" if n % 2 else f"{source}:{target.split(':')[0]}:{server.port}",
            ]
        loopback = run_auditor(
            "run", str(out / "loopback.yaml"), "--as-of", AS_OF, "--out", str(out), "-q", "--no-evidence"
        )
        mapped = run_auditor(
            "run", str(out / "mapped.yaml"), "--as-of", AS_OF, "--out", str(out), "-q", "--no-evidence", *mapping
        )
        paths = list(server.request_log)
    return out, loopback, mapped, paths


def read(out, site_id: str, name: str) -> dict:
    return json.loads((out / site_id / name).read_text("utf-8"))


def test_the_mapped_run_reads_the_site_as_the_loopback_run_does(runs):
    out, loopback, mapped, _ = runs
    assert loopback.returncode == 0, loopback.stderr
    assert mapped.returncode == 0, mapped.stderr
    columns = {
        site: {(c["name"], c["status"], c["latest_date"]) for c in read(out, site, "bundle.json")["columns"]}
        for site in ("loopback", "mapped")
    }
    assert columns["mapped"] == columns["loopback"]
    script_built = next(c for c in read(out, "mapped", "bundle.json")["columns"] if c["url"].endswith("/col/xzdt/"))
    assert script_built["status"] == "fresh"  # its rows arrive by fetch() after load: subresources went through


def test_the_mapped_run_contacts_only_mapped_hosts(runs):
    out, _, _, _ = runs
    requests = read(out, "mapped", "artifacts.json")["requests"]
    assert requests
    # Links to other hosts are refused unsent; what was sent went to the real-looking host only.
    contacted = {urlsplit(r["url"]).hostname for r in requests if r["outcome"] != "blocked_offsite"}
    assert "www.qingxi.gov.cn" in contacted
    assert contacted <= {source.split(":")[0] for source in resolve_map(0)}, contacted
    failed = [r for r in requests if r["via"] == "browser" and r["outcome"] not in {"ok", "passed"}]
    assert all("/col/sqdt/" in r["url"] for r in failed), failed  # the demo's one 500 list, nothing else


def test_a_bad_resolve_entry_is_one_clear_error(tmp_path):
    scenario(tmp_path / "s.yaml", "http://www.qingxi.gov.cn/portal/", "bad")
    result = run_auditor(
        "run", str(tmp_path / "s.yaml"), "--out", str(tmp_path), "--resolve", "www.qingxi.gov.cn=1.2.3.4"
    )
    assert result.returncode == 2
    assert "--resolve" in result.stderr
    assert "HOST:PORT" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
