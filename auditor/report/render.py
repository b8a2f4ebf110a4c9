"""Jinja2 environments for the reports: HTML with autoescape, Markdown with every value escaped on output.

Page-derived text (titles, column names, link text, file names) reaches every report. HTML templates are
autoescaped (never string glue), carry a Content-Security-Policy that allows no script and no fetch but the
run's own images, and the Markdown environment escapes every `{{ … }}` through `finalize`, so a template cannot
forget to: a page titled `<img src=x onerror=alert(1)>` stays text in all three formats.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from auditor.report.text import plain
from auditor.windows import cn_date

# Reports load nothing from outside the run: no script at all, images only from files and data: URIs.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src file: data:; style-src 'unsafe-inline'; font-src file: data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SEVERITY_ZH = {"veto": "单项否决", "deduction": "扣分", "warning": "预警", "needs_review": "待人工复核"}
CATEGORY_ZH = {"portal": "门户网站", "department": "部门网站", "subsite": "子网站", "committee": "管委会网站"}
CATEGORY_ORDER = ("portal", "department", "subsite", "committee")


def percent(numerator: int, denominator: int) -> str | None:
    """One decimal, half up (93.75 → 93.8, as the notice rounds); None when nothing was counted."""
    if denominator == 0:
        return None
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value:.1f}"


def rate_text(numerator: int, denominator: int) -> str:
    shown = percent(numerator, denominator)
    return "—" if shown is None else f"{shown}%({numerator}/{denominator})"


def relative(target: Path, start: Path) -> str:
    """A file of the run as the report at `start` links it (relative, so the run folder can move or be zipped)."""
    return Path(os.path.relpath(target, start)).as_posix()


def shanghai_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# Values never start a line in the templates (they follow a label or sit in a table cell), so only the inline
# markup characters need escaping; < and > become entities above, so no raw HTML passes either.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def markdown_text(value: Any) -> str:
    """A value as Markdown text: HTML special characters as entities, Markdown punctuation escaped, one line."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        value = value.isoformat()
    text = plain(str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


class MarkdownSafe(str):
    """Markdown the template builds itself (a table row of escaped cells): not escaped again."""

    __slots__ = ()


def _finalize_markdown(value: Any) -> str:
    return value if isinstance(value, MarkdownSafe) else markdown_text(value)


def _finalize_html(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return plain(value)
    return value


def _filters(environment: Environment) -> None:
    environment.filters["cn_date"] = cn_date
    environment.filters["plain"] = lambda value: plain(str(value)) if value is not None else ""
    environment.filters["severity_zh"] = lambda value: SEVERITY_ZH.get(value, value)
    environment.filters["category_zh"] = lambda value: CATEGORY_ZH.get(value, value or "政务新媒体")
    environment.filters["time"] = shanghai_time


@cache
def html_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("auditor.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # plain() first: control and bidi characters from page text become visible escapes; autoescape follows.
        finalize=_finalize_html,
    )
    _filters(environment)
    environment.globals["csp"] = CONTENT_SECURITY_POLICY
    return environment


@cache
def markdown_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("auditor.report", "templates"),
        # Markdown is not HTML: escaping is finalize's job, on every expression (markdown_text: entities + markup).
        autoescape=False,  # noqa: S701
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize_markdown,
        keep_trailing_newline=True,
    )
    _filters(environment)
    return environment


def render_html(template: str, **context: Any) -> str:
    return html_environment().get_template(template).render(**context)


def render_markdown(template: str, **context: Any) -> str:
    return markdown_environment().get_template(template).render(**context)
