"""Rules on a point's results, on the conformance cases of the seed."""

from __future__ import annotations

from typing import Any

import pytest

from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.rules.results import relative_error
from tests.unit.domain.rules.builder import (
    Builder,
    of_rule,
    point_data,
    severities,
    summary_data,
)

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
SUMMARY_PATH = (
    "sub/pareto/acme-h200/llama3.1-8b/results/point_64/"
    "mlperf_endpoints_log_summary.json"
)


def result_findings(
    concurrency: int = 64, dataset: str = "mlperf-perf-dataset-v1", **summary: Any
) -> list[Finding]:
    """Evaluate one point at `concurrency` (file point_64.yaml) with a summary."""
    builder = Builder(concurrencies=())
    builder.points["point_64.yaml"] = point_data(concurrency, dataset=dataset)
    builder.summaries[f"point_{concurrency}"] = summary_data(**summary)
    return builder.findings()


class TestPointDuration:
    def test_too_short_for_the_region_warns_with_both_values(self) -> None:
        [finding] = of_rule(result_findings(seconds=100), "point-duration")

        assert finding.severity is WARNING
        assert "100000 ms" in finding.message
        assert "1200000 ms" in finding.message
        assert "ratification" in finding.message
        assert finding.path == SUMMARY_PATH

    def test_exactly_the_minimum_passes(self) -> None:
        assert severities(result_findings(seconds=1200), "point-duration") == [INFO]

    def test_low_latency_needs_only_600_seconds(self) -> None:
        findings = result_findings(16, seconds=600)

        assert severities(findings, "point-duration") == [INFO]

    def test_out_of_range_concurrency_gives_no_finding(self) -> None:
        assert of_rule(result_findings(9999), "point-duration") == []


class TestMetricConsistencyDuration:
    @pytest.mark.parametrize("duration_ns", [0, -1])
    def test_non_positive_duration_is_an_error(self, duration_ns: int) -> None:
        findings = result_findings(duration_ns=duration_ns)

        [finding] = of_rule(findings, "metric-consistency-duration")
        assert finding.severity is ERROR
        assert "duration_ns" in finding.message

    def test_positive_duration_passes(self) -> None:
        findings = result_findings()

        assert severities(findings, "metric-consistency-duration") == [INFO]

    def test_zero_duration_makes_a_stored_tps_an_error(self) -> None:
        findings = result_findings(duration_ns=0, system_tps=1.0)

        assert severities(findings, "metric-consistency-system-tps") == [ERROR]


class TestMetricConsistencyAccounting:
    def test_completed_plus_failed_short_of_issued_is_an_error(self) -> None:
        findings = result_findings(n_samples_completed=990, n_samples_failed=5)

        [finding] = of_rule(findings, "metric-consistency-accounting")
        assert finding.severity is ERROR
        assert "990" in finding.message
        assert "1000" in finding.message

    def test_matching_counts_pass(self) -> None:
        findings = result_findings()

        assert severities(findings, "metric-consistency-accounting") == [INFO]

    def test_nothing_issued_gives_no_finding(self) -> None:
        findings = result_findings(n_samples_issued=0)

        assert of_rule(findings, "metric-consistency-accounting") == []


class TestMetricConsistencyOutputTokens:
    def test_negative_total_is_an_error(self) -> None:
        findings = result_findings(tokens=-1)

        [finding] = of_rule(findings, "metric-consistency-output-tokens")
        assert finding.severity is ERROR
        assert "output_sequence_lengths.total" in finding.message

    def test_a_fraction_is_truncated_toward_zero(self) -> None:
        findings = result_findings(tokens=-0.5)

        assert severities(findings, "metric-consistency-output-tokens") == [INFO]


class TestMetricConsistencySystemTps:
    def test_matching_stored_value_passes(self) -> None:
        findings = result_findings(system_tps=416.67)

        assert severities(findings, "metric-consistency-system-tps") == [INFO]

    def test_mismatching_stored_value_is_an_error_with_both(self) -> None:
        [finding] = of_rule(
            result_findings(system_tps=999), "metric-consistency-system-tps"
        )

        assert finding.severity is ERROR
        assert "999" in finding.message
        assert "416.6667" in finding.message

    def test_no_stored_value_is_info_with_the_derived_one(self) -> None:
        [finding] = of_rule(result_findings(), "metric-consistency-system-tps")

        assert finding.severity is INFO
        assert "416.6667" in finding.message

    @pytest.mark.parametrize("stored", ["416.67", True, None, [416.67], {"v": 1}])
    def test_a_stored_value_that_is_not_a_number_is_an_error(
        self, stored: object
    ) -> None:
        [finding] = of_rule(
            result_findings(system_tps=stored), "metric-consistency-system-tps"
        )

        assert finding.severity is ERROR
        assert "system_tps" in finding.message
        assert finding.path == SUMMARY_PATH

    def test_a_stored_integer_too_large_for_a_double_is_an_error(self) -> None:
        findings = result_findings(system_tps=10**400)

        assert severities(findings, "metric-consistency-system-tps") == [ERROR]

    def test_a_stored_total_output_tokens_key_is_ignored(self) -> None:
        findings = result_findings(total_output_tokens=1, system_tps=416.67)

        assert severities(findings, "metric-consistency-system-tps") == [INFO]

    def test_tiny_duration_and_huge_total_do_not_overflow(self) -> None:
        findings = result_findings(duration_ns=1, tokens=1e308, system_tps=1.0)

        assert severities(findings, "metric-consistency-system-tps") == [ERROR]


