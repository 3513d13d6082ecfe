"""Rules on a point's configuration, on the conformance cases of the seed."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from endpoints_submission_cli.domain.documents import PointConfig
from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.rules.point import (
    concurrency_in_range,
    region_declared,
)
from endpoints_submission_cli.domain.rules.results import point_duration
from endpoints_submission_cli.domain.submission import DataFile
from tests.unit.domain.rules.builder import (
    Builder,
    of_rule,
    point_data,
    runtime,
    severities,
    summary_data,
)

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
DATASET = "mlperf-perf-dataset-v1"


def point_findings(concurrency: Any = 64, **fields: Any) -> list[Finding]:
    """Evaluate a curve of one point, `point_64.yaml`, on M = 1024."""
    builder = Builder(concurrencies=())
    fields.setdefault("dataset", DATASET)
    builder.points["point_64.yaml"] = point_data(concurrency, **fields)
    builder.summaries[f"point_{concurrency}"] = summary_data()
    return builder.findings()


class TestLoadPattern:
    def test_qps_pattern_is_an_error_naming_it(self) -> None:
        findings = point_findings(runtime_settings=runtime(load_pattern="qps"))

        [finding] = of_rule(findings, "load-pattern")
        assert finding.severity is ERROR
        assert "'qps'" in finding.message
        assert "runtime_settings.load_pattern" in finding.message
        assert finding.path == "sub/pareto/acme-h200/llama3.1-8b/points/point_64.yaml"

    def test_zero_concurrency_is_an_error(self) -> None:
        findings = point_findings(0)

        [finding] = of_rule(findings, "load-pattern")
        assert finding.severity is ERROR
        assert "positive" in finding.message

    def test_concurrency_pattern_at_positive_concurrency_passes(self) -> None:
        assert severities(point_findings(), "load-pattern") == [INFO]

    def test_absent_runtime_settings_take_the_passing_defaults(self) -> None:
        builder = Builder(concurrencies=())
        builder.points["point_64.yaml"] = {"concurrency": 64}
        builder.summaries["point_64"] = summary_data()

        findings = builder.findings()

        assert severities(findings, "load-pattern") == [INFO]
        assert severities(findings, "streaming-config") == [INFO]


class TestStreamingConfig:
    def test_streaming_off_is_an_error(self) -> None:
        findings = point_findings(runtime_settings=runtime(stream_all_chunks=False))

        [finding] = of_rule(findings, "streaming-config")
        assert finding.severity is ERROR
        assert "stream_all_chunks" in finding.message

    def test_streaming_absent_is_no_error(self) -> None:
        findings = point_findings(runtime_settings={"load_pattern": "concurrency"})

        assert severities(findings, "streaming-config") == [INFO]

    def test_streaming_spelled_no_is_false(self) -> None:
        findings = point_findings(runtime_settings=runtime(stream_all_chunks="no"))

        assert severities(findings, "streaming-config") == [ERROR]


class TestConcurrencyInRange:
    def test_beyond_the_margin_end_is_an_error_citing_it(self) -> None:
        [finding] = of_rule(point_findings(9999), "concurrency-in-range")

        assert finding.severity is ERROR
        assert "exceeds" in finding.message
        assert "1127" in finding.message

    def test_zero_is_reported_as_exceeding_too(self) -> None:
        [finding] = of_rule(point_findings(0), "concurrency-in-range")

        assert finding.severity is ERROR
        assert "exceeds" in finding.message

    def test_in_range_names_the_region(self) -> None:
        [finding] = of_rule(point_findings(), "concurrency-in-range")

        assert finding.severity is INFO
        assert "Medium Throughput" in finding.message

    @pytest.mark.parametrize("concurrency", [1, 32, 33, 131, 132, 1127])
    def test_bounds_of_the_regions_are_in_range(self, concurrency: int) -> None:
        assert severities(point_findings(concurrency), "concurrency-in-range") == [INFO]

    def test_the_margin_end_is_exact_for_m_100(self) -> None:
        builder = Builder(concurrencies=(110, 111))
        builder.system["max_supported_concurrency"] = 100

        findings = builder.findings()

        assert severities(findings, "concurrency-in-range") == [INFO, ERROR]

    def test_huge_concurrency_is_out_of_range_without_overflow(self) -> None:
        findings = point_findings(10**30)

        assert severities(findings, "concurrency-in-range") == [ERROR]
        assert severities(findings, "metric-consistency-tps-per-user") == [INFO]


class TestRegionDeclared:
    def test_no_region_gives_no_finding(self) -> None:
        assert of_rule(point_findings(), "region-declared") == []

    def test_null_region_gives_no_finding(self) -> None:
        assert of_rule(point_findings(region=None), "region-declared") == []

    def test_unknown_region_is_an_error_listing_the_valid_ones(self) -> None:
        [finding] = of_rule(point_findings(region="not_a_region"), "region-declared")

        assert finding.severity is ERROR
        assert "high_throughput, low_latency, low_throughput" in finding.message
        assert "med_throughput, submitters_choice" in finding.message

    def test_matching_region_is_info(self) -> None:
        findings = point_findings(region="med_throughput")

        assert severities(findings, "region-declared") == [INFO]

    def test_mismatching_region_is_a_warning_naming_both(self) -> None:
        [finding] = of_rule(point_findings(region="low_latency"), "region-declared")

        assert finding.severity is WARNING
        assert "'low_latency'" in finding.message
        assert "'med_throughput'" in finding.message

    def test_submitters_choice_is_accepted(self) -> None:
        findings = point_findings(region="submitters_choice")

        assert severities(findings, "region-declared") == [INFO]

    def test_a_declared_region_out_of_range_is_info(self) -> None:
        findings = point_findings(9999, region="high_throughput")

        assert severities(findings, "region-declared") == [INFO]


class TestPointFilenameConcurrency:
    def test_a_name_that_differs_from_the_declared_value_warns(self) -> None:
        builder = Builder()
        builder.points["point_999.yaml"] = point_data(64)
        builder.summaries["point_64"] = summary_data()

        [finding] = of_rule(builder.findings(), "point-filename-concurrency")

        assert finding.severity is WARNING
        assert "999" in finding.message
        assert "64" in finding.message
        assert finding.path.endswith("points/point_999.yaml")

    def test_a_name_without_a_number_gives_no_finding(self) -> None:
        builder = Builder()
        builder.points["point_abc.yaml"] = point_data(64)

        assert of_rule(builder.findings(), "point-filename-concurrency") == []

    def test_a_matching_name_gives_no_finding(self) -> None:
        assert of_rule(Builder().findings(), "point-filename-concurrency") == []


class TestWithoutRegions:
    """Used alone, without regions, the point rules that need them stay silent."""

    def point(self, concurrency: int, region: str | None = None) -> SimpleNamespace:
        config = PointConfig(concurrency, region=region)
        file = DataFile("p/point_1.yaml", data={})
        return SimpleNamespace(
            loaded_config=config,
            concurrency=concurrency,
            file=file,
            regions=None,
            region=None,
        )

    def test_out_of_range_concurrency_gives_no_range_finding(self) -> None:
        assert concurrency_in_range(self.point(9999)) == []

    def test_a_declared_region_is_accepted(self) -> None:
        [outcome] = region_declared(self.point(64, "low_latency"))

        assert outcome.severity is INFO

    def test_point_duration_gives_no_finding(self) -> None:
        point = self.point(64)
        point.loaded_summary = None
        point.summary_path = "r/summary.json"

        assert point_duration(point) == []

    def test_the_order_of_the_point_config_rules(self) -> None:
        findings = point_findings(region="med_throughput")
        ids = [f.rule for f in findings if f.path.endswith("point_64.yaml")]

        assert ids == [
            "load-pattern",
            "streaming-config",
            "concurrency-in-range",
            "region-declared",
        ]
