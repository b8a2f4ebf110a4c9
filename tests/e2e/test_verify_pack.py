"""Evidence integrity on a real run: `auditor run` on the demo portal (the session's demo server) seals the run
folder; `auditor verify` names a flipped byte of an evidence screenshot; `auditor pack` zips the site's evidence
pack, which verifies after unzip, and refuses a tampered site.

One audit for the module; every test that alters files works on its own copy of the run folder.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from auditor.demo.server import scenario_yaml
from tests.cli import run_auditor

pytestmark = pytest.mark.browser
SITE = "qingxi"


@pytest.fixture(scope="module")
def sealed_run(demo_server, as_of, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("sealed")
    scenario = work / "qingxi.yaml"
    scenario.write_text(scenario_yaml(demo_server.home_url, as_of), encoding="utf-8")
    out = work / "out"
    # --mhtml --har: the optional archives are evidence too (hashed, verified, packed like the screenshots).
    done = run_auditor("run", str(scenario), "--as-of", as_of.isoformat(), "--out", str(out), "-q", "--mhtml", "--har")
    assert done.returncode in {0, 1}, done.stderr
    assert (out / SITE / "bundle.json").is_file(), done.stderr
    return out


@pytest.fixture
def run_copy(sealed_run, tmp_path) -> Path:
    return Path(shutil.copytree(sealed_run, tmp_path / "run", symlinks=True))


def evidence_png(run_dir: Path) -> Path:
    pngs = sorted((run_dir / SITE / "evidence").glob("*.png"))
    assert pngs, "the demo portal's audit saved no evidence screenshot"
    return pngs[0]


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_every_evidence_page_has_its_mhtml_and_the_site_its_har(sealed_run):
    bundle = json.loads((sealed_run / SITE / "bundle.json").read_text("utf-8"))
    with_shots = [f for f in bundle["findings"] if f["evidence"].get("screenshot")]
    assert with_shots
    for finding in with_shots:
        archive = sealed_run / SITE / finding["evidence"]["archive"]
        assert archive.read_bytes().startswith(b"From: <Saved by Blink>"), archive
    har = json.loads((sealed_run / SITE / "network.har").read_text("utf-8"))
    urls = {entry["request"]["url"] for entry in har["log"]["entries"]}
    assert demo_home_in(urls)


def demo_home_in(urls: set[str]) -> bool:
    return any(url.rstrip("/").endswith("/portal") for url in urls)


def test_the_run_is_sealed_and_verifies(sealed_run):
    manifest = json.loads((sealed_run / "manifest.json").read_text("utf-8"))
    assert manifest["kind"] == "run"
    listed = {entry["path"] for entry in manifest["files"]}
    on_disk = {p.relative_to(sealed_run).as_posix() for p in sealed_run.rglob("*") if p.is_file()}
    assert listed == on_disk - {"manifest.json"}
    assert f"{SITE}/manifest.json" in listed
    assert json.loads((sealed_run / SITE / "manifest.json").read_text("utf-8"))["kind"] == "site"
    done = run_auditor("verify", str(sealed_run))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"{sealed_run}: ok", f"{sealed_run / SITE}: ok"]


def test_a_flipped_byte_in_an_evidence_png_is_named(run_copy):
    png = evidence_png(run_copy)
    flip_byte(png)
    name = png.relative_to(run_copy / SITE).as_posix()
    done = run_auditor("verify", str(run_copy))
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{run_copy}: {SITE}/{name}: hash or size differs" in done.stdout.splitlines()
    assert f"{run_copy / SITE}: {name}: hash or size differs" in done.stdout.splitlines()
    site_only = run_auditor("verify", str(run_copy / SITE))
    assert site_only.returncode == 1
    assert site_only.stdout.splitlines() == [f"{run_copy / SITE}: {name}: hash or size differs"]


def test_the_pack_verifies_after_unzip_and_joins_the_run(run_copy, tmp_path):
    done = run_auditor("pack", str(run_copy), "--site", SITE)
    assert done.returncode == 0, done.stdout + done.stderr
    zip_path = run_copy / "reports" / SITE / f"{SITE}-evidence.zip"
    assert done.stdout.strip() == str(zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "unzipped")
    site_dir = run_copy / SITE
    site_files = {f"{SITE}/{p.relative_to(site_dir).as_posix()}" for p in site_dir.rglob("*") if p.is_file()}
    assert {name for name in names if name.startswith(f"{SITE}/")} == site_files
    assert f"{SITE}/evidence/{evidence_png(run_copy).name}" in names
    notices = sorted(p.name for p in (run_copy / "reports" / SITE).iterdir() if p.name.startswith("notice"))
    assert sorted(n.rsplit("/", 1)[-1] for n in names if n.startswith("reports/")) == notices
    if not notices:
        assert f"no notice yet: run auditor notice {run_copy} --site {SITE}" in done.stderr
    assert names[-1] == "manifest.json"
    checked = run_auditor("verify", str(tmp_path / "unzipped"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines() == [f"{tmp_path / 'unzipped'}: ok", f"{tmp_path / 'unzipped' / SITE}: ok"]
    # The zip (and any notice written for it) joined the run manifest: the run still verifies whole.
    again = run_auditor("verify", str(run_copy))
    assert again.returncode == 0, again.stdout + again.stderr


def test_pack_refuses_a_tampered_site(run_copy, tmp_path):
    png = evidence_png(run_copy)
    flip_byte(png)
    out = tmp_path / "pack.zip"
    done = run_auditor("pack", str(run_copy), "--site", SITE, "--out", str(out))
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{run_copy / SITE}: evidence/{png.name}: hash or size differs" in done.stdout
    assert "not packed" in done.stderr
    assert not out.exists()
    assert not (run_copy / "reports").exists()  # no notice was written for evidence that does not verify
