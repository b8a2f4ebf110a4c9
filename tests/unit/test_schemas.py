"""The committed JSON Schemas are exactly what the pydantic models export (regenerate with `auditor schema`)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from auditor.bundle.schema import bundle_json_schema
from auditor.scenario import scenario_json_schema

SCHEMAS = Path(__file__).resolve().parents[2] / "auditor" / "schemas"


@pytest.mark.parametrize(("name", "export"), [("scenario", scenario_json_schema), ("bundle", bundle_json_schema)])
def test_committed_schema_equals_export(name, export):
    committed = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert committed == export(), f"run: auditor schema {name} > auditor/schemas/{name}.schema.json"
    jsonschema.Draft202012Validator.check_schema(committed)


def test_scenario_schema_accepts_the_minimal_file():
    schema = json.loads((SCHEMAS / "scenario.schema.json").read_text(encoding="utf-8"))
    minimal = {
        "site": {
            "id": "qingxi",
            "name": "青溪区人民政府",
            "code": "3101140038",
            "kind": "portal",
            "home": "http://127.0.0.1:8000/portal/",
        }
    }
    jsonschema.validate(minimal, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"site": {**minimal["site"], "kind": "county"}}, schema)
