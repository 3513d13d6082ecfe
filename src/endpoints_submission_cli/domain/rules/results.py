"""Rules on a point's measured results (path: the result summary)."""

from __future__ import annotations

import math

from endpoints_submission_cli.domain.documents import ABSENT
from endpoints_submission_cli.domain.rules.outcomes import (
    Outcome,
    Outcomes,
    error,
    info,
    number_text,
    warning,
)
from endpoints_submission_cli.domain.rules.scopes import PointScope
from endpoints_submission_cli.domain.schemas import shown

TOLERANCE = 0.01
SMALLEST_SCALE = 1e-9


def point_duration(point: PointScope) -> Outcomes:
    region = point.region
    if region is None:
        return []
    path, duration = point.summary_path, point.loaded_summary.duration_ms
    if duration < region.min_duration_ms:
        message = (
            f"In {path}, the duration {number_text(duration)} ms is below the"
            f" {region.label} minimum of {region.min_duration_ms} ms (minimum"
            " durations are illustrative, awaiting ratification)."
        )
        return [warning(message, path)]
    message = (
        f"In {path}, the duration {number_text(duration)} ms meets the"
        f" {region.label} minimum of {region.min_duration_ms} ms."
    )
    return [info(message, path)]


def min_query_count(point: PointScope) -> Outcomes:
    path, dataset = point.summary_path, point.loaded_config.dataset
    completed = point.loaded_summary.n_samples_completed
    minimum = point.system.submission.min_query_counts.get(dataset)
    if minimum is None:
        message = (
            f"In {path}, no minimum query count is defined for dataset {dataset!r};"
            f" n_samples_completed is {completed}."
        )
        return [info(message, path)]
    if completed < minimum:
        message = (
            f"In {path}, n_samples_completed {completed} is below the minimum of"
            f" {minimum} for dataset {dataset!r}."
        )
        return [error(message, path)]
    message = (
        f"In {path}, n_samples_completed {completed} meets the minimum of"
        f" {minimum} for dataset {dataset!r}."
    )
    return [info(message, path)]


def metric_consistency_duration(point: PointScope) -> Outcomes:
    path, duration = point.summary_path, point.loaded_summary.duration_ns
    if duration <= 0:
        message = (
            f"In {path}, duration_ns is {number_text(duration)}; it must be positive."
        )
        return [error(message, path)]
    return [info(f"In {path}, duration_ns is {number_text(duration)}.", path)]


def metric_consistency_accounting(point: PointScope) -> Outcomes:
    summary, path = point.loaded_summary, point.summary_path
    issued = summary.n_samples_issued
    if issued <= 0:
        return []
    completed, failed = summary.n_samples_completed, summary.n_samples_failed
    counts = (
        f"n_samples_completed {completed} + n_samples_failed {failed}"
        f" = {completed + failed}"
    )
    if completed + failed != issued:
        message = f"In {path}, {counts} ≠ n_samples_issued {issued}."
        return [error(message, path)]
    return [info(f"In {path}, {counts} = n_samples_issued {issued}.", path)]


def metric_consistency_output_tokens(point: PointScope) -> Outcomes:
    path, tokens = point.summary_path, point.loaded_summary.total_output_tokens
    if tokens < 0:
        message = (
            f"In {path}, output_sequence_lengths.total is {tokens};"
            " it must not be negative."
        )
        return [error(message, path)]
    return [info(f"In {path}, output_sequence_lengths.total is {tokens}.", path)]


def metric_consistency_system_tps(point: PointScope) -> Outcomes:
    summary, path = point.loaded_summary, point.summary_path
    derived = summary.derived_system_tps
    basis = (
        f"{summary.total_output_tokens} tokens in {number_text(summary.elapsed_s)} s"
    )
    stored = summary.system_tps
    return [_compare(path, "system_tps", stored, derived, unit="tok/s", basis=basis)]


def metric_consistency_tps_per_user(point: PointScope) -> Outcomes:
    summary, path = point.loaded_summary, point.summary_path
    concurrency = point.concurrency
    if concurrency <= 0:
        message = (
            f"In {path}, tokens per second per user cannot be derived: concurrency"
            f" {concurrency} is not positive."
        )
        return [error(message, path)]
    derived = summary.derived_system_tps / concurrency
    basis = f"system TPS over concurrency {concurrency}"
    stored = summary.tps_per_user
    unit = "tok/s/user"
    return [_compare(path, "tps_per_user", stored, derived, unit=unit, basis=basis)]


def _compare(
    path: str, field: str, stored: object, derived: float, *, unit: str, basis: str
) -> Outcome:
    """Compare a stored TPS with the derived one, within 1 % of the derived."""
    derived_text = f"derived {derived:.4f} {unit} ({basis})"
    if stored is ABSENT:
        return info(f"In {path}, {derived_text}; no stored {field}.", path)
    number = _finite(stored)
    if number is None:
        message = (
            f"In {path}, {field} is {shown(stored)}; it must be a finite JSON number."
        )
        return error(message, path)
    relative = relative_error(number, derived)
    if relative > TOLERANCE:
        message = (
            f"In {path}, stored {field} {shown(stored)} differs from the {derived_text}"
            f" by {relative:.2%}, more than 1 %."
        )
        return error(message, path)
    return info(
        f"In {path}, stored {field} {shown(stored)} matches the {derived_text}.", path
    )


def _finite(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def relative_error(stored: float, derived: float) -> float:
    """Return |stored − derived| / max(|derived|, 1e-9); infinite when undefined."""
    relative = abs(stored - derived) / max(abs(derived), SMALLEST_SCALE)
    return math.inf if math.isnan(relative) else relative
