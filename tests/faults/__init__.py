"""The fault suite (`pytest -m faults tests/faults`) and its shared machinery: run `auditor run` as a child
process with a wall-clock bound, watch its process tree (memory, Chromium children), and read what it wrote.

Every run here is a MULTI-SITE run over a folder of scenarios with `--jobs 2`: the healthy portal
(tests/sites/hostile.py) beside one or more hostile sites, each on its own 127.0.0.1 port. A module's clean run
(the healthy portal alone) is the yardstick the healthy site's bundle in every hostile run is compared with.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.sites import furniture
from tests.sites.hostile import HostileSite

PAGE_TIMEOUT_S = 3.0  # every scenario's limits.page_timeout_s (site_budget_s is 30, tests/sites/hostile.py)
JOBS = 2
# A run's wall-clock bound: start-up and the browser launch, plus per site a few page timeouts, sites two at a
# time. The child is killed past `hard_timeout` (the bound plus a margin), so a hung run fails, never stalls.
FIXED_OVERHEAD_S = 20.0
PAGE_TIMEOUTS_PER_SITE = 3
# What one site may take when every page answers or fails within its timeout: a few page timeouts. A site over
# this ran into something unbounded and was only stopped by its budget (a hard wall: within budget + ~10 s,
# which the budget site of test_http_faults checks under a 10 s budget).
SITE_PAGE_BOUND_S = 5 * PAGE_TIMEOUT_S + 5
TRACEBACK = "Traceback (most recent call last)"
EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_NOT_AUDITED = 0, 1, 2, 3, 4
STALE_OR_BLANK = frozenset({"column_stale", "column_blank"})


def run_bound(sites: int, jobs: int = JOBS) -> float:
    rounds = -(-sites // jobs)
    return FIXED_OVERHEAD_S + rounds * PAGE_TIMEOUTS_PER_SITE * PAGE_TIMEOUT_S


# -- processes ------------------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(p) for p in (task / "children").read_text().split()]
    return found


def descendants(pid: int) -> list[int]:
    """Every live descendant of pid (walks /proc/<pid>/task/*/children), bounded in depth and count."""
    seen: list[int] = []
    frontier = [pid]
    for _ in range(16):
        frontier = [c for p in frontier for c in children(p) if c not in seen]
        if not frontier:
            break
        seen += frontier
        if len(seen) > 2000:
            break
    return seen


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """Running, not a zombie (an orphan re-parented to a PID 1 that does not reap stays a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def chromium_descendants(pid: int) -> list[int]:
    return [p for p in descendants(pid) if "chromium" in cmdline(p)]


def kill_pids(pids: list[int], sig: int = signal.SIGKILL) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


# -- runs -----------------------------------------------------------------------------------------------


@dataclass
class Run:
    args: list[str]
    out: Path
    returncode: int | None
    stdout: str
    stderr: str
    wall_s: float
    killed: bool  # the run overran its hard timeout and was killed
    peak_cli_rss_mb: float = 0.0
    peak_tree_pss_mb: float = 0.0
    leftover_chromium: list[int] = field(default_factory=list)  # Chromium still alive 5 s after the run ended

    def bundle(self, site_id: str) -> dict[str, Any] | None:
        path = self.out / site_id / "bundle.json"
        return json.loads(path.read_text("utf-8")) if path.is_file() else None

    def artifacts(self, site_id: str) -> dict[str, Any] | None:
        path = self.out / site_id / "artifacts.json"
        return json.loads(path.read_text("utf-8")) if path.is_file() else None

    def describe(self) -> str:
        tail = self.stderr[-1500:]
        return (
            f"exit {self.returncode}{' (killed at its hard timeout)' if self.killed else ''} after {self.wall_s:.1f}s; "
            f"stderr tail:\n{tail}"
        )


def run_cli(
    args: list[str],
    *,
    out: Path,
    logs: Path,
    hard_timeout: float,
    on_start: Callable[[int], None] | None = None,
) -> Run:
    """`python -m auditor ARGS` in a child process, sampling its tree's memory every 0.2 s.

    stdout and stderr go to files in `logs` (never on the disk under test). `on_start(pid)` is called once the
    child runs. Past `hard_timeout` every descendant is killed by PID, then the child. Chromium processes seen
    in the tree and still alive 5 s after the child ended are reported (and killed, by PID).
    """
    logs.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = logs / "stdout", logs / "stderr"
    started = time.monotonic()
    peak_rss = peak_pss = 0
    killed = False
    seen_chromium: set[int] = set()
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "auditor", *args],
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
        )
        try:
            if on_start is not None:
                on_start(proc.pid)
            while proc.poll() is None:
                if time.monotonic() - started > hard_timeout:
                    killed = True
                    break
                tree = descendants(proc.pid)
                seen_chromium.update(p for p in tree if "chromium" in cmdline(p))
                peak_rss = max(peak_rss, rss_kb(proc.pid))
                peak_pss = max(peak_pss, pss_kb(proc.pid) + sum(pss_kb(p) for p in tree))
                time.sleep(0.2)
        finally:
            if proc.poll() is None:
                kill_pids(descendants(proc.pid))
                proc.kill()
            proc.wait(timeout=30)
    wall = time.monotonic() - started
    deadline = time.monotonic() + 5
    while (leftover := [p for p in seen_chromium if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    kill_pids(leftover)  # ours, by PID: never left running for the next test
    return Run(
        args=args,
        out=out,
        returncode=None if killed else proc.returncode,
        stdout=stdout_path.read_text(errors="replace"),
        stderr=stderr_path.read_text(errors="replace"),
        wall_s=wall,
        killed=killed,
        peak_cli_rss_mb=peak_rss / 1024,
        peak_tree_pss_mb=peak_pss / 1024,
        leftover_chromium=leftover,
    )


def write_scenarios(folder: Path, sites: list[HostileSite], **limits: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for site in sites:
        (folder / f"{site.site_id}.yaml").write_text(site.scenario_yaml(**limits), encoding="utf-8")
    return folder


def audit(
    work: Path,
    sites: list[HostileSite],
    as_of: Any,
    *extra: str,
    hard_timeout: float | None = None,
    name: str = "run",
    on_start: Callable[[int], None] | None = None,
    out: Path | None = None,
) -> Run:
    """`auditor run <folder of the sites' scenarios> --as-of T --out DIR --block-offsite --jobs 2 -q`."""
    scenarios = write_scenarios(work / f"{name}-scenarios", sites)
    out = out or work / f"{name}-out"
    args = [
        "run",
        str(scenarios),
        "--as-of",
        as_of.isoformat(),
        "--out",
        str(out),
        "--block-offsite",
        "--jobs",
        str(JOBS),
        "-q",
        *extra,
    ]
    bound = hard_timeout or run_bound(len(sites)) + 60
    return run_cli(args, out=out, logs=work / f"{name}-logs", hard_timeout=bound, on_start=on_start)


# -- reading bundles ------------------------------------------------------------------------------------


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class Summary:
    """What the suite compares: column path -> status, and (code, target path, severity) of every finding."""

    columns: dict[str, str]
    findings: frozenset[tuple[str, str, str]]


def summarize(bundle: dict[str, Any]) -> Summary:
    return Summary(
        columns={path_of(c["url"]): c["status"] for c in bundle["columns"]},
        findings=frozenset((f["code"], path_of(f["target"]["url"]), f["severity"]) for f in bundle["findings"]),
    )


def staged_columns(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """The columns a test site stages, without the 政务咨询 board every site carries (tests/sites/furniture.py)."""
    return [c for c in bundle["columns"] if path_of(c["url"]) != furniture.BOARD_PATH]


def errors_of(bundle: dict[str, Any], stage: str | None = None, path: str | None = None) -> list[dict[str, Any]]:
    return [
        e
        for e in bundle["errors"]
        if (stage is None or e["stage"] == stage) and (path is None or path_of(e["url"]) == path)
    ]


def findings_of(bundle: dict[str, Any], code: str, path: str | None = None) -> list[dict[str, Any]]:
    return [
        f for f in bundle["findings"] if f["code"] == code and (path is None or path_of(f["target"]["url"]) == path)
    ]


def column_of(bundle: dict[str, Any], path: str) -> dict[str, Any] | None:
    return next((c for c in bundle["columns"] if path_of(c["url"]) == path), None)


# -- the assertions every fault test makes --------------------------------------------------------------


def assert_finished(run: Run, *, sites: int, expected_exit: int) -> None:
    assert not run.killed, f"the run overran {run_bound(sites):.0f}s and was killed: {run.describe()}"
    assert run.wall_s <= run_bound(sites), f"run took {run.wall_s:.1f}s > bound {run_bound(sites):.0f}s"
    assert TRACEBACK not in run.stderr, run.describe()
    assert run.returncode == expected_exit, run.describe()


def assert_healthy_as_clean(run: Run, clean: Summary) -> None:
    bundle = run.bundle("healthy")
    assert bundle is not None, f"the healthy site lost its bundle: {run.describe()}"
    assert summarize(bundle) == clean, f"healthy site differs from its clean run: errors={bundle['errors']}"
    assert bundle["verdict"]["qualified"] is not None


def assert_no_invented_finding(bundle: dict[str, Any]) -> None:
    invented = [f for f in bundle["findings"] if f["code"] in STALE_OR_BLANK]
    assert not invented, (
        f"stale/blank the content does not justify: {[(f['code'], f['target']['url']) for f in invented]}"
    )
    bad = [c for c in bundle["columns"] if c["status"] in {"stale", "blank", "warning"}]
    assert not bad, f"columns judged stale/blank: {[(c['url'], c['status']) for c in bad]}"


def assert_column_failure(bundle: dict[str, Any], path: str, kinds: set[str]) -> None:
    """The column's failure is an error record of the column stage, and the column is a needs_review."""
    errors = errors_of(bundle, "column", path)
    assert errors, f"no column error recorded for {path}: errors={bundle['errors']}"
    assert {e["kind"] for e in errors} & kinds, f"{path}: error kinds {[e['kind'] for e in errors]} not in {kinds}"
    unreadable = findings_of(bundle, "column_unreadable", path)
    assert unreadable, f"{path}: no column_unreadable finding; findings={summarize(bundle).findings}"
    assert {f["severity"] for f in unreadable} == {"needs_review"}
    column = column_of(bundle, path)
    assert column is None or column["status"] == "unreadable", column


def assert_home_failure(bundle: dict[str, Any], kinds: set[str]) -> None:
    """The home's failure is an error of the home stage; the site is not assessed. A home page that never answered
    the availability probe is one `site_unavailable` finding (never a veto from one run) and every other rule is
    not applicable; one that answered the probe but failed in the browser leaves the column rules in error."""
    errors = errors_of(bundle, "home")
    assert errors, f"no home error recorded: errors={bundle['errors']}"
    assert {e["kind"] for e in errors} & kinds, f"home error kinds {[e['kind'] for e in errors]} not in {kinds}"
    assert bundle["verdict"]["qualified"] is None
    assert bundle["verdict"]["vetoes"] == []
    assert bundle["columns"] == []
    unavailable = [f for f in bundle["findings"] if f["code"] == "site_unavailable"]
    if unavailable:
        assert [f["severity"] for f in bundle["findings"]] == ["deduction"], bundle["findings"]
        assert bundle["rules"]["column_stale"]["outcome"] == "not_applicable", bundle["rules"]["column_stale"]
    else:
        assert bundle["rules"]["column_stale"]["outcome"] == "error", bundle["rules"]["column_stale"]


def assert_site_within_wall(bundle: dict[str, Any], bound: float = SITE_PAGE_BOUND_S) -> None:
    duration = bundle["stats"]["duration_s"]
    assert duration <= bound, f"{bundle['site']['id']}: took {duration:.1f}s > {bound:.0f}s"


def assert_requests_in_scope(run: Run, site_id: str, site: HostileSite) -> None:
    artifacts = run.artifacts(site_id)
    assert artifacts is not None, f"{site_id}: no artifacts.json"
    assert "requests" in artifacts, f"{site_id}: artifacts.json has no `requests` record"
    requests = artifacts["requests"]
    assert requests, f"{site_id}: no request recorded"
    netloc = urlsplit(site.base_url).netloc
    # Refused requests are logged with why (a redirect off the site, an off-site image): none was sent.
    outside = [
        r["url"]
        for r in requests
        if urlsplit(r["url"]).scheme in {"http", "https"}
        and urlsplit(r["url"]).netloc != netloc
        and r["outcome"] not in {"blocked_offsite", "robots"}
    ]
    assert not outside, f"{site_id}: requests outside the site: {outside[:5]}"
    assert {r["via"] for r in requests} <= {"http", "browser", "redirect"}


def watch(condition: Callable[[], bool], action: Callable[[], None], *, timeout: float, name: str) -> threading.Thread:
    """Run `action` once `condition()` holds (polled every 0.1 s, for at most `timeout` s), in a daemon thread."""

    def loop() -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                action()
                return
            time.sleep(0.1)

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    return thread
