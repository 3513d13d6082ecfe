"""Rules on a point's configuration (path: the point YAML)."""

from __future__ import annotations

from endpoints_submission_cli.domain.regions import REGION_KEYS
from endpoints_submission_cli.domain.rules.outcomes import (
    Outcomes,
    error,
    info,
    warning,
)
from endpoints_submission_cli.domain.rules.scopes import PointScope

SUBMITTERS_CHOICE = "submitters_choice"
DECLARABLE_REGIONS = frozenset((*REGION_KEYS, SUBMITTERS_CHOICE))


def load_pattern(point: PointScope) -> Outcomes:
    config, path = point.loaded_config, point.file.path
    pattern = config.runtime_settings.load_pattern
    if pattern != "concurrency":
        message = (
            f"In {path}, runtime_settings.load_pattern is {pattern!r};"
            " it must be 'concurrency'."
        )
        return [error(message, path)]
    if config.concurrency <= 0:
        message = (
            f"In {path}, concurrency is {config.concurrency}; it must be positive."
        )
        return [error(message, path)]
    message = (
        f"In {path}, load pattern 'concurrency' at concurrency {config.concurrency}."
    )
    return [info(message, path)]


def streaming_config(point: PointScope) -> Outcomes:
    config, path = point.loaded_config, point.file.path
    if not config.runtime_settings.stream_all_chunks:
        message = (
            f"In {path}, runtime_settings.stream_all_chunks is false; it must be true."
        )
        return [error(message, path)]
    return [info(f"In {path}, runtime_settings.stream_all_chunks is true.", path)]


def concurrency_in_range(point: PointScope) -> Outcomes:
    config, path, regions = point.loaded_config, point.file.path, point.regions
    if regions is None:
        return []
    region = point.region
    if region is None:
        message = (
            f"In {path}, concurrency {config.concurrency} exceeds the maximum valid"
            f" range 1–{regions.end} for max_supported_concurrency"
            f" {regions.max_concurrency}."
        )
        return [error(message, path)]
    message = (
        f"In {path}, concurrency {config.concurrency} lies in {region.label}"
        f" ({region.start}–{region.end})."
    )
    return [info(message, path)]


def region_declared(point: PointScope) -> Outcomes:
    config, path = point.loaded_config, point.file.path
    declared = config.region
    if declared is None:
        return []
    if declared not in DECLARABLE_REGIONS:
        valid = ", ".join(sorted(DECLARABLE_REGIONS))
        message = f"In {path}, region {declared!r} is not one of: {valid}."
        return [error(message, path)]
    computed = point.region
    if declared != SUBMITTERS_CHOICE and computed and computed.key != declared:
        message = (
            f"In {path}, region is declared {declared!r} but concurrency"
            f" {config.concurrency} lies in {computed.key!r}."
        )
        return [warning(message, path)]
    return [info(f"In {path}, declared region {declared!r} is accepted.", path)]
