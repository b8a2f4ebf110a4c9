"""Serve the demo sites (or any pure page function) on 127.0.0.1 from a daemon thread.

`auditor demo` and the tests start a DemoServer, which answers by the request's Host header: the demo hosts
(auditor/demo/hosts.py: www.qingxi.gov.cn, scjgj.qingxi.gov.cn, www.creditqingxi.cn, the outside world and the
new-media platforms weibo.com, www.douyin.com, mp.weixin.qq.com, a.mp.uc.cn, www.163.com) get their own site,
anything else (127.0.0.1:PORT) the portal, as before. A response may carry extra headers (an archived account
page's Memento-Datetime); the websites' answers carry none. With rectified=True it serves the re-check round:
the same URLs, the sites after fixing part of their problems (what each fixed: the docstrings of department.py,
credit.py and newmedia.py, rows.py RECTIFIED_ROWS). jyj.qingxi.gov.cn (青溪区教育局, education.py) is served in
both, audited only in the estate (site_scenarios(..., estate=True)). The faulty test site (tests/sites/faulty.py)
reuses LocalSiteServer with its own routes. Handlers run in daemon threads and never block stop(): a handler told to
hang waits on the server's stop event, so stop() releases it at once.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Self

from auditor.demo import content as c
from auditor.demo import credit, department, education, hosts, newmedia
from auditor.demo.site import Response, render, render_host
from auditor.windows import now_in_shanghai

if TYPE_CHECKING:
    from datetime import date
    from types import TracebackType


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Do not join handler threads on close: a hanging handler must not hold up stop().
    block_on_close = False
    site: LocalSiteServer

    def handle_error(self, request: object, client_address: object) -> None:
        # Browsers reset keep-alive connections when a page or context closes; socketserver would print a
        # traceback for each. Page bugs never reach here (the handler answers them with a 500).
        del request, client_address


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "QingxiCMS/5.0"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's parameter name
        # Quiet: a demo run or a test suite must not print one line per request.
        del format, args

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        site = self.server.site
        site.log_request_path(self.path)
        try:
            response = site.render_request(self.path, self.headers.get("Host"))
        except Exception:  # a bug in a page generator must show as a 500, not kill the connection silently
            response = Response(500, "text/plain; charset=utf-8", b"internal error")
        if response.delay_s and site.wait_or_stopped(response.delay_s):
            self.close_connection = True  # the server is stopping: drop the hanging request unanswered
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-cache")
        if response.location:
            self.send_header("Location", response.location)
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts in tests)
                return


class LocalSiteServer:
    """A local HTTP site whose pages come from `render(path)`; subclasses define render and home_path."""

    home_path = "/"

    def __init__(self, *, port: int = 0, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port
        self.base_url = ""
        self.home_url = ""
        self.request_log: list[str] = []
        self._log_lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def render(self, path: str) -> Response:
        raise NotImplementedError

    def render_request(self, path: str, host: str | None) -> Response:
        """The answer to a request for `path` with Host header `host`; sites that ignore the host keep render()."""
        del host
        return self.render(path)

    def log_request_path(self, path: str) -> None:
        with self._log_lock:
            self.request_log.append(path)

    def wait_or_stopped(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when the server began stopping meanwhile."""
        return self._stopping.wait(seconds)

    def start(self) -> Self:
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server((self.host, self.port), _Handler)
        server.site = self
        self._server = server
        self.port = server.server_address[1]
        self.base_url = f"http://{self.host}:{self.port}"
        self.home_url = self.base_url + self.home_path
        self._thread = threading.Thread(target=server.serve_forever, name=type(self).__name__, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()  # release handlers that are hanging on purpose
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class DemoServer(LocalSiteServer):
    """The bundled demo portal 青溪区人民政府, with every date relative to the monitoring point as_of; rectified:
    the sites as the re-check round finds them (every URL the same, part of the problems fixed)."""

    home_path = "/portal/"

    def __init__(self, as_of: date, *, port: int = 0, host: str = "127.0.0.1", rectified: bool = False) -> None:
        super().__init__(port=port, host=host)
        self.as_of = as_of
        self.rectified = rectified

    def render(self, path: str) -> Response:
        return render(path, self.as_of, self.base_url, rectified=self.rectified)

    def render_request(self, path: str, host: str | None) -> Response:
        name = hosts.host_name(host)
        if name in hosts.SERVED_HOSTS:
            # The clock reaches only the new-media pages: relative times (5小时前) count from the request.
            return render_host(name, path, self.as_of, now_in_shanghai(), rectified=self.rectified)
        return self.render(path)


def scenario_yaml(home_url: str, as_of: date | None = None) -> str:
    """The scenario file for the demo portal at `home_url` (e.g. its 127.0.0.1 URL): zero-config, discovery finds
    every column from the home page. For the three demo sites on their real-looking hosts see site_scenarios()."""
    dated = "" if as_of is None else f"# Dates on the site are generated relative to T = {as_of.isoformat()}.\n"
    return (
        f"# {c.SITE_NAME} — bundled demo district portal (served locally by `auditor demo`)\n"
        + dated
        + "site:\n"
        + f"  id: {c.SITE_ID}\n"
        + f"  name: {c.SITE_NAME}\n"
        + f'  code: "{c.SITE_CODE}"\n'
        + "  kind: portal\n"
        + f"  home: {home_url}\n"
    )


# site id -> (header line, name, code, kind, home, parent_domain or "", page_timeout_s or 0)
DEMO_SITES: dict[str, tuple[str, str, str, str, str, str, int]] = {
    c.SITE_ID: (
        "bundled demo district portal", c.SITE_NAME, c.SITE_CODE, "portal",
        f"http://{hosts.PORTAL_HOST}/portal/", "", 0,
    ),
    department.SITE_ID: (
        "bundled demo department site (GBK)", department.SITE_NAME, department.SCENARIO_CODE, "department",
        f"http://{hosts.DEPARTMENT_HOST}/", "qingxi.gov.cn", 15,
    ),
    credit.SITE_ID: (
        "bundled demo credit site", credit.SITE_NAME, credit.SITE_CODE, "credit",
        f"http://{hosts.CREDIT_HOST}/", "qingxi.gov.cn", 15,
    ),
}  # fmt: skip
# The estate's further sites, in the same shape; their scenarios resolve the estate's hosts too.
ESTATE_SITES: dict[str, tuple[str, str, str, str, str, str, int]] = {
    education.SITE_ID: (
        "bundled demo department site of the estate", education.SITE_NAME, education.SITE_CODE, "department",
        f"http://{hosts.EDUCATION_HOST}/", "qingxi.gov.cn", 15,
    ),
}  # fmt: skip
# What an inspector adds to a scenario by hand, per site id. 青溪区教育局's stale column is named longer than
# discovery takes a menu text for a column name (MAX_NAME_CHARS in auditor/extract/discovery.py), so the file
# lists it by URL, with its name as the menu writes it (the report-safety bait: text, never markup).
SCENARIO_COLUMNS: dict[str, str] = {
    education.SITE_ID: (
        f"  columns:\n    - url: {education.BAIT.path}\n      name: {json.dumps(education.BAIT.name)}\n"
    ),
}


def resolve_yaml(port: int, indent: str = "  ", *, estate: bool = False) -> str:
    """The `resolve:` block mapping every demo host :80 to 127.0.0.1:<port>, at `indent` (a key of `site:`);
    estate: the estate's hosts too."""
    lines = [f"{indent}resolve:"]
    lines += [f'{indent}  "{source}": "{target}"' for source, target in hosts.resolve_map(port, estate=estate).items()]
    return "\n".join(lines) + "\n"


def newmedia_scenario(port: int, as_of: date | None = None, *, manual_csv: str | None = None) -> str:
    """The new-media group 青溪区政务新媒体: its home is the registry page 青溪区政务新媒体矩阵, every demo host is
    resolved to the demo server, the walled WeChat account is resolved by an inspector's record — inline and
    dated from T (from the notice's T without one), or, with `manual_csv`, the CSV file next to the scenario —
    and `sampling:` is what --sample draws (every 区政府 account, then more than half of all, seed 2021)."""
    dated = "" if as_of is None else f"# Dates on the accounts' pages are relative to T = {as_of.isoformat()}.\n"
    manual = f"manual_csv: {manual_csv}\n" if manual_csv else newmedia.manual_yaml(as_of or newmedia.FILE_T)
    return (
        f"# {newmedia.GROUP_NAME} — bundled demo new-media group: the registry {newmedia.REGISTRY_TITLE} and its\n"
        "# accounts on 微信, 微博, 抖音, 大鱼号 and 网易号 (served locally by `auditor demo`). Serve it with\n"
        f"#   auditor demo --serve --port {port}\n"
        + dated
        + "site:\n"
        + f"  id: {newmedia.GROUP_ID}\n"
        + f"  name: {newmedia.GROUP_NAME}\n"
        + "  kind: newmedia\n"
        + f"  home: {newmedia.REGISTRY_URL}\n"
        + resolve_yaml(port)
        + manual
        + newmedia.SAMPLING_YAML
    )


def site_scenarios(port: int, as_of: date | None = None, *, estate: bool = False) -> dict[str, str]:
    """One scenario per demo site (portal, department, credit) and one for the new-media group, on the real-looking
    hosts with the `resolve` map pointing every demo host (the three sites, the outside world and the new-media
    platforms) at the demo server on 127.0.0.1:<port>. estate: the estate's sites too (青溪区教育局, before the
    new-media group), the four others unchanged."""
    dated = "" if as_of is None else f"# Dates on the site are generated relative to T = {as_of.isoformat()}.\n"
    out: dict[str, str] = {}
    sites = {**DEMO_SITES, **(ESTATE_SITES if estate else {})}
    for site_id, (what, name, code, kind, home, parent, timeout) in sites.items():
        text = (
            f"# {name} — {what} (served locally by `auditor demo`). Serve it with\n"
            f"#   auditor demo --serve --port {port}\n"
            + dated
            + "site:\n"
            + f"  id: {site_id}\n"
            + f"  name: {name}\n"
            + f'  code: "{code}"\n'
            + f"  kind: {kind}\n"
            + f"  home: {home}\n"
            + (f"  parent_domain: {parent}\n" if parent else "")
            + resolve_yaml(port, estate=site_id in ESTATE_SITES)
            + (f"  limits:\n    page_timeout_s: {timeout}\n" if timeout else "")
            + SCENARIO_COLUMNS.get(site_id, "")
        )
        out[site_id] = text
    out[newmedia.GROUP_ID] = newmedia_scenario(port, as_of)
    return out
