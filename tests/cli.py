"""Running the real `auditor` command line from tests, as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys


def run_auditor(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
