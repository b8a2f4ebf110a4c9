"""责任单位: which unit each finding goes to, so that a notice can name who must rectify it.

A website's units come from the scenario (`site.units`): the longest URL prefix matching the finding's page,
else an exact column name. A new-media group's findings are about accounts, and an account's unit is its
开设主体 (owner), whatever the scenario says.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urljoin

from auditor.model.bundle import AccountResult, Finding
from auditor.scenario import Site, Unit, prefix_key


def unit_for(url: str, column: str | None, prefixes: Sequence[tuple[str, str]], columns: dict[str, str]) -> str | None:
    """The unit of a page: the longest of `prefixes` ((key, unit) pairs, keys as prefix_key writes them) that
    starts `url`, else the unit of `column` by exact name, else None."""
    key = prefix_key(url)
    best: tuple[int, str] | None = None
    for prefix, unit in prefixes:
        if key.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), unit)
    if best is not None:
        return best[1]
    return columns.get(column) if column is not None else None


def unit_prefixes(units: Sequence[Unit], home: str) -> list[tuple[str, str]]:
    """Every unit prefix as (prefix_key, unit name); paths are on `home`'s host."""
    return [(prefix_key(urljoin(home, prefix)), unit.name) for unit in units for prefix in unit.prefixes]


def assign_units(site: Site, findings: Sequence[Finding], accounts: Sequence[AccountResult] = ()) -> list[Finding]:
    """`findings` with `unit` set: an account's owner for the findings of its account (new media), else by the
    scenario's units; None when neither names one."""
    owners = {account.finding: account.owner for account in accounts if account.finding and account.owner.strip()}
    prefixes = unit_prefixes(site.units, site.home)
    columns = {column: unit.name for unit in site.units for column in unit.columns}
    assigned = []
    for finding in findings:
        unit = owners.get(finding.id) or unit_for(finding.target.url, finding.target.column, prefixes, columns)
        assigned.append(finding.model_copy(update={"unit": unit}))
    return assigned
