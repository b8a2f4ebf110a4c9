"""Reading bundles back, typed and validated: what every report and re-check reads (never raw dicts)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from auditor.model.artifacts import SiteArtifacts
from auditor.model.bundle import Bundle

from .layout import ARTIFACTS_FILE, BUNDLE_FILE
from .schema import schema_problem


class BundleError(ValueError):
    """A bundle folder that cannot be read as a bundle; one line naming the file."""


def _json(path: Path) -> object:
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise BundleError(f"{path}: missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"{path}: not a readable JSON file: {exc}") from exc


def load_bundle(bundle_dir: Path) -> Bundle:
    """The bundle of a site's folder (or a bundle.json path), checked against the published schema."""
    path = bundle_dir if bundle_dir.is_file() else bundle_dir / BUNDLE_FILE
    payload = _json(path)
    problem = schema_problem(payload)
    if problem is not None:
        raise BundleError(f"{path}: does not match bundle.schema.json at {problem}")
    try:
        return Bundle.model_validate(payload)
    except ValidationError as exc:
        raise BundleError(f"{path}: {exc.errors()[0]['msg']}") from exc


def load_artifacts(bundle_dir: Path) -> SiteArtifacts:
    path = bundle_dir / ARTIFACTS_FILE
    payload = _json(path)
    try:
        return SiteArtifacts.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BundleError(f"{path}: {where}: {first['msg']}") from exc
