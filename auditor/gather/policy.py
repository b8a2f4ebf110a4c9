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

from auditor.model.artifacts import AccountFacts, ColumnFacts, GuideFacts, InterpretationFacts, PolicyFacts


class ReadPolicy(Protocol):
    def static_read_suffices(self, column: ColumnFacts) -> bool:
        """The column as read over HTTP (`column.page`) needs no browser: it can only be a clean pass."""
        ...

    def keep_screenshot(self, column: ColumnFacts) -> bool:
        """The column's page (or, when its list page failed, its home block) may back a finding."""
        ...

    def guide_settled(self, guide: GuideFacts) -> bool:
        """The guide as read over HTTP is a clean pass: no browser (tabs, script-filled panels) can change that."""
        ...

    def keep_guide_screenshot(self, guide: GuideFacts) -> bool:
        """The guide (read in the browser) may back a finding or a review."""
        ...

    def interpretation_settled(self, interpretation: InterpretationFacts) -> bool:
        """The interpretation as read so far reaches its document: nothing more to follow or render."""
        ...

    def keep_interpretation_screenshot(self, interpretation: InterpretationFacts) -> bool:
        """The interpretation (read in the browser) may back a finding."""
        ...

    def links_back(self, policy: PolicyFacts, interpretation_urls: set[str], list_urls: set[str]) -> bool:
        """The policy page links back to one of its interpretations (a link to a list page does not count)."""
        ...

    def keep_account_screenshot(self, account: AccountFacts) -> bool:
        """The new-media account's page (as read) may back a finding or a review: it is not plainly fresh."""
        ...


class KeepEverythingPolicy:
    """No T, no rules: every column page is rendered and kept with its screenshot."""

    def static_read_suffices(self, _column: ColumnFacts) -> bool:
        return False

    def keep_screenshot(self, _column: ColumnFacts) -> bool:
        return True

    def guide_settled(self, _guide: GuideFacts) -> bool:
        return False

    def keep_guide_screenshot(self, _guide: GuideFacts) -> bool:
        return True

    def interpretation_settled(self, _interpretation: InterpretationFacts) -> bool:
        return False

    def keep_interpretation_screenshot(self, _interpretation: InterpretationFacts) -> bool:
        return True

    def links_back(self, _policy: PolicyFacts, _interpretation_urls: set[str], _list_urls: set[str]) -> bool:
        return False  # rendered and kept whatever it shows

    def keep_account_screenshot(self, _account: AccountFacts) -> bool:
        return True
