"""Findings of a check and the report that orders them."""

from __future__ import annotations

import enum
import json
from typing import Any

import attrs


class Severity(str, enum.Enum):
    """How a finding weighs: an error fails the check, a warning only under --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Finding:
    """One result of one rule: what was found, where, and under which clause.

    `path` is the file or folder concerned, joined onto the submission root
    exactly as the user gave it; `spec_ref` is the clause of the rules.
    """

    rule: str
    message: str
    severity: Severity = Severity.ERROR
    path: str | None = None
    spec_ref: str = ""

    @property
    def passed(self) -> bool:
        return self.severity is not Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as the JSON report writes it, keys in order."""
        return {
            "rule": self.rule,
            "message": self.message,
            "severity": self.severity.value,
            "path": self.path,
            "spec_ref": self.spec_ref,
            "passed": self.passed,
        }


@attrs.frozen
class Report:
    """The findings of one check, in execution order, and the verdict.

    `rules` names the ruleset that produced the findings; `checker_version` is
    the version of this package.
    """

    submission_path: str
    results: tuple[Finding, ...]
    checker_version: str
    rules: str

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.results if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.results if f.severity is Severity.WARNING]

    @property
    def passed(self) -> bool:
        """True when no finding is an error; warnings never fail a report."""
        return not self.errors

    def passed_strictly(self) -> bool:
        """True when no finding is an error or a warning."""
        return not self.errors and not self.warnings

    def to_dict(self) -> dict[str, Any]:
        """Return the report as its public JSON form, keys in order."""
        return {
            "submission_path": self.submission_path,
            "results": [finding.to_dict() for finding in self.results],
            "errors": [finding.to_dict() for finding in self.errors],
            "warnings": [finding.to_dict() for finding in self.warnings],
            "passed": self.passed,
            "checker_version": self.checker_version,
            "rules": self.rules,
        }

    def to_json(self) -> str:
        """Return the JSON report: indent 2, raw UTF-8, no trailing newline."""
        return self.model_dump_json()

    def model_dump_json(self, indent: int | None = 2) -> str:
        """Return the JSON report under the name earlier checkers documented."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
