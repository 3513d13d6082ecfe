"""The seed ruleset: which rule runs on which scope, in which order, and when to stop.

Each scope has an ordered list of steps. A step runs one rule function; a
gate step that yields an error stops the rest of its scope, which is how a
missing folder or an unreadable file skips what depends on it. Adding a rule
is a function, its entry in the catalogue, and one step here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.rules import (
    accuracy,
    curve,
    loaders,
    point,
    results,
    structure,
    system,
)
from endpoints_submission_cli.domain.rules.catalogue import SEED_RULES
from endpoints_submission_cli.domain.rules.outcomes import Outcomes
from endpoints_submission_cli.domain.rules.scopes import SubmissionScope
from endpoints_submission_cli.domain.ruleset import Ruleset
from endpoints_submission_cli.domain.submission import SubmissionFolder


@attrs.frozen
class Step:
    """One rule run on one scope; a gate stops the scope when it yields an error."""

    rule: str
    check: Callable[[Any], Outcomes]
    gate: bool = False


SUBMISSION_STEPS = (
    Step("path-exists", structure.path_exists, gate=True),
    Step("required-dir", structure.required_dir, gate=True),
    Step("system-description-present", structure.system_description_present, gate=True),
)

SYSTEM_STEPS = (
    Step("system-description-valid", loaders.system_description_valid, gate=True),
    Step("max-concurrency-declared", system.max_concurrency_declared),
    Step("region-computation", system.region_computation, gate=True),
    Step("src-dir", structure.src_dir),
    Step("pareto-dir-exists", structure.pareto_dir_exists, gate=True),
    Step("benchmark-model-dir", structure.benchmark_model_dir, gate=True),
)

# Before the points of a curve.
CURVE_STEPS = (
    Step("pareto-subdir", structure.pareto_subdir, gate=True),
    Step("measurement-points-present", structure.measurement_points_present, gate=True),
)

POINT_STEPS = (
    Step("point-config-valid", loaders.point_config_valid, gate=True),
    Step("load-pattern", point.load_pattern),
    Step("streaming-config", point.streaming_config),
    Step("concurrency-in-range", point.concurrency_in_range),
    Step("region-declared", point.region_declared),
    Step("point-filename-concurrency", structure.point_filename_concurrency),
    Step("result-file-present", structure.result_file_present, gate=True),
    Step("result-detail-present", structure.result_detail_present),
    Step("result-file-valid", loaders.result_file_valid, gate=True),
    Step("point-duration", results.point_duration),
    Step("min-query-count", results.min_query_count),
    Step("metric-consistency-duration", results.metric_consistency_duration),
    Step("metric-consistency-accounting", results.metric_consistency_accounting),
    Step("metric-consistency-output-tokens", results.metric_consistency_output_tokens),
    Step("metric-consistency-system-tps", results.metric_consistency_system_tps),
    Step("metric-consistency-tps-per-user", results.metric_consistency_tps_per_user),
)

# After the points of a curve.
CURVE_CLOSING_STEPS = (
    Step("accuracy-file", accuracy.accuracy_file),
    Step("accuracy-valid", loaders.accuracy_valid),
    Step("accuracy-consistency", accuracy.accuracy_consistency),
    Step("point-count", curve.point_count),
    Step("point-cap", curve.point_cap),
    Step("low-latency-coverage", curve.low_latency_coverage),
    Step("low-throughput-coverage", curve.low_throughput_coverage),
    Step("med-throughput-coverage", curve.med_throughput_coverage),
    Step("high-throughput-coverage", curve.high_throughput_coverage),
    Step("config-consistency-dataset", curve.config_consistency_dataset),
    Step("config-consistency-model", curve.config_consistency_model),
    Step("accuracy-gate", accuracy.accuracy_gate),
)

ERROR = Severity.ERROR

ALL_STEPS = (
    SUBMISSION_STEPS + SYSTEM_STEPS + CURVE_STEPS + POINT_STEPS + CURVE_CLOSING_STEPS
)


class SeedRuleset:
    """The 39 seed rules and `path-escape`, evaluated in the order of the seed.

    `min_query_counts` maps a dataset name to the minimum number of completed
    samples a point on it needs.
    """

    def __init__(self, min_query_counts: Mapping[str, int]) -> None:
        self._min_query_counts = dict(min_query_counts)
        self._clauses = {rule.id: rule.clause for rule in SEED_RULES.rules}

    @property
    def metadata(self) -> Ruleset:
        return SEED_RULES

    def evaluate(self, folder: SubmissionFolder) -> list[Finding]:
        """Return the findings of every rule on the submission, in order."""
        findings: list[Finding] = []
        submission = SubmissionScope(folder, self._min_query_counts)
        if not self._run(SUBMISSION_STEPS, submission, findings):
            return findings
        for system_scope in submission.systems:
            if not self._run(SYSTEM_STEPS, system_scope, findings):
                continue
            for curve_scope in system_scope.curves:
                if not self._run(CURVE_STEPS, curve_scope, findings):
                    continue
                for point_scope in curve_scope.points:
                    self._run(POINT_STEPS, point_scope, findings)
                self._run(CURVE_CLOSING_STEPS, curve_scope, findings)
        return findings

    def _run(self, steps: tuple[Step, ...], scope: object, findings: list) -> bool:
        """Run the steps in order; return False when a gate stopped the scope."""
        clauses = self._clauses
        for step in steps:
            failed = False
            for severity, message, path, other_rule, own_clause in step.check(scope):
                rule = other_rule or step.rule
                clause = clauses[rule] if own_clause is None else own_clause
                findings.append(Finding(rule, message, severity, path, clause))
                failed = failed or severity is ERROR
            if step.gate and failed:
                return False
        return True
