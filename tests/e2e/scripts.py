"""Locate and run the installed console scripts as a user would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def script(name: str) -> str:
    """Return the path of an installed console script.

    The scripts sit beside the interpreter that runs the tests (a virtual
    environment's `bin/`); PATH is the fallback.
    """
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        message = f"console script {name!r} is not installed; run pip install -e ."
        raise FileNotFoundError(message)
    return found


def run_script(name: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run an installed console script and capture its output as text."""
    return subprocess.run(
        [script(name), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        **kwargs,
    )
