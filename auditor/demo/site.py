"""The demo portal 青溪区人民政府 as a pure function: (path, as_of, base_url) -> Response; and `render_host`, which
answers for every host the demo serves (the portal, the department and credit sites, the outside world, and the
new-media platforms whose accounts the portal's 政务新媒体矩阵 lists).

No I/O and no clock: every date on every page is computed from as_of, the monitoring point T, so a test can
serve the site "as of" any day and know what each column should yield (tests/demo_expected.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from auditor.demo import assets, forms, guide, hosts, pages, policy
from auditor.demo import catalog as k
from auditor.demo import content as c
from auditor.demo.credit import render_credit
from auditor.demo.department import render_department
from auditor.demo.education import render_education
from auditor.demo.external import render_outside
from auditor.demo.newmedia import REGISTRY_PATH, registry_page, render_newmedia
from auditor.demo.response import HTML, Response, json_response
from auditor.demo.response import html as _encode
from auditor.demo.rows import article_path, column_rows, find_row

if TYPE_CHECKING:
    from datetime import date, datetime

ARTICLE_PATH = re.compile(r"^/portal/art/(?P<col>[a-z]+)/(?P<n>\d+)\.html$")
IMAGE_PATH = re.compile(r"^/portal/images/(?P<name>[\w-]+)\.png$")
GUIDE_PATH = re.compile(r"^/portal/bsfw/bszn/(?P<n>\d+)\.html$")
GUIDE_API_PATH = re.compile(r"^/portal/api/guide/(?P<number>\d+)/(?P<tab>[a-z]+)\.json$")
FILE_PATH = re.compile(r"^/portal/files/(?P<name>[\w.-]+)$")
# Columns whose detail pages are not the generic article (policy.py, guide.py), or not under /portal/art/.
DOCUMENT_PAGES = {"zcwj": policy.policy_page, "zcjd": policy.interpretation_page}
__all__ = ["HTML", "Response", "api_rows", "render", "render_host"]


def _html(text: str, status: int = 200, charset: str = "utf-8") -> Response:
    return _encode(text, status, charset)


def _json(data: object) -> Response:
    return json_response(data)


def render_host(host: str, path: str, as_of: date, now: datetime | None = None, *, rectified: bool = False) -> Response:
    """Answer one request for `path` on `host` (a name of hosts.SERVED_HOSTS, lower case, no port), with the host's
    own base URL http://<host> in every page; an unknown host gets the portal, as a request to 127.0.0.1 does.

    `now` is the moment the request is served, which only the new-media platforms' pages use: their relative times
    (5小时前) count from it when T is today; without it, or on another T, they are the snapshots of T 20:00
    (auditor/demo/newmedia.py). Every other page ignores it and stays a function of (path, T) alone.

    `rectified` serves the re-check round: the sites as they are after fixing part of their problems (each site
    module says what it fixed), every URL the same, so the findings of both rounds can be matched by id."""
    base = hosts.base_url(host)
    if host in hosts.NEWMEDIA_HOSTS:
        return render_newmedia(host, path, as_of, now, rectified=rectified)
    if host == hosts.DEPARTMENT_HOST:
        return render_department(path, as_of, base, rectified=rectified)
    if host == hosts.CREDIT_HOST:
        return render_credit(path, as_of, base, rectified=rectified)
    if host == hosts.EDUCATION_HOST:
        return render_education(path, as_of, base)  # the same in both rounds: it fixed nothing
    if host in hosts.OUTSIDE_HOSTS:
        return render_outside(host, path)
    return render(path, as_of, base, rectified=rectified)


def api_rows(column_id: str, as_of: date) -> list[dict[str, str]]:
    """Rows as the JSON list API serves them: [{"title", "url", "date"}], newest first."""
    return [
        {"title": row.title, "url": article_path(column_id, row), "date": row.day.isoformat()}
        for row in column_rows(column_id, as_of)
    ]


def render(path: str, as_of: date, base_url: str, *, rectified: bool = False) -> Response:
    """Answer one GET for `path` (query and fragment ignored) as the demo site would on day as_of; rectified: as
    the re-check round finds it (two stale news columns got a new item: rows.RECTIFIED_ROWS)."""
    path = urlsplit(path).path or "/"
    if path in {"/", "/index.html"}:
        return Response(302, HTML, b"", location="/portal/")
    if path in {"/portal", "/portal/", "/portal/index.html", "/portal/index.htm"}:
        return _html(pages.home(as_of, base_url, rectified=rectified))
    if path in {REGISTRY_PATH, REGISTRY_PATH + "index.html"}:
        # 政务新媒体矩阵: the new-media group's registry, linked from no page of the portal's own audit.
        return _html(registry_page(as_of, base_url))
    static = _static(path)
    if static is not None:
        return static
    if path == "/portal/api/xzdt.json":
        return _json(api_rows("xzdt", as_of))
    if path == "/portal/api/tjxx.json":
        return _json([])
    if match := GUIDE_API_PATH.match(path):
        data = guide.tab_json(int(match["number"]), match["tab"])
        return _json(data) if data is not None else _html(pages.not_found(as_of, base_url), 404)
    if match := ARTICLE_PATH.match(path):
        col = c.COLUMNS_BY_ID.get(match["col"])
        listed = col is not None and col.page_kind == "list" and col.id != "bszn"
        row = find_row(col.id, int(match["n"]), as_of, rectified=rectified) if col and listed else None
        if col is not None and row is not None:
            if col.id in DOCUMENT_PAGES:
                index = column_rows(col.id, as_of).index(row)
                return _html(DOCUMENT_PAGES[col.id](col, row, index, as_of, base_url), charset=col.charset)
            return _html(pages.article(col, row, as_of, base_url), charset=col.charset)
        return _html(pages.not_found(as_of, base_url), 404)
    if match := GUIDE_PATH.match(path):
        return _guide(int(match["n"]), as_of, base_url)
    return _column_page(path, as_of, base_url, rectified=rectified)


def _guide(n: int, as_of: date, base_url: str) -> Response:
    rows = column_rows("bszn", as_of)
    row = find_row("bszn", n, as_of)
    item = k.GUIDE_AT.get(rows.index(row)) if row is not None and not row.href else None
    if row is None or item is None:
        return _html(pages.not_found(as_of, base_url), 404)
    return _html(guide.guide_page(row, item, as_of, base_url), charset=item.charset)


def _static(path: str) -> Response | None:
    if path == "/portal/css/site.css":
        return Response(200, "text/css; charset=utf-8", assets.static_file("site.css"))
    if path == "/portal/js/common.js":
        return Response(200, "application/javascript; charset=utf-8", assets.static_file("common.js"))
    if path == "/favicon.ico":
        return Response(200, "image/png", assets.picture_png("emblem"))
    if (match := IMAGE_PATH.match(path)) and match["name"] in assets.PICTURE_NAMES:
        return Response(200, "image/png", assets.picture_png(match["name"]))
    if (match := FILE_PATH.match(path)) and (form := forms.form_file(match["name"])) is not None:
        return Response(200, form[0], form[1])
    return None


def _column_page(path: str, as_of: date, base_url: str, *, rectified: bool = False) -> Response:
    # Column pages answer at their directory URL and at index.html inside it (the pagination links use that).
    key = path.removesuffix("index.html") if path.endswith("/index.html") else path
    if key.endswith("/list.html"):
        col = c.COLUMNS_BY_PATH.get(key.removesuffix("list.html"))
        if col is not None and col.markup == "iframe":
            return _html(pages.frame_page(col, as_of))
    if key == "/portal/lxwm.html":
        return _html(pages.contact(as_of, base_url))
    if not key.endswith((".html", "/")):
        key += "/"  # /portal/qqgk answers like /portal/qqgk/ (no redirect: keeps request logs simple)
    col = c.COLUMNS_BY_PATH.get(key)
    if col is None:
        return _html(pages.not_found(as_of, base_url), 404)
    if col.markup == "error500":
        return Response(500, HTML, pages.SERVER_ERROR.encode("utf-8"))
    special = {
        "xxgk": pages.xxgk_hub,
        "hdjl": pages.hdjl_hub,
        "qqgk": pages.qqgk,
        "wzdt": pages.sitemap,
        "xxgkzn": pages.xxgk_guide,
    }
    if col.id in special:
        return _html(special[col.id](as_of, base_url))
    return _html(pages.list_page(col, as_of, base_url, rectified=rectified), charset=col.charset)
