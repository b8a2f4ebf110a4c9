from __future__ import annotations

import json

import pytest

from auditor.store import FileBundleStore, verify_manifest


def test_bundle_is_swapped_in_whole_and_manifest_verifies(tmp_path):
    final = tmp_path / "site"
    store = FileBundleStore(final)
    store.write_bytes("pages/a.html", "<p>甲</p>".encode())
    store.write_json("bundle.json", {"名称": "青溪"})
    assert not final.exists()  # nothing visible until commit
    manifest = store.write_manifest()
    store.commit()
    assert final.is_dir()
    assert {entry["path"] for entry in manifest["files"]} == {"pages/a.html", "bundle.json"}
    assert verify_manifest(final) == []
    assert json.loads((final / "bundle.json").read_text("utf-8")) == {"名称": "青溪"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_tampering_and_extra_files_are_reported(tmp_path):
    store = FileBundleStore(tmp_path / "site")
    store.write_bytes("x.txt", b"one")
    store.write_manifest()
    final = store.commit()
    (final / "x.txt").write_bytes(b"two")
    (final / "y.txt").write_bytes(b"new")
    assert verify_manifest(final) == ["x.txt: hash or size differs", "y.txt: not in manifest"]


def test_rerun_replaces_previous_bundle(tmp_path):
    for content in (b"old", b"new"):
        store = FileBundleStore(tmp_path / "site")
        store.write_bytes("f.txt", content)
        store.write_manifest()
        store.commit()
    assert (tmp_path / "site" / "f.txt").read_bytes() == b"new"


def test_paths_cannot_escape_the_bundle(tmp_path):
    store = FileBundleStore(tmp_path / "site")
    with pytest.raises(ValueError, match="escapes"):
        store.write_bytes("../evil.txt", b"x")
