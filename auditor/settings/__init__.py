"""The indicator table (indicators.toml) loaded into one frozen object, overridable per run.

`load_indicators()` reads the bundled table; `load_indicators(override)` lays a file of the same shape over it
(`auditor run --settings FILE`: a province's own windows, a corrected threshold), key by key. Rules receive the
object in their context and the whole of it, with each row's status, goes into every bundle. Runtime knobs
(timeouts, concurrency, image sizes) are in `auditor.settings.runtime`, not here: they change how a site is read,
never what a finding means.
"""

from __future__ import annotations

import tomllib
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor.model.indicators import (
    ColumnClass,
    ColumnClassRule,
    RuleRow,
    ScoreRow,
    Status,
    ValueRow,
    VerdictRow,
)

BUNDLED = "indicators.toml"


class SettingsError(ValueError):
    """A settings file that cannot be read or does not have the table's shape; one line, names the file."""


class IndicatorSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: tuple[str, ...] = Field(description="files the table was read from, bundled table first")
    classes: dict[ColumnClass, ColumnClassRule]
    verdict: dict[str, VerdictRow]
    values: dict[str, ValueRow]
    rules: dict[str, RuleRow] = Field(default_factory=dict)
    score: dict[str, ScoreRow] = Field(default_factory=dict)

    # -- typed access to the values the core reads ------------------------------------------------------
    def value(self, name: str) -> Any:
        return self.values[name].value

    @property
    def warning_days(self) -> int:
        return int(self.value("warning_days"))

    @property
    def months_as(self) -> Literal["calendar", "days"]:
        value = self.value("months_as")
        if value not in ("calendar", "days"):
            raise SettingsError(f"values.months_as: expected 'calendar' or 'days', got {value!r}")
        return value

    @property
    def blank_feeds_should_update(self) -> bool:
        return bool(self.value("blank_feeds_should_update"))

    @property
    def blank_placeholder_pattern(self) -> str:
        return str(self.value("blank_placeholder_pattern"))

    @property
    def content_page_names(self) -> tuple[str, ...]:
        return tuple(self.value("content_page_names"))

    @property
    def non_column_link_texts(self) -> tuple[str, ...]:
        return tuple(self.value("non_column_link_texts"))

    @property
    def detail_pages_per_undated_list(self) -> int:
        return int(self.value("detail_pages_per_undated_list"))

    @cached_property
    def column_type_codes(self) -> dict[str, ColumnClass]:
        return {code.lower(): ColumnClass(name) for code, name in self.value("column_type_codes").items()}

    def class_rule(self, column_class: ColumnClass) -> ColumnClassRule:
        return self.classes[column_class]

    def rule_row(self, code: str) -> RuleRow | None:
        return self.rules.get(code)

    def snapshot(self) -> dict[str, Any]:
        """The whole table as the bundle records it: values, statuses, notes and the files it came from."""
        return self.model_dump(mode="json")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Lay `override` over `base`: tables merge key by key, any other value replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path | str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not a valid TOML file: {exc}") from exc


def _bundled_table() -> dict[str, Any]:
    text = resources.files("auditor.settings").joinpath(BUNDLED).read_text("utf-8")
    return _read_toml(BUNDLED, text)


def load_indicators(override: Path | None = None) -> IndicatorSettings:
    """The bundled table, with `override` (a TOML file of the same shape) laid over it."""
    if override is None:
        return default_indicators()
    try:
        text = override.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{override}: cannot read settings file: {exc}") from exc
    table = _merge(_bundled_table(), _read_toml(override, text))
    return _validate(table, (BUNDLED, str(override)))


def _validate(table: dict[str, Any], sources: tuple[str, ...]) -> IndicatorSettings:
    try:
        settings = IndicatorSettings.model_validate({**table, "sources": sources})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SettingsError(f"{sources[-1]}: {where}: {first['msg']}") from exc
    missing = [c.value for c in ColumnClass if c not in settings.classes]
    if missing:
        raise SettingsError(f"{sources[-1]}: classes: no row for {', '.join(missing)}")
    weights = sum(row.weight for row in settings.score.values())
    if settings.score and abs(weights - 100) > 1e-6:
        raise SettingsError(f"{sources[-1]}: score: the indicators' weights add up to {weights:g}, not 100")
    try:
        _ = settings.months_as, settings.warning_days, settings.column_type_codes
    except (SettingsError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise SettingsError(f"{sources[-1]}: values: {exc}") from exc
    return settings


@lru_cache(maxsize=1)
def default_indicators() -> IndicatorSettings:
    return _validate(_bundled_table(), (BUNDLED,))


__all__ = [
    "ColumnClass",
    "IndicatorSettings",
    "SettingsError",
    "Status",
    "default_indicators",
    "load_indicators",
]
