"""What every command shares: exit codes, one-line errors, scenario loading, the run options, the run itself.

Exit codes: 0 ran and every site was audited; 1 findings at or above --fail-on; 2 bad input; 3 internal failure
(a site's bundle or the run manifest could not be written); 4 the run finished but a site could not be audited
(its verdict is 无法评估) and nothing above applies — a dead site is never a silent 0.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from auditor import __version__
from auditor.gather.browser import BrowserNotFoundError
from auditor.model.bundle import SEVERITY_ORDER
from auditor.model.resolve import ResolveError, ResolveMap
from auditor.pipeline import (
    RunOptions,
    RunResult,
    SampleOptions,
    SiteOutcome,
    pending_sites,
    run_audits,
    today_in_shanghai,
)
from auditor.report.summary import print_summary
from auditor.report.text import plain
from auditor.scenario import Scenario, collect_scenarios, load_scenarios
from auditor.settings import SettingsError, default_indicators, load_indicators
from auditor.settings.runtime import RUNTIME

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_UNASSESSED = 0, 1, 2, 3, 4
# Monitoring points outside this range are typing errors (0001-01-01 overflows the window arithmetic).
AS_OF_RANGE = (date(2000, 1, 1), date(2099, 12, 31))
FAIL_ON_CHOICES = ("veto", "deduction", "never")

err = Console(stderr=True)


def as_of_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return today_in_shanghai()
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {plain(value)!r}") from exc
    if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
        raise click.BadParameter(f"{day} is outside {AS_OF_RANGE[0]}..{AS_OF_RANGE[1]}")
    return day


def bad_input(message: str) -> NoReturn:
    """One line on stderr, never markup (file names and YAML keys are user text), exit 2."""
    err.print(f"error: {plain(message)}", markup=False, highlight=False, soft_wrap=True)
    sys.exit(EXIT_BAD_INPUT)


def load_all(paths: list[Path]) -> list[Scenario]:
    """Every scenario of the files and folders; every bad file is reported (one line each), then exit 2."""
    if not collect_scenarios(paths):
        bad_input(f"no scenario files (*.yaml) in {', '.join(map(str, paths))}")
    scenarios, errors = load_scenarios(paths)
    for error in errors:
        err.print(f"error: {plain(str(error))}", markup=False, highlight=False, soft_wrap=True)
    if errors:
        sys.exit(EXIT_BAD_INPUT)
    return scenarios


def exit_code(result: RunResult, fail_on: str) -> int:
    if result.internal_failures or result.manifest_error:
        return EXIT_INTERNAL
    bundles = [outcome.bundle for outcome in result.outcomes if outcome.bundle is not None]
    if fail_on != "never":
        floor = SEVERITY_ORDER[fail_on]
        if any(SEVERITY_ORDER[f.severity] >= floor for bundle in bundles for f in bundle.findings):
            return EXIT_FINDINGS
    if any(bundle.verdict.qualified is None for bundle in bundles):
        return EXIT_UNASSESSED
    return EXIT_OK


def execute(scenarios: list[Scenario], options: RunOptions, fail_on: str, *, quiet: bool, columns: bool) -> int:
    console = Console(stderr=True, quiet=quiet)
    total = len(scenarios)
    done = 0

    def on_done(outcome: SiteOutcome) -> None:
        nonlocal done
        done += 1
        if outcome.bundle is None:
            # Never silenced by -q: a site whose bundle was lost must be said, whatever else is quiet.
            err.print(
                f"[{done}/{total}] {outcome.site_id}: internal failure {plain(outcome.error or '')}",
                markup=False,
                highlight=False,
            )
            return
        bundle = outcome.bundle
        read = f"{len(bundle.accounts)} 个账号" if bundle.site.kind == "newmedia" else f"{len(bundle.columns)} 个栏目"
        console.print(
            f"[{done}/{total}] {plain(bundle.site.name)} ({outcome.site_id}): {read}, "
            f"{len(bundle.findings)} 项发现, {len(bundle.errors)} 个错误, {bundle.stats.duration_s:.1f}s "
            f"→ {outcome.bundle_dir}",
            highlight=False,
            markup=False,
        )

    groups = sum(1 for s in scenarios if s.site.is_newmedia)
    what = f"{total - groups} 个网站" + (f", {groups} 个政务新媒体账号组" if groups else "")
    console.print(f"auditor {__version__}: {what}, 监测时间点 {options.as_of}", highlight=False, markup=False)
    try:
        with console.status("检查中…") as status:

            def on_progress(site_id: str, read: int, planned: int) -> None:
                status.update(f"检查中… {site_id}: {read}/{planned}")

            options = replace(options, progress=on_progress)
            result = asyncio.run(run_audits(scenarios, options, on_done))
    except BrowserNotFoundError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        return EXIT_INTERNAL
    if result.manifest_error:
        # Never silenced by -q, like a lost bundle: the evidence is there but nothing seals it.
        err.print(f"error: run manifest not written: {plain(result.manifest_error)}", markup=False, highlight=False)
    if not quiet:
        # Piped output (CI logs, files) gets a wide table instead of rich's 80-column default.
        summary_console = Console() if sys.stdout.isatty() else Console(width=160)
        print_summary([o.bundle_dir for o in result.outcomes if o.bundle is not None], summary_console, columns=columns)
    return exit_code(result, fail_on)


def run_options(func: click.decorators.FC) -> click.decorators.FC:
    options = [
        click.option(
            "--as-of", callback=as_of_option, help="monitoring point T, YYYY-MM-DD (default: today, Shanghai)"
        ),
        click.option(
            "--fail-on",
            type=click.Choice(FAIL_ON_CHOICES),
            default="never",
            show_default=True,
            help="exit 1 when a finding reaches this severity",
        ),
        click.option(
            "--evidence/--no-evidence",
            default=True,
            show_default=True,
            help="screenshots, crops and rendered HTML",
        ),
        click.option(
            "--render",
            type=click.Choice(["auto", "always"]),
            default="auto",
            show_default=True,
            help="auto: HTTP first, browser when needed; always: render every list page",
        ),
        click.option("--mhtml", is_flag=True, help="also an MHTML snapshot of every evidence page (in the bundle)"),
        click.option("--har", is_flag=True, help="also a HAR of each site's requests (network.har in the bundle)"),
        click.option(
            "--keep-screenshots",
            is_flag=True,
            help="render every column page and keep every screenshot, so the saved run can be judged at another T",
        ),
        click.option(
            "--settings",
            "settings_file",
            type=click.Path(path_type=Path, dir_okay=False),
            help="a TOML file laid over the indicator table (a province's windows, a corrected threshold)",
        ),
        click.option(
            "--block-offsite",
            is_flag=True,
            help="the default: nothing outside the site's hosts but the allow-list is loaded (kept for scripts)",
        ),
        click.option("--allow-offsite", is_flag=True, help="let the browser load subresources from any host"),
        click.option(
            "--ignore-robots",
            is_flag=True,
            help="do not honour robots.txt / Crawl-delay (a site's own supervisor; recorded in each bundle)",
        ),
        click.option(
            "--resolve",
            "resolve",
            multiple=True,
            metavar="HOST:PORT=ADDR:PORT",
            help="serve HOST:PORT from ADDR:PORT (curl's HOST:PORT:ADDR[:PORT] too), in Chromium and HTTP checks",
        ),
        click.option(
            "--external-links",
            type=click.Choice(["check", "skip"]),
            default="check",
            show_default=True,
            help="links outside the site's hosts: status-checked only, or not at all",
        ),
        click.option(
            "--sample",
            is_flag=True,
            help="new-media groups: check all accounts of the chosen groups plus a seeded draw of the rest, until "
            "the sample exceeds the share (the notice's method; seed and counts are recorded in the bundle)",
        ),
        click.option(
            "--sample-group",
            "sample_groups",
            multiple=True,
            metavar="GROUP",
            help="an owner group checked in full, e.g. 区政府 (default: the scenario's sampling.groups)",
        ),
        click.option(
            "--sample-share",
            type=click.FloatRange(0, 1, min_open=True),
            help="the share of all accounts the sample exceeds (default: the scenario's, else 0.10)",
        ),
        click.option(
            "--sample-seed",
            type=click.IntRange(0, 2**63 - 1),
            help="the draw's seed, to draw a recorded sample again (default: the scenario's, else a fresh one)",
        ),
        click.option("--jobs", type=click.IntRange(1, 8), default=1, show_default=True, help="sites at once"),
        click.option("--headed", is_flag=True, help="show the browser window (debugging)"),
        click.option("--columns", "show_columns", is_flag=True, help="print every column's result"),
        click.option("--quiet", "-q", is_flag=True, help="no progress or summary"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def execute_with(scenarios: list[Scenario], out_dir: Path, kwargs: dict[str, object]) -> int:
    if out_dir.exists() and not out_dir.is_dir():
        bad_input(f"{out_dir}: --out must be a folder, not a file")
    settings_file = kwargs.get("settings_file")
    try:
        settings = load_indicators(settings_file) if isinstance(settings_file, Path) else default_indicators()
    except SettingsError as exc:
        bad_input(str(exc))
    try:
        resolve = ResolveMap.from_options(kwargs.get("resolve") or ())  # type: ignore[arg-type]
    except ResolveError as exc:
        bad_input(f"--resolve {exc}")
    sample = None
    if kwargs.get("sample") or kwargs.get("sample_groups") or kwargs.get("sample_seed") is not None:
        sample = SampleOptions(
            groups=tuple(kwargs.get("sample_groups") or ()),  # type: ignore[arg-type]
            share=kwargs.get("sample_share"),  # type: ignore[arg-type]
            seed=kwargs.get("sample_seed"),  # type: ignore[arg-type]
        )
    options = RunOptions(
        sample=sample,
        resolve=resolve,
        external_links="skip" if kwargs.get("external_links") == "skip" else "check",
        as_of=kwargs["as_of"],  # type: ignore[arg-type]
        out_dir=out_dir,
        evidence=bool(kwargs["evidence"]),
        block_offsite=not kwargs.get("allow_offsite"),
        ignore_robots=bool(kwargs.get("ignore_robots")),
        render=str(kwargs["render"]),
        site_jobs=int(kwargs["jobs"]),  # type: ignore[call-overload]
        headless=not kwargs["headed"],
        keep_screenshots=bool(kwargs["keep_screenshots"]),
        settings=settings,
        runtime=replace(RUNTIME, capture_mhtml=bool(kwargs.get("mhtml")), capture_har=bool(kwargs.get("har"))),
    )
    resume = kwargs.get("resume")
    if isinstance(resume, Path):
        done = len(scenarios)
        scenarios = pending_sites(scenarios, out_dir)
        err.print(f"--resume: {done - len(scenarios)} 个网站已有完整结果, 继续检查 {len(scenarios)} 个", markup=False)
    return execute(
        scenarios,
        options,
        str(kwargs["fail_on"]),
        quiet=bool(kwargs["quiet"]),
        columns=bool(kwargs["show_columns"]),
    )


def require_existing(paths: tuple[Path, ...]) -> None:
    missing = [p for p in paths if not p.exists()]
    if missing:
        bad_input(f"{missing[0]}: no such file or folder")
