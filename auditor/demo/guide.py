"""办事指南 detail pages in the layouts government service sites use, and the JSON behind the clickable tabs.

Guides come from catalog.py. Layouts: a two-column table, tabs whose panels a script fills from
/portal/api/guide/<number>/<tab>.json only when a tab is clicked, dl/dt/dd, h4 + p, and a table whose label
cells span rows (served as GBK).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from auditor.demo import catalog as k
from auditor.demo import content as c
from auditor.demo import layout
from auditor.demo.policy import CN_NUMBERS, TOOLS

if TYPE_CHECKING:
    from datetime import date

    from auditor.demo.catalog import Field, Guide
    from auditor.demo.rows import Row

# The groups of the rowspan layout: (group label, the field labels in it).
SPAN_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本信息", ("事项名称", "实施机关", "设定依据", "收费标准")),
    ("申办要求", ("申请条件", "申请材料")),
    ("办理信息", ("办理流程", "办理地点", "办理时间", "联系电话")),
)


def _lines(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _joined(value: str | tuple[str, ...]) -> str:
    return "<br>".join(_lines(value))


def _table(fields: tuple[Field, ...]) -> str:
    rows = "\n".join(f"<tr><th>{label}</th><td>{_joined(value)}</td></tr>" for label, value in fields)
    return f'<table class="bszn-table"><tbody>\n{rows}\n</tbody></table>'


def _dl(fields: tuple[Field, ...]) -> str:
    items = "\n".join(f"<dt>{label}</dt><dd>{_joined(value)}</dd>" for label, value in fields)
    return f'<dl class="bszn-dl">\n{items}\n</dl>'


def _headings(fields: tuple[Field, ...]) -> str:
    sections = []
    for i, (label, value) in enumerate(fields):
        paragraphs = "".join(f"<p>{line}</p>" for line in _lines(value))
        sections.append(f'<div class="bszn-sec"><h4>{CN_NUMBERS[i]}、{label}</h4>{paragraphs}</div>')
    return '<div class="bszn-secs">\n' + "\n".join(sections) + "\n</div>"


def _rowspan(fields: tuple[Field, ...]) -> str:
    by_label = dict(fields)
    trs = []
    for group, labels in SPAN_GROUPS:
        group_rows = sum(len(_lines(by_label[label])) for label in labels)
        first_in_group = True
        for label in labels:
            lines = _lines(by_label[label])
            for j, line in enumerate(lines):
                cells = ""
                if first_in_group:
                    cells += f'<th class="grp" rowspan="{group_rows}">{group}</th>'
                    first_in_group = False
                if j == 0:
                    span = f' rowspan="{len(lines)}"' if len(lines) > 1 else ""
                    cells += f"<th{span}>{label}</th>"
                trs.append(f"<tr>{cells}<td>{line}</td></tr>")
    return '<table class="bszn-table bszn-span"><tbody>\n' + "\n".join(trs) + "\n</tbody></table>"


def _tabs(guide: Guide) -> str:
    tabs = "\n".join(
        f'<li role="tab" tabindex="0" data-tab="{tab}" aria-controls="panel-{tab}" aria-selected="false">{text}</li>'
        for tab, text, _ in guide.tabs
    )
    panels = "\n".join(
        f'<div class="tab-panel" role="tabpanel" id="panel-{tab}" data-tab="{tab}" hidden></div>'
        for tab, _, _ in guide.tabs
    )
    # Each panel is fetched on its tab's first click; until then it is empty (and hidden).
    return f"""<div class="bszn-tabbox" id="guideTabs">
<ul class="bszn-tabs" role="tablist">
{tabs}
</ul>
<p class="tab-tip" id="tabTip">请点击上方标签查看事项详细信息</p>
{panels}
</div>
<script>
(function () {{
  var tabs = document.querySelectorAll('#guideTabs [role="tab"]');
  function show(tab) {{
    var name = tab.getAttribute('data-tab');
    for (var i = 0; i < tabs.length; i++) {{
      var other = tabs[i].getAttribute('data-tab');
      tabs[i].className = other === name ? 'on' : '';
      tabs[i].setAttribute('aria-selected', other === name ? 'true' : 'false');
      document.getElementById('panel-' + other).hidden = other !== name;
    }}
    document.getElementById('tabTip').style.display = 'none';
    var panel = document.getElementById('panel-' + name);
    if (panel.getAttribute('data-loaded')) {{ return; }}
    fetch('/portal/api/guide/{guide.number}/' + name + '.json').then(function (r) {{ return r.json(); }})
      .then(function (data) {{ panel.innerHTML = data.html; panel.setAttribute('data-loaded', '1'); }});
  }}
  for (var i = 0; i < tabs.length; i++) {{
    tabs[i].addEventListener('click', function () {{ show(this); }});
  }}
}})();
</script>"""


def tab_json(number: int, tab: str) -> dict[str, str] | None:
    """The JSON a tab click fetches: {"tab", "title", "html"}; None for an unknown guide or tab."""
    guide = k.GUIDES_BY_NUMBER.get(number)
    if guide is None:
        return None
    fields = dict(guide.fields)
    for tab_id, text, labels in guide.tabs:
        if tab_id == tab:
            return {"tab": tab_id, "title": text, "html": _table(tuple((label, fields[label]) for label in labels))}
    return None


def guide_page(row: Row, guide: Guide, as_of: date, base_url: str) -> str:
    col = c.COLUMNS_BY_ID["bszn"]
    stamp = f"{row.published:%Y-%m-%d %H:%M}"
    match guide.layout:
        case "tabs":
            content = _tabs(guide)
        case "dl":
            content = _dl(guide.fields)
        case "headings":
            content = _headings(guide.fields)
        case "rowspan":
            content = _rowspan(guide.fields)
        case _:
            content = _table(guide.fields)
    page_body = f"""{layout.crumb((col.name, col.path), ("正文", ""))}
<div class="main-col article guide">
<h1>{escape(guide.name)}办事指南</h1>
<div class="art-info">发布时间：{stamp}　来源：{guide.dept}　浏览次数：{row.views}</div>
<div class="bszn">
{content}
</div>
{TOOLS}
</div>"""
    meta = {**layout.column_meta(col), "ArticleTitle": row.title, "PubDate": stamp, "ContentSource": guide.dept}
    title = f"{guide.name}办事指南_{c.SITE_NAME}"
    return layout.page(title, page_body, as_of, base_url, meta=meta, charset=guide.charset, nav_on=col.name)
