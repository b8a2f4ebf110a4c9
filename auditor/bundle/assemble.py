"""Assembling and writing a site's bundle: bundle.json, artifacts.json, manifest.json, swapped in whole."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from auditor import __version__
from auditor.judge import Judgement
from auditor.model.artifacts import SiteArtifacts
from auditor.model.bundle import Bundle, Finding, RunStats, SiteInfo
from auditor.rules import REGISTRY
from auditor.scenario import Site
from auditor.settings import IndicatorSettings
from auditor.store import FileBundleStore

from .layout import ARTIFACTS_FILE, BUNDLE_FILE
from .schema import schema_problem
from .units import assign_units


def settings_snapshot(settings: IndicatorSettings, judgement: Judgement) -> dict[str, Any]:
    """The thresholds a bundle was judged with, so a reader never has to guess them: the short view the first
    bundles had (windows, months_as, vetoes, rules) and the whole indicator table with every row's status."""
    context = judgement.context
    return {
        "windows": {c.value: (r.window.label_zh if r.window else None) for c, r in settings.classes.items()},
        "months_as": settings.months_as,
        "vetoes": {code: row.threshold for code, row in settings.verdict.items()},
        "rules": {
            code: {
                "indicator_zh": rule.meta.indicator_zh,
                "severity": rule.meta.severity,
                "reference": rule.meta.reference,
                "threshold": context.threshold(rule.meta),
                "status": row.status.value if (row := settings.rule_row(code)) else "rule default",
                "note": row.note if row else "the rule file's own default; no row in the indicator table",
            }
            for code, rule in REGISTRY.items()
            if code in judgement.rules
        },
        "table": settings.snapshot(),
    }


def build_bundle(
    site: Site,
    artifacts: SiteArtifacts,
    judgement: Judgement,
    findings: list[Finding],
    *,
    started_at: datetime,
    finished_at: datetime,
    as_of: date,
) -> Bundle:
    home = artifacts.home
    return Bundle(
        auditor_version=__version__,
        site=SiteInfo(
            id=site.id,
            name=site.name,
            code=site.code,
            kind=site.kind,
            home=site.home,
            category=site.bulletin_category,
        ),
        as_of=as_of,
        started_at=started_at,
        finished_at=finished_at,
        requested_url=site.home,
        final_url=home.final_url if home is not None else None,
        verdict=judgement.verdict,
        columns=list(judgement.columns),
        guides=list(judgement.guides),
        interpretations=list(judgement.interpretations),
        accounts=list(judgement.accounts),
        sample=artifacts.newmedia.sample if artifacts.newmedia is not None else None,
        accounts_rate=judgement.accounts_rate,
        findings=assign_units(site, findings, judgement.accounts),
        rules=judgement.rules,
        errors=artifacts.errors,
        warnings=artifacts.warnings,
        settings=settings_snapshot(judgement.context.settings, judgement),
        stats=RunStats(
            pages_rendered=artifacts.pages_rendered,
            pages_fetched=artifacts.pages_fetched,
            duration_s=round((finished_at - started_at).total_seconds(), 3),
        ),
    )


def write_bundle(store: FileBundleStore, bundle: Bundle, artifacts: SiteArtifacts) -> None:
    """Write the JSON files, check the bundle against the published schema, hash everything, swap in."""
    payload = bundle.model_dump(mode="json", by_alias=True)
    problem = schema_problem(payload)
    if problem is not None:
        raise ValueError(f"bundle does not match bundle.schema.json at {problem}")
    store.write_json(ARTIFACTS_FILE, artifacts.model_dump(mode="json"))
    store.write_json(BUNDLE_FILE, payload)
    store.write_manifest()
    store.commit()
