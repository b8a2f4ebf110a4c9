"""政策文件 and 政策解读 detail pages: policy documents with a 信息公开 meta table, and their interpretations.

The documents come from catalog.py; each interpretation points at its policy in the way its case asks (原文,
《title》, href="#", a dead link, the column list, no link at all, a picture caption), and each policy page
links back from its 相关解读 box unless its case says not to.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from auditor.demo import catalog as k
from auditor.demo import content as c
from auditor.demo import layout
from auditor.demo.rows import article_path, cn_date, row_at

if TYPE_CHECKING:
    from datetime import date

    from auditor.demo.catalog import Interpretation, Policy
    from auditor.demo.content import DemoColumn
    from auditor.demo.rows import Row

CN_NUMBERS = "一二三四五六七八九十"
TOOLS = (
    '<div class="art-tools"><a href="javascript:window.print();">【打印本页】</a>'
    '<a href="javascript:window.close();">【关闭窗口】</a></div>'
)


def policy_path(policy: Policy, as_of: date) -> str | None:
    if policy.index is None:
        return None
    return article_path("zcwj", row_at("zcwj", policy.index, as_of))


def _p(text: str, css: str = "") -> str:
    return f'<p class="{css}">{text}</p>' if css else f"<p>{text}</p>"


def _articles(policy: Policy, suffix: str) -> list[str]:
    clauses = [
        f"为了{policy.purpose}，根据{policy.basis}等有关法律法规，结合本区实际，制定本{suffix}。",
        f"本{suffix}适用于{policy.scope}。",
        f"{policy.dept}负责本{suffix}的组织实施；区有关部门按照各自职责，协同做好相关工作。",
        *policy.measures,
        f"本{suffix}自印发之日起施行。",
    ]
    return [_p(f"<strong>第{_cn(i)}条</strong>　{text}") for i, text in enumerate(clauses, 1)]


def _cn(number: int) -> str:
    if number <= 10:
        return CN_NUMBERS[number - 1]
    return "十" + CN_NUMBERS[number - 11]


def _measures(policy: Policy) -> list[str]:
    items = [*policy.measures, f"本措施自印发之日起施行，由{policy.dept}负责解释。"]
    return [
        _p(f"为{policy.purpose}，根据{policy.basis}等有关规定，结合本区实际，制定以下措施。"),
        *(_p(f"{CN_NUMBERS[i]}、{text}") for i, text in enumerate(items)),
    ]


def _plan(policy: Policy) -> list[str]:
    tasks = [_p(f"（{CN_NUMBERS[i]}）{text}") for i, text in enumerate(policy.measures)]
    return [
        _p(f"为{policy.purpose}，根据{policy.basis}等有关规定，结合本区实际，制定本方案。"),
        _p("<strong>一、总体要求</strong>"),
        _p(f"坚持以人民为中心的发展思想，坚持问题导向、目标导向，统筹推进各项工作。本方案实施范围为{policy.scope}。"),
        _p("<strong>二、主要任务</strong>"),
        *tasks,
        _p("<strong>三、保障措施</strong>"),
        _p(
            f"（一）加强组织领导。{policy.dept}牵头建立工作推进机制，各镇、街道和区有关部门明确责任分工，抓好任务落实。"
        ),
        _p("（二）强化督促检查。将工作推进情况纳入年度绩效考核，定期通报进展情况。"),
    ]


def _sign(policy: Policy, row: Row) -> list[str]:
    written = row.written or row.day
    return [_p(policy.issuer, "sign"), _p(cn_date(written), "sign"), _p("（此件公开发布）")]


def _policy_body(policy: Policy, row: Row) -> list[str]:
    salutation = _p("各镇人民政府、街道办事处，区政府各委、办、局：", "no-indent")
    if policy.kind == "notice":
        items = [_p(f"{CN_NUMBERS[i]}、{text}") for i, text in enumerate(policy.measures)]
        opening = _p(f"为{policy.purpose}，根据{policy.basis}等有关规定，现就有关事项通知如下：")
        return [salutation, opening, *items, *_sign(policy, row)]
    if policy.kind == "wrapper":
        doc = policy.document
        inner = _articles(policy, "办法") if doc.endswith("办法") else _plan(policy)
        return [
            salutation,
            _p(f"现将{k.book(doc)}印发给你们，请认真按照执行。"),
            *_sign(policy, row),
            _p(f"<strong>{escape(doc)}</strong>", "doc-title"),
            *inner,
        ]
    if policy.kind == "articles":
        return [*_articles(policy, "办法"), *_sign(policy, row)]
    if policy.kind == "measures":
        return [*_measures(policy), *_sign(policy, row)]
    return [*_plan(policy), *_sign(policy, row)]


def _meta_table(col: DemoColumn, policy: Policy, row: Row) -> str:
    written = row.written or row.day
    return f"""<table class="xxgk-meta">
