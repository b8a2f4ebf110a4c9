"""Runs the labelled column-page eval (tests/eval/columns_cases.json) in-process and holds its accuracy."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from auditor.extract.lists import ListExtraction
from auditor.model.artifacts import ListItem
from tests.eval_scripts import load_eval_script

if TYPE_CHECKING:
    from types import ModuleType

EVAL_DIR = Path(__file__).resolve().parents[1] / "eval"
# Bars: what the extractor reached when the set was written was kind 0.868, latest 0.925. Raise them to the
# figures the extractor reaches once the mismatches the script lists are fixed.
MIN_KIND_ACCURACY = 0.95  # 1.000 on 2026-11-27 (53 pages); the bar leaves room for new hard cases
MIN_LATEST_ACCURACY = 0.95  # 1.000 on 2026-11-27


@pytest.fixture(scope="module")
def eval_columns() -> ModuleType:
    return load_eval_script("eval_columns")


@pytest.fixture(scope="module")
def cases(eval_columns: ModuleType) -> list[dict]:
    return eval_columns.load_cases()


@pytest.fixture(scope="module")
def report(eval_columns: ModuleType, cases: list[dict]) -> dict:
    return eval_columns.evaluate(cases)


def _misses(report: dict, key: str) -> list[tuple]:
    return [
        (r["file"], r["kind"], r["predicted_kind"], r["latest"], r["predicted_latest"])
        for r in report["results"]
        if not r[key]
    ]


def test_eval_set_shape(eval_columns: ModuleType, cases: list[dict]) -> None:
    assert len(cases) >= 40
    files = [case["file"] for case in cases]
    assert len(set(files)) == len(files)
    on_disk = {path.name for path in eval_columns.PAGES_DIR.glob("*.html")}
    assert on_disk == set(files), "every saved page is labelled exactly once"
    assert all(set(case) == {"file", "url", "as_of", "kind", "latest", "items", "note"} for case in cases)
    kinds = [case["kind"] for case in cases]
    assert all(kinds.count(kind) >= 3 for kind in eval_columns.KINDS), "every kind is represented"
    for case in cases:
        size = (eval_columns.PAGES_DIR / case["file"]).stat().st_size
        assert 1024 <= size <= 15 * 1024, case["file"]
        assert case["url"].startswith("http://www.")
        assert ".gov.cn/" in case["url"]
        as_of = date.fromisoformat(case["as_of"])
        if case["latest"] is not None:
            assert case["kind"] == "list", case["file"]
            assert date.fromisoformat(case["latest"]) <= as_of, case["file"]
        if case["kind"] == "empty":
            assert case["items"] == 0, case["file"]
        assert case["items"] is None or (isinstance(case["items"], int) and case["items"] >= 0)
        assert case["note"]
    assert any(date.fromisoformat(case["as_of"]).month == 1 for case in cases), "MM-DD rows across a new year"
    assert sum(case["kind"] == "list" and case["latest"] is None for case in cases) >= 2, "undated lists"


def test_gb2312_pages_are_decoded(eval_columns: ModuleType, cases: list[dict]) -> None:
    gb_pages = [case for case in cases if b"charset=gb2312" in (eval_columns.PAGES_DIR / case["file"]).read_bytes()]
    assert gb_pages
    for case in gb_pages:
        raw = (eval_columns.PAGES_DIR / case["file"]).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        assert "人民政府" in eval_columns.read_page(case)


def test_kind_accuracy(report: dict, cases: list[dict]) -> None:
    assert report["N"] == len(cases)
    assert report["kind"]["accuracy"] >= MIN_KIND_ACCURACY, _misses(report, "kind_ok")


def test_latest_date_accuracy(report: dict) -> None:
    assert report["latest"]["accuracy"] >= MIN_LATEST_ACCURACY, _misses(report, "latest_ok")


def test_outcome_definitions(eval_columns: ModuleType, cases: list[dict]) -> None:
    by_file = {case["file"]: case for case in cases}
    dated = by_file["trs_ywdt_span_dates.html"]  # a plain TRS list whose newest row is 2021-03-19
    shell = by_file["js_shell_loading.html"]  # a JS shell: no rows, no date
    relabelled = [
        dated,  # TP
        dated | {"latest": "2021-03-18"},  # FP: wrong date
        dated | {"latest": None, "kind": "empty", "items": 0},  # FP: a date where none is labelled
        shell,  # TN
        shell | {"latest": "2021-03-15", "kind": "list", "items": 1},  # FN
        dated | {"items": 21},  # count off by one (the shell's 1 vs 0 above is too; empty's 0 vs 20 is not)
    ]
    report = eval_columns.evaluate(relabelled)
    latest = report["latest"]
    assert (latest["TP"], latest["FP"], latest["TN"], latest["FN"]) == (2, 2, 1, 1)
    assert latest["precision"] == pytest.approx(2 / 4)
    assert latest["recall"] == pytest.approx(2 / 3)
    assert latest["accuracy"] == pytest.approx(3 / 6)
    assert report["kind"]["accuracy"] == pytest.approx(4 / 6)
    assert report["kind"]["confusion"] == {"list": {"list": 3, "none": 1}, "empty": {"list": 1}, "none": {"none": 1}}
    assert report["items"]["N"] == 6
    assert report["items"]["exact"] == 3
    assert report["items"]["within_1"] == 5


def test_predicted_latest_is_what_the_auditor_judges(eval_columns: ModuleType) -> None:
    as_of = date(2021, 3, 21)
    items = [
        ListItem(title="有效期内的旧文件", date=date(2021, 3, 1)),
        ListItem(title="日期在as_of之后的行", date=date(2021, 4, 1)),
        ListItem(title="没有日期的行"),
    ]
    assert eval_columns.predicted_latest(ListExtraction("list", items), as_of) == "2021-03-01"
    assert eval_columns.predicted_latest(ListExtraction("hub", items), as_of) is None
    assert eval_columns.predicted_latest(ListExtraction("list", items[1:]), as_of) is None


def test_script_runs(eval_columns: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_columns.main([]) == 0
    out = capsys.readouterr().out
    assert "kind accuracy" in out
    assert "precision" in out
    assert "within ±1" in out
    assert "ms per page" in out
    assert "Python" in out


@pytest.mark.parametrize(
    ("name", "min_kind", "min_latest"),
    [
        ("columns_heldout", MIN_KIND_ACCURACY, MIN_LATEST_ACCURACY),
        ("columns_batch3", MIN_KIND_ACCURACY, MIN_LATEST_ACCURACY),
        # Fixed only in part (kind 0.921, latest 1.000 on 2026-11-27): hubs spread over several containers and
        # undated three-link guide rows are still misread. The bar holds what is reached.
        ("columns_batch4", 0.9, MIN_LATEST_ACCURACY),
        # Written blind on 2026-12-01; first contact kind 0.727, latest 0.727; after the column-reading fixes 1.000 /
        # 0.985 (docs/evaluation.md). Its false-finding counts are held separately below.
        ("columns_set5", 0.98, MIN_LATEST_ACCURACY),
        # Written blind after those fixes (2026-12-01): first contact kind 0.800, latest 0.846 (4 dates judged on
        # non-lists) — the honest figure for unseen templates; after its precision fixes 0.877 / 0.938, none.
        ("columns_set6", 0.86, 0.92),
    ],
)
def test_later_sets_hold_their_bars(eval_columns: ModuleType, name: str, min_kind: float, min_latest: float) -> None:
    """Sets written after the extractor, by someone who did not read it (figures before fixes: docs/evaluation.md)."""
    cases = eval_columns.load_cases(EVAL_DIR / f"{name}_cases.json")
    report = eval_columns.evaluate(cases, EVAL_DIR / name)
    assert report["kind"]["accuracy"] >= min_kind, _misses(report, "kind_ok")
    assert report["latest"]["accuracy"] >= min_latest, _misses(report, "latest_ok")


@pytest.mark.parametrize(
    "name", ["columns", "columns_heldout", "columns_batch3", "columns_batch4", "columns_set5", "columns_set6"]
)
def test_no_false_blank_and_no_date_judged_on_a_page_that_is_not_a_list(eval_columns: ModuleType, name: str) -> None:
    """The worst outcome: a false 空白栏目 or a freshness judgement on an article (set 5 had 2 and 1 at first contact)."""
    report = eval_columns.evaluate(eval_columns.load_cases(EVAL_DIR / f"{name}_cases.json"), EVAL_DIR / name)
    assert report["false_findings"] == {"blank": [], "dated_non_list": []}


def test_set5_covers_twelve_families(eval_columns: ModuleType) -> None:
    families = {case["family"] for case in eval_columns.load_cases(EVAL_DIR / "columns_set5_cases.json")}
    assert len(families) >= 12
