"""Rules on a whole curve: its point count, region coverage and consistency."""

from __future__ import annotations

from endpoints_submission_cli.domain.regions import (
    HIGH_THROUGHPUT,
    LOW_LATENCY,
    LOW_THROUGHPUT,
    MED_THROUGHPUT,
)
from endpoints_submission_cli.domain.rules.outcomes import (
    Outcomes,
    error,
    info,
    warning,
)
from endpoints_submission_cli.domain.rules.scopes import CurveScope

MIN_POINTS = 7
MAX_POINTS = 32


def point_count(curve: CurveScope) -> Outcomes:
    count, path = len(curve.folder.points), curve.folder.points_dir.path
    if count < MIN_POINTS:
        message = (
            f"{path} holds only {count} point file(s); a curve needs at least"
            f" {MIN_POINTS}."
        )
        return [error(message, path)]
    message = f"{path} holds {count} point files, at least the {MIN_POINTS} needed."
    return [info(message, path)]


def point_cap(curve: CurveScope) -> Outcomes:
    count, path = len(curve.folder.points), curve.folder.points_dir.path
    if count <= MAX_POINTS:
        return []
    message = f"{path} holds {count} point files, more than the cap of {MAX_POINTS}."
    return [error(message, path)]


def low_latency_coverage(curve: CurveScope) -> Outcomes:
    return _coverage(curve, LOW_LATENCY)


def low_throughput_coverage(curve: CurveScope) -> Outcomes:
    return _coverage(curve, LOW_THROUGHPUT)


def med_throughput_coverage(curve: CurveScope) -> Outcomes:
    return _coverage(curve, MED_THROUGHPUT)


def high_throughput_coverage(curve: CurveScope) -> Outcomes:
    return _coverage(curve, HIGH_THROUGHPUT)


def _coverage(curve: CurveScope, key: str) -> Outcomes:
    regions, path = curve.system.regions, curve.folder.points_dir.path
    region = regions.get(key)
    if region is None:
        return []
    covering = sorted(
        p.concurrency for p in curve.valid_points if p.concurrency in region
    )
    bounds = f"{region.label} ({region.start}–{region.end})"
    if covering:
        listed = ", ".join(map(str, covering))
        return [info(f"{bounds} is covered in {path} by concurrency {listed}.", path)]
    empty = (
        f", which is empty for max_supported_concurrency {regions.max_concurrency}"
        if region.is_empty
        else ""
    )
    message = f"No valid point of {path} lies in {bounds}{empty}."
    return [error(message, path)]


def config_consistency_dataset(curve: CurveScope) -> Outcomes:
    loaded = curve.loaded_points
    if not loaded:
        return []
    path = curve.folder.directory.path
    datasets = sorted({point.loaded_config.dataset for point in loaded})
    if len(datasets) > 1:
        listed = ", ".join(map(repr, datasets))
        message = f"The loaded points of {path} use several datasets: {listed}."
        return [error(message, path)]
    message = f"The loaded points of {path} all use dataset {datasets[0]!r}."
    return [info(message, path)]


def config_consistency_model(curve: CurveScope) -> Outcomes:
    if not curve.loaded_points:
        return []
    path, model = curve.folder.directory.path, curve.folder.model
    system = curve.system
    declared = system.description.benchmark_model
    if model != declared:
        message = (
            f"Benchmark-model directory {path} is named {model!r}, but system"
            f" {system.folder.system_id} declares benchmark_model {declared!r}."
        )
        return [warning(message, path)]
    message = f"Benchmark-model directory {path} matches benchmark_model {declared!r}."
    return [info(message, path)]
