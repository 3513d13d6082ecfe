"""The seed evaluation: the order of its findings and where it stops."""

from __future__ import annotations

import attrs

from endpoints_submission_cli.domain.findings import Severity
from endpoints_submission_cli.domain.submission import EntryState, ProblemKind
from tests.unit.domain.rules.builder import (
    CONCURRENCIES,
    Builder,
    errors,
    evaluate,
    point_data,
    rule_ids,
    summary_data,
    system_data,
)

POINT_RULES = [
    "load-pattern",
    "streaming-config",
    "concurrency-in-range",
    "point-duration",
    "min-query-count",
    "metric-consistency-duration",
    "metric-consistency-accounting",
    "metric-consistency-output-tokens",
    "metric-consistency-system-tps",
    "metric-consistency-tps-per-user",
]
PASSING_SEQUENCE = [
    "path-exists",
    "required-dir",
    "required-dir",
    "system-description-valid",
    "max-concurrency-declared",
    "pareto-dir-exists",
    "pareto-subdir",
    "pareto-subdir",
    "pareto-subdir",
    *POINT_RULES * len(CONCURRENCIES),
    "accuracy-consistency",
    "point-count",
    "low-latency-coverage",
    "low-throughput-coverage",
    "med-throughput-coverage",
    "high-throughput-coverage",
    "config-consistency-dataset",
    "config-consistency-model",
    "accuracy-gate",
]


class TestPassingSubmission:
    def test_runs_every_rule_in_the_seed_order(self) -> None:
        assert rule_ids(Builder().findings()) == PASSING_SEQUENCE

    def test_reports_no_error_and_no_warning(self) -> None:
        findings = Builder().findings()

        assert {finding.severity for finding in findings} == {Severity.INFO}

    def test_walks_points_in_the_order_of_their_file_names(self) -> None:
        findings = Builder().findings()

        names = [
            f.path.rsplit("/", 1)[-1] for f in findings if f.rule == "load-pattern"
        ]
        assert names == sorted(f"point_{c}.yaml" for c in CONCURRENCIES)

    def test_findings_carry_the_clause_of_their_rule(self) -> None:
        findings = {f.rule: f.spec_ref for f in Builder().findings()}

        assert findings["path-exists"] == "#1"
        assert findings["system-description-valid"] == "#1"
        assert findings["max-concurrency-declared"] == "#7"
        assert findings["low-latency-coverage"] == "#3–6"
        assert findings["point-count"] == "#2, #8"
        assert findings["load-pattern"] == "#10"

    def test_paths_are_joined_onto_the_root_as_given(self) -> None:
        findings = Builder(root="./subs/../org").findings()

        assert all(f.path.startswith("./subs/../org") for f in findings)

    def test_a_standardized_system_adds_src_dir_after_the_region_step(self) -> None:
        builder = Builder(system=system_data(division="Standardized"))
        builder.states[("src",)] = EntryState.PRESENT

        ids = rule_ids(builder.findings())

        assert ids[4:7] == ["max-concurrency-declared", "src-dir", "pareto-dir-exists"]


