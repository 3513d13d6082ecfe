"""The JSON report file: content, atomic replacement, and failures."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.reports.json_report import (
    ReportPathError,
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


def test_keeps_control_characters_in_file_names_as_json_escapes() -> None:
    name = "subs/x\x1b[31mred\nline.json"
    report = Report(name, (), "9.9.9", "test-rules")

    data = encode_report(report)

    assert b"\\u001b[31mred\\nline" in data
    assert json.loads(data.decode("utf-8"))["submission_path"] == name


def report_of(submission: Path) -> Report:
    return Report(str(submission), REPORT.results, "9.9.9", "test-rules")


def tree(folder: Path) -> dict[str, str]:
    """Return every path below `folder` with its content or a link's target."""
    contents = {}
    for path in folder.rglob("*"):
        if path.is_symlink():
            contents[str(path)] = f"-> {path.readlink()}"
        elif path.is_file():
            contents[str(path)] = path.read_text(encoding="utf-8")
        else:
            contents[str(path)] = "folder"
    return contents


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


class TestPathsWithoutAFileName:
    def test_refuses_an_empty_path(self) -> None:
        with pytest.raises(FileNotFoundError) as caught:
            write_json_report(REPORT, "")

        assert caught.value.strerror == "the file name is empty"

    @pytest.mark.parametrize("path", [".", "..", "/"])
    def test_refuses_a_folder_named_by_dots_or_a_slash(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str
    ) -> None:
        work = tmp_path / "work"
        work.mkdir()
        monkeypatch.chdir(work)

        with pytest.raises(IsADirectoryError) as caught:
            write_json_report(REPORT, path)

        assert caught.value.strerror == "it is a folder, not a regular file"
        assert names(tmp_path) == ["work"]
        assert names(work) == []

    @pytest.mark.parametrize("missing", ["absent/", "absent/deeper/"])
    def test_refuses_a_missing_path_that_ends_with_a_separator(
        self, tmp_path: Path, missing: str
    ) -> None:
        with pytest.raises(IsADirectoryError, match="ends with a separator"):
            write_json_report(REPORT, f"{tmp_path}/{missing}")

        assert names(tmp_path) == []

    def test_refuses_a_regular_file_named_with_a_trailing_separator(
        self, tmp_path: Path
    ) -> None:
        target = tmp_path / "report.json"
        target.write_text("old", encoding="utf-8")

        with pytest.raises(IsADirectoryError, match="ends with a separator"):
            write_json_report(REPORT, f"{target}/")

        assert target.read_text(encoding="utf-8") == "old"


