from __future__ import annotations

import json
import os

import pytest
from PIL import Image

from auditor.evidence.images import OUTLINE, crop_box, outline
from auditor.extract.html import canonical_url, css_path, decode_html, parse, row_text
from auditor.gather.browser import ENV_VAR, BrowserNotFoundError, find_chromium
from auditor.gather.http import fetch
from auditor.model.artifacts import Rect
from tests.cli import run_auditor


def test_outline_and_crop_follow_the_rect():
    image = Image.new("RGB", (800, 600), "white")
    rect = Rect(x=100, y=200, width=300, height=100)
    marked = outline(image, rect)
    assert marked.getpixel((95, 250)) == OUTLINE
    assert marked.getpixel((250, 250)) == (255, 255, 255)
    # A small element is cropped with at least 720 x 320 of its surroundings (clamped at the image's edge).
    assert crop_box(marked, rect) == (0, 90, 610, 410)
    large = Rect(x=100, y=100, width=600, height=400)
    assert crop_box(marked, large) == (40, 52, 760, 548)  # 60 px each side makes it 720 wide
    assert crop_box(marked, None) == (0, 0, 800, 600)


def test_rect_beyond_the_image_is_clamped():
    image = Image.new("RGB", (200, 200), "white")
    assert crop_box(image, Rect(x=150, y=150, width=500, height=500)) == (40, 102, 200, 200)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('<meta charset="gbk"><p>青溪区工作动态</p>'.encode("gbk"), None),
        ("<p>青溪区工作动态</p>".encode("gb18030"), "text/html; charset=GB2312"),
        ("<p>青溪区工作动态</p>".encode("gbk"), None),  # no declaration at all: UTF-8 fails, GB18030 fits
        ("<p>青溪区工作动态</p>".encode(), "text/html; charset=utf-8"),
    ],
)
def test_decode_gbk_pages_ourselves(body, content_type):
    assert "青溪区工作动态" in decode_html(body, content_type)


def test_gbk_page_over_http(demo_server):
    page = fetch(demo_server.base_url + "/portal/col/gzdt/", timeout=5)
    assert page.ok
    assert "工作动态" in page.text


def test_http_errors_and_refused_connections_are_values(demo_server):
    assert fetch(demo_server.base_url + "/portal/col/sqdt/", timeout=5).status == 500
    refused = fetch("http://127.0.0.1:9/", timeout=2)
    assert refused.status is None
    assert refused.error


def test_css_path_finds_the_element_again():
    doc = parse("<body><div><ul><li>a</li></ul><ul id='x-1'><li>b</li><li>c</li></ul></div></body>")
    target = doc.findall(".//li")[2]
    assert css_path(target) == "ul#x-1 > li:nth-of-type(2)"
    assert doc.cssselect(css_path(target))[0] is target


def test_row_text_keeps_labels_with_values_and_links_whole():
    doc = parse("<li><a href='/a'>关于<b>2021年4月10日</b>举办</a><span>发布日期：</span><span>2021-03-15</span></li>")
    assert row_text(doc.find(".//li")) == "关于2021年4月10日举办\n发布日期：2021-03-15"


def test_canonical_url_drops_index_pages_and_fragments():
    assert canonical_url("HTTP://Www.X.gov.cn/col/index.html#top") == "http://www.x.gov.cn/col/"


def test_env_var_overrides_and_bad_path_explains(monkeypatch, tmp_path):
    fake = tmp_path / "chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv(ENV_VAR, str(fake))
    assert find_chromium() == str(fake)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(BrowserNotFoundError, match="apt-get install chromium fonts-noto-cjk"):
        find_chromium()


def test_system_chromium_is_found_without_playwright_build(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    path = find_chromium(None)
    assert os.access(path, os.X_OK)


def cli(*args):
    return run_auditor(*args)


def test_cli_schema_prints_the_committed_schema():
    done = cli("schema", "bundle")
    assert done.returncode == 0
    assert json.loads(done.stdout)["title"] == "auditor findings bundle"


def test_cli_bad_as_of_and_missing_file_exit_2(tmp_path):
    assert cli("run", "nowhere.yaml").returncode == 2
    good = tmp_path / "s.yaml"
    good.write_text('site: {id: a, name: 甲, code: "3101140038", kind: portal, home: "http://127.0.0.1:9/"}\n')
    done = cli("run", str(good), "--as-of", "2021-13-01")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_missing_browser_is_exit_3_with_install_hint(tmp_path):
    good = tmp_path / "s.yaml"
    good.write_text('site: {id: a, name: 甲, code: "3101140038", kind: portal, home: "http://127.0.0.1:9/"}\n')
    env = {ENV_VAR: str(tmp_path / "no-chrome")}
    done = run_auditor("run", str(good), "--out", str(tmp_path / "o"), env=env)
    assert done.returncode == 3
    assert "AUDITOR_CHROMIUM" in done.stderr
