"""The browser side, through pytest-playwright's `page`: what a render sees that static HTML does not."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest

from auditor.extract.lists import extract_list
from auditor.gather.render import QUIET_MS, settle_init_script

pytestmark = pytest.mark.browser


def settled(page, url):
    page.add_init_script(settle_init_script())
    page.goto(url)
    page.wait_for_function(f"() => window.__auditorIdle({QUIET_MS})", timeout=5000)
    return page.content()


def test_xhr_list_is_there_once_settled(page, demo_server, as_of):
    url = demo_server.base_url + "/portal/col/xzdt/"
    result = extract_list(settled(page, url), url, as_of=as_of)
    assert result.kind == "list"
    assert len(result.items) == 12
    assert max(i.date for i in result.items) == as_of - timedelta(days=3)


def test_static_shell_of_the_same_page_has_no_rows(demo_server, as_of):
    from auditor.gather.http import fetch

    url = demo_server.base_url + "/portal/col/xzdt/"
    assert extract_list(fetch(url, timeout=5).text, url, as_of=as_of).items == []


def test_dates_written_by_script(page, demo_server, as_of):
    url = demo_server.base_url + "/portal/col/zcjd/"
    result = extract_list(settled(page, url), url, as_of=as_of)
    assert max(i.date for i in result.items) == as_of - timedelta(days=200)


def test_gbk_page_renders_chinese(page, demo_server):
    page.goto(demo_server.base_url + "/portal/col/gzdt/")
    assert "工作动态" in page.title()


def test_iframe_list_box_is_inside_the_frame(page, demo_server, as_of):
    page.goto(demo_server.base_url + "/portal/col/tzgg/")
    frame = next(f for f in page.frames if f.url.endswith("/list.html"))
    iframe_box = page.locator("iframe").first.bounding_box()
    list_box = frame.locator("ul").first.bounding_box()
    assert iframe_box["y"] <= list_box["y"] < iframe_box["y"] + iframe_box["height"]
    result = extract_list(frame.content(), frame.url, as_of=as_of)
    assert max(i.date for i in result.items) == as_of - timedelta(days=40)


def test_code_string_timers_still_run_under_the_settle_hooks(page):
    page.add_init_script(settle_init_script())
    html = "<title>t</title><script>setTimeout('document.title = \"done\"', 50)</script>"
    page.goto("data:text/html;charset=utf-8," + quote(html))  # a new document: the init script runs
    page.wait_for_function(f"() => window.__auditorIdle({QUIET_MS})", timeout=5000)
    assert page.title() == "done"


def test_locale_and_timezone_are_chinese(page):
    assert page.evaluate("() => navigator.language") == "zh-CN"
    assert page.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone") == "Asia/Shanghai"


def test_timer_loops_do_not_hold_the_settle_until_the_cap(page):
    page.add_init_script(settle_init_script())
    ticker = "<div id=t></div><script>function tick(){document.getElementById('t').textContent=Date.now();setTimeout(tick, 100)} tick()</script>"
    page.goto("data:text/html;charset=utf-8," + quote(ticker))
    started = page.evaluate("() => Date.now()")
    # Mutations keep coming, so only the timer count can be idle: the chain beyond depth 3 is not counted.
    page.wait_for_function("() => window.__auditor.timers.size === 0", timeout=3000)
    assert page.evaluate("() => Date.now()") - started < 1500


def test_requests_to_other_hosts_are_not_waited_for(page, demo_server):
    # A beacon to a host outside the site's scope (blocked here, never answered) must not hold the settle.
    page.route("http://beacon.example.invalid/**", lambda route: None)  # never fulfilled: a hanging long-poll
    # The site's own request is held too, so that it is still in flight when counted (the demo answers in ~1 ms).
    page.route("**/portal/api/xzdt.json", lambda route: None)
    page.add_init_script(settle_init_script([demo_server.base_url.removeprefix("http://")]))
    page.goto(demo_server.base_url + "/portal/qqgk/")
    page.evaluate("() => { fetch('http://beacon.example.invalid/poll').catch(() => {}); }")
    assert page.evaluate("() => window.__auditor.requests") == 0
    page.evaluate("() => { fetch('/portal/api/xzdt.json'); }")
    assert page.evaluate("() => window.__auditor.requests") == 1
