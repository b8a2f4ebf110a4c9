"""The list area of each demo column, one renderer per markup case of the column table.

Each case is a markup pattern seen on real government sites and a trap for the auditor's list reader: tables,
picture cards, dates without a year, dates written by script, lists filled by fetch(), placeholders.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from auditor.demo.rows import Row, article_path, cn_date, column_rows

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from auditor.demo.content import DemoColumn

# The JS-filled lists wait this long before fetching, so a reader that snapshots at DOMContentLoaded sees only
# the loading placeholder; a reader that waits for network idle sees the rows.
JS_LIST_DELAY_MS = 300


def _link(col: DemoColumn, row: Row, target: str = "_blank") -> str:
    title = escape(row.title)
    return f'<a href="{article_path(col.id, row)}" target="{target}" title="{title}">{title}</a>'


def _iso(row: Row) -> str:
    return row.day.isoformat()


def _ul(items: list[str], css: str = "list") -> str:
    return f'<ul class="{css}">\n' + "\n".join(items) + "\n</ul>"


def _pinned(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    items = []
    for row in rows:
        top = '<span class="top">[置顶]</span>' if row.pinned else ""
        items.append(f'<li>{top}{_link(col, row)}<span class="date">{_iso(row)}</span></li>')
    return _ul(items)


def _plain(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    return _ul([f'<li>{_link(col, row)}<span class="date">{_iso(row)}</span></li>' for row in rows])


def _table(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    trs = [f'<tr><td class="tit">{_link(col, r)}</td><td class="date">[{_iso(r)}]</td></tr>' for r in rows]
    return '<table class="list-table"><tbody>\n' + "\n".join(trs) + "\n</tbody></table>"


def _cards(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    cards = [
        f'<div class="card"><a href="{article_path(col.id, row)}" target="_blank">'
        f'<img src="/portal/images/pic{index % 9 + 1}.png" alt="{escape(row.title)}"></a>'
        f'<p class="card-title">{_link(col, row)}</p><span class="card-date">{cn_date(row.day)}</span></div>'
        for index, row in enumerate(rows)
    ]
    return '<div class="pics">\n' + "\n".join(cards) + "\n</div>"


def _docwrite(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    # The date exists only as a script argument: static text shows none, the rendered DOM shows it.
    scripts = [f'<script>document.write("{_iso(row)}")</script>' for row in rows]
    return _ul([f'<li>{_link(col, r)}<span class="date">{s}</span></li>' for r, s in zip(rows, scripts, strict=True)])


def _slash(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    return _ul(
        [f'<li>{_link(col, r)}<span class="date">{r.day.year}/{r.day.month}/{r.day.day}</span></li>' for r in rows]
    )


def _summary(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    items = [
        f'<div class="news-item"><h4>{_link(col, row)}</h4>'
        f'<p class="summary">{escape(row.title)}。发布会通报了有关情况，并回答了记者提问。</p>'
        f'<span class="time">发布时间：{_iso(row)}</span></div>'
        for row in rows
    ]
    return '<div class="news-list">\n' + "\n".join(items) + "\n</div>"


def _mmdd(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    return _ul(
        [
            f'<li>{_link(col, r)}<span class="wh">{r.info}</span><span class="date">{r.day:%m-%d}</span></li>'
            for r in rows
        ]
    )


def _nodate(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    return _ul([f"<li>{_link(col, row)}</li>" for row in rows])


def _gktable(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    head = "<thead><tr><th>序号</th><th>标题</th><th>文号</th><th>发布日期</th></tr></thead>"
    trs = [
        f"<tr><td>{i}</td><td>{_link(col, r)}</td><td>{r.info}</td><td>{_iso(r)}</td></tr>"
        for i, r in enumerate(rows, 1)
    ]
    return f'<table class="gk-table">{head}<tbody>\n' + "\n".join(trs) + "\n</tbody></table>"


def _cnfull(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    return _ul([f'<li>{_link(col, r)}<span class="time">{r.day:%Y年%m月%d日}</span></li>' for r in rows])


def _traps(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    items = []
    for row in rows:
        info = f'<span class="info">{row.info}</span>'
        date_cell = f'<span class="date">{_iso(row)}</span>'
        # The view counter comes after the date, the other trap texts before it.
        cells = date_cell + info if row.info.startswith("浏览") else info + date_cell
        items.append(f"<li>{_link(col, row)}{cells}</li>")
    return _ul(items)


def _letters(col: DemoColumn, rows: tuple[Row, ...]) -> str:
    head = "".join(f"<th>{name}</th>" for name in ("序号", "留言标题", "留言时间", "回复时间", "状态"))
    head = f"<thead><tr>{head}</tr></thead>"
    trs = [
        f"<tr><td>{i}</td><td>{_link(col, r)}</td><td>{_iso(r)}</td>"
        f"<td>{r.replied.date().isoformat() if r.replied else ''}</td><td>已回复</td></tr>"
        for i, r in enumerate(rows, 1)
    ]
    return f'<table class="list-table letters">{head}<tbody>\n' + "\n".join(trs) + "\n</tbody></table>"


def js_loader(target_id: str, api: str, limit: int) -> str:
    """A script that fills <ul id=target_id> from a JSON API after JS_LIST_DELAY_MS (a 'loading…' list)."""
    return f"""<script>
