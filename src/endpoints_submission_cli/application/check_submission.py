"""Check a submission folder against a ruleset."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from endpoints_submission_cli.domain.findings import Finding, Report
from endpoints_submission_cli.domain.ruleset import Ruleset
from endpoints_submission_cli.domain.submission import SubmissionFolder

if TYPE_CHECKING:
    # The ports module defines the Protocols of every use case; the check needs
    # only one of them, and only for its annotations.
    from endpoints_submission_cli.application.ports import SubmissionSource

logger = logging.getLogger(__name__)


class Rules(Protocol):
    """A ruleset that can evaluate a submission tree."""

    @property
    def metadata(self) -> Ruleset: ...

    def evaluate(self, folder: SubmissionFolder) -> list[Finding]: ...


class CheckSubmission:
    """Loads a submission, applies the rules and reports every finding."""

    def __init__(
        self, source: SubmissionSource, ruleset: Rules, checker_version: str
    ) -> None:
        self._source = source
        self._ruleset = ruleset
        self._checker_version = checker_version

    def run(self, root: str) -> Report:
        """Return the report of the submission at `root`, as the user gave it."""
        folder = self._source.load(root)
        findings = tuple(self._ruleset.evaluate(folder))
        report = Report(
            submission_path=root,
            results=findings,
            checker_version=self._checker_version,
            rules=self._ruleset.metadata.name,
        )
        logger.debug(
            "Checked %s: %d findings, %d errors, %d warnings",
            root,
            len(findings),
            len(report.errors),
            len(report.warnings),
        )
        return report