class TestShortCircuits:
    def test_a_missing_root_stops_everything(self) -> None:
        findings = Builder(root_exists=False).findings()

        assert [(f.rule, f.severity) for f in findings] == [
            ("path-exists", Severity.ERROR)
        ]

    def test_a_missing_required_dir_still_checks_the_other_then_stops(self) -> None:
        builder = Builder()
        builder.states[("systems",)] = EntryState.MISSING

        findings = builder.findings()

        assert rule_ids(findings) == ["path-exists", "required-dir", "required-dir"]
        assert [f.severity for f in findings[1:]] == [Severity.ERROR, Severity.INFO]

    def test_a_missing_pareto_dir_stops_before_the_systems(self) -> None:
        builder = Builder()
        builder.states[("pareto",)] = EntryState.MISSING

        assert rule_ids(builder.findings())[-1] == "required-dir"
        assert "system-description-present" not in rule_ids(builder.findings())

    def test_no_system_description_stops_the_check(self) -> None:
        findings = Builder(has_system=False).findings()

        assert rule_ids(findings)[-1] == "system-description-present"
        assert findings[-1].severity is Severity.ERROR
        assert findings[-1].path == "sub/systems"

    def test_an_invalid_system_skips_the_system_only(self) -> None:
        bad = Builder(system=ProblemKind.MALFORMED_JSON, system_id="a-bad").build()
        good = Builder(system_id="b-good").build()
        folder = attrs.evolve(good, systems=bad.systems + good.systems)

        findings = evaluate(folder)

        bad_findings = [f for f in findings if "a-bad" in (f.path or "")]
        assert [f.rule for f in bad_findings] == ["system-description-valid"]
        assert "accuracy-gate" in rule_ids(findings)

    def test_a_missing_pareto_system_dir_skips_the_system(self) -> None:
        builder = Builder()
        builder.states[("pareto", builder.system_id)] = EntryState.MISSING

        findings = builder.findings()

        assert rule_ids(findings)[-1] == "pareto-dir-exists"
        assert findings[-1].severity is Severity.ERROR

    def test_no_model_directory_is_a_benchmark_model_dir_error(self) -> None:
        findings = Builder(has_curve=False).findings()

        assert rule_ids(findings)[-1] == "benchmark-model-dir"
        assert findings[-1].path == "sub/pareto/acme-h200"

    def test_a_missing_model_subdir_skips_the_model_after_all_three(self) -> None:
        builder = Builder()
        builder.states[("pareto", builder.system_id, builder.model, "results")] = (
            EntryState.MISSING
        )

        findings = builder.findings()

        assert rule_ids(findings)[-3:] == ["pareto-subdir"] * 3
        assert [f.severity for f in findings[-3:]] == [
            Severity.INFO,
            Severity.ERROR,
            Severity.INFO,
        ]

    def test_no_point_files_skips_the_model(self) -> None:
        findings = Builder(concurrencies=()).findings()

        assert rule_ids(findings)[-1] == "measurement-points-present"
        assert "point-count" not in rule_ids(findings)

    def test_an_invalid_point_skips_its_rules_but_still_counts(self) -> None:
        builder = Builder()
        builder.points["point_16.yaml"] = ProblemKind.MALFORMED_YAML

        findings = builder.findings()

        point_16 = [f for f in findings if "point_16" in (f.path or "")]
        assert [f.rule for f in point_16] == ["point-config-valid"]
        assert "7 point files" in next(
            f.message for f in findings if f.rule == "point-count"
        )

    def test_a_missing_summary_skips_the_detail_and_result_rules(self) -> None:
        builder = Builder()
        del builder.summaries["point_16"]

        findings = builder.findings()

        results_16 = [f for f in findings if "results/point_16" in (f.path or "")]
        assert [f.rule for f in results_16] == ["result-file-present"]
        assert rule_ids(errors(findings)) == ["result-file-present"]

    def test_a_missing_detail_log_does_not_stop_the_point(self) -> None:
        builder = Builder()
        detail = "mlperf_endpoints_log_detail.json"
        model = ("pareto", builder.system_id, builder.model)
        builder.states[(*model, "results", "point_16", detail)] = EntryState.MISSING

        findings = builder.findings()

        results_16 = [f.rule for f in findings if "results/point_16" in (f.path or "")]
        assert results_16[0] == "result-detail-present"
        assert results_16[1:] == POINT_RULES[3:]

    def test_an_invalid_summary_skips_the_result_rules(self) -> None:
        builder = Builder()
        builder.summaries["point_16"] = summary_data(n_samples_completed="many")

        findings = builder.findings()

        results_16 = [f.rule for f in findings if "results/point_16" in (f.path or "")]
        assert results_16 == ["result-file-valid"]

    def test_a_point_without_results_still_covers_its_region(self) -> None:
        builder = Builder()
        del builder.summaries["point_16"]

        findings = builder.findings()

        assert [f.severity for f in findings if f.rule == "low-latency-coverage"] == [
            Severity.INFO
        ]

    def test_an_invalid_point_covers_no_region(self) -> None:
        builder = Builder()
        builder.points["point_16.yaml"] = point_data(16, dataset=7)

        findings = builder.findings()

        assert [f.severity for f in findings if f.rule == "low-latency-coverage"] == [
            Severity.ERROR
        ]