class TestFilesThatAreNotRegular:
    @needs_fifo
    def test_refuses_a_fifo_and_leaves_it_in_place(self, tmp_path: Path) -> None:
        target = tmp_path / "report.json"
        os.mkfifo(target)

        with pytest.raises(ReportPathError) as caught:
            write_json_report(REPORT, str(target))

        assert str(caught.value) == "it is a FIFO, not a regular file"
        assert caught.value.path == str(target)
        assert target.is_fifo()
        assert names(tmp_path) == ["report.json"]

    @pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
    def test_refuses_a_socket(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # A relative name keeps the socket's address under the length limit.
        monkeypatch.chdir(tmp_path)
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind("report.json")

            with pytest.raises(ReportPathError, match="it is a socket, not a regular"):
                write_json_report(REPORT, "report.json")

        assert (tmp_path / "report.json").is_socket()

    def test_names_a_device_as_such(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # A real device could be destroyed if the check failed, so fake its mode.
        target = tmp_path / "full"
        target.write_text("old", encoding="utf-8")
        real_stat = Path.stat

        def device_stat(path: Path, **options: bool) -> os.stat_result:
            result = real_stat(path, **options)
            if path != target:
                return result
            return os.stat_result((stat.S_IFCHR | 0o666, *result[1:]))

        monkeypatch.setattr(Path, "stat", device_stat)
        with pytest.raises(ReportPathError) as caught:
            write_json_report(REPORT, str(target))

        assert str(caught.value) == "it is a character device, not a regular file"
        assert target.read_text(encoding="utf-8") == "old"


class TestSymbolicLinks:
    def test_replaces_the_file_a_link_points_to_and_keeps_the_link(
        self, tmp_path: Path
    ) -> None:
        (tmp_path / "reports").mkdir()
        real = tmp_path / "reports" / "report.json"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "latest.json"
        link.symlink_to(Path("reports") / "report.json")

        write_json_report(REPORT, str(link))

        assert link.is_symlink()
        assert link.readlink() == Path("reports") / "report.json"
        assert real.read_text(encoding="utf-8") == REPORT.to_json()
        assert names(tmp_path / "reports") == ["report.json"]

    def test_creates_the_missing_target_of_a_dangling_link(
        self, tmp_path: Path
    ) -> None:
        link = tmp_path / "latest.json"
        link.symlink_to(tmp_path / "report.json")

        write_json_report(REPORT, str(link))

        assert link.is_symlink()
        assert (tmp_path / "report.json").read_text(encoding="utf-8") == (
            REPORT.to_json()
        )

    def test_fails_on_a_dangling_link_whose_folder_is_missing(
        self, tmp_path: Path
    ) -> None:
        link = tmp_path / "latest.json"
        link.symlink_to(tmp_path / "absent" / "report.json")

        with pytest.raises(FileNotFoundError):
            write_json_report(REPORT, str(link))

        assert names(tmp_path) == ["latest.json"]

    @needs_fifo
    def test_refuses_a_link_to_a_fifo(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        link = tmp_path / "report.json"
        link.symlink_to(fifo)

        with pytest.raises(ReportPathError, match="it is a FIFO"):
            write_json_report(REPORT, str(link))

        assert fifo.is_fifo()
        assert link.is_symlink()

    def test_fails_on_a_loop_of_links_and_writes_nothing(self, tmp_path: Path) -> None:
        (tmp_path / "a").symlink_to("b")
        (tmp_path / "b").symlink_to("a")

        with pytest.raises(OSError, match="symbolic links") as caught:
            write_json_report(REPORT, str(tmp_path / "a"))

        assert caught.value.errno == errno.ELOOP
        assert names(tmp_path) == ["a", "b"]


class TestTheCheckedSubmission:
    @pytest.fixture
    def submission(self, tmp_path: Path) -> Path:
        root = tmp_path / "submission"
        for folder in ("systems", "pareto/acme/llama", "src"):
            (root / folder).mkdir(parents=True)
        (root / "systems" / "acme.json").write_text("{}", encoding="utf-8")
        return root

    @pytest.mark.parametrize(
        ("relative", "folder"),
        [
            ("systems/acme.json", "systems"),
            ("systems/new.json", "systems"),
            ("pareto/acme/llama/report.json", "pareto"),
            ("src/report.json", "src"),
        ],
    )
    def test_refuses_a_file_in_the_folders_the_rules_read(
        self, submission: Path, relative: str, folder: str
    ) -> None:
        before = tree(submission)

        with pytest.raises(ReportPathError) as caught:
            write_json_report(report_of(submission), str(submission / relative))

        assert str(caught.value) == (
            f"it is inside the submission's {folder}/ folder; write the report"
            " outside systems/, pareto/ and src/"
        )
        assert tree(submission) == before

    def test_refuses_a_link_that_leads_into_the_submission(
        self, tmp_path: Path, submission: Path
    ) -> None:
        system = submission / "systems" / "acme.json"
        link = tmp_path / "report.json"
        link.symlink_to(system)

        with pytest.raises(ReportPathError, match="systems/ folder"):
            write_json_report(report_of(submission), str(link))

        assert system.read_text(encoding="utf-8") == "{}"
        assert link.is_symlink()

    def test_refuses_the_submission_named_through_a_link(
        self, tmp_path: Path, submission: Path
    ) -> None:
        alias = tmp_path / "alias"
        alias.symlink_to(submission)

        with pytest.raises(ReportPathError, match="pareto/ folder"):
            write_json_report(
                report_of(alias), str(submission / "pareto" / "report.json")
            )

        assert names(submission / "pareto") == ["acme"]

    def test_refuses_to_replace_a_file_given_as_the_submission(
        self, tmp_path: Path
    ) -> None:
        given = tmp_path / "submission.json"
        given.write_text("{}", encoding="utf-8")

        with pytest.raises(ReportPathError, match="the submission being checked"):
            write_json_report(report_of(given), str(given))

        assert given.read_text(encoding="utf-8") == "{}"

    def test_writes_at_the_submission_root(
        self, submission: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(submission)

        write_json_report(report_of(Path()), "report.json")

        document = json.loads((submission / "report.json").read_text(encoding="utf-8"))
        assert document["passed"] is False

    def test_writes_beside_a_folder_whose_name_only_starts_alike(
        self, submission: Path
    ) -> None:
        target = submission / "systems-report.json"

        write_json_report(report_of(submission), str(target))

        assert target.exists()
