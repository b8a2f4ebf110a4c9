"""Evaluate the readers of the site checks (issue #9) on their blind labelled sets (htmldate's evaluation style).

    python tests/eval/eval_site_checks.py                    # every set
    python tests/eval/eval_site_checks.py --set footers_set1

- footers_setN: each page's 网站标识码, ICP number, 公安备案 number, 党政机关 badge and 找错 entry as its footer shows
  them. The page is read as the auditor reads a home page: its DOM rendered in Chromium (scripts run, no request
  leaves the page, so the conac badge script and the 找错 script write nothing, as on a closed network). Per
  identifier: precision / recall of presence, accuracy of the value read, and **false missing** — shown, yet the
  footer_missing_* rule would make a deduction of it: a false 页脚缺少… in a notice (must be 0). A review note
  (the reader unsure: a badge script that wrote nothing) is counted apart.
- homes_setN: the newest dated item linked from a home page's content blocks, and whether the page is only
  navigation. Scores: newest-date accuracy, **false stale** (a page whose newest item is inside the 14-day window
  judged to have none there: a false 首页不更新), navigation-only accuracy.
- boards_setN: each message's ask date, reply date and replied state as the board reader reads them (when the
  board reader is there): message recall, date accuracy, and **false late/unanswered** (a message the computed
  status would flag that the labels do not).
The script is a report: it always exits 0. Each set is labelled blind (written before the reader was read).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from auditor.extract.discovery import discover_home_columns  # noqa: E402
from auditor.extract.footer import FooterPatterns, has_identifier, judge_missing, read_footer  # noqa: E402
from auditor.extract.home_updates import newest_dated, read_home_items  # noqa: E402
from auditor.extract.html import decode_html  # noqa: E402
from auditor.settings import default_indicators  # noqa: E402

EVAL = Path(__file__).resolve().parent
KINDS = ("site_code", "icp", "psb", "party_label", "error_report")
HOME_WINDOW_DAYS = 14


def _cases(name: str) -> list[dict]:
    return json.loads((EVAL / f"{name}_cases.json").read_text("utf-8"))


def _html(name: str, case: dict) -> str:
    return decode_html((EVAL / name / case["file"]).read_bytes())


async def _rendered(pages: list[str]) -> list[str]:
    """Each page's DOM after its scripts ran, with every request but the page itself refused."""
    from playwright.async_api import async_playwright

    from auditor.gather.browser import LOCALE, TIMEZONE, find_chromium, launch_args

    out = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_chromium(playwright), args=launch_args())
        context = await browser.new_context(locale=LOCALE, timezone_id=TIMEZONE)
        await context.route("**/*", lambda route: route.abort())
        page = await context.new_page()
        for html in pages:
            await page.set_content(html, wait_until="domcontentloaded")
            await page.wait_for_timeout(50)
            out.append(await page.content())
        await browser.close()
    return out


def _norm_icp(value: str | None) -> str | None:
    if not value:
        return None
    match = re.search(r"(\S)ICP备\D*(\d+)\D*?(?:号)?(?:\s*-\s*(\d+))?", value)
    if not match:
        return value
    return f"{match[1]}ICP备{match[2]}号" + (f"-{match[3]}" if match[3] else "")


def _norm_psb(value: str | None) -> str | None:
    digits = re.sub(r"\D", "", value or "")
    return digits or None


def _value_of(footer, kind: str) -> str | None:
    for identifier in footer.identifiers:
        if identifier.kind == kind and identifier.source != "meta" and identifier.in_footer:
            return identifier.value
    return None


