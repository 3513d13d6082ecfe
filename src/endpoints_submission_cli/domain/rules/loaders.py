"""The loader rules: a file that cannot be read or validated, one error per fault."""

from __future__ import annotations

from endpoints_submission_cli.domain.rules.outcomes import (
    Outcomes,
    escaped,
    info,
    loader_error,
)
from endpoints_submission_cli.domain.rules.scopes import (
    CurveScope,
    PointScope,
    SystemScope,
)
from endpoints_submission_cli.domain.schemas import Validation
from endpoints_submission_cli.domain.submission import DataFile, ProblemKind


def load_failures(file: DataFile, validation: Validation) -> Outcomes:
    """Return the one read failure of a file, or one error per validation fault."""
    if file.problem is not None:
        if file.problem.kind is ProblemKind.ESCAPES:
            return [escaped(file.path)]
        return [loader_error(file.problem.message, file.path)]
    return [loader_error(fault.message, file.path) for fault in validation.errors]


def system_description_valid(system: SystemScope) -> Outcomes:
    failures = load_failures(system.file, system.validation)
    if failures:
        return failures
    message = (
        f"System description {system.file.path} of system"
        f" {system.folder.system_id} is valid."
    )
    return [info(message, system.file.path)]


def point_config_valid(point: PointScope) -> Outcomes:
    return load_failures(point.file, point.validation)


def result_file_valid(point: PointScope) -> Outcomes:
    result = point.result
    if result is None:
        return []
    return load_failures(result.summary, point.summary_validation)


def accuracy_valid(curve: CurveScope) -> Outcomes:
    file = curve.folder.accuracy_result
    if file.problem is not None and file.problem.kind in (
        ProblemKind.MISSING,
        ProblemKind.ESCAPES,
    ):
        return []
    return load_failures(file, curve.accuracy_validation)
