"""The parts of a submission the rules look at, with what they validate to.

A scope wraps one node of the submission tree and validates its files at most
once, on first use; the rules are pure functions of a scope.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any, cast

from endpoints_submission_cli.domain.documents import (
    AccuracyResult,
    PointConfig,
    ResultSummary,
    SystemDescription,
)
from endpoints_submission_cli.domain.errors import InvalidMaxConcurrency
from endpoints_submission_cli.domain.regions import Region, Regions, compute_regions
from endpoints_submission_cli.domain.schemas import (
    Validation,
    validate_accuracy_result,
    validate_point_config,
    validate_result_summary,
    validate_system_description,
)
from endpoints_submission_cli.domain.submission import (
    CurveFolder,
    DataFile,
    ResultFolder,
    SubmissionFolder,
    SystemFolder,
)

SUMMARY_NAME = "mlperf_endpoints_log_summary.json"
DETAIL_NAME = "mlperf_endpoints_log_detail.json"

NOT_LOADED: Validation = Validation(None)


class computed_once:  # noqa: N801 - used as a decorator, named like one
    """A property computed on first use and then stored on the instance.

    `functools.cached_property` takes a lock on every first access in Python
    3.11, which costs more than the rules it serves on large submissions.
    """

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


class SubmissionScope:
    """The whole submission, and the tables the rules of the run use."""

    def __init__(
        self, folder: SubmissionFolder, min_query_counts: Mapping[str, int]
    ) -> None:
        self.folder = folder
        self.min_query_counts = min_query_counts

    @property
    def systems(self) -> list[SystemScope]:
        return [SystemScope(self, system) for system in self.folder.systems]


class SystemScope:
    """One system: its description, its regions and its curves."""

    def __init__(self, submission: SubmissionScope, folder: SystemFolder) -> None:
        self.submission = submission
        self.folder = folder

    @property
    def file(self) -> DataFile:
        return self.folder.description

    @computed_once
    def validation(self) -> Validation[SystemDescription]:
        if self.file.problem is not None:
            return NOT_LOADED
        return validate_system_description(self.file.data, self.file.path)

    @property
    def description(self) -> SystemDescription:
        """The validated description; only for rules after its loader."""
        return cast(SystemDescription, self.validation.document)

    @computed_once
    def regions_or_error(self) -> Regions | InvalidMaxConcurrency:
        try:
            return compute_regions(self.description.max_supported_concurrency)
        except InvalidMaxConcurrency as err:
            return err

    @property
    def regions(self) -> Regions:
        """The regions; only for rules after `region-computation` passed."""
        return cast(Regions, self.regions_or_error)

    @property
    def curves(self) -> list[CurveScope]:
        return [CurveScope(self, curve) for curve in self.folder.curves]


class CurveFolderPaths:
    """Paths of one curve relative to the submission root, for messages."""

    def __init__(self, system_id: str, model: str) -> None:
        self.model_dir = os.path.join("pareto", system_id, model)  # noqa: PTH118

    def of(self, *names: str) -> str:
        return os.path.join(self.model_dir, *names)  # noqa: PTH118


class CurveScope:
    """One benchmark model of one system: its points and its accuracy."""

    def __init__(self, system: SystemScope, folder: CurveFolder) -> None:
        self.system = system
        self.folder = folder
        self.relative = CurveFolderPaths(system.folder.system_id, folder.model)

    @computed_once
    def points(self) -> list[PointScope]:
        return [PointScope(self, point) for point in self.folder.points]

    @property
    def valid_points(self) -> list[PointConfig]:
        """Configurations of the points whose YAML loaded; they count for coverage."""
        return [point.config for point in self.points if point.config is not None]

    @property
    def loaded_points(self) -> list[PointScope]:
        """Points whose configuration and result summary both loaded."""
        return [point for point in self.points if point.summary is not None]

    @computed_once
    def accuracy_validation(self) -> Validation[AccuracyResult]:
        file = self.folder.accuracy_result
        if file.problem is not None:
            return NOT_LOADED
        return validate_accuracy_result(file.data, file.path)

    @property
    def accuracy(self) -> AccuracyResult | None:
        """The accuracy result when it loaded and is consistent, else None."""
        result = self.accuracy_validation.document
        if result is None or result.passed != meets_target(result):
            return None
        return result


def meets_target(result: AccuracyResult) -> bool:
    """Tell whether the score reaches the quality target; equality counts."""
    return result.score >= result.quality_target


class PointScope:
    """One point YAML, the result folder its concurrency names, its summary.

    A point keeps the parts of its curve it needs rather than the curve itself:
    the curve holds its points, and a reference back would make every curve a
    cycle that only the cyclic collector could free.
    """

    def __init__(self, curve: CurveScope, file: DataFile) -> None:
        self.system = curve.system
        self.curve_folder = curve.folder
        self.curve_paths = curve.relative
        self.file = file

    @property
    def regions(self) -> Regions | None:
        """The system's regions; None only when they could not be computed."""
        regions = self.system.regions_or_error
        return regions if isinstance(regions, Regions) else None

    @computed_once
    def validation(self) -> Validation[PointConfig]:
        if self.file.problem is not None:
            return NOT_LOADED
        return validate_point_config(self.file.data, self.file.path)

    @computed_once
    def config(self) -> PointConfig | None:
        return self.validation.document

    @computed_once
    def loaded_config(self) -> PointConfig:
        """The configuration; only for rules after the point's loader passed."""
        return cast(PointConfig, self.config)

    @computed_once
    def concurrency(self) -> int:
        """The declared concurrency; only for rules after the point's loader."""
        return self.loaded_config.concurrency

    @computed_once
    def region(self) -> Region | None:
        """The region of the concurrency; None out of range or without regions."""
        regions = self.regions
        return regions.classify(self.concurrency) if regions else None

    @computed_once
    def result_name(self) -> str:
        return f"point_{self.concurrency}"

    @computed_once
    def result(self) -> ResultFolder | None:
        return self.curve_folder.results.get(self.result_name)

    def result_path(self, name: str) -> str:
        """The path of a file of this point's result folder, held or not."""
        result = self.result
        if result is not None and name == SUMMARY_NAME:
            return result.summary.path
        if result is not None and name == DETAIL_NAME:
            return result.detail.path
        results_dir = self.curve_folder.results_dir.path
        # Paths stay strings joined onto the root as given, never normalised.
        return os.path.join(results_dir, self.result_name, name)  # noqa: PTH118

    @computed_once
    def summary_path(self) -> str:
        return self.result_path(SUMMARY_NAME)

    def relative_result_path(self, name: str) -> str:
        return self.curve_paths.of("results", self.result_name, name)

    @computed_once
    def summary_validation(self) -> Validation[ResultSummary]:
        result = self.result if self.config is not None else None
        if (
            result is None
            or not result.directory.present
            or result.summary.problem is not None
        ):
            return NOT_LOADED
        return validate_result_summary(result.summary.data, result.summary.path)

    @computed_once
    def summary(self) -> ResultSummary | None:
        """The validated summary: set exactly for a loaded point."""
        return self.summary_validation.document

    @computed_once
    def loaded_summary(self) -> ResultSummary:
        """The summary; only for rules after the summary's loader passed."""
        return cast(ResultSummary, self.summary)
