"""Rules on a whole curve and its accuracy, on the conformance cases of the seed."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.domain.findings import Severity
from endpoints_submission_cli.domain.submission import EntryState, ProblemKind
from tests.unit.domain.rules.builder import (
    Builder,
    accuracy_data,
    of_rule,
    point_data,
    severities,
    summary_data,
)

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
COVERAGE = (
    "low-latency-coverage",
    "low-throughput-coverage",
    "med-throughput-coverage",
    "high-throughput-coverage",
)
POINTS_DIR = "sub/pareto/acme-h200/llama3.1-8b/points"


def with_points(count: int) -> Builder:
    """A curve of `count` point files, all valid, spread from 1 upwards."""
    return Builder(concurrencies=tuple(range(1, count + 1)))


class TestPointCount:
    def test_three_points_are_too_few(self) -> None:
        [finding] = of_rule(with_points(3).findings(), "point-count")

        assert finding.severity is ERROR
        assert "3" in finding.message
        assert "7" in finding.message
        assert finding.path == POINTS_DIR

    def test_ten_points_pass_both_count_rules(self) -> None:
        findings = with_points(10).findings()

        assert severities(findings, "point-count") == [INFO]
        assert of_rule(findings, "point-cap") == []

    def test_thirty_three_points_exceed_the_cap(self) -> None:
        findings = with_points(33).findings()

        assert severities(findings, "point-count") == [INFO]
        [finding] = of_rule(findings, "point-cap")
        assert finding.severity is ERROR
        assert "33" in finding.message
        assert "32" in finding.message

    def test_thirty_two_points_are_within_the_cap(self) -> None:
        assert of_rule(with_points(32).findings(), "point-cap") == []

    def test_files_that_failed_to_load_still_count(self) -> None:
        builder = Builder()
        builder.points["point_16.yaml"] = ProblemKind.MALFORMED_YAML
        builder.points["point_38.yaml"] = "just a string"

        assert severities(builder.findings(), "point-count") == [INFO]


class TestCoverage:
    def test_no_valid_point_fails_all_four(self) -> None:
        builder = Builder()
        for name in builder.points:
            builder.points[name] = ProblemKind.MALFORMED_YAML

        findings = builder.findings()

        for rule in COVERAGE:
            assert severities(findings, rule) == [ERROR]

    def test_one_point_at_16_covers_low_latency_only(self) -> None:
        findings = Builder(concurrencies=(16,)).findings()

        assert [severities(findings, rule) for rule in COVERAGE] == [
            [INFO],
            [ERROR],
            [ERROR],
            [ERROR],
        ]

    def test_the_info_lists_covering_concurrencies_and_the_range(self) -> None:
        [finding] = of_rule(
            Builder(concurrencies=(33, 40, 38)).findings(), "low-throughput-coverage"
        )

        assert "38, 40" in finding.message
        assert "33–42" in finding.message
        assert finding.path == POINTS_DIR

    def test_the_error_names_the_region_and_its_range(self) -> None:
        [finding] = of_rule(
            Builder(concurrencies=(16,)).findings(), "high-throughput-coverage"
        )

        assert "High Throughput" in finding.message
        assert "132–1127" in finding.message

    def test_the_margin_counts_for_high_throughput(self) -> None:
        findings = Builder(concurrencies=(1127,)).findings()

        assert severities(findings, "high-throughput-coverage") == [INFO]

    def test_an_out_of_range_concurrency_covers_nothing(self) -> None:
        findings = Builder(concurrencies=(1128,)).findings()

        for rule in COVERAGE:
            assert severities(findings, rule) == [ERROR]

    def test_an_empty_region_can_never_pass(self) -> None:
        builder = Builder(concurrencies=(16, 33, 34, 35))
        builder.system["max_supported_concurrency"] = 33

        [finding] = of_rule(builder.findings(), "med-throughput-coverage")

        assert finding.severity is ERROR
        assert "empty" in finding.message

    def test_points_without_results_count_as_valid(self) -> None:
        builder = Builder()
        builder.summaries.clear()

        findings = builder.findings()

        for rule in COVERAGE:
            assert severities(findings, rule) == [INFO]


class TestConfigConsistencyDataset:
    def test_two_datasets_among_loaded_points_is_an_error(self) -> None:
        builder = Builder()
        builder.points["point_16.yaml"] = point_data(16, dataset="dataset-a")
        builder.points["point_38.yaml"] = point_data(38, dataset="dataset-b")

        [finding] = of_rule(builder.findings(), "config-consistency-dataset")

        assert finding.severity is ERROR
        assert "'dataset-a'" in finding.message
        assert "'dataset-b'" in finding.message
        assert finding.path == "sub/pareto/acme-h200/llama3.1-8b"

    def test_the_empty_dataset_counts_as_a_value(self) -> None:
        builder = Builder()
        builder.points["point_16.yaml"] = point_data(16, dataset="")

        assert severities(builder.findings(), "config-consistency-dataset") == [ERROR]

    def test_points_without_summary_are_not_compared(self) -> None:
        builder = Builder()
        builder.points["point_16.yaml"] = point_data(16, dataset="other")
        builder.summaries["point_16"] = summary_data(duration_ns="long")

        assert severities(builder.findings(), "config-consistency-dataset") == [INFO]

    def test_no_loaded_points_gives_no_finding(self) -> None:
        builder = Builder()
        builder.summaries.clear()

        assert of_rule(builder.findings(), "config-consistency-dataset") == []


class TestConfigConsistencyModel:
    def test_a_directory_not_named_after_the_model_warns(self) -> None:
        builder = Builder(model="actual-name")
        builder.system["benchmark_model"] = "expected-name"

        [finding] = of_rule(builder.findings(), "config-consistency-model")

        assert finding.severity is WARNING
        assert "'actual-name'" in finding.message
        assert "'expected-name'" in finding.message

    def test_a_matching_directory_is_info(self) -> None:
        assert severities(Builder().findings(), "config-consistency-model") == [INFO]

    def test_no_loaded_points_gives_no_finding(self) -> None:
        builder = Builder(model="actual-name")
        builder.summaries.clear()

        assert of_rule(builder.findings(), "config-consistency-model") == []


class TestAccuracyConsistency:
    @pytest.mark.parametrize(
        ("score", "target", "passed", "expected"),
        [
            (0.45, 0.43, True, INFO),
            (0.30, 0.43, False, INFO),
            (0.30, 0.43, True, ERROR),
            (0.50, 0.43, False, ERROR),
            (0.43, 0.43, True, INFO),
        ],
    )
    def test_the_flag_must_agree_with_the_numbers(
        self, score: float, target: float, passed: bool, expected: Severity
    ) -> None:
        builder = Builder()
        builder.accuracy = accuracy_data(
            score=score, quality_target=target, passed=passed
        )

        assert severities(builder.findings(), "accuracy-consistency") == [expected]

    def test_the_error_shows_the_numbers_to_four_decimals(self) -> None:
        builder = Builder()
        builder.accuracy = accuracy_data(score=0.3, passed=True)

        [finding] = of_rule(builder.findings(), "accuracy-consistency")

        assert "0.3000 < quality_target 0.4300" in finding.message
        assert finding.path.endswith("accuracy/accuracy_result.json")

    def test_an_inconsistent_result_is_discarded_so_no_gate(self) -> None:
        builder = Builder()
        builder.accuracy = accuracy_data(score=0.3, passed=True)

        assert of_rule(builder.findings(), "accuracy-gate") == []


class TestAccuracyGate:
    def test_passed_is_info(self) -> None:
        [finding] = of_rule(Builder().findings(), "accuracy-gate")

        assert finding.severity is INFO
        assert "PASSED" in finding.message
        assert "0.4500" in finding.message
        assert finding.path == (
            "sub/pareto/acme-h200/llama3.1-8b/accuracy/accuracy_result.json"
        )

    def test_failed_is_an_error_with_the_numbers(self) -> None:
        builder = Builder()
        builder.accuracy = accuracy_data(score=0.38, passed=False)

        [finding] = of_rule(builder.findings(), "accuracy-gate")

        assert finding.severity is ERROR
        assert "FAILED" in finding.message
        assert "0.3800 < quality_target 0.4300" in finding.message

    def test_no_accuracy_result_gives_no_gate(self) -> None:
        builder = Builder()
        builder.accuracy = ProblemKind.MISSING

        assert of_rule(builder.findings(), "accuracy-gate") == []

    def test_an_invalid_accuracy_result_gives_no_gate(self) -> None:
        builder = Builder()
        builder.accuracy = {"metric": "rouge1"}

        assert of_rule(builder.findings(), "accuracy-gate") == []


class TestAccuracyFile:
    def test_a_missing_text_file_is_an_error_naming_it(self) -> None:
        builder = Builder()
        builder.states[
            ("pareto", builder.system_id, builder.model, "accuracy", "accuracy.txt")
        ] = EntryState.MISSING

        [finding] = of_rule(builder.findings(), "accuracy-file")

        assert finding.severity is ERROR
        assert finding.path.endswith("accuracy/accuracy.txt")
        assert "accuracy.txt" in finding.message

    def test_a_missing_result_file_is_another_error(self) -> None:
        builder = Builder()
        builder.accuracy = ProblemKind.MISSING
        builder.states[
            ("pareto", builder.system_id, builder.model, "accuracy", "accuracy.txt")
        ] = EntryState.MISSING

        findings = of_rule(builder.findings(), "accuracy-file")

        assert [f.path.rsplit("/", 1)[-1] for f in findings] == [
            "accuracy.txt",
            "accuracy_result.json",
        ]

    def test_both_present_give_no_finding(self) -> None:
        assert of_rule(Builder().findings(), "accuracy-file") == []


class TestCurveRuleOrder:
    def test_curve_rules_follow_the_seed_order(self) -> None:
        builder = Builder()
        builder.accuracy = ProblemKind.MISSING
        curve_rules = {
            "accuracy-file",
            "accuracy-valid",
            "accuracy-consistency",
            "point-count",
            "point-cap",
            *COVERAGE,
            "config-consistency-dataset",
            "config-consistency-model",
            "accuracy-gate",
        }

        ids = [f.rule for f in builder.findings() if f.rule in curve_rules]

        assert ids == [
            "accuracy-file",
            "point-count",
            *COVERAGE,
            "config-consistency-dataset",
            "config-consistency-model",
        ]
