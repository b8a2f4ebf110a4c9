"""The disk fills up while a site's evidence is being written.

`--out` is on a 2 MB tmpfs mounted for the test (skipped, saying why, where mounting is not allowed). Once the
healthy site's bundle is committed the test fills what is left, while the hostile site (a slow home and eight
script-built lists, each rendered and saved as evidence) is still being read. Its bundle cannot be written: the
run names it, leaves no half-written folder and exits 3; the healthy bundle already written stays whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys

import pytest

from tests.faults import (
    EXIT_INTERNAL,
    TRACEBACK,
    assert_healthy_as_clean,
    audit,
    run_bound,
    watch,
)
from tests.sites import hostile as h
from tests.sites.hostile import serving

pytestmark = [pytest.mark.faults, pytest.mark.browser]
HOG = "evidence-hog"
TMPFS_SIZE = "2m"


@contextlib.contextmanager
def tiny_disk(where):
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount a {TMPFS_SIZE} tmpfs at {where} (needs root and CAP_SYS_ADMIN): {done.stderr.strip()}"
        )
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def fill(folder):
    """Write a file in `folder` until its file system has no room left; returns the bytes written."""
    written = 0
    block = b"\0" * (64 * 1024)
    with (folder / "filler").open("wb", buffering=0) as handle:
        for _ in range(1 << 16):  # bounded: 4 GB at most, far beyond any tmpfs here
            try:
                written += handle.write(block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    with contextlib.suppress(OSError), (folder / "filler2").open("wb", buffering=0) as handle:
        for _ in range(4096):  # the last partial block
            handle.write(b"\0" * 512)
    return written


@pytest.fixture(scope="module")
def full_disk(healthy, clean, as_of, tmp_path_factory):
    work = tmp_path_factory.mktemp("full-disk")
    # Slower than slow_site: its reads must outlast the healthy site's whole audit on a loaded machine too, so that
    # the disk fills while it is still being read (test_the_disk_filled_while_the_hostile_site_was_mid_audit).
    hog = h.js_columns(h.HostileSite(HOG, "3101140121", as_of), h.SLOW_COLUMNS, delay_s=1.2, home_delay_s=2.5)
    state = {}
    with tiny_disk(work / "disk") as disk, serving([hog]):
        out = disk / "out"
        committed = out / "healthy" / "manifest.json"

        def filled() -> None:
            state["hog_hits_before_fill"] = len(hog.hit_log)
            state["filled"] = fill(disk)

        watcher = watch(committed.is_file, filled, timeout=run_bound(2), name="fill-disk")
        run = audit(work, [healthy, hog], as_of, name="full", out=out)
        watcher.join(timeout=5)
        state["hog_hits_total"] = len(hog.hit_log)
        state["left"] = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
        verify = subprocess.run(
            [sys.executable, "-m", "auditor", "verify", str(out / "healthy")],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        state["verify"] = (verify.returncode, verify.stdout + verify.stderr)
        state["free_after"] = os.statvfs(disk).f_bavail
        yield run, state


def test_the_disk_filled_while_the_hostile_site_was_mid_audit(full_disk):
    run, state = full_disk
    assert "filled" in state, f"the healthy bundle never appeared; {run.describe()}"
    # A complete audit of the hog asks for robots.txt, its home and every column: fewer when the disk filled means
    # it was cut off mid-audit (it may stop asking at once: its next write fails).
    complete = 2 + h.SLOW_COLUMNS
    assert state["hog_hits_before_fill"] < complete, "the hostile site had finished before the fill"


def test_run_ends_in_bound_with_exit_3(full_disk):
    run, _ = full_disk
    assert not run.killed, run.describe()
    assert run.wall_s <= run_bound(2), f"{run.wall_s:.1f}s"
    assert TRACEBACK not in run.stderr, run.describe()
    assert run.returncode == EXIT_INTERNAL, run.describe()


def test_missing_bundle_is_reported_on_stderr(full_disk):
    run, _ = full_disk
    assert HOG in run.stderr, f"the site whose bundle could not be written is not named: {run.describe()}"


def test_hostile_bundle_is_absent_and_leaves_nothing_behind(full_disk):
    run, state = full_disk
    assert run.bundle(HOG) is None
    assert not [name for name in state["left"] if name.startswith((HOG, f".{HOG}."))], state["left"]


def test_healthy_bundle_is_whole_and_as_in_a_clean_run(full_disk, clean):
    run, state = full_disk
    assert_healthy_as_clean(run, clean)
    assert state["verify"][0] == 0, state["verify"][1]
