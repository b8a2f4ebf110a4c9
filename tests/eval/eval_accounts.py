"""Evaluate the new-media account page reader on its blind labelled sets (htmldate's evaluation style).

    python tests/eval/eval_accounts.py                        # every set
    python tests/eval/eval_accounts.py --set accounts_set1
    python tests/eval/eval_accounts.py --json                 # the summary as JSON on stdout, nothing else

- accounts_setN: account pages as a browser saves their rendered DOM (微博 weibo.com and m.weibo.cn, 公众号 album and
  profile_ext, 抖音, 大鱼号, 网易号, 头条, B站 space, 快手), each labelled with the state the page is in, the date of
  the newest post that is not pinned (置顶), how many of the account's own posts it shows and how many are pinned,
  and the moment it was captured (`reference`, +08:00: what 3天前 and 昨天 mean, and T of the 2-week rule).
- Each page is read by read_account_page with its platform's adapter. Scores: state accuracy; newest-date accuracy
  (over the pages labelled posts: the largest `latest` of the non-pinned posts of a reading in state posts, else
  null — the product ignores the posts of any other state); post- and pinned-count accuracy (pages labelled posts);
  and what the product's 2-week rule (auditor.computed.account_status.judge_account, T = the reference date, the
  window from the settings: [T−13, T]) makes of the reading against what it makes of the labels:
  **FALSE STALE** — labels fresh (a non-pinned post in the window), reading stale: a false 不更新, the worst error;
  FALSE FRESH — labels stale, reading fresh: a missed 不更新; a fresh or stale verdict on a page the labels say
  cannot be judged (a wall, captcha, deleted, empty or unknown page); and doubts — labels posts, reading another
  state: a needs_review instead of a verdict, which costs recall, not precision.
The script is a report: it always exits 0. Each set is labelled blind (written before the reader was read).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from auditor.model.artifacts import PostSeen

EVAL = Path(__file__).resolve().parent
FIELDS = ("file", "platform", "url", "reference", "state", "newest_unpinned", "posts", "pinned", "note")


def load_sets(only: str | None) -> dict[str, list[dict[str, Any]]]:
    sets = {}
    for path in sorted(EVAL.glob("accounts_set*_cases.json")):
        name = path.name.removesuffix("_cases.json")
        if only is None or only == name:
            cases = json.loads(path.read_text("utf-8"))
            for case in cases:
                missing = [f for f in FIELDS if f not in case]
                if missing:
                    raise ValueError(f"{name}: {case.get('file')} lacks {missing}")
            sets[name] = cases
    return sets


def newest_unpinned(state: str, posts: list[PostSeen]) -> date | None:
    """The date the 2-week rule reads off a page: the newest non-pinned post's latest possible day (state posts)."""
    if state != "posts":
        return None
    return max((p.latest for p in posts if not p.pinned and p.latest is not None), default=None)


def labelled_verdict(case: dict[str, Any], start: date) -> str:
    """What the rule should say of the page: a verdict needs the account's own posts, and a non-pinned one among them."""
    if case["state"] != "posts" or case["newest_unpinned"] is None:
        return "needs_review"
    return "fresh" if date.fromisoformat(case["newest_unpinned"]) >= start else "stale"


def _shown_posts(posts: list[PostSeen]) -> str:
    def one(p: PostSeen) -> str:
        when = p.latest.isoformat() if p.latest and p.earliest == p.latest else f"{p.earliest}..{p.latest}"
        return f"{'置顶 ' if p.pinned else ''}{p.time_text!r}={when}"

    shown = ", ".join(one(p) for p in posts[:8])
    return f"[{shown}{', …' if len(posts) > 8 else ''}]"