def eval_footers(name: str) -> dict[str, float]:
    cases = _cases(name)
    statics = [_html(name, c) for c in cases]
    # On a thread of its own: a test session may already run an event loop on this one (sync Playwright).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        rendered = pool.submit(asyncio.run, _rendered(statics)).result()
    patterns = FooterPatterns.of(default_indicators())
    print(f"== {name}: {len(cases)} pages (rendered DOM; static read in brackets)")
    figures: dict[str, float] = {}
    for kind in KINDS:
        tp = fp = fn = right = valued = false_missing = reviews = 0
        static_fm = 0
        misses = []
        for case, html, static in zip(cases, rendered, statics, strict=True):
            label = case[kind]
            shown = bool(label)
            footer = read_footer(html, case["url"], page_id="home", rendered=True, patterns=patterns)
            found = has_identifier(footer, kind)
            static_found = has_identifier(
                read_footer(static, case["url"], page_id="eval", rendered=False, patterns=patterns), kind
            )
            tp += shown and found
            fp += found and not shown
            fn += shown and not found
            # What the footer_missing_* rule would say of this page as a home page: a deduction on a shown
            # identifier is a false finding; a review note is the reader saying it is not sure.
            severity = judge_missing([footer], kind).severity
            false_missing += shown and severity == "deduction"
            reviews += severity == "needs_review"
            static_fm += shown and not static_found
            if shown != found:
                misses.append(
                    f"{case['file']}: labelled {label!r}, read {_value_of(footer, kind) if found else None!r}"
                )
            if kind in {"site_code", "icp", "psb"} and shown and found:
                valued += 1
                got = _value_of(footer, kind)
                norm = {"icp": _norm_icp, "psb": _norm_psb}.get(kind, lambda v: v)
                if norm(got) == norm(label):
                    right += 1
                else:
                    misses.append(f"{case['file']}: value {label!r} read as {got!r}")
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        value = f"; value accuracy {right}/{valued}" if valued else ""
        print(
            f"{kind:13s} precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}){value}; "
            f"FALSE MISSING (deduction on a shown identifier) {false_missing}; review notes {reviews} "
            f"[static read: shown but not read {static_fm}]"
        )
        for miss in misses:
            print(f"    {miss}")
        figures[f"{kind}_false_missing"] = false_missing
        figures[f"{kind}_precision"] = precision
        figures[f"{kind}_recall"] = recall
    return figures


def eval_homes(name: str) -> dict[str, float]:
    cases = _cases(name)
    print(f"== {name}: {len(cases)} home pages")
    right = false_stale = nav_right = 0
    misses = []
    for case in cases:
        html = _html(name, case)
        as_of = date.fromisoformat(case["as_of"])
        host = urlsplit(case["url"]).netloc

        def in_scope(url: str, host: str = host) -> bool:
            return urlsplit(url).netloc == host

        columns = discover_home_columns(html, case["url"], as_of=as_of, in_scope=in_scope)
        blocks = [(c.items, c.block_selector) for c in columns if c.items]
        updates, _ = read_home_items(html, case["url"], as_of, blocks=blocks, in_scope=in_scope)
        newest = newest_dated(updates.items, as_of)
        got = newest.date.isoformat() if newest and newest.date else None
        label = case["newest_date"]
        right += got == label
        start = as_of - timedelta(days=HOME_WINDOW_DAYS - 1)
        labelled_fresh = label is not None and date.fromisoformat(label) >= start
        read_fresh = got is not None and date.fromisoformat(got) >= start
        false_stale += labelled_fresh and not read_fresh and not updates.navigation_only
        nav_right += updates.navigation_only == case["navigation_only"]
        if got != label or updates.navigation_only != case["navigation_only"]:
            misses.append(
                f"{case['file']}: newest {label} read {got}; navigation_only {case['navigation_only']} "
                f"read {updates.navigation_only}"
            )
    n = len(cases)
    print(f"newest date accuracy {right / n:.3f} ({right}/{n}); FALSE STALE {false_stale}")
    print(f"navigation-only accuracy {nav_right / n:.3f}")
    for miss in misses:
        print(f"    {miss}")
    return {"newest_accuracy": right / n, "false_stale": false_stale, "navigation_accuracy": nav_right / n}


def _labelled_as_of(case: dict) -> date:
    """A monitoring point for a board page: the day after its newest labelled date (labels carry no T)."""
    days = [date.fromisoformat(d) for m in case["messages"] for d in (m["asked"], m["answered"]) if d]
    return max(days) + timedelta(days=1)


