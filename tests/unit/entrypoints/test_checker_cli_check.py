"""`submission-checker check` through main(argv): output, options, exit codes."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from endpoints_submission_cli import __version__
from endpoints_submission_cli.entrypoints.checker_cli import main
from tests.support.reports import REPORT_KEYS
from tests.support.submissions import (
    Submission,
    build_submission,
    detail_file,
    system_file,
)


@pytest.fixture
def submission(tmp_path: Path) -> Submission:
    return build_submission(tmp_path / "submission")


@pytest.fixture
def warned(submission: Submission) -> Submission:
    """A submission whose only problem is a warning."""
    submission.update_json(system_file(), benchmark_model="llama3.1-70b")
    return submission


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestExitCodes:
    def test_passes_a_valid_submission(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        code, out, err = run(capsys, str(submission.root))

        assert code == 0
        assert out.splitlines()[-1] == "PASSED — 0 error(s), 0 warning(s)"
        assert err == ""

    def test_fails_a_submission_with_an_error(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        submission.delete(detail_file(16))

        code, out, _ = run(capsys, str(submission.root))

        assert code == 1
        assert out.splitlines()[-1] == "FAILED — 1 error(s), 0 warning(s)"
        assert "result-detail-present" in out

    def test_reports_a_missing_path_as_a_finding(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        missing = tmp_path / "absent"

        code, out, err = run(capsys, str(missing))

        assert code == 1
        assert "path-exists" in out
        assert str(missing) in out
        assert "Traceback" not in out + err

    def test_fails_a_file_given_instead_of_a_folder(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        plain = tmp_path / "submission.json"
        plain.write_text("{}", encoding="utf-8")

        code, out, _ = run(capsys, str(plain))

        assert code == 1
        assert "required-dir" in out

    def test_passes_warnings_unless_strict(
        self, capsys: pytest.CaptureFixture[str], warned: Submission
    ) -> None:
        code, out, _ = run(capsys, str(warned.root))

        assert code == 0
        assert out.splitlines()[-1] == "PASSED — 0 error(s), 1 warning(s)"

    def test_strict_fails_on_warnings(
        self, capsys: pytest.CaptureFixture[str], warned: Submission
    ) -> None:
        code, out, _ = run(capsys, "--strict", str(warned.root))

        assert code == 1
        assert out.splitlines()[-1] == "FAILED — 0 error(s), 1 warning(s)"

    def test_strict_passes_a_clean_submission(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        code, _, _ = run(capsys, "--strict", str(submission.root))

        assert code == 0

    @pytest.mark.parametrize(
        "argv", [(), ("a", "b"), ("--no-such-option", "x"), ("--output",)]
    )
    def test_usage_errors_exit_2(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        code, out, err = run(capsys, *argv)

        assert code == 2
        assert out == ""
        assert err.startswith("error: ")


class TestTerminalReport:
    def test_names_the_checked_path_first(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        _, out, _ = run(capsys, str(submission.root))

        assert out.splitlines()[0] == f"Submission check — {submission.root}"

    def test_groups_findings_by_system_and_model(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        _, out, _ = run(capsys, str(submission.root))

        lines = out.splitlines()
        assert "Submission" in lines
        assert "System acme-h200-trt" in lines
        assert "System acme-h200-trt, model llama3.1-8b" in lines
        assert lines.index("System acme-h200-trt") < lines.index(
            "System acme-h200-trt, model llama3.1-8b"
        )

    def test_shows_paths_relative_to_the_checked_folder(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        submission.delete(detail_file(16))

        _, out, _ = run(capsys, str(submission.root))

        (head,) = [line for line in out.splitlines() if "result-detail-pres" in line]
        assert head == f"  error   result-detail-present [#1] {detail_file(16)}"

    def test_adds_a_fix_hint_to_each_error(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        submission.delete(detail_file(16))

        _, out, _ = run(capsys, "--quiet", str(submission.root))

        lines = out.splitlines()
        head = next(
            i for i, line in enumerate(lines) if "result-detail-present" in line
        )
        assert lines[head + 2].strip().startswith("fix: ")

    def test_quiet_hides_the_checks_that_passed(
        self, capsys: pytest.CaptureFixture[str], warned: Submission
    ) -> None:
        _, loud, _ = run(capsys, str(warned.root))
        _, quiet, _ = run(capsys, "--quiet", str(warned.root))

        assert "info" in loud
        assert "info" not in quiet.lower()
        assert "config-consistency-model" in quiet

    def test_quiet_on_a_missing_path_has_no_info(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, out, _ = run(capsys, "-q", str(tmp_path / "absent"))

        assert code == 1
        assert "info" not in out.lower()

    def test_writes_no_colour_codes_when_not_on_a_terminal(
        self, capsys: pytest.CaptureFixture[str], submission: Submission
    ) -> None:
        _, out, _ = run(capsys, str(submission.root))

        assert "\x1b[" not in out


class TestOutputFile:
    def test_writes_every_finding_even_when_quiet(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        target = tmp_path / "report.json"

        code, _, _ = run(capsys, "-q", "-o", str(target), str(submission.root))

        document = json.loads(target.read_text(encoding="utf-8"))
        assert code == 0
        assert list(document) == REPORT_KEYS
        assert document["passed"] is True
        assert document["submission_path"] == str(submission.root)
        assert document["checker_version"] == __version__
        assert document["rules"] == "mlperf-endpoints-seed"
        assert {r["severity"] for r in document["results"]} == {"info"}

    def test_writes_the_failures_of_a_failing_submission(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        submission.delete(detail_file(16))
        target = tmp_path / "report.json"

        code, _, _ = run(capsys, "--output", str(target), str(submission.root))

        document = json.loads(target.read_text(encoding="utf-8"))
        assert code == 1
        assert document["passed"] is False
        assert [e["rule"] for e in document["errors"]] == ["result-detail-present"]

    def test_replaces_an_existing_report(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        target = tmp_path / "report.json"
        target.write_text("old", encoding="utf-8")

        run(capsys, "-o", str(target), str(submission.root))

        assert json.loads(target.read_text(encoding="utf-8"))["passed"] is True
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "report.json",
            "submission",
        ]

    def test_unwritable_file_prints_the_report_then_an_error_and_exits_2(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        target = tmp_path / "no-such-folder" / "report.json"

        code, out, err = run(capsys, "-o", str(target), str(submission.root))

        assert code == 2
        assert out.splitlines()[-1] == "PASSED — 0 error(s), 0 warning(s)"
        assert err.startswith("error: ")
        assert str(target) in err
        assert "No such file or directory" in err
        assert len(err.splitlines()) == 1
        assert not target.parent.exists()

    def test_a_folder_in_the_way_exits_2_and_is_left_alone(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        target = tmp_path / "report.json"
        target.mkdir()

        code, out, err = run(capsys, "-o", str(target), str(submission.root))

        assert code == 2
        assert "PASSED" in out
        assert str(target) in err
        assert target.is_dir()
        assert list(target.iterdir()) == []

    def test_a_write_failure_exits_2_even_when_the_check_fails(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        target = tmp_path / "missing" / "report.json"

        code, out, _ = run(capsys, "-o", str(target), str(tmp_path / "absent"))

        assert code == 2
        assert "FAILED" in out

    def test_the_check_writes_nothing_else(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        work = tmp_path / "work"
        work.mkdir()
        monkeypatch.chdir(work)
        before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

        run(capsys, "-o", "report.json", str(submission.root))

        after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
        assert sorted({*after} - {*before}) == [Path("work/report.json")]
        assert len(after) == len(before) + 1


def test_version_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_check_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "check" in capsys.readouterr().out


def test_a_terminal_that_cannot_show_the_dashes_gets_escapes(
    submission: Submission, monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = io.BytesIO()
    ascii_stdout = io.TextIOWrapper(buffer, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_stdout)

    code = main(["check", "-q", str(submission.root)])

    ascii_stdout.flush()
    assert code == 0
    assert (
        buffer.getvalue()
        .decode("ascii")
        .endswith("PASSED \\u2014 0 error(s), 0 warning(s)\n")
    )


class TestOutputFileThatMustNotBeReplaced:
    """A FILE the report must not replace: the report, one error line, exit 2."""

    @pytest.mark.parametrize(
        ("output", "reason"),
        [
            (".", "it is a folder, not a regular file"),
            ("", "the file name is empty"),
            ("/", "it is a folder, not a regular file"),
            ("some/dir/", "it ends with a separator, so it names a folder, not a file"),
        ],
    )
    def test_refuses_a_path_without_a_file_name(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        monkeypatch: pytest.MonkeyPatch,
        output: str,
        reason: str,
    ) -> None:
        work = submission.root.parent / "work"
        work.mkdir()
        monkeypatch.chdir(work)

        code, out, err = run(capsys, "-o", output, str(submission.root))

        assert code == 2
        assert out.splitlines()[-1] == "PASSED — 0 error(s), 0 warning(s)"
        assert err == f"error: cannot write the JSON report to {output!r}: {reason}\n"
        assert list(work.iterdir()) == []

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_refuses_a_fifo(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        target = tmp_path / "report.fifo"
        os.mkfifo(target)

        code, out, err = run(capsys, "-o", str(target), str(submission.root))

        assert code == 2
        assert "PASSED" in out
        assert err == (
            f"error: cannot write the JSON report to {str(target)!r}:"
            " it is a FIFO, not a regular file\n"
        )
        assert target.is_fifo()

    def test_refuses_a_file_inside_the_submissions_pareto_folder(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
    ) -> None:
        target = submission.path("pareto/report.json")
        before = sorted(submission.root.rglob("*"))

        code, out, err = run(capsys, "-o", str(target), str(submission.root))

        assert code == 2
        assert out.splitlines()[-1] == "PASSED — 0 error(s), 0 warning(s)"
        assert "it is inside the submission's pareto/ folder" in err
        assert "outside systems/, pareto/ and src/" in err
        assert sorted(submission.root.rglob("*")) == before

    def test_refuses_a_link_into_the_submissions_systems_folder(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        system = submission.path(system_file())
        content = system.read_bytes()
        link = tmp_path / "report.json"
        link.symlink_to(system)

        code, _, err = run(capsys, "-o", str(link), str(submission.root))

        assert code == 2
        assert "systems/ folder" in err
        assert system.read_bytes() == content
        assert "Traceback" not in err


class TestOutputFileThroughALink:
    def test_writes_the_file_the_link_points_to(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        tmp_path: Path,
    ) -> None:
        real = tmp_path / "report.json"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "latest.json"
        link.symlink_to(real.name)

        code, _, err = run(capsys, "-o", str(link), str(submission.root))

        assert code == 0
        assert err == ""
        assert link.is_symlink()
        assert json.loads(real.read_text(encoding="utf-8"))["passed"] is True

    def test_writes_at_the_root_of_the_submission_being_checked(
        self,
        capsys: pytest.CaptureFixture[str],
        submission: Submission,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.chdir(submission.root)

        code, _, err = run(capsys, ".", "-o", "report.json")

        assert code == 0
        assert err == ""
        assert submission.read_json("report.json")["submission_path"] == "."