class TestMetricConsistencyTpsPerUser:
    def test_matching_stored_value_passes(self) -> None:
        findings = result_findings(tps_per_user=6.51)

        assert severities(findings, "metric-consistency-tps-per-user") == [INFO]

    def test_mismatching_stored_value_is_an_error(self) -> None:
        findings = result_findings(tps_per_user=999)

        assert severities(findings, "metric-consistency-tps-per-user") == [ERROR]

    def test_zero_concurrency_is_an_error(self) -> None:
        [finding] = of_rule(result_findings(0), "metric-consistency-tps-per-user")

        assert finding.severity is ERROR
        assert "concurrency 0" in finding.message

    def test_a_string_stored_value_is_an_error_naming_the_field(self) -> None:
        [finding] = of_rule(
            result_findings(tps_per_user="fast"), "metric-consistency-tps-per-user"
        )

        assert finding.severity is ERROR
        assert "tps_per_user" in finding.message
        assert "'fast'" in finding.message


class TestMinQueryCount:
    @pytest.mark.parametrize(
        ("dataset", "completed", "expected"),
        [
            ("dataset-a", 0, ERROR),
            ("dataset-a", 1, INFO),
            ("dataset-b", 9, ERROR),
            ("dataset-b", 10, INFO),
            ("dataset-c", 99, ERROR),
            ("dataset-c", 100, INFO),
        ],
    )
    def test_the_minimum_of_the_dataset_applies(
        self, dataset: str, completed: int, expected: Severity
    ) -> None:
        findings = result_findings(
            dataset=dataset,
            n_samples_issued=completed,
            n_samples_completed=completed,
        )

        assert severities(findings, "min-query-count") == [expected]

    def test_an_error_gives_both_numbers(self) -> None:
        findings = result_findings(
            dataset="dataset-b", n_samples_issued=9, n_samples_completed=9
        )

        [finding] = of_rule(findings, "min-query-count")
        assert "9" in finding.message
        assert "10" in finding.message

    @pytest.mark.parametrize("dataset", ["mlperf-perf-dataset-v1", ""])
    def test_a_dataset_without_a_minimum_is_info_saying_so(self, dataset: str) -> None:
        findings = result_findings(
            dataset=dataset, n_samples_issued=0, n_samples_completed=0
        )

        [finding] = of_rule(findings, "min-query-count")
        assert finding.severity is INFO
        assert "no minimum" in finding.message

    def test_the_table_is_the_ruleset_s_argument(self) -> None:
        from endpoints_submission_cli.domain.rules import SeedRuleset

        builder = Builder(concurrencies=(64,))
        findings = SeedRuleset({"llm-perf-dataset-v1": 5000}).evaluate(builder.build())

        assert severities(findings, "min-query-count") == [ERROR]


class TestResultRuleOrder:
    def test_result_rules_follow_the_seed_order(self) -> None:
        findings = result_findings(dataset="dataset-a")

        assert [f.rule for f in findings if f.path == SUMMARY_PATH] == [
            "point-duration",
            "min-query-count",
            "metric-consistency-duration",
            "metric-consistency-accounting",
            "metric-consistency-output-tokens",
            "metric-consistency-system-tps",
            "metric-consistency-tps-per-user",
        ]


class TestRelativeError:
    def test_is_relative_to_the_derived_value(self) -> None:
        assert relative_error(101.0, 100.0) == pytest.approx(0.01)

    def test_a_zero_derived_value_uses_a_tiny_scale(self) -> None:
        assert relative_error(1.0, 0.0) == pytest.approx(1e9)

    def test_an_infinite_derived_value_is_infinitely_wrong(self) -> None:
        assert relative_error(1.0, float("inf")) == float("inf")
