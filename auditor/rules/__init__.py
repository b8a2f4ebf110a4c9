"""Indicator rules. Importing this package registers every rule module in REGISTRY."""

from auditor.rules import column_blank, column_stale, column_unreadable
from auditor.rules.base import REGISTRY, Rule, RuleContext, RuleMeta

__all__ = ["REGISTRY", "Rule", "RuleContext", "RuleMeta", "column_blank", "column_stale", "column_unreadable"]
