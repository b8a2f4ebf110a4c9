"""Computed artifacts (Lighthouse's core/computed/): facts derived from gathered artifacts, shared by rules.

A computed artifact is a pure function of (artifacts, T, indicator settings), registered under a name that rules
list in `RuleMeta.required_artifacts` next to gathered ones. The runner computes each at most once per judgement.
Computed artifacts are not indicators: they find no fault themselves.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditor.model.artifacts import SiteArtifacts
from auditor.settings import IndicatorSettings

Compute = Callable[[SiteArtifacts, date, IndicatorSettings], Any]


@dataclass(frozen=True, slots=True)
class ComputedArtifact:
    name: str
    requires: tuple[str, ...]  # gathered artifacts it is computed from
    compute: Compute


COMPUTED: dict[str, ComputedArtifact] = {}


def computed(name: str, *, requires: tuple[str, ...]) -> Callable[[Compute], Compute]:
    """Declare a computed artifact: `@computed("column_status", requires=("columns",))`."""

    def decorate(compute: Compute) -> Compute:
        if name in COMPUTED:
            raise ValueError(f"computed artifact {name!r} declared twice")
        COMPUTED[name] = ComputedArtifact(name, requires, compute)
        return compute

    return decorate


def _load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_load_all()