def _board_messages(html: str, case: dict, as_of: date, words) -> list:
    from auditor.extract.interaction import read_board_list, read_message_detail
    from auditor.model.artifacts import BoardMessage

    if case["kind"] == "detail":
        d = read_message_detail(html, case["url"], as_of=as_of, words=words)
        return [
            BoardMessage(
                title=d.title,
                asked=d.asked,
                answered=d.answered,
                replied=d.replied,
                state_text=d.state_text,
                asked_label=d.asked_label,
                answered_label=d.answered_label,
                year_inferred=d.year_inferred,
                source="detail",
            )
        ]
    page = read_board_list(html, case["url"], as_of=as_of, words=words)
    return [
        BoardMessage(
            title=r.title,
            url=r.url,
            asked=r.asked,
            answered=r.answered,
            replied=r.replied,
            state_text=r.state_text,
            asked_label=r.asked_label,
            answered_label=r.answered_label,
            year_inferred=r.year_inferred,
        )
        for r in page.rows
    ]


def eval_boards(name: str) -> dict[str, float]:
    from auditor.computed.interaction_status import judge_message
    from auditor.extract.interaction import BoardWords
    from auditor.model.artifacts import BoardMessage
    from auditor.model.indicators import Window
    from auditor.windows import window_start

    settings = default_indicators()
    words = BoardWords.of(settings)
    limit = Window.model_validate(settings.value("interaction_reply_limit"))
    lookback = Window.model_validate(settings.value("interaction_lookback"))
    cases = _cases(name)
    print(f"== {name}: {len(cases)} pages ({sum(c['kind'] == 'list' for c in cases)} lists, rest message pages)")
    labelled = found = asked_right = answered_right = replied_right = false_flags = missed_flags = extra = 0
    misses = []
    for case in cases:
        html = _html(name, case)
        as_of = _labelled_as_of(case)
        start = window_start(as_of, lookback, months_as=settings.months_as)
        messages = _board_messages(html, case, as_of, words)
        matched = set()
        for message in case["messages"]:
            labelled += 1
            match = next((m for m in messages if message["title"] in (m.title or "")), None)
            if match is None and case["kind"] == "detail" and len(messages) == 1:
                match = messages[0]
            truth = BoardMessage(
                title=message["title"],
                asked=date.fromisoformat(message["asked"]),
                answered=date.fromisoformat(message["answered"]) if message["answered"] else None,
                replied=message["replied"],
                state_text="shown" if message["replied"] is not None else None,
                asked_label="label",
                answered_label="label" if message["answered"] else None,
            )
            should = judge_message(truth, as_of, start, limit, settings).verdict in {"late", "unanswered"}
            if match is None:
                misses.append(f"{case['file']}: message {message['title']!r} not read")
                missed_flags += should
                continue
            matched.add(id(match))
            found += 1
            got = (
                match.asked.isoformat() if match.asked else None,
                match.answered.isoformat() if match.answered else None,
                match.replied,
            )
            asked_right += got[0] == message["asked"]
            answered_right += got[1] == message["answered"]
            replied_right += got[2] == message["replied"]
            judged = judge_message(match, as_of, start, limit, settings)
            flagged = judged.verdict in {"late", "unanswered"} and judged.confident
            false_flags += flagged and not should
            missed_flags += should and not flagged
            want = (message["asked"], message["answered"], message["replied"])
            if got != want:
                misses.append(f"{case['file']}: {message['title']!r} labelled {want} read {got}")
        for m in messages:
            if id(m) not in matched and case["kind"] == "list":
                judged = judge_message(m, as_of, start, limit, settings)
                if judged.verdict in {"late", "unanswered"} and judged.confident:
                    extra += 1
                    misses.append(f"{case['file']}: unlabelled row {m.title!r} flagged")
    print(
        f"messages read {found}/{labelled}; asked accuracy {asked_right / labelled:.3f}, "
        f"answered accuracy {answered_right / labelled:.3f}, replied accuracy {replied_right / labelled:.3f}"
    )
    print(f"FALSE LATE/UNANSWERED (confident) {false_flags + extra}; flags missed {missed_flags}")
    for miss in misses:
        print(f"    {miss}")
    return {"read": found / labelled, "asked_accuracy": asked_right / labelled, "false_flags": false_flags + extra}


SETS = {"footers": eval_footers, "homes": eval_homes, "boards": eval_boards}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="only", help="one set, e.g. footers_set1")
    args = parser.parse_args()
    for cases in sorted(EVAL.glob("*_cases.json")):
        name = cases.name.removesuffix("_cases.json")
        family = name.split("_set")[0]
        if family in SETS and (args.only is None or args.only == name):
            SETS[family](name)


if __name__ == "__main__":
    main()
