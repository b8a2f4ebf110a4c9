"""Loading the eval report scripts of tests/eval/ (not a package) as modules, for the tests that hold their bars."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

EVAL_DIR = Path(__file__).resolve().parent / "eval"


def load_eval_script(name: str) -> ModuleType:
    """tests/eval/<name>.py as a module, the way `python tests/eval/<name>.py` would run it."""
    spec = importlib.util.spec_from_file_location(name, EVAL_DIR / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
