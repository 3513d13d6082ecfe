"""The installed scripts when stdout or stderr is closed, full or read no more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INVALID = str(EXAMPLES / "invalid_submission")
VALID = str(EXAMPLES / "valid_submission")
FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(
    not FULL.exists(), reason="needs /dev/full, a device that is always full"
)

COMMANDS = {
    "check": ["submission-checker", "check", "-q", INVALID],
    "regions": ["submission-checker", "regions", "-M", "100"],
    "runs": [
        "endpoints-submission-cli",
        "runs",
        "create",
        "--path",
        str(EXAMPLES / "run_folder"),
        "--dry-run",
    ],
}
# A command whose stdout fails exits 2, but the runs commands, whose every
# failure is 1.
OUTPUT_FAILED = {"check": 2, "regions": 2, "runs": 1}


def run(
    argv: list[str], environment: dict[str, str] | None = None, **streams: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(BIN / argv[0]), *argv[1:]],
        env={**os.environ, "NO_COLOR": "1", **(environment or {})},
        timeout=60,
        check=False,
        **streams,
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_a_closed_stdout_is_one_error_line_and_no_traceback(name: str) -> None:
    command = [str(BIN / COMMANDS[name][0]), *COMMANDS[name][1:]]
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_STDOUT, *command],
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )

    assert result.returncode == OUTPUT_FAILED[name]
    assert result.stderr.decode() == (
        "error: cannot write to standard output: it is closed\n"
    )


# Runs argv[1:] with descriptor 1 closed and exits with its code.
CLOSE_STDOUT = """
import os, subprocess, sys
os.close(1)
sys.exit(subprocess.call(sys.argv[1:]))
"""


@needs_dev_full
@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_stdout_is_one_error_line_and_no_traceback(name: str) -> None:
    with FULL.open("wb") as full:
        result = run(COMMANDS[name], stdout=full, stderr=subprocess.PIPE)

    assert result.returncode == OUTPUT_FAILED[name]
    assert result.stderr.decode() == (
        "error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize(
    ("submission", "code"), [(INVALID, 1), (VALID, 0)], ids=["fails", "passes"]
)
def test_a_reader_that_goes_away_keeps_the_verdict_of_the_check(
    submission: str, code: int
) -> None:
    process = subprocess.Popen(
        [str(BIN / "submission-checker"), "check", submission],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # Like `| head -c 0`: the reader leaves before anything is written.
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()

    assert process.wait(timeout=60) == code
    assert stderr == b""


@needs_dev_full
def test_a_full_stderr_keeps_the_exit_code_of_the_error(tmp_path: Path) -> None:
    unwritable = str(tmp_path / "absent" / "report.json")
    with FULL.open("wb") as full:
        result = run(
            ["submission-checker", "check", "-q", VALID, "-o", unwritable],
            stdout=subprocess.DEVNULL,
            stderr=full,
        )

    assert result.returncode == 2


def test_a_closed_stderr_keeps_the_exit_code_of_the_error(tmp_path: Path) -> None:
    unwritable = str(tmp_path / "absent" / "report.json")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CLOSE_STDERR,
            str(BIN / "submission-checker"),
            "check",
            "-q",
            VALID,
            "-o",
            unwritable,
        ],
        stdout=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2


# Runs argv[1:] with descriptor 2 closed and exits with its code.
CLOSE_STDERR = CLOSE_STDOUT.replace("os.close(1)", "os.close(2)")


def test_regions_on_an_ascii_terminal_escapes_what_it_cannot_show() -> None:
    result = run(
        ["submission-checker", "regions", "-M", "33"],
        {"PYTHONIOENCODING": "ascii"},
        capture_output=True,
    )

    assert result.returncode == 0, result.stderr
    assert b"\\u2014" in result.stdout
    assert result.stderr == b""
