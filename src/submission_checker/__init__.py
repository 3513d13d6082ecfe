"""Public import name of the MLPerf Endpoints submission checker.

from submission_checker import SubmissionChecker

report = SubmissionChecker("path/to/submission").run()
if not report.passed:
    for finding in report.errors:
        print(finding.rule, finding.path, finding.message)
"""

from __future__ import annotations

import os

from endpoints_submission_cli import __version__
from endpoints_submission_cli.domain.findings import Finding, Report, Severity

# The name earlier checkers gave a finding.
CheckResult = Finding

__all__ = [
    "CheckResult",
    "Finding",
    "Report",
    "Severity",
    "SubmissionChecker",
    "__version__",
]


class SubmissionChecker:
    """Checks one submission folder against the seed rules."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Take the folder to check, as a string or a path object.

        Raises:
            TypeError: `path` is neither, or a path object of bytes.
        """
        self.path = os.fspath(path)
        if not isinstance(self.path, str):
            message = f"the submission path must be a str or a path, got {path!r}"
            raise TypeError(message)

    def run(self) -> Report:
        """Check the folder and return the report.

        Bad submission content never raises: every problem is a finding, a
        missing folder included.
        """
        # Imported here: the container pulls in every adapter, which importing
        # `Report` or `Severity` alone should not pay for.
        from endpoints_submission_cli.entrypoints.container import (  # noqa: PLC0415
            Container,
        )

        return Container().check_submission().run(self.path)
