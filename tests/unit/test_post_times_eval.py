"""Acceptance bars of the post-time parser on its blind labelled sets (tests/eval/eval_post_times.py).

A post time read earlier than the truth makes a fresh account look stale: a false 不更新 in a notice, the worst error
the new-media check can make, so there may be none. Exact intervals are the product's bar of 0.95. The parser is
imported plainly: while it is missing or below the bars, these tests fail, which is their point.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from auditor.extract.post_time import parse_post_time

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

import eval_post_times

PLATFORMS = {"weibo", "douyin", "wechat", "dayu", "netease", "toutiao", "bilibili", "kuaishou"}


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return eval_post_times.load_sets("post_times_set1")["post_times_set1"]


def test_set_shape(cases: list[dict]) -> None:
    assert len(cases) >= 90
    assert all(set(case) == set(eval_post_times.FIELDS) for case in cases)
    assert {case["platform"] for case in cases} == PLATFORMS
    assert sum(case["earliest"] is None for case in cases) >= 20
    for case in cases:
        offset = datetime.fromisoformat(case["reference"]).utcoffset()
        assert offset is not None, case
        assert offset.total_seconds() == 8 * 3600, case
        assert (case["earliest"] is None) == (case["latest"] is None), case
        if case["earliest"] is not None:
            assert date.fromisoformat(case["earliest"]) <= date.fromisoformat(case["latest"]), case
        assert case["note"], case


def test_no_post_time_is_read_earlier_than_truth(cases: list[dict]) -> None:
    summary = eval_post_times.score(cases, parse_post_time)
    earlier = [w for w in summary["wrong"] if w["got"] and w["expected"] and w["got"][1] < w["expected"][1]]
    assert summary["earlier_than_truth"] == 0, earlier


def test_exact_interval_accuracy(cases: list[dict]) -> None:
    summary = eval_post_times.score(cases, parse_post_time)
    assert summary["cases"] == len(cases)
    assert summary["accuracy"] >= 0.95, [(w["text"], w["reference"], w["expected"], w["got"]) for w in summary["wrong"]]


@dataclass(frozen=True)
class _Read:
    earliest: date
    latest: date


def test_scoring_definitions() -> None:
    """The counts on five hand-made outcomes, so the bars above measure what their names say."""
    ref = "2021-03-21T16:00:00+08:00"
    answers = {
        "right": _Read(date(2021, 3, 19), date(2021, 3, 19)),
        "later": _Read(date(2021, 3, 20), date(2021, 3, 20)),
        "earlier": _Read(date(2021, 3, 1), date(2021, 3, 7)),
        "false": _Read(date(2021, 3, 21), date(2021, 3, 21)),
    }

    def read(text: str, reference: datetime) -> _Read | None:
        assert reference.utcoffset() is not None
        if text == "crash":
            raise ValueError(text)
        return answers.get(text)

    labelled = ("2021-03-19", "2021-03-19")
    cases = [
        {"text": t, "reference": ref, "earliest": first, "latest": last, "platform": "weibo", "note": f"{t}: x"}
        for t, (first, last) in {
            "right": labelled,
            "later": labelled,
            "earlier": ("2021-03-08", "2021-03-14"),
            "false": (None, None),
            "missed": labelled,
            "none": (None, None),
            "crash": labelled,
        }.items()
    ]
    summary = eval_post_times.score(cases, read)
    assert (summary["cases"], summary["right"], summary["given"], summary["labelled"]) == (7, 2, 4, 5)
    assert summary["accuracy"] == pytest.approx(2 / 7)
    assert summary["precision"] == pytest.approx(1 / 4)
    assert summary["recall"] == pytest.approx(1 / 5)
    assert (summary["false_times"], summary["missed_times"], summary["raised"]) == (1, 2, 1)
    assert (summary["later_than_truth"], summary["earlier_than_truth"]) == (1, 1)
    assert {w["text"] for w in summary["wrong"]} == {"later", "earlier", "false", "missed", "crash"}


def test_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_post_times.main(["--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["cases"] == report["post_times_set1"]["cases"]
    assert eval_post_times.main([]) == 0
    assert "EARLIER THAN TRUTH" in capsys.readouterr().out
