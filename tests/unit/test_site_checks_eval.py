"""Bars for the site-check readers on their blind labelled sets (tests/eval/eval_site_checks.py).

The first-contact figures are in docs/evaluation.md; these bars hold what the fixes reached, above all that no
shown footer identifier is ever deducted as missing, no fresh home page is read as stale and no message is
confidently flagged late or unanswered against its labels.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

import eval_site_checks


@pytest.mark.browser
def test_no_shown_footer_identifier_is_deducted_as_missing():
    figures = eval_site_checks.eval_footers("footers_set1")
    for kind in eval_site_checks.KINDS:
        assert figures[f"{kind}_false_missing"] == 0, kind
        assert figures[f"{kind}_precision"] >= 0.96, kind
    assert figures["site_code_recall"] == 1.0
    assert figures["icp_recall"] == 1.0


def test_no_fresh_home_page_is_read_as_stale():
    figures = eval_site_checks.eval_homes("homes_set1")
    assert figures["false_stale"] == 0
    assert figures["newest_accuracy"] >= 0.92


def test_no_message_is_confidently_flagged_against_its_labels():
    figures = eval_site_checks.eval_boards("boards_set1")
    assert figures["false_flags"] == 0
    assert figures["read"] >= 0.87
    assert figures["asked_accuracy"] >= 0.87
