"""kill -9 of `auditor run` mid-run, then `auditor run --resume`.

Three sites (the healthy portal, a plain site, and a slow site: a home held back 1.5 s and eight script-built
lists held back 0.4 s each); the CLI is killed with SIGKILL once the healthy bundle is committed and the slow
site is being read. Nothing half-written may look like a bundle; the resumed run audits only what is missing and
removes the staging folders the killed run left; the killed run's Chromium processes do not outlive it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.faults import (
    EXIT_OK,
    TRACEBACK,
    alive,
    assert_healthy_as_clean,
    chromium_descendants,
    kill_pids,
    path_of,
    run_bound,
    run_cli,
    staged_columns,
    watch,
    write_scenarios,
)
from tests.sites import hostile as h
from tests.sites.hostile import serving

pytestmark = [pytest.mark.faults, pytest.mark.browser]
SITE_IDS = ("healthy", "plain", "slow")


def verify(folder):
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "verify", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return done.returncode, done.stdout + done.stderr


def staging(out):
    return sorted(p.name for p in out.iterdir() if ".staging-" in p.name or ".old-" in p.name) if out.is_dir() else []


@pytest.fixture(scope="module")
def killed_and_resumed(healthy, clean, as_of, tmp_path_factory):
    work = tmp_path_factory.mktemp("kill9")
    plain, slow = h.plain_site(as_of), h.slow_site(as_of)
    out = work / "out"
    common = ["--as-of", as_of.isoformat(), "--block-offsite", "--jobs", "2", "-q"]
    state: dict = {}

    def mid_run() -> bool:
        return (out / "healthy" / "manifest.json").is_file() and any(x.path.startswith("/col/") for x in slow.hit_log)

    def kill_cli() -> None:
        state["chromium"] = chromium_descendants(state["pid"])
        state["killed_at"] = time.monotonic()
        os.kill(state["pid"], signal.SIGKILL)

    def started(pid: int) -> None:
        state["pid"] = pid
        watch(mid_run, kill_cli, timeout=run_bound(3), name="kill-9")

    with serving([plain, slow]):
        scenarios = write_scenarios(work / "scenarios", [healthy, plain, slow])
        first = run_cli(
            ["run", str(scenarios), "--out", str(out), *common],
            out=out,
            logs=work / "first-logs",
            hard_timeout=run_bound(3) + 30,
            on_start=started,
        )
        # What the killed run left, before anything else touches the folder.
        state["left"] = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
        state["verified"] = {name: verify(out / name) for name in state["left"] if not name.startswith(".")}
        state["staging_before"] = staging(out)
        state["healthy_manifest"] = (
            (out / "healthy" / "manifest.json").read_bytes() if (out / "healthy").is_dir() else None
        )
        time.sleep(max(0.0, 5 - (time.monotonic() - state.get("killed_at", time.monotonic()))))
        state["chromium_alive"] = [p for p in state.get("chromium", []) if alive(p)]
        kill_pids(state["chromium_alive"])  # ours, by PID, so later tests run clean
        resumed_at = time.monotonic()
        resumed = run_cli(
            ["run", str(scenarios), "--resume", str(out), *common],
            out=out,
            logs=work / "resume-logs",
            hard_timeout=run_bound(3) + 30,
        )
        state["healthy_hits_on_resume"] = [x.path for x in healthy.hit_log if x.at >= resumed_at]
    return first, resumed, out, state


def test_the_cli_was_killed_mid_run(killed_and_resumed):
    first, _, _, state = killed_and_resumed
    assert "killed_at" in state, f"the run never reached the kill point; {first.describe()}"
    assert first.returncode == -signal.SIGKILL, first.describe()
    assert "healthy" in state["left"]
    assert "slow" not in state["left"], "the slow site had finished before the kill"


def test_nothing_half_written_looks_like_a_bundle(killed_and_resumed):
    first, _, _, state = killed_and_resumed
    assert "killed_at" in state, first.describe()
    assert state["verified"], state["left"]
    for name, (code, text) in state["verified"].items():
        assert code == 0, f"{name} is visible as a bundle but does not verify: {text}"


def test_killed_runs_chromium_does_not_outlive_it(killed_and_resumed):
    first, _, _, state = killed_and_resumed
    assert state.get("chromium"), "no Chromium process was found under the CLI at the kill"
    assert state["chromium_alive"] == [], f"Chromium processes alive 5 s after kill -9: {state['chromium_alive']}"
    assert first.leftover_chromium == []


def test_resume_finishes_the_rest_in_bound(killed_and_resumed):
    _, resumed, out, _ = killed_and_resumed
    assert not resumed.killed, resumed.describe()
    assert resumed.wall_s <= run_bound(2), f"{resumed.wall_s:.1f}s"
    assert TRACEBACK not in resumed.stderr, resumed.describe()
    assert resumed.returncode == EXIT_OK, resumed.describe()
    for site_id in SITE_IDS:
        assert verify(out / site_id)[0] == 0, verify(out / site_id)[1]


def test_resume_removes_the_killed_runs_staging_folders(killed_and_resumed):
    _, _, out, state = killed_and_resumed
    assert state["staging_before"], "the killed run left no staging folder (nothing to clean up was tested)"
    assert staging(out) == []


def test_resume_does_not_audit_a_complete_site_again(killed_and_resumed, clean):
    _, resumed, out, state = killed_and_resumed
    assert state["healthy_hits_on_resume"] == [], "the healthy site was audited again"
    assert (out / "healthy" / "manifest.json").read_bytes() == state["healthy_manifest"]
    assert_healthy_as_clean(resumed, clean)


def test_resumed_sites_are_audited_in_full(killed_and_resumed):
    _, resumed, _, _ = killed_and_resumed
    slow, plain = resumed.bundle("slow"), resumed.bundle("plain")
    assert slow is not None, resumed.describe()
    assert plain is not None, resumed.describe()
    assert {c["status"] for c in staged_columns(slow)} == {"fresh"}
    assert len(staged_columns(slow)) == h.SLOW_COLUMNS
    assert {path_of(c["url"]): c["status"] for c in staged_columns(plain)} == {
        "/col/news/": "fresh",
        "/col/notice/": "fresh",
    }
    assert slow["errors"] == []
    assert plain["errors"] == []