def score(name: str, cases: list[dict[str, Any]]) -> dict[str, Any]:
    from auditor.computed.account_status import judge_account
    from auditor.extract.html import decode_html
    from auditor.extract.newmedia import read_account_page
    from auditor.model.artifacts import AccountFacts
    from auditor.model.indicators import Window
    from auditor.platforms import ADAPTERS
    from auditor.settings import default_indicators
    from auditor.windows import window_start

    settings = default_indicators()
    window = Window.model_validate(settings.value("newmedia_update_window"))
    rows: list[dict[str, Any]] = []
    for case in cases:
        reference = datetime.fromisoformat(case["reference"])
        as_of = reference.date()
        start = window_start(as_of, window, months_as=settings.months_as)
        html = decode_html((EVAL / name / case["file"]).read_bytes())
        try:
            reading = read_account_page(
                html, ADAPTERS[case["platform"]], reference=reference, page_id="p", base_url=case["url"]
            )
        except Exception as error:  # a crash is a wrong case of its own, not the end of the report
            rows.append({"case": case, "crash": f"{type(error).__name__}: {error}", "start": start.isoformat()})
            continue
        facts = AccountFacts(
            platform=case["platform"],
            name=case["file"],
            state=reading.state,
            state_evidence=reading.state_evidence,
            posts=reading.posts,
            posts_generic=reading.generic,
            captured_at=reference,
            reference_time=reference,
        )
        newest = newest_unpinned(reading.state, reading.posts)
        rows.append(
            {
                "case": case,
                "start": start.isoformat(),
                "state": reading.state,
                "evidence": reading.state_evidence,
                "newest": newest.isoformat() if newest else None,
                "posts": len(reading.posts),
                "pinned": sum(p.pinned for p in reading.posts),
                "verdict": judge_account(facts, as_of, start).status,
                "labelled_verdict": labelled_verdict(case, start),
                "shown": _shown_posts(reading.posts),
            }
        )
    return summarise(rows)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    with_posts = [r for r in rows if r["case"]["state"] == "posts"]
    read = [r for r in rows if "crash" not in r]
    state_right = sum(r.get("state") == r["case"]["state"] for r in rows)
    newest_right = sum(r.get("newest") == r["case"]["newest_unpinned"] for r in with_posts)
    posts_right = sum(r.get("posts") == r["case"]["posts"] for r in with_posts)
    pinned_right = sum(r.get("pinned") == r["case"]["pinned"] for r in with_posts)
    false_stale = [r for r in read if r["labelled_verdict"] == "fresh" and r["verdict"] == "stale"]
    false_fresh = [r for r in read if r["labelled_verdict"] == "stale" and r["verdict"] == "fresh"]
    unjudgeable = [r for r in read if r["case"]["state"] != "posts"]
    stale_unjudgeable = [r for r in unjudgeable if r["verdict"] == "stale"]
    fresh_unjudgeable = [r for r in unjudgeable if r["verdict"] == "fresh"]
    doubts = [r for r in with_posts if r.get("state") != "posts"]
    verdict_right = sum(r.get("verdict") == r.get("labelled_verdict") for r in read)
    wrong = []
    for r in rows:
        case = r["case"]
        if "crash" in r:
            wrong.append(f"{case['file']}: the reader raised {r['crash']}")
            continue
        what = []
        if r["state"] != case["state"]:
            what.append(f"state {case['state']} read {r['state']} ({r['evidence']})")
        if case["state"] == "posts":
            if r["newest"] != case["newest_unpinned"]:
                what.append(f"newest {case['newest_unpinned']} read {r['newest']}")
            if r["posts"] != case["posts"] or r["pinned"] != case["pinned"]:
                what.append(f"posts/pinned {case['posts']}/{case['pinned']} read {r['posts']}/{r['pinned']}")
        if r["verdict"] != r["labelled_verdict"]:
            what.append(f"verdict {r['labelled_verdict']} judged {r['verdict']}")
        if what:
            wrong.append(f"{case['file']}: {'; '.join(what)}; read {r['shown']}")
    by_platform: dict[str, list[int]] = {}
    for r in rows:
        tally = by_platform.setdefault(r["case"]["platform"], [0, 0])
        tally[0] += r.get("state") == r["case"]["state"]
        tally[1] += 1
    return {
        "pages": n,
        "state_accuracy": state_right / n if n else 1.0,
        "state_right": state_right,
        "labelled_posts": len(with_posts),
        "newest_accuracy": newest_right / len(with_posts) if with_posts else 1.0,
        "newest_right": newest_right,
        "posts_count_right": posts_right,
        "pinned_count_right": pinned_right,
        "false_stale": len(false_stale),
        "false_fresh": len(false_fresh),
        "stale_on_unjudgeable": len(stale_unjudgeable),
        "fresh_on_unjudgeable": len(fresh_unjudgeable),
        "doubts": len(doubts),
        "verdict_right": verdict_right,
        "crashes": n - len(read),
        "states": dict(Counter(f"{r['case']['state']}->{r.get('state', 'crash')}" for r in rows)),
        "state_by_platform": {p: f"{t[0]}/{t[1]}" for p, t in sorted(by_platform.items())},
        "false_stale_cases": [r["case"]["file"] for r in false_stale],
        "false_fresh_cases": [r["case"]["file"] for r in false_fresh],
        "doubt_cases": [r["case"]["file"] for r in doubts],
        "wrong": wrong,
    }


def _print(name: str, s: dict[str, Any]) -> None:
    n, m = s["pages"], s["labelled_posts"]
    print(f"== {name}: {n} pages ({m} labelled posts); T = each page's reference date, window [T−13, T]")
    print(f"state accuracy {s['state_accuracy']:.3f} ({s['state_right']}/{n}); by platform {s['state_by_platform']}")
    print(
        f"newest non-pinned date accuracy {s['newest_accuracy']:.3f} ({s['newest_right']}/{m}); "
        f"post count right {s['posts_count_right']}/{m}; pinned count right {s['pinned_count_right']}/{m}"
    )
    print(
        f"FALSE STALE (labels fresh, reading stale) {s['false_stale']}; "
        f"FALSE FRESH (labels stale, reading fresh) {s['false_fresh']}; "
        f"verdict on unjudgeable pages: stale {s['stale_on_unjudgeable']}, fresh {s['fresh_on_unjudgeable']}"
    )
    print(
        f"doubts (labels posts, read another state) {s['doubts']}; verdict agreement {s['verdict_right']}/{n}"
        + (f"; CRASHES {s['crashes']}" if s["crashes"] else "")
    )
    print(f"states labelled->read {s['states']}")
    for key, title in (("false_stale_cases", "false stale"), ("false_fresh_cases", "false fresh")):
        if s[key]:
            print(f"  {title}: {', '.join(s[key])}")
    print(f"wrong cases ({len(s['wrong'])}):")
    for line in s["wrong"]:
        print(f"    {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--set", dest="only", help="one set, e.g. accounts_set1")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON only")
    args = parser.parse_args(argv)
    try:
        sets = load_sets(args.only)
        report = {name: score(name, cases) for name, cases in sets.items()}
    except ImportError as error:  # the report still runs (and exits 0) before the reader exists
        message = f"the account page reader is not importable: {error}"
        print(json.dumps({"error": message}) if args.json else message)
        return 0
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    elif not report:
        print(f"no accounts_set*_cases.json{' named ' + args.only if args.only else ''} in {EVAL}")
    else:
        for name, summary in report.items():
            _print(name, summary)
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
