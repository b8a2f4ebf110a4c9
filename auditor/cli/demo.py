"""`auditor demo`: serve the bundled demo sites on 127.0.0.1 and audit them end to end.

Three sites on real-looking hosts, all served from one local port (the server picks the site by the Host
header): the district portal 青溪区人民政府 (http://www.qingxi.gov.cn/portal/), the GBK department site
青溪区市场监督管理局 (http://scjgj.qingxi.gov.cn/) and the credit site 信用青溪 (http://www.creditqingxi.cn/); and one
new-media group, 青溪区政务新媒体: the portal's registry 青溪区政务新媒体矩阵 (http://www.qingxi.gov.cn/portal/xmt/)
and its eighteen accounts on the platforms' own hosts (mp.weixin.qq.com, weibo.com, www.douyin.com, a.mp.uc.cn,
www.163.com). Each scenario's `resolve` map connects every demo host (the sites, the outside world they link to
and the platforms) to 127.0.0.1, so the audit never talks to anything else. Four bundles go to <out>/<site-id>/.

When --as-of is not today (Asia/Shanghai), the accounts are served as they were on T: each page is a snapshot of
T 20:00 that says so (Memento-Datetime, <meta name="snapshot-time">), so 5小时前 counts from T, not from today
(auditor/demo/newmedia.py).
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date, timedelta
from pathlib import Path

import click

from auditor.cli.bulletin import write_bulletin_files
from auditor.cli.common import EXIT_INTERNAL, EXIT_OK, execute_with, run_options
from auditor.cli.notice import read_run_or_exit, write_notices
from auditor.demo.hosts import ESTATE_HOSTS, NEWMEDIA_HOSTS, SITE_HOSTS
from auditor.demo.newmedia import REGISTRY_URL
from auditor.demo.server import DemoServer, site_scenarios
from auditor.report.runs import REPORTS_DIR
from auditor.scenario import parse_scenario

# The estate's calendar: a first round two months before T, its re-check ten days later, a second round at T
# (the notice's 1月份 and 3月份 rounds, 136 checks "including re-checks").
FIRST_ROUND_BEFORE = timedelta(days=59)
RECHECK_AFTER = timedelta(days=10)


def _audit_round(
    out_dir: Path, day: date, port: int, kwargs: dict[str, object], *, rectified: bool, only: set[str] | None = None
) -> int:
    """One round of the estate: the demo served as it was on `day` (as found, or after the sites' fixes)."""
    with DemoServer(day, port=port, rectified=rectified) as server:
        scenarios = site_scenarios(server.port, day, estate=True)
        parsed = [
            parse_scenario(text, f"<demo {site_id}>")
            for site_id, text in scenarios.items()
            if only is None or site_id in only
        ]
        round_kwargs = {**kwargs, "as_of": day, "allow_offsite": False}
        return execute_with(parsed, out_dir, round_kwargs)


def run_estate(out_dir: Path, as_of: date, port: int, kwargs: dict[str, object]) -> int:
    """`auditor demo --estate`: audit the estate in two rounds and a re-check, then write every report."""
    first_day, recheck_day = as_of - FIRST_ROUND_BEFORE, as_of - FIRST_ROUND_BEFORE + RECHECK_AFTER
    first, recheck, second = out_dir / "round-1", out_dir / "round-1-recheck", out_dir / "round-2"
    codes = [_audit_round(first, first_day, port, kwargs, rectified=False)]
    failed = {site.site_id for site in read_run_or_exit(first).websites if site.bundle.verdict.qualified is False}
    if failed:
        codes.append(_audit_round(recheck, recheck_day, port, kwargs, rectified=True, only=failed))
    codes.append(_audit_round(second, as_of, port, kwargs, rectified=True))
    if EXIT_INTERNAL in codes:
        return EXIT_INTERNAL
    rounds = [read_run_or_exit(first), read_run_or_exit(second)]
    rechecks = [read_run_or_exit(recheck)] if failed else []
    written = write_notices(rounds[1], second / REPORTS_DIR, previous=rounds[0], xlsx=True)
    written += write_bulletin_files(rounds, second / REPORTS_DIR, rechecks=rechecks, xlsx=True)
    click.echo("reports:")
    for path in written:
        click.echo(f"  {path}")
    return EXIT_OK


@click.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/demo"), show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="port for the demo sites (default: a free one)")
@click.option("--serve", is_flag=True, help="only serve the demo sites until Ctrl-C")
@click.option(
    "--estate",
    is_flag=True,
    help="a small estate in two rounds and a re-check (T−59 days, its re-check 10 days later, T), then every "
    "整改通知 and the 检查情况通报 (HTML, PDF, Markdown, XLSX) under OUT",
)
@run_options
def demo(out_dir: Path, port: int, serve: bool, estate: bool, **kwargs: object) -> None:
    """Serve the bundled demo sites (portal, department, credit) and new-media accounts on 127.0.0.1 and audit them
    end to end."""
    as_of: date = kwargs["as_of"]  # type: ignore[assignment]
    if estate and not serve:
        sys.exit(run_estate(out_dir, as_of, port, kwargs))
    with DemoServer(as_of, port=port) as server:
        scenarios = site_scenarios(server.port, as_of)
        if serve:
            click.echo(f"demo sites on {server.base_url} (T = {as_of}); Ctrl-C to stop")
            click.echo(f"  {server.home_url} (the portal, by address)")
            for host in (*SITE_HOSTS, *ESTATE_HOSTS):
                click.echo(f"  http://{host}/ → --resolve {host}:80=127.0.0.1:{server.port}")
            click.echo(f"  {REGISTRY_URL} (政务新媒体矩阵: the new-media group's registry)")
            for host in NEWMEDIA_HOSTS:
                click.echo(f"  http://{host}/ (new-media accounts) → --resolve {host}:80=127.0.0.1:{server.port}")
            click.echo(f"scenarios: scenarios/qingxi*.yaml map every demo host to 127.0.0.1:{server.port}")
            try:
                while True:
                    asyncio.run(asyncio.sleep(3600))
            except KeyboardInterrupt:
                return
        parsed = [parse_scenario(text, f"<demo {site_id}>") for site_id, text in scenarios.items()]
        kwargs["allow_offsite"] = False  # the demo never talks to anything but 127.0.0.1 (every host is resolved)
        code = execute_with(parsed, out_dir, kwargs)
    sys.exit(code)
