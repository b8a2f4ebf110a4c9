"""Assembling and writing a site's bundle: bundle.json, artifacts.json, evidence, manifest.json."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from auditor import __version__
from auditor.artifacts import SiteArtifacts
from auditor.bundle.evidence import attach_evidence
from auditor.bundle.models import Bundle, RunStats, SiteInfo
from auditor.bundle.store import FileBundleStore
from auditor.judge import judge
from auditor.rules import REGISTRY
from auditor.scenario import Site
from auditor.settings import CLASS_RULES, MONTHS_AS, VETO_BLANK, VETO_NEWS_NOTICE, VETO_SHOULD_UPDATE

BUNDLE_FILE = "bundle.json"
ARTIFACTS_FILE = "artifacts.json"


def settings_snapshot() -> dict[str, Any]:
    """The thresholds a bundle was judged with, so a reader never has to guess them."""
    return {
        "windows": {c.value: (r.window.label_zh if r.window else None) for c, r in CLASS_RULES.items()},
        "months_as": MONTHS_AS,
        "vetoes": {v.code: v.threshold for v in (VETO_NEWS_NOTICE, VETO_SHOULD_UPDATE, VETO_BLANK)},
        "rules": {
            code: {
                "indicator_zh": r.meta.indicator_zh,
                "severity": r.meta.severity,
                "reference": r.meta.reference,
            }
            for code, r in REGISTRY.items()
        },
    }


def build_bundle(
    site: Site,
    artifacts: SiteArtifacts,
    store: FileBundleStore,
    *,
    started_at: datetime,
    finished_at: datetime,
    as_of: date | None = None,
    evidence: bool = True,
) -> Bundle:
    judgement = judge(artifacts, as_of)
    findings = (
        attach_evidence(judgement.findings, artifacts, store, site_name=site.name) if evidence else judgement.findings
    )
    home = artifacts.home
    return Bundle(
        auditor_version=__version__,
        site=SiteInfo(id=site.id, name=site.name, code=site.code, kind=site.kind, home=site.home),
        as_of=as_of or artifacts.as_of,
        started_at=started_at,
        finished_at=finished_at,
        requested_url=site.home,
        final_url=home.final_url if home is not None else None,
        verdict=judgement.verdict,
        columns=list(judgement.columns),
        findings=findings,
        errors=artifacts.errors,
        warnings=artifacts.warnings,
        settings=settings_snapshot(),
        stats=RunStats(
            pages_rendered=artifacts.pages_rendered,
            pages_fetched=artifacts.pages_fetched,
            duration_s=round((finished_at - started_at).total_seconds(), 3),
        ),
    )


@lru_cache(maxsize=1)
def bundle_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("auditor.schemas").joinpath("bundle.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def write_bundle(store: FileBundleStore, bundle: Bundle, artifacts: SiteArtifacts) -> None:
    """Write the JSON files, check the bundle against the published schema, hash everything, swap in."""
    payload = bundle.model_dump(mode="json", by_alias=True)
    errors = sorted(bundle_validator().iter_errors(payload), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        raise ValueError(f"bundle does not match bundle.schema.json at {list(first.path)}: {first.message}")
    store.write_json(ARTIFACTS_FILE, artifacts.model_dump(mode="json"))
    store.write_json(BUNDLE_FILE, payload)
    store.write_manifest()
    store.commit()
