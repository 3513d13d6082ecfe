"""Rules on a curve's accuracy files."""

from __future__ import annotations

from endpoints_submission_cli.domain.documents import AccuracyResult
from endpoints_submission_cli.domain.rules.outcomes import (
    Outcome,
    Outcomes,
    absence,
    error,
    escaped,
    info,
)
from endpoints_submission_cli.domain.rules.scopes import CurveScope, meets_target
from endpoints_submission_cli.domain.submission import EntryState, ProblemKind


def accuracy_file(curve: CurveScope) -> Outcomes:
    outcomes = []
    text = curve.folder.accuracy_txt
    if text.state is EntryState.ESCAPES:
        outcomes.append(escaped(text.path))
    elif not text.present:
        outcomes.append(_missing(text.path, absence(text, "file")))
    result = curve.folder.accuracy_result
    kind = result.problem.kind if result.problem is not None else None
    if kind is ProblemKind.ESCAPES:
        outcomes.append(escaped(result.path))
    elif kind is ProblemKind.MISSING:
        outcomes.append(_missing(result.path, "does not exist"))
    return outcomes


def _missing(path: str, problem: str) -> Outcome:
    return error(f"Missing accuracy file: {path} {problem}.", path)


def accuracy_consistency(curve: CurveScope) -> Outcomes:
    result = curve.accuracy_validation.document
    if result is None:
        return []
    path = curve.folder.accuracy_result.path
    numbers = _numbers(result, "≥" if meets_target(result) else "<")
    flag = "true" if result.passed else "false"
    if result.passed != meets_target(result):
        message = f"In {path}, passed is {flag}, which contradicts {numbers}."
        return [error(message, path)]
    return [info(f"In {path}, passed is {flag}, consistent with {numbers}.", path)]


def accuracy_gate(curve: CurveScope) -> Outcomes:
    result = curve.accuracy
    if result is None:
        return []
    path = curve.folder.accuracy_result.path
    if result.passed:
        return [info(f"Accuracy gate PASSED in {path}: {_numbers(result, '≥')}.", path)]
    return [error(f"Accuracy gate FAILED in {path}: {_numbers(result, '<')}.", path)]


def _numbers(result: AccuracyResult, relation: str) -> str:
    return (
        f"{result.metric} score {result.score:.4f} {relation}"
        f" quality_target {result.quality_target:.4f}"
    )
