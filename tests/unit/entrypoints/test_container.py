"""The container loads only what the command it serves uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def modules_after(module: str, argv: list[str]) -> set[str]:
    """Run one command's main in a fresh interpreter; return what it imported."""
    probe = (
        "import contextlib, io, sys\n"
        f"from endpoints_submission_cli.entrypoints.{module} import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({argv!r})\n"
        "sys.stderr.write(' '.join(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stderr.split())


@pytest.mark.parametrize("quiet", [[], ["-q"]])
def test_check_never_loads_the_http_client(quiet: list[str]) -> None:
    loaded = modules_after(
        "checker_cli", ["check", str(EXAMPLES / "valid_submission"), *quiet]
    )

    assert "endpoints_submission_cli.domain.rules" in loaded
    assert not {"httpx", "cattrs", "endpoints_submission_cli.adapters.prism"} & loaded


def test_runs_never_load_the_rules() -> None:
    loaded = modules_after(
        "prism_cli",
        ["runs", "create", "--path", str(EXAMPLES / "run_folder"), "--dry-run"],
    )

    assert "endpoints_submission_cli.adapters.filesystem.run_folder" in loaded
    assert "endpoints_submission_cli.domain.rules" not in loaded