<tr><td>索引号：QX0001-{col.id.upper()}-{row.day.year}-{row.n:05d}</td><td>发布机构：{policy.issuer}</td></tr>
<tr><td>文号：{row.info}</td><td>成文日期：{written:%Y-%m-%d}</td></tr>
<tr><td>发布日期：{row.day:%Y-%m-%d}</td><td>主题分类：{policy.topic}</td></tr>
<tr><td>有效性：有效</td><td>公开方式：主动公开</td></tr>
</table>"""


def _shell(col: DemoColumn, row: Row, head: str, body: str, *, as_of: date, base_url: str) -> str:
    stamp = f"{row.published:%Y-%m-%d %H:%M}"
    heading, parent = c.GROUPS.get(col.group, ("", ""))
    crumbs = [(heading, parent)] if parent else []
    source = row.source or c.HOST_OFFICE
    page_body = f"""{layout.crumb(*crumbs, (col.name, col.path), ("正文", ""))}
<div class="main-col article">
{head}
<h1>{escape(row.title)}</h1>
<div class="art-info">发布时间：{stamp}　来源：{source}　浏览次数：{row.views}</div>
{body}
{TOOLS}
</div>"""
    meta = {**layout.column_meta(col), "ArticleTitle": row.title, "PubDate": stamp, "ContentSource": source}
    return layout.page(f"{row.title}_{c.SITE_NAME}", page_body, as_of, base_url, meta=meta, charset=col.charset)


def policy_page(col: DemoColumn, row: Row, index: int, as_of: date, base_url: str) -> str:
    """A 政策文件 item: meta table, the document, and a 相关解读 box when an interpretation is linked back."""
    policy = k.POLICY_AT[index]
    body = '<div class="art-body">\n' + "\n".join(_policy_body(policy, row)) + "\n</div>"
    back = [i for i in k.INTERPRETATIONS if i.policy == policy.key and i.links_back]
    if back:
        items = "".join(
            f'<li><a href="{article_path("zcjd", row_at("zcjd", i.index, as_of))}" target="_blank">'
            f"{escape(i.title)}</a></li>"
            for i in back
        )
        body += f'\n<div class="xgjd"><h4>相关解读</h4><ul>{items}</ul></div>'
    return _shell(col, row, _meta_table(col, policy, row), body, as_of=as_of, base_url=base_url)


def _link_area(interp: Interpretation, policy: Policy, as_of: date, base_url: str) -> str:
    path = policy_path(policy, as_of)
    named = escape(k.book(policy.title))

    def area(href: str, text: str, label: str = "相关链接：") -> str:
        label_html = f'<span class="lbl">{label}</span>' if label else ""
        return f'<div class="doc-links">{label_html}<a href="{href}" target="_blank">{text}</a></div>'

    match interp.link:
        case "yw":
            return area(str(path), "原文")
        case "yw_abs":
            return area(f"{base_url}{path}", "原文")
        case "yw_rel":
            return area(f"../zcwj/{str(path).rsplit('/', 1)[1]}", f"政策原文：{named}", label="")
        case "title":
            return area(str(path), named, label="相关政策：")
        case "hash":
            return area("#", "原文")
        case "dead":
            return area(k.DEAD_POLICY_PATH, "原文")
        case "list":
            return area(c.COLUMNS_BY_ID["zcwj"].path, "相关文件")
    return ""  # "none", and "caption" (the link sits under the pictures)


def _interpretation_text(policy: Policy) -> list[str]:
    lead = (
        f"近日，{policy.issuer}正式发布{escape(k.book(policy.title))}。为便于社会公众准确理解和把握政策内容，"
        "现将有关情况解读如下。"
    )
    contents = [_p(f"（{CN_NUMBERS[i]}）{text}") for i, text in enumerate(policy.measures)]
    return [
        _p(lead, "lead"),
        _p("<strong>一、出台背景</strong>"),
        _p(
            f"为{policy.purpose}，{policy.dept}在深入调研、广泛听取各方面意见的基础上，牵头起草了该文件，"
            "经区政府常务会议审议通过。"
        ),
        _p("<strong>二、制定依据</strong>"),
        _p(f"主要依据{policy.basis}等法律法规和政策规定，结合本区工作实际制定。"),
        _p("<strong>三、主要内容</strong>"),
        *contents,
        _p("<strong>四、施行时间</strong>"),
        _p("该文件自印发之日起施行。"),
    ]


def interpretation_page(col: DemoColumn, row: Row, index: int, as_of: date, base_url: str) -> str:
    """A 政策解读 item: lead, body and a link area (or, for 一图读懂, pictures with a caption link)."""
    interp = k.INTERPRETATION_AT[index]
    policy = k.POLICIES_BY_KEY[interp.policy]
    if interp.link == "caption":
        pictures = "\n".join(
            f'<p class="pic"><img src="/portal/images/{name}.png" alt="{escape(interp.title)}（{CN_NUMBERS[i]}）"></p>'
            for i, name in enumerate(k.INFOGRAPHICS)
        )
        caption = (
            f'<p class="pic-caption"><a href="{policy_path(policy, as_of)}" target="_blank">'
            f"政策原文：{escape(k.book(policy.title))}</a></p>"
        )
        body = f'<div class="art-body ytdd">\n{pictures}\n{caption}\n</div>'
    else:
        body = '<div class="art-body">\n' + "\n".join(_interpretation_text(policy)) + "\n</div>"
        body += "\n" + _link_area(interp, policy, as_of, base_url)
    return _shell(col, row, "", body, as_of=as_of, base_url=base_url)
