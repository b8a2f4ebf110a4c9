"""What to render and what to keep a screenshot of: a policy passed into gathering, which imports no rule.

Gathering reads each column page over HTTP first. Whether that cheap read is enough, and whether a rendered page
is kept with a screenshot, are questions about the findings the page may carry — the judging side's business.
So gathering asks a `ReadPolicy` and never imports a rule: the pipeline passes one that judges the page at the
run's T (`auditor.pipeline.JudgedReadPolicy`); `KeepEverythingPolicy` needs no T at all: it renders every
column page and keeps every screenshot, so a saved run can be judged again at any other T with evidence for every
finding (`auditor run --keep-screenshots`).
"""

from __future__ import annotations

from typing import Protocol

from auditor.model.artifacts import ColumnFacts


class ReadPolicy(Protocol):
    def static_read_suffices(self, column: ColumnFacts) -> bool:
        """The column as read over HTTP (`column.page`) needs no browser: it can only be a clean pass."""
        ...

    def keep_screenshot(self, column: ColumnFacts) -> bool:
        """The column's page (or, when its list page failed, its home block) may back a finding."""
        ...


class KeepEverythingPolicy:
    """No T, no rules: every column page is rendered and kept with its screenshot."""

    def static_read_suffices(self, _column: ColumnFacts) -> bool:
        return False

    def keep_screenshot(self, _column: ColumnFacts) -> bool:
        return True
