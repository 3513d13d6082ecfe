"""Rules on a system's declared maximum concurrency and its regions."""

from __future__ import annotations

from endpoints_submission_cli.domain.regions import Regions
from endpoints_submission_cli.domain.rules.outcomes import Outcomes, error, info
from endpoints_submission_cli.domain.rules.scopes import SystemScope


def max_concurrency_declared(system: SystemScope) -> Outcomes:
    value = system.description.max_supported_concurrency
    message = f"{system.file.path} declares max_supported_concurrency = {value}."
    return [info(message, system.file.path)]


def region_computation(system: SystemScope) -> Outcomes:
    regions = system.regions_or_error
    if isinstance(regions, Regions):
        return []
    message = f"Cannot compute the regions of {system.file.path}: {regions}."
    return [error(message, system.file.path)]
