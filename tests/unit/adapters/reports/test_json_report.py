"""The JSON report file: content, atomic replacement, and failures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.reports.json_report import (
    encode_report,
    write_json_report,
)
from endpoints_submission_cli.domain.findings import Finding, Report, Severity
from tests.support.reports import REPORT_KEYS

REPORT = Report(
    submission_path="subs/acme",
    results=(
        Finding("path-exists", "subs/acme exists", Severity.INFO, "subs/acme", "#1"),
        Finding("point-count", "only 3 ≥ 7? no", Severity.ERROR, None, "#2, #8"),
    ),
    checker_version="9.9.9",
    rules="test-rules",
)


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_writes_the_reports_json_form(tmp_path: Path) -> None:
    target = tmp_path / "report.json"

    write_json_report(REPORT, str(target))

    assert target.read_text(encoding="utf-8") == REPORT.to_json()
    assert list(json.loads(target.read_text(encoding="utf-8"))) == REPORT_KEYS


def test_writes_non_ascii_characters_raw(tmp_path: Path) -> None:
    target = tmp_path / "report.json"

    write_json_report(REPORT, str(target))

    assert "≥" in target.read_text(encoding="utf-8")


def test_replaces_an_existing_file_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    write_json_report(REPORT, str(target))

    assert json.loads(target.read_text(encoding="utf-8"))["rules"] == "test-rules"
    assert names(tmp_path) == ["report.json"]


def test_creates_the_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    mask = os.umask(0o022)
    try:
        write_json_report(REPORT, str(target))
    finally:
        os.umask(mask)

    assert target.stat().st_mode & 0o777 == 0o644


def test_fails_on_a_missing_folder_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_json_report(REPORT, str(tmp_path / "absent" / "report.json"))

    assert names(tmp_path) == []


def test_fails_on_a_folder_and_leaves_it_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.mkdir()

    with pytest.raises(IsADirectoryError):
        write_json_report(REPORT, str(target))

    assert names(tmp_path) == ["report.json"]
    assert target.is_dir()


def test_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def no_space(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space left"):
        write_json_report(REPORT, str(target))

    assert target.read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == ["report.json"]


def test_escapes_file_names_that_are_not_utf8() -> None:
    name = os.fsdecode(b"subs/\xff")
    report = Report(name, (), "9.9.9", "test-rules")

    data = encode_report(report)

    assert json.loads(data.decode("utf-8"))["submission_path"] == name
