"""The run as a workbook inspectors sort and filter (Excel, WPS): 汇总, 全部问题, then one sheet per site.

Cells hold page text (column names, titles, messages quoting pages), so every text cell is written as a string
(data type "s") and never as a formula, whatever it starts with; text that a spreadsheet, or a CSV saved from
this sheet, would read as a formula (OWASP CSV injection: a leading = + - @, tab or CR) gets a visible leading
apostrophe, so that an inspector still reads it and nothing evaluates it. Control, bidi and zero-width characters
are shown as escapes (report.text.plain), which also keeps out the characters openpyxl refuses.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from auditor.model.bundle import SEVERITY_ORDER, Bundle, Finding
from auditor.report.summary import verdict_zh
from auditor.report.text import plain
from auditor.store import atomic_writer
from auditor.windows import SHANGHAI

SEVERITY_ZH = {"veto": "单项否决", "deduction": "扣分", "warning": "预警", "needs_review": "待人工复核"}
CATEGORY_ZH = {"portal": "门户网站", "department": "部门网站", "subsite": "子网站", "committee": "管委会网站"}
NEWMEDIA_CATEGORY_ZH = "政务新媒体"
RECHECK_ZH = {"new": "新发现", "persisting": "未整改", "rectified": "已整改", "unconfirmed": "无法确认"}

SUMMARY_SHEET = "汇总"
ALL_SHEET = "全部问题"
SUMMARY_HEADERS = ("网站名称", "网站标识码", "类别", "结论", "得分", "否决项", "扣分项", "待复核", "突出问题")
PROBLEM_HEADERS = (
    "网站名称",
    "网站标识码",
    "指标",
    "严重程度",
    "问题描述",
    "页面地址",
    "栏目",
    "截图文件",
    "发现时间",
    "责任单位",
    "复查",
    "编号",
)
RECHECK_HEADER = "复查"

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text
MAX_SHEET_NAME = 31  # Excel's limit for a sheet name
# Excel refuses these in sheet names; an apostrophe may not start or end one.
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Evidence paths as bundles write them (evidence/<id>-crop.png); anything else is shown, never linked.
_EVIDENCE_PATH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")
# Widths in Excel's character units (a CJK character counts two), capped so a long URL does not push the rest away.
_WIDTH_CAPS = {"问题描述": 60, "突出问题": 60, "页面地址": 50, "截图文件": 40}
_WIDTH_CAP = 30
_WRAPPED = frozenset({"问题描述", "突出问题"})


def cell_text(value: str) -> str:
    """`value` as a cell shows it: controls and bidi characters as escapes, a would-be formula behind an apostrophe,
    at most Excel's cell length."""
    text = ILLEGAL_CHARACTERS_RE.sub("", plain(value))  # plain escapes them all; the sub guards what openpyxl refuses
    if text.startswith(_FORMULA_START):
        text = "'" + text
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


@dataclass(frozen=True)
class Link:
    """A cell that opens a file: its text and the (relative) target."""

    text: str
    target: str


Cell = str | float | int | Link | None