setTimeout(function () {{
  fetch("{api}").then(function (r) {{ return r.json(); }}).then(function (rows) {{
    var ul = document.getElementById("{target_id}");
    ul.innerHTML = "";
    rows.slice(0, {limit}).forEach(function (row) {{
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = row.url; a.target = "_blank"; a.title = row.title; a.textContent = row.title;
      var s = document.createElement("span");
      s.className = "date"; s.textContent = row.date;
      li.appendChild(a); li.appendChild(s); ul.appendChild(li);
    }});
  }});
}}, {JS_LIST_DELAY_MS});
</script>"""


def _js_api(_col: DemoColumn, _rows: tuple[Row, ...]) -> str:
    # The rows come from /portal/api/xzdt.json; the static page shows only a loading line.
    return f'<ul id="list" class="list"><li>加载中…</li></ul>\n{js_loader("list", "/portal/api/xzdt.json", 100)}'


def _js_empty(_col: DemoColumn, _rows: tuple[Row, ...]) -> str:
    # No loading text at all: the list stays an empty <ul class="list"> once the API answers [].
    return f'<ul class="list" id="tjlist"></ul>\n{js_loader("tjlist", "/portal/api/tjxx.json", 100)}'


def _placeholder(_col: DemoColumn, _rows: tuple[Row, ...]) -> str:
    return '<div class="list-box"><p class="nodata">暂无信息</p></div>'


RENDERERS: dict[str, Callable[[DemoColumn, tuple[Row, ...]], str]] = {
    "pinned": _pinned,
    "plain": _plain,
    "table": _table,
    "cards": _cards,
    "iframe": _plain,  # the iframe's own page (list.html) holds a plain dated list
    "docwrite": _docwrite,
    "slash": _slash,
    "summary": _summary,
    "mmdd": _mmdd,
    "nodate": _nodate,
    "gktable": _gktable,
    "cnfull": _cnfull,
    "traps": _traps,
    "letters": _letters,
    "js_api": _js_api,
    "js_empty": _js_empty,
    "placeholder": _placeholder,
    "error500": _plain,  # never served (the list page answers 500), kept so every column can render
}


def list_area(col: DemoColumn, as_of: date, *, rectified: bool = False) -> str:
    """The list of a column plus its pagination line (none for placeholder and script-filled empty lists);
    rectified: as the re-check round finds it (rows.RECTIFIED_ROWS)."""
    rows = column_rows(col.id, as_of, rectified)
    html = RENDERERS[col.markup](col, rows)
    if rows:
        page_file = "list.html" if col.markup == "iframe" else "index.html"
        html += (
            f'\n<div class="pagination">共{len(rows)}条 <a href="{page_file}">首页</a> <span>上一页</span> '
            f'<span>下一页</span> <a href="{page_file}">尾页</a> 第1/1页</div>'
        )
    return html
