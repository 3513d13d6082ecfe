"""Run the seed rules on a folder with the production source, for the tests."""

from __future__ import annotations

from pathlib import Path

from endpoints_submission_cli.adapters.filesystem.rule_data import (
    load_min_query_counts,
)
from endpoints_submission_cli.adapters.filesystem.submission_source import (
    FilesystemSubmissionSource,
)
from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.rules import SeedRuleset


def check(root: Path | str) -> list[Finding]:
    """Return the findings of the seed rules on the folder, in order."""
    folder = FilesystemSubmissionSource().load(str(root))
    return SeedRuleset(load_min_query_counts()).evaluate(folder)


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule]


def failures(findings: list[Finding]) -> list[Finding]:
    """Return the errors and warnings."""
    return [f for f in findings if f.severity is not Severity.INFO]