def _put(sheet: Worksheet, row: int, column: int, value: Cell) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Link):
        cell.value = cell_text(value.text)
        cell.data_type = "s"
        cell.hyperlink = value.target
        cell.style = "Hyperlink"
    elif isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"  # openpyxl would make a str starting with "=" a formula
    else:
        cell.value = value


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _write_table(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Header row bold and frozen, an autofilter over the table, columns as wide as their text (capped)."""
    for column, header in enumerate(headers, start=1):
        _put(sheet, 1, column, header)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, row_number, column, value)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    for column, header in enumerate(headers, start=1):
        texts = [header] + [_shown(row[column - 1]) for row in rows]
        cap = _WIDTH_CAPS.get(header, _WIDTH_CAP)
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(_display_width(text) for text in texts) + 2, cap)
        if header in _WRAPPED:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _shown(value: Cell) -> str:
    if isinstance(value, Link):
        return value.text
    return "" if value is None else str(value)


def sheet_name(name: str, used: set[str]) -> str:
    """`name` as a sheet name Excel accepts: no []:*?/\\, no apostrophe at either end, at most 31 characters,
    unique among `used` (compared as Excel does, ignoring case), which it is added to."""
    base = _SHEET_NAME_BAD.sub("", plain(name)).strip().strip("'").strip() or "网站"
    candidate = base[:MAX_SHEET_NAME]
    number = 1
    while candidate.casefold() in used:
        number += 1
        suffix = f"({number})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


def found_at(moment: datetime) -> str:
    """发现时间: the run's start in Asia/Shanghai (a naive time is taken as already there)."""
    local = moment.astimezone(SHANGHAI) if moment.tzinfo is not None else moment
    return local.strftime("%Y-%m-%d %H:%M")


def _evidence(finding: Finding, site_folder: Path, workbook_folder: Path) -> Link | str | None:
    """截图文件: the crop (else the screenshot) as a link relative to the workbook's folder."""
    relative = finding.evidence.crop or finding.evidence.screenshot
    if not relative:
        return None
    if not _EVIDENCE_PATH.fullmatch(relative) or ".." in PurePosixPath(relative).parts:
        # Not a path the auditor writes (a bundle edited by hand): shown as text, never a link out of the run.
        return relative
    target = Path(os.path.relpath(site_folder / relative, workbook_folder)).as_posix()
    return Link(target, target)


@dataclass(frozen=True)
class _Problem:
    site: Bundle
    finding: Finding
    found_at: str
    evidence: Link | str | None
    recheck: str
    rectified: bool


def _problem_row(problem: _Problem, with_recheck: bool) -> list[Cell]:
    finding, site = problem.finding, problem.site.site
    row: list[Cell] = [
        site.name,
        site.code or "—",
        finding.indicator_zh,
        SEVERITY_ZH.get(finding.severity, finding.severity),
        finding.message_zh,
        finding.target.url,
        finding.target.column or "",
        problem.evidence,
        problem.found_at,
        finding.unit or "",
    ]
    if with_recheck:
        row.append(problem.recheck)
    row.append(finding.id)
    return row


def _order(problems: list[_Problem]) -> list[_Problem]:
    """Vetoes first, then deductions, warnings and items for review; within one, this run's before the rectified."""
    return sorted(problems, key=lambda p: (-SEVERITY_ORDER.get(p.finding.severity, -1), p.rectified))


def _summary_row(bundle: Bundle) -> list[Cell]:
    severities = Counter(finding.severity for finding in bundle.findings)
    score = bundle.verdict.score
    category = bundle.site.category
    return [
        bundle.site.name,
        bundle.site.code or "—",
        CATEGORY_ZH.get(category, category) if category is not None else NEWMEDIA_CATEGORY_ZH,
        verdict_zh(bundle),
        score.total if score is not None else "—",
        severities["veto"],
        severities["deduction"],
        severities["needs_review"],
        ";".join(veto.message_zh for veto in bundle.verdict.vetoes) or "—",
    ]


def write_workbook(
    path: Path,
    bundles: list[tuple[Bundle, Path]],
    *,
    recheck: dict[str, dict[str, str]] | None = None,
    rectified: dict[str, list[Finding]] | None = None,
    previous: dict[str, tuple[Bundle, Path]] | None = None,
) -> Path:
    """Write the workbook of `bundles` (each with its site folder) to `path` and return it.

    `recheck` maps site id -> finding id -> new | persisting | rectified | unconfirmed (复查: 新发现 / 未整改 /
    已整改 / 无法确认); `rectified` maps site id -> the earlier run's findings this run no longer finds, listed as
    已整改 (or as `recheck` says); `previous` maps site id -> the earlier run's bundle and site folder, for those
    rows' 发现时间 and screenshot links (without it those cells stay empty). The 复查 column is there only when
    `recheck` or `rectified` is given. The file is written whole or not at all (temp file, then rename).
    """
    recheck = recheck or {}
    rectified = rectified or {}
    previous = previous or {}
    with_recheck = bool(recheck) or bool(rectified)
    known = {bundle.site.id for bundle, _folder in bundles}
    if unknown := sorted(set(rectified) - known):
        raise ValueError(f"rectified findings for sites not among the bundles: {', '.join(unknown)}")
    folder = path.parent.resolve()

    per_site: list[tuple[Bundle, list[_Problem]]] = []
    for bundle, site_folder in bundles:
        states = recheck.get(bundle.site.id, {})
        problems = [
            _Problem(
                bundle,
                finding,
                found_at(bundle.started_at),
                _evidence(finding, site_folder.resolve(), folder),
                RECHECK_ZH.get(states.get(finding.id, ""), ""),
                rectified=False,
            )
            for finding in bundle.findings
        ]
        earlier = previous.get(bundle.site.id)
        for finding in rectified.get(bundle.site.id, []):
            link = _evidence(finding, earlier[1].resolve(), folder) if earlier is not None else None
            problems.append(
                _Problem(
                    bundle,
                    finding,
                    found_at(earlier[0].started_at) if earlier is not None else "",
                    link,
                    RECHECK_ZH.get(states.get(finding.id, "rectified"), ""),
                    rectified=True,
                )
            )
        per_site.append((bundle, problems))

    headers = [h for h in PROBLEM_HEADERS if with_recheck or h != RECHECK_HEADER]
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None  # a new Workbook always has its first sheet
    summary.title = SUMMARY_SHEET
    _write_table(summary, SUMMARY_HEADERS, [_summary_row(bundle) for bundle, _problems in per_site])
    everything = _order([problem for _bundle, problems in per_site for problem in problems])
    _write_table(workbook.create_sheet(ALL_SHEET), headers, [_problem_row(p, with_recheck) for p in everything])
    used = {SUMMARY_SHEET.casefold(), ALL_SHEET.casefold(), "history"}  # Excel reserves History
    for bundle, problems in per_site:
        sheet = workbook.create_sheet(sheet_name(bundle.site.name, used))
        _write_table(sheet, headers, [_problem_row(p, with_recheck) for p in _order(problems)])

    with atomic_writer(path) as handle:
        workbook.save(handle)
    return path
