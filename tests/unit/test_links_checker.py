"""The link checker over HTTP against local servers, without a browser (auditor/gather/links.py).

The site gatherer's integration and the evidence renders are covered by tests/faults/test_link_faults.py; here the
checker's switches: --external-links skip, --block-offsite off, the run-wide cache, the per-site cap, robots.txt,
the site's budget, a server that drops HEAD requests.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from datetime import date

import pytest

from auditor.demo.server import LocalSiteServer, _Handler, _Server
from auditor.demo.site import Response
from auditor.gather.context import Budget, Gathered, GatherOptions, Scope, SiteContext
from auditor.gather.links import LinkChecker
from auditor.gather.network import Network, SiteNetwork
from auditor.gather.policy import KeepEverythingPolicy
from auditor.model.resolve import ResolveMap
from auditor.scenario import parse_scenario
from auditor.settings import default_indicators
from auditor.settings.runtime import RUNTIME
from tests import aio

HTML = "text/html; charset=utf-8"


class _MethodHandler(_Handler):
    def _answer(self, *, send_body: bool) -> None:
        site = self.server.site
        assert isinstance(site, Server)
        site.calls.append((self.command, self.path))
        if self.command == "HEAD" and self.path.startswith("/drop-head"):
            self.close_connection = True  # a server that hangs up on HEAD
            return
        super()._answer(send_body=send_body)


class Server(LocalSiteServer):
    def __init__(self, robots: str = "") -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []
        self.robots = robots

    def render(self, path: str) -> Response:
        if path == "/robots.txt":
            return Response(200, "text/plain", self.robots.encode()) if self.robots else Response(404, HTML, b"")
        if path.startswith("/slow"):
            return Response(200, HTML, b"<title>ok</title>", delay_s=3)
        if path.startswith("/missing"):
            return Response(404, HTML, b"<title>404</title>")
        return Response(200, HTML, b"<html><title>ok</title><h1>ok</h1></html>")

    def start(self) -> Server:
        if self._server is None:
            server = _Server((self.host, self.port), _MethodHandler)
            server.site = self
            self._server = server
            self.port = server.server_address[1]
            self.base_url = f"http://{self.host}:{self.port}"
            self.home_url = self.base_url + "/"
            self._thread = threading.Thread(target=server.serve_forever, daemon=True)
            self._thread.start()
        return self

    def paths(self) -> list[str]:
        return [path for _method, path in self.calls if path != "/robots.txt"]


@pytest.fixture
def servers():
    with Server(robots="User-agent: *\nDisallow: /private/\n") as site, Server() as other:
        yield site, other


def context(site: Server, *, network: Network, budget_s: float = 60, **options) -> SiteContext:
    scenario = parse_scenario(
        f'site:\n  id: t\n  name: 测试\n  code: "3101140001"\n  kind: portal\n  home: {site.home_url}\n'
        "  limits:\n    link_timeout_s: 1\n"
    )
    scope = Scope.of(scenario.site)
    budget = Budget(budget_s)
    gather_options = GatherOptions(as_of=date(2021, 3, 21), **options)
    net = SiteNetwork(network, scope.hosts, block_offsite=gather_options.block_offsite, deadline=budget.deadline)
    return SiteContext(
        scenario=scenario,
        options=gather_options,
        settings=default_indicators(),
        runtime=network.runtime,
        policy=KeepEverythingPolicy(),
        budget=budget,
        in_scope=scope,
        store=None,  # type: ignore[arg-type]  # the checker writes nothing
        browser_context=None,  # type: ignore[arg-type]
        tabs=None,  # type: ignore[arg-type]
        net=net,
    )


def home(links: list[str]) -> str:
    return "<html><body>" + "".join(f'<a href="{u}">链接{i}</a>' for i, u in enumerate(links)) + "</body></html>"


def run(ctx: SiteContext, links: list[str], **kwargs):
    checker = LinkChecker(ctx, Gathered(), **kwargs)
    facts = aio.run(checker.check([(ctx.site.home, "home", home(links))]))
    return {c.url: c for c in facts.checks}, facts


def test_offsite_links_are_status_checked_unless_skipped(servers):
    site, other = servers
    links = [site.base_url + "/a.html", other.base_url + "/b.html", other.base_url + "/missing.html"]
    ctx = context(site, network=Network(), block_offsite=False)
    checks, _ = run(ctx, links)
    assert [checks[u].outcome for u in links] == ["ok", "ok", "broken"]
    assert checks[links[1]].offsite
    assert [(h.method, h.status) for h in checks[links[1]].chain] == [("HEAD", 200)]
    assert sorted(other.calls) == [  # no robots.txt asked; a GET confirms the 404
        ("GET", "/missing.html"),
        ("HEAD", "/b.html"),
        ("HEAD", "/missing.html"),
    ]
    other.calls.clear()
    checks, facts = run(context(site, network=Network(), block_offsite=False), links, external="skip")
    assert [checks[u].outcome for u in links] == ["ok", "skipped", "skipped"]
    assert facts.external == "skip"
    assert other.calls == []


def test_block_offsite_contacts_only_hosts_the_resolve_map_serves(servers):
    site, other = servers
    mapped = "http://www.mapped.gov.cn/ok.html"
    links = [other.base_url + "/b.html", mapped]
    network = Network(resolve=ResolveMap.from_mapping({"www.mapped.gov.cn:80": f"127.0.0.1:{other.port}"}))
    ctx = context(site, network=network)
    checks, _ = run(ctx, links)
    assert checks[links[0]].outcome == "skipped"
    assert "not contacted" in (checks[links[0]].error or "")
    assert checks[mapped].outcome == "ok"
    assert other.paths() == ["/ok.html"]
    assert [r.outcome for r in ctx.net.log if r.url == links[0]] == ["blocked_offsite"]


def test_a_url_is_checked_once_per_run_across_sites(servers):
    site, _other = servers
    network = Network()
    links = [site.base_url + "/a.html", site.base_url + "/missing.html"]

    async def both():
        first = LinkChecker(context(site, network=network), Gathered())
        second = LinkChecker(context(site, network=network), Gathered())
        page = [(site.home_url, "home", home(links))]
        return await asyncio.gather(first.check(page), second.check(page))

    one, two = aio.run(both())
    assert [c.outcome for c in one.checks] == [c.outcome for c in two.checks] == ["ok", "broken"]
    assert sorted(site.paths()) == ["/a.html", "/missing.html"]


def test_links_past_the_cap_are_counted(servers):
    site, _other = servers
    network = Network(replace(RUNTIME, max_links_per_site=2))
    links = [f"{site.base_url}/p{i}.html" for i in range(5)] + [f"{site.base_url}/p0.html"]
    checks, facts = run(context(site, network=network), links)
    assert list(checks) == links[:2]
    assert facts.skipped == 3


def test_robots_and_a_server_hanging_up_on_head(servers):
    site, _other = servers
    links = [site.base_url + "/private/x.html", site.base_url + "/drop-head/f.pdf"]
    checks, _ = run(context(site, network=Network()), links)
    assert checks[links[0]].outcome == "unverified"
    assert checks[links[0]].error == "disallowed by robots.txt"
    assert checks[links[1]].outcome == "ok"  # HEAD got no answer; GET did
    assert [(h.method, h.status) for h in checks[links[1]].chain] == [("HEAD", None), ("GET", 200)]
    assert "/private/x.html" not in site.paths()


def test_checks_stop_before_the_site_budget_ends(servers):
    site, _other = servers
    links = [site.base_url + "/slow.html", site.base_url + "/a.html"]
    # A budget that leaves nothing after the margin: the checks get the 1 s minimum, the slow one is cut off.
    checks, _ = run(context(site, network=Network(), budget_s=2), links)
    assert checks[links[0]].outcome == "skipped"
    assert "budget" in (checks[links[0]].error or "")
    assert checks[links[1]].outcome == "ok"
