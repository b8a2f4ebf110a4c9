"""Scenarios: one YAML file per site, validated by pydantic.

A bad file raises ScenarioError whose message names the file, the line and the field, e.g.
``scenarios/x.yaml:5: site.code: 网站标识码 must be 10 digits or bm + 8 digits (got '31011')``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from auditor import settings
from auditor.schemas import export_schema
from auditor.settings import ColumnClass

SITE_ID_PATTERN = r"^[a-z0-9-]+$"
SITE_CODE_PATTERN = re.compile(r"^(?:\d{10}|bm\d{8})$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ClickStep(_Strict):
    click: str = Field(description="CSS selector of the element to click (e.g. a tab)")


class WaitForStep(_Strict):
    wait_for: str = Field(description="CSS selector to wait for before reading")


class FrameStep(_Strict):
    frame: str = Field(description="CSS selector of an iframe; later steps and the list are read inside it")


class ScrollStep(_Strict):
    scroll: int | Literal["bottom"] = Field(description="pixels to scroll, or 'bottom' (lazy-loaded lists)")


class WaitStep(_Strict):
    wait_ms: int = Field(ge=0, le=30_000, description="fixed pause; prefer wait_for")


Step = ClickStep | WaitForStep | FrameStep | ScrollStep | WaitStep
STEP_ACTIONS = frozenset({"click", "wait_for", "frame", "scroll", "wait_ms"})


class ColumnOverride(_Strict):
    """Operator knowledge about one column; it wins over meta tags and the keyword map."""

    url: str | None = Field(None, description="list page URL (absolute, or relative to site.home)")
    name: str | None = Field(None, description="column name; matches a discovered column when url is absent")
    column_class: ColumnClass | None = Field(None, alias="class")
    level: int | None = Field(None, ge=1, le=6)
    page_kind: Literal["list", "hub", "content"] | None = Field(None, alias="kind")
    list_selector: str | None = None
    item_selector: str | None = None
    date_selector: str | None = None
    steps: tuple[Step, ...] = ()
    render: bool | None = Field(None, description="force (true) or forbid (false) browser rendering")
    skip: bool = False

    @field_validator("steps", mode="before")
    @classmethod
    def _step_actions(cls, value: Any) -> Any:
        # Steps are single-key mappings (pa11y-style actions): name the unknown action instead of letting
        # pydantic report every union member's missing field.
        for index, step in enumerate(value or ()):
            keys = set(step) if isinstance(step, dict) else set()
            if len(keys) != 1 or not keys <= STEP_ACTIONS:
                raise ValueError(
                    f"step {index + 1}: {sorted(keys) or step!r} is not one of {', '.join(sorted(STEP_ACTIONS))}"
                )
        return value

    @model_validator(mode="after")
    def _named(self) -> ColumnOverride:
        if not self.url and not self.name:
            raise ValueError("a column override needs url or name")
        return self


class Limits(_Strict):
    page_timeout_s: float = Field(settings.PAGE_TIMEOUT_S, gt=0, le=300)
    site_budget_s: float = Field(settings.SITE_BUDGET_S, gt=0)
    max_columns: int = Field(80, ge=1, le=1000)


class Site(_Strict):
    id: Annotated[str, Field(pattern=SITE_ID_PATTERN, max_length=64)]
    name: str = Field(min_length=1)
    code: str = Field(description="网站标识码: 10 digits, or bm + 8 digits for State Council departments")
    kind: Literal["portal", "department", "subsite", "credit"]
    home: str
    domain: str | None = Field(None, description="registered domain when served from a mirror or loopback")
    parent_domain: str | None = None
    scope: tuple[str, ...] = Field((), description="extra hosts whose pages belong to this site")
    columns: tuple[ColumnOverride, ...] = ()
    exclude: tuple[str, ...] = Field((), description="regular expressions; matching URLs are never columns")
    discover: bool = Field(default=True, description="discover columns from the home page (false: only `columns`)")
    limits: Limits = Limits()

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: Any) -> str:
        text = str(value)
        if not SITE_CODE_PATTERN.match(text):
            raise ValueError(f"网站标识码 must be 10 digits or bm + 8 digits (got {text!r}; quote it in YAML)")
        return text

    @field_validator("home")
    @classmethod
    def _home(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"home must be an http(s) URL (got {value!r})")
        return value

    @field_validator("exclude")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
        return value


class Scenario(_Strict):
    site: Site


class ScenarioError(Exception):
    """A scenario file that cannot be used; str() is one line: file:line: field: problem."""


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to the line it points at."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if match is None:
                break
            # A missing or bad value: point at its key's line, which is where an editor should look.
            key_node = next(k for k, v in node.value if v is match)
            line, node = key_node.start_mark.line + 1, match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif not (key[:1].isupper() or key.endswith("Step")):  # drop union-member tags pydantic adds
            parts.append(("." if parts else "") + key)
    return "".join(parts)


def parse_scenario(text: str, source: str = "<scenario>") -> Scenario:
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(f"{source}:{line}: YAML syntax: {problem}") from exc
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}:1: (root): a scenario is a mapping with a `site:` key")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        line = _line_of(root, loc) or 1
        message = first["msg"].removeprefix("Value error, ")
        raise ScenarioError(f"{source}:{line}: {_field_path(loc) or '(root)'}: {message}") from exc


def load_scenario(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}:1: (file): cannot read: {exc}") from exc
    return parse_scenario(text, str(path))


def collect_scenarios(paths: list[Path]) -> list[Path]:
    """Scenario files named directly or found (*.yaml, *.yml) in named folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"}))
        else:
            found.append(path)
    return found


def scenario_json_schema() -> dict[str, Any]:
    return export_schema(Scenario, "scenario", "auditor scenario")
