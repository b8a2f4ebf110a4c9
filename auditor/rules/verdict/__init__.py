"""Site-level rules: one per module (a VerdictMeta and a select), folded into the verdict by auditor/verdict.py."""
