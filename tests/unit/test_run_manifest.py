"""The run manifest, `auditor verify` on run folders and `auditor pack`, on small run folders built in tmp_path.

The site folders are written by the real FileBundleStore (staging folder, site manifest, commit), the run manifest
by write_run_manifest as the pipeline does at the end of a run; the command line runs in-process (click's runner).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.store import (
    FileBundleStore,
    PackError,
    add_to_run_manifest,
    verify_manifest,
    verify_run_manifest,
    verify_tree,
    write_pack,
    write_run_manifest,
)

# The module, not the command of the same name that auditor.cli exports.
pack_command = importlib.import_module("auditor.cli.pack")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def make_site(run_dir: Path, site_id: str, evidence: bytes = PNG) -> Path:
    store = FileBundleStore(run_dir / site_id)
    store.write_json("bundle.json", {"site": {"id": site_id}})
    store.write_json("artifacts.json", {"site_id": site_id})
    store.write_bytes("evidence/a-page.png", evidence)
    store.write_bytes("pages/home.html", "<p>青溪</p>".encode())
    store.write_manifest()
    return store.commit()


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "run"
    make_site(folder, "qingxi")
    make_site(folder, "qingxi-credit", evidence=PNG[::-1])
    write_run_manifest(folder, [folder / "qingxi", folder / "qingxi-credit"])
    return folder


def flip_byte(path: Path, at: int = 20) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def verify_cli(*paths: Path):
    return CliRunner().invoke(main, ["verify", *map(str, paths)])


def problems_of(folder: Path) -> dict[str, list[str]]:
    return {check.folder.name: check.problems for check in verify_tree(folder)}


# ---- the run manifest ---------------------------------------------------------------------------------------------


def test_the_run_manifest_lists_every_file_but_itself_and_site_manifests_say_their_kind(run_dir):
    manifest = json.loads((run_dir / "manifest.json").read_text("utf-8"))
    assert manifest["kind"] == "run"
    assert manifest["algorithm"] == "sha256"
    on_disk = sorted(p.relative_to(run_dir).as_posix() for p in run_dir.rglob("*") if p.is_file())
    assert [e["path"] for e in manifest["files"]] == [p for p in on_disk if p != "manifest.json"]
    assert "qingxi/manifest.json" in {e["path"] for e in manifest["files"]}
    site_png = run_dir / "qingxi" / "evidence" / "a-page.png"
    entry = next(e for e in manifest["files"] if e["path"] == "qingxi/evidence/a-page.png")
    assert entry["size"] == site_png.stat().st_size == len(PNG)
    assert json.loads((run_dir / "qingxi" / "manifest.json").read_text("utf-8"))["kind"] == "site"
    assert problems_of(run_dir) == {"run": [], "qingxi": [], "qingxi-credit": []}


def test_verify_of_an_intact_run_says_ok_for_the_run_and_each_site(run_dir):
    done = verify_cli(run_dir)
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == [
        f"{run_dir}: ok",
        f"{run_dir / 'qingxi'}: ok",
        f"{run_dir / 'qingxi-credit'}: ok",
    ]


def test_a_flipped_byte_is_named_by_the_run_and_by_its_site(run_dir):
    flip_byte(run_dir / "qingxi" / "evidence" / "a-page.png")
    assert problems_of(run_dir) == {
        "run": ["qingxi/evidence/a-page.png: hash or size differs"],
        "qingxi": ["evidence/a-page.png: hash or size differs"],
        "qingxi-credit": [],
    }
    done = verify_cli(run_dir)
    assert done.exit_code == 1
    assert f"{run_dir}: qingxi/evidence/a-page.png: hash or size differs" in done.output
    assert f"{run_dir / 'qingxi-credit'}: ok" in done.output


def test_a_site_resealed_after_tampering_is_still_caught_by_the_run_manifest(run_dir):
    """Whoever alters evidence and rewrites the site's manifest to match still meets the run manifest."""
    site = run_dir / "qingxi"
    flip_byte(site / "evidence" / "a-page.png")
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    for entry in manifest["files"]:
        if entry["path"] == "evidence/a-page.png":
            entry["sha256"] = hashlib.sha256((site / "evidence/a-page.png").read_bytes()).hexdigest()
    (site / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert verify_manifest(site) == []
    assert verify_run_manifest(run_dir) == [
        "qingxi/evidence/a-page.png: hash or size differs",
        "qingxi/manifest.json: hash or size differs",
    ]


def test_a_removed_file_is_missing(run_dir):
    (run_dir / "qingxi-credit" / "pages" / "home.html").unlink()
    assert problems_of(run_dir) == {
        "run": ["qingxi-credit/pages/home.html: missing"],
        "qingxi": [],
        "qingxi-credit": ["pages/home.html: missing"],
    }
    assert verify_cli(run_dir).exit_code == 1


def test_an_added_file_is_not_in_the_manifest_wherever_it_is(run_dir):
    (run_dir / "notes.txt").write_text("added later")
    (run_dir / "qingxi" / "evidence" / "extra.png").write_bytes(PNG)
    assert problems_of(run_dir) == {
        "run": ["notes.txt: not in manifest", "qingxi/evidence/extra.png: not in manifest"],
        "qingxi": ["evidence/extra.png: not in manifest"],
        "qingxi-credit": [],
    }


def test_a_symbolic_link_is_named_and_never_followed(run_dir, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the run")
    (run_dir / "reports").mkdir()
    (run_dir / "reports" / "link.txt").symlink_to(secret)
    assert verify_run_manifest(run_dir) == ["reports/link.txt: symbolic link (not followed)"]


def test_a_report_added_later_joins_the_manifest_and_nothing_else_is_rehashed(run_dir):
    flip_byte(run_dir / "qingxi" / "bundle.json", at=3)
    report = run_dir / "reports" / "qingxi" / "notice.html"
    report.parent.mkdir(parents=True)
    report.write_text("<h1>整改通知</h1>", "utf-8")
    assert "reports/qingxi/notice.html: not in manifest" in verify_run_manifest(run_dir)
    manifest = add_to_run_manifest(run_dir, [report])
    assert manifest is not None
    assert "reports/qingxi/notice.html" in {e["path"] for e in manifest["files"]}
    # The altered bundle was not laundered into the manifest by the report's addition.
    assert verify_run_manifest(run_dir) == ["qingxi/bundle.json: hash or size differs"]
    report.write_text("<h1>改过的通知</h1>", "utf-8")
    add_to_run_manifest(run_dir, [Path("reports/qingxi/notice.html")])  # relative to the run works too
    assert verify_run_manifest(run_dir) == ["qingxi/bundle.json: hash or size differs"]


def test_add_to_run_manifest_refuses_what_is_not_a_file_of_the_run(run_dir, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    with pytest.raises(ValueError, match="outside the run"):
        add_to_run_manifest(run_dir, [outside])
    with pytest.raises(ValueError, match="outside the run"):
        add_to_run_manifest(run_dir, [Path("../outside.txt")])
    (run_dir / "link.txt").symlink_to(outside)
    with pytest.raises(ValueError, match="symbolic link"):
        add_to_run_manifest(run_dir, [run_dir / "link.txt"])
    with pytest.raises(ValueError, match="not a file"):
        add_to_run_manifest(run_dir, [run_dir / "nope.txt"])


def test_an_old_run_without_a_run_manifest_is_verified_site_by_site(run_dir):
    (run_dir / "manifest.json").unlink()
    assert add_to_run_manifest(run_dir, [run_dir / "qingxi" / "bundle.json"]) is None
    assert not (run_dir / "manifest.json").exists()
    site_manifest = (run_dir / "qingxi" / "manifest.json").read_bytes()
    assert add_to_run_manifest(run_dir / "qingxi", [run_dir / "qingxi" / "bundle.json"]) is None
    assert (run_dir / "qingxi" / "manifest.json").read_bytes() == site_manifest  # a site manifest is never a run's
    done = verify_cli(run_dir)
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[0].startswith(f"{run_dir}: note: no run manifest")
    assert f"{run_dir / 'qingxi'}: ok" in done.output
    # Site manifests written before manifests had a kind are still read.
    site_manifest = run_dir / "qingxi" / "manifest.json"
    payload = json.loads(site_manifest.read_text("utf-8"))
    del payload["kind"]
    site_manifest.write_text(json.dumps(payload), "utf-8")
    flip_byte(run_dir / "qingxi-credit" / "evidence" / "a-page.png")
    done = verify_cli(run_dir)
    assert done.exit_code == 1
    assert f"{run_dir / 'qingxi'}: ok" in done.output
    assert f"{run_dir / 'qingxi-credit'}: evidence/a-page.png: hash or size differs" in done.output


def test_a_rerun_rehashes_only_the_sites_it_rewrote(run_dir):
    flip_byte(run_dir / "qingxi-credit" / "evidence" / "a-page.png")
    (run_dir / "qingxi-credit" / "pages" / "home.html").unlink()
    make_site(run_dir, "qingxi", evidence=PNG + b"new evidence")  # this run audits qingxi again
    write_run_manifest(run_dir, [run_dir / "qingxi"])
    assert verify_run_manifest(run_dir) == [
        "qingxi-credit/evidence/a-page.png: hash or size differs",
        "qingxi-credit/pages/home.html: missing",
    ]
    assert verify_manifest(run_dir / "qingxi") == []


def test_a_live_runs_staging_is_left_out_and_a_stopped_runs_is_named(run_dir):
    live = run_dir / f".qingxi.staging-{os.getpid()}-abcd"
    (live / "evidence").mkdir(parents=True)
    (live / "evidence" / "half.png").write_bytes(PNG[:10])
    write_run_manifest(run_dir)
    assert verify_run_manifest(run_dir) == []
    assert not any(".staging-" in e["path"] for e in json.loads((run_dir / "manifest.json").read_text())["files"])
    dead = run_dir / ".qingxi.staging-999999999-dcba"
    live.rename(dead)
    assert verify_run_manifest(run_dir) == [f"{dead.name}/: staging folder of a stopped run (not in manifest)"]


@pytest.mark.parametrize("text", ["{", "[]", '{"kind": "run", "files": [{"path": 3}]}', '{"kind": "other"}'])
def test_an_unreadable_run_manifest_exits_2_and_the_sites_are_still_checked(run_dir, text):
    (run_dir / "manifest.json").write_text(text)
    done = verify_cli(run_dir)
    assert done.exit_code == 2
    assert "not a readable manifest" in done.output
    assert f"{run_dir / 'qingxi'}: ok" in done.output


def test_verify_of_a_file_or_a_missing_folder_is_bad_input(run_dir):
    assert verify_cli(run_dir / "manifest.json").exit_code == 2
    assert verify_cli(run_dir / "nope").exit_code == 2


# ---- packs --------------------------------------------------------------------------------------------------------


def unzip(zip_path: Path, into: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(into)
    return into


def add_notice(run_dir: Path, site_id: str, text: str = "<h1>整改通知</h1>") -> Path:
    notice = run_dir / "reports" / site_id / "notice.html"
    notice.parent.mkdir(parents=True, exist_ok=True)
    notice.write_text(text, "utf-8")
    add_to_run_manifest(run_dir, [notice])
    return notice


def test_a_pack_holds_the_site_its_notice_and_a_manifest_that_verifies_after_unzip(run_dir, tmp_path):
    add_notice(run_dir, "qingxi")
    (run_dir / "reports" / "qingxi" / "old-evidence.zip").write_bytes(b"PK an earlier pack")
    zip_path = tmp_path / "qingxi.zip"
    manifest = write_pack(run_dir, "qingxi", zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert names == [
        "qingxi/artifacts.json",
        "qingxi/bundle.json",
        "qingxi/evidence/a-page.png",
        "qingxi/manifest.json",
        "qingxi/pages/home.html",
        "reports/qingxi/notice.html",
        "manifest.json",
    ]
    assert manifest["kind"] == "pack"
    assert [e["path"] for e in manifest["files"]] == names[:-1]
    unzipped = unzip(zip_path, tmp_path / "unzipped")
    assert problems_of(unzipped) == {"unzipped": [], "qingxi": []}
    assert verify_cli(unzipped).exit_code == 0
    flip_byte(unzipped / "reports" / "qingxi" / "notice.html", at=2)
    assert problems_of(unzipped)["unzipped"] == ["reports/qingxi/notice.html: hash or size differs"]


def test_a_tampered_site_is_never_packed(run_dir, tmp_path):
    flip_byte(run_dir / "qingxi" / "evidence" / "a-page.png")
    zip_path = tmp_path / "qingxi.zip"
    with pytest.raises(PackError) as refused:
        write_pack(run_dir, "qingxi", zip_path)
    assert refused.value.problems == ["qingxi/evidence/a-page.png: hash or size differs"]
    assert not zip_path.exists()
    assert not list(tmp_path.glob(".qingxi.zip.*"))


def test_a_notice_altered_since_the_run_manifest_listed_it_is_never_packed(run_dir, tmp_path):
    add_notice(run_dir, "qingxi").write_text("<h1>另一份通知</h1>", "utf-8")
    with pytest.raises(PackError) as refused:
        write_pack(run_dir, "qingxi", tmp_path / "qingxi.zip")
    assert refused.value.problems == ["reports/qingxi/notice.html: hash or size differs"]


def test_links_and_foreign_site_ids_are_refused(run_dir, tmp_path):
    (run_dir / "reports" / "qingxi").mkdir(parents=True)
    (run_dir / "reports" / "qingxi" / "notice.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(PackError) as refused:
        write_pack(run_dir, "qingxi", tmp_path / "qingxi.zip")
    assert refused.value.problems == ["reports/qingxi/notice.html: symbolic link (not packed)"]
    for site_id in ["../run", "qingxi/evidence", ".qingxi", "reports", ""]:
        with pytest.raises(PackError):
            write_pack(run_dir, site_id, tmp_path / "x.zip")
    with pytest.raises(PackError, match="never written into a site folder"):
        write_pack(run_dir, "qingxi", run_dir / "qingxi-credit" / "qingxi.zip")


def pack_cli(run_dir: Path, *options: str):
    return CliRunner().invoke(main, ["pack", str(run_dir), "--site", "qingxi", *options])


def test_pack_makes_the_missing_notice_and_records_what_it_wrote(run_dir, tmp_path, monkeypatch):
    calls = []

    def write_site_notice(folder: Path, site_id: str) -> None:
        calls.append((folder, site_id))
        (folder / "reports" / site_id).mkdir(parents=True, exist_ok=True)
        (folder / "reports" / site_id / "notice.html").write_text("<h1>通知</h1>", "utf-8")

    monkeypatch.setattr(pack_command, "write_site_notice", write_site_notice)
    zip_path = tmp_path / "out" / "pack.zip"
    done = pack_cli(run_dir, "--out", str(zip_path))
    assert done.exit_code == 0, done.output
    assert calls == [(run_dir, "qingxi")]
    assert verify_run_manifest(run_dir) == []  # the hook's notice was recorded; the zip is outside the run
    unzipped = unzip(zip_path, tmp_path / "unzipped")
    assert (unzipped / "reports" / "qingxi" / "notice.html").read_text("utf-8") == "<h1>通知</h1>"
    assert verify_cli(unzipped).exit_code == 0
    # A second pack finds the notice and never calls the hook again.
    assert pack_cli(run_dir, "--out", str(zip_path)).exit_code == 0
    assert len(calls) == 1


def test_pack_refuses_a_tampered_site_naming_it(run_dir, monkeypatch):
    monkeypatch.setattr(pack_command, "write_site_notice", lambda *_: pytest.fail("no notice for a refused site"))
    (run_dir / "qingxi" / "pages" / "home.html").unlink()
    done = pack_cli(run_dir)
    assert done.exit_code == 1
    assert f"{run_dir / 'qingxi'}: pages/home.html: missing" in done.output
    assert not (run_dir / "reports").exists()


def test_pack_of_an_unknown_site_is_bad_input(run_dir):
    done = CliRunner().invoke(main, ["pack", str(run_dir), "--site", "nowhere"])
    assert done.exit_code == 2
    assert "qingxi, qingxi-credit" in done.output
