"""The check use case: load the submission, apply the rules, report."""

from __future__ import annotations

import gc
import logging

import pytest

from endpoints_submission_cli.application.check_submission import CheckSubmission
from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.rules import SeedRuleset
from endpoints_submission_cli.domain.ruleset import Ruleset
from endpoints_submission_cli.domain.submission import SubmissionFolder
from tests.unit.domain.rules.builder import MIN_QUERY_COUNTS, Builder


class FakeSubmissionSource:
    """Hands out prepared trees and remembers the roots asked for."""

    def __init__(self, folder: SubmissionFolder) -> None:
        self.folder = folder
        self.roots: list[str] = []

    def load(self, root: str) -> SubmissionFolder:
        self.roots.append(root)
        return self.folder


class FakeRuleset:
    """Returns fixed findings under a fixed name."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.metadata = Ruleset("fake-rules", ())

    def evaluate(self, folder: SubmissionFolder) -> list[Finding]:
        return list(self.findings)


def check(folder: SubmissionFolder, root: str = "sub") -> object:
    source = FakeSubmissionSource(folder)
    use_case = CheckSubmission(source, SeedRuleset(MIN_QUERY_COUNTS), "9.9.9")
    return use_case.run(root)


class TestCheckSubmission:
    def test_loads_the_root_as_given(self) -> None:
        source = FakeSubmissionSource(Builder(root="./a/../sub").build())
        use_case = CheckSubmission(source, SeedRuleset({}), "9.9.9")

        report = use_case.run("./a/../sub")

        assert source.roots == ["./a/../sub"]
        assert report.submission_path == "./a/../sub"

    def test_a_passing_submission_passes(self) -> None:
        report = check(Builder().build())

        assert report.passed
        assert report.results[0].rule == "path-exists"

    def test_a_failing_submission_fails_with_its_errors(self) -> None:
        report = check(Builder(root_exists=False).build())

        assert not report.passed
        assert [f.rule for f in report.errors] == ["path-exists"]

    def test_names_the_ruleset_and_the_checker_version(self) -> None:
        report = check(Builder().build())

        assert report.rules == "mlperf-endpoints-seed"
        assert report.checker_version == "9.9.9"

    def test_keeps_the_findings_of_the_ruleset_in_order(self) -> None:
        findings = [
            Finding("b", "second", Severity.WARNING),
            Finding("a", "first", Severity.INFO),
        ]
        use_case = CheckSubmission(
            FakeSubmissionSource(Builder().build()), FakeRuleset(findings), "1"
        )

        report = use_case.run("sub")

        assert list(report.results) == findings
        assert report.rules == "fake-rules"
        assert report.warnings == [findings[0]]

    def test_logs_one_debug_line_with_the_counts(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        with caplog.at_level(logging.DEBUG):
            check(Builder(root_exists=False).build())

        records = [r for r in caplog.records if r.name.endswith("check_submission")]
        assert [(r.levelno, r.getMessage()) for r in records] == [
            (logging.DEBUG, "Checked sub: 1 findings, 1 errors, 0 warnings")
        ]

    def test_the_check_leaves_no_reference_cycles_behind(self) -> None:
        # The tree is freed by reference counts alone as soon as the report
        # is made; anything caught in a cycle would wait for the collector.
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            check(Builder(concurrencies=(1, 40, 200, 1100)).build())
            gc.collect()
            kept = {type(thing).__module__ for thing in gc.garbage}
        finally:
            gc.set_debug(0)
            gc.garbage.clear()

        assert not {m for m in kept if m.startswith("endpoints_submission_cli")}
