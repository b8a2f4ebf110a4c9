"""Runs the labelled date eval (tests/eval/dates_cases.jsonl) in-process and holds its accuracy."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest

from tests.eval_scripts import load_eval_script

if TYPE_CHECKING:
    from types import ModuleType


@pytest.fixture(scope="module")
def eval_dates() -> ModuleType:
    return load_eval_script("eval_dates")


@pytest.fixture(scope="module")
def cases(eval_dates: ModuleType) -> list[dict]:
    return eval_dates.load_cases()


def test_eval_set_shape(cases: list[dict]) -> None:
    assert len(cases) >= 180
    assert len({case["id"] for case in cases}) == len(cases)
    assert {case["kind"] for case in cases} == {"list", "detail"}
    assert sum(case["expected"] is None for case in cases) >= 25
    assert sum(case["note"].startswith("trap") for case in cases) >= 40
    assert all(set(case) == {"id", "kind", "as_of", "text", "expected", "note"} for case in cases)


def test_accuracy(eval_dates: ModuleType, cases: list[dict]) -> None:
    report = eval_dates.evaluate(cases)
    overall = report["overall"]
    misclassified = [(e["id"], e["expected"], e["predicted"], e["note"]) for e in report["errors"]]
    assert overall["N"] == len(cases)
    assert overall["accuracy"] >= 0.99, misclassified
    for kind, scores in report["by_kind"].items():
        assert scores["accuracy"] >= 0.98, (kind, misclassified)


def test_outcome_definitions(eval_dates: ModuleType) -> None:
    cases = [
        {
            "id": "tp",
            "kind": "list",
            "as_of": "2021-03-20",
            "text": "标题\n2021-03-15",
            "expected": "2021-03-15",
        },
        {
            "id": "fp-wrong",
            "kind": "list",
            "as_of": "2021-03-20",
            "text": "标题\n2021-03-15",
            "expected": "2021-03-14",
        },
        {
            "id": "fp-null",
            "kind": "list",
            "as_of": "2021-03-20",
            "text": "标题\n2021-03-15",
            "expected": None,
        },
        {"id": "tn", "kind": "detail", "as_of": "2021-03-20", "text": "标题", "expected": None},
        {"id": "fn", "kind": "detail", "as_of": "2021-03-20", "text": "标题", "expected": "2021-03-15"},
    ]
    report = eval_dates.evaluate([case | {"note": ""} for case in cases])
    outcomes = Counter(e["outcome"] for e in report["errors"])
    assert outcomes == Counter({"FP": 2, "FN": 1})
    overall = report["overall"]
    assert (overall["TP"], overall["FP"], overall["TN"], overall["FN"]) == (1, 2, 1, 1)
    assert overall["precision"] == pytest.approx(1 / 3)
    assert overall["recall"] == pytest.approx(1 / 2)
    assert overall["accuracy"] == pytest.approx(2 / 5)


def test_script_runs(eval_dates: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_dates.main([]) == 0
    out = capsys.readouterr().out
    assert "precision" in out
    assert "Python" in out
