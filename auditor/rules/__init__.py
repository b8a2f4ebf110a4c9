"""Indicator rules, one per module. Importing this package registers every module in it and in verdict/.

A new indicator is a new module here (its RuleMeta and @register) plus, where its threshold is data, a row in
auditor/settings/indicators.toml; nothing else has to name it.
"""

from __future__ import annotations

import importlib
import pkgutil

from auditor.rules.base import (
    REGISTRY,
    VERDICT_REGISTRY,
    Rule,
    RuleContext,
    RuleMeta,
    RuleResult,
    VerdictMeta,
    VerdictRule,
    make_finding,
    register,
    register_verdict,
    rule_in_scope,
    unregister,
)


def _load_all() -> None:
    for module in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        if module.name != f"{__name__}.base":
            importlib.import_module(module.name)


_load_all()

__all__ = [
    "REGISTRY",
    "VERDICT_REGISTRY",
    "Rule",
    "RuleContext",
    "RuleMeta",
    "RuleResult",
    "VerdictMeta",
    "VerdictRule",
    "make_finding",
    "register",
    "register_verdict",
    "rule_in_scope",
    "unregister",
]
