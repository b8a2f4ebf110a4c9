"""The published bundle schema (auditor/schemas/bundle.schema.json) and its validator."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from auditor.model.bundle import Bundle
from auditor.schemas import export_schema


def bundle_json_schema() -> dict[str, Any]:
    return export_schema(Bundle, "bundle", "auditor findings bundle")


@lru_cache(maxsize=1)
def bundle_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("auditor.schemas").joinpath("bundle.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_problem(payload: Any) -> str | None:
    """The first place where `payload` breaks the published schema, or None."""
    errors = sorted(bundle_validator().iter_errors(payload), key=lambda e: list(e.path))
    if not errors:
        return None
    first = errors[0]
    where = "/".join(str(part) for part in first.path) or "(top level)"
    return f"{where}: {first.message}"
