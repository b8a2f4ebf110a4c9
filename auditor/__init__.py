"""auditor: audits Chinese government websites against 国办秘函〔2019〕19号 with a real browser."""

__version__ = "0.1.0"
