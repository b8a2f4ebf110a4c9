"""Evidence for findings: any element a rule points at, outlined and cropped on its page's saved screenshot."""

from auditor.evidence.attach import attach_evidence, pages_by_id

__all__ = ["attach_evidence", "pages_by_id"]
