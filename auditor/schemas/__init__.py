"""Published JSON Schemas (scenario.schema.json, bundle.schema.json), exported from the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def export_schema(model: type[BaseModel], name: str, title: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://auditor.local/schemas/{name}.schema.json"
    schema["title"] = title
    return schema
