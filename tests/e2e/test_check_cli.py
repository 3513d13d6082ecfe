"""The installed `submission-checker check`, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "submission-checker"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VALID = EXAMPLES / "valid_submission"
INVALID = EXAMPLES / "invalid_submission"
# The rules the invalid example's README says fail, errors and warnings.
INVALID_ERRORS = {
    "system-description-valid",
    "src-dir",
    "pareto-dir-exists",
    "load-pattern",
    "streaming-config",
    "config-consistency-dataset",
    "metric-consistency-accounting",
    "result-detail-present",
    "min-query-count",
    "point-count",
    "high-throughput-coverage",
    "accuracy-gate",
}
INVALID_WARNINGS = {"config-consistency-model", "region-declared", "point-duration"}


def check(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [str(SCRIPT), "check", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=environment,
        check=False,
        timeout=60,
    )


def test_the_valid_example_passes(tmp_path: Path) -> None:
    result = check(str(VALID), cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "PASSED — 0 error(s), 0 warning(s)"
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == []


def test_the_valid_example_passes_strictly(tmp_path: Path) -> None:
    result = check("--strict", "--quiet", str(VALID), cwd=tmp_path)

    assert result.returncode == 0
    assert "info" not in result.stdout.lower()


def test_the_invalid_example_fails_the_rules_its_readme_lists(
    tmp_path: Path,
) -> None:
    result = check("--output", "report.json", str(INVALID), cwd=tmp_path)

    document = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith("FAILED — ")
    assert {e["rule"] for e in document["errors"]} == INVALID_ERRORS
    assert {w["rule"] for w in document["warnings"]} == INVALID_WARNINGS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_the_output_file_holds_the_report_of_a_passing_run(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()

    result = check("-q", "-o", str(target), str(VALID), cwd=tmp_path)

    document = json.loads(target.read_text(encoding="utf-8"))
    assert result.returncode == 0
    assert document["passed"] is True
    assert document["results"]
    assert document["submission_path"] == str(VALID)


def test_an_unwritable_output_file_exits_2_after_the_report(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"

    result = check("-o", str(target), str(VALID), cwd=tmp_path)

    assert result.returncode == 2
    assert result.stdout.splitlines()[-1].startswith("PASSED")
    assert result.stderr.startswith(
        f"error: cannot write the JSON report to '{target}'"
    )
    assert "Traceback" not in result.stderr


def test_strict_fails_the_warnings_of_the_invalid_example(tmp_path: Path) -> None:
    result = check("--strict", str(INVALID), cwd=tmp_path)

    assert result.returncode == 1


def test_a_missing_path_fails_without_a_traceback(tmp_path: Path) -> None:
    result = check("does-not-exist", cwd=tmp_path)

    assert result.returncode == 1
    assert "path-exists" in result.stdout
    assert "does-not-exist" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_instead_of_a_folder_fails(tmp_path: Path) -> None:
    plain = tmp_path / "submission.tar.gz"
    plain.write_bytes(b"\x1f\x8b\x08\x00")

    result = check(str(plain), cwd=tmp_path)

    assert result.returncode == 1
    assert "required-dir" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("argv", [(), ("--strict",)])
def test_a_missing_argument_is_a_usage_error(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    result = check(*argv, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.startswith("error: ")


def test_a_relative_path_stays_relative_in_the_report(tmp_path: Path) -> None:
    result = check("-o", str(tmp_path / "r.json"), "valid_submission", cwd=EXAMPLES)

    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result.returncode == 0
    assert document["submission_path"] == "valid_submission"
    assert all(r["path"].startswith("valid_submission") for r in document["results"])
