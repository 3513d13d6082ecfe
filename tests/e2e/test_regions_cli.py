"""The installed `submission-checker regions`, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from endpoints_submission_cli import __version__
from tests.e2e.scripts import run_script


def test_prints_the_regions_table() -> None:
    result = run_script("submission-checker", "regions", "--max-concurrency", "1024")

    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Regions for maximum supported concurrency M = 1024"
    assert lines[-1].split()[-4:] == ["132", "1127", "1200", "s"]


def test_prints_the_regions_as_json() -> None:
    result = run_script("submission-checker", "regions", "-M", "100", "--json")

    assert result.returncode == 0
    regions = json.loads(result.stdout)["regions"]
    assert [(r["start"], r["end"]) for r in regions] == [
        (1, 32),
        (33, 36),
        (37, 49),
        (50, 110),
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-M", "32"], "greater than 32, got 32"),
        (["-M", "-1"], "greater than 32, got -1"),
        (["-M", "1e3"], "must be an integer, got '1e3'"),
        ([], "required: -M"),
    ],
)
def test_rejects_bad_input_with_one_error_line(args, expected) -> None:
    result = run_script("submission-checker", "regions", *args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_prints_the_version() -> None:
    result = run_script("submission-checker", "--version")

    assert result.returncode == 0
    assert result.stdout.strip() == f"submission-checker {__version__}"


def test_help_lists_the_commands() -> None:
    result = run_script("submission-checker", "--help")

    assert result.returncode == 0
    assert "regions" in result.stdout


def test_runs_as_a_python_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "submission_checker", "regions", "-M", "64"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0
    assert "43" in result.stdout.split()


def test_help_imports_nothing_a_command_needs() -> None:
    """`--help` stays fast: no container, no parsers, no HTTP client."""
    probe = (
        "import sys\n"
        "from endpoints_submission_cli.entrypoints.checker_cli import main\n"
        "main(['--help'])\n"
        "heavy = {'dependency_injector', 'yaml', 'msgspec', 'httpx', 'cattrs',"
        " 'asyncio'}\n"
        "sys.stderr.write(' '.join(sorted(heavy & set(sys.modules))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0
    assert result.stderr == ""
