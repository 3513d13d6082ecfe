"""The shape of the JSON report, in the order its keys are written."""

REPORT_KEYS = [
    "submission_path",
    "results",
    "errors",
    "warnings",
    "passed",
    "checker_version",
    "rules",
]
FINDING_KEYS = ["rule", "message", "severity", "path", "spec_ref", "passed"]
