"""Structure rules, and the end-to-end mutations of the seed's synthetic submission."""

from __future__ import annotations

import attrs
import pytest

from endpoints_submission_cli.domain.findings import Severity
from endpoints_submission_cli.domain.submission import EntryState, ProblemKind
from tests.unit.domain.rules.builder import (
    Builder,
    errors,
    evaluate,
    of_rule,
    point_data,
    rule_ids,
    severities,
    system_data,
)

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
MODEL = ("pareto", "acme-h200", "llama3.1-8b")


def test_the_synthetic_submission_passes() -> None:
    assert errors(Builder().findings()) == []


class TestEndToEndMutations:
    def test_missing_root(self) -> None:
        [finding] = Builder(root_exists=False).findings()

        assert (finding.rule, finding.severity, finding.path) == (
            "path-exists",
            ERROR,
            "sub",
        )
        assert "does not exist" in finding.message

    def test_root_that_cannot_be_examined_says_why(self) -> None:
        builder = Builder(root_exists=False, root_reason="Permission denied")

        [finding] = builder.findings()

        assert (finding.rule, finding.severity) == ("path-exists", ERROR)
        assert finding.message == (
            "Submission path sub cannot be examined (Permission denied)."
        )

    def test_only_systems_dir(self) -> None:
        builder = Builder()
        builder.states[("pareto",)] = EntryState.MISSING

        findings = builder.findings()

        assert severities(findings, "required-dir") == [INFO, ERROR]
        assert "pareto/" in findings[-1].message
        assert of_rule(findings, "system-description-present") == []

    def test_no_system_json(self) -> None:
        findings = Builder(has_system=False).findings()

        assert severities(findings, "system-description-present") == [ERROR]

    def test_bad_system_json(self) -> None:
        findings = Builder(system=ProblemKind.MALFORMED_JSON).findings()

        assert severities(findings, "system-description-valid") == [ERROR]

    def test_no_pareto_system_dir(self) -> None:
        builder = Builder()
        builder.states[("pareto", "acme-h200")] = EntryState.MISSING

        [finding] = of_rule(builder.findings(), "pareto-dir-exists")

        assert finding.severity is ERROR
        assert finding.path == "sub/pareto/acme-h200"

    def test_empty_pareto_system_dir(self) -> None:
        findings = Builder(has_curve=False).findings()

        assert severities(findings, "benchmark-model-dir") == [ERROR]

    def test_only_points_in_the_model_dir(self) -> None:
        builder = Builder()
        builder.states[(*MODEL, "results")] = EntryState.MISSING
        builder.states[(*MODEL, "accuracy")] = EntryState.MISSING

        findings = builder.findings()

        assert severities(findings, "pareto-subdir") == [INFO, ERROR, ERROR]
        assert "results/" in of_rule(findings, "pareto-subdir")[1].message
        assert "pareto/acme-h200/llama3.1-8b/" in findings[-1].message
        assert of_rule(findings, "measurement-points-present") == []

    def test_no_point_yamls(self) -> None:
        [finding] = of_rule(
            Builder(concurrencies=()).findings(), "measurement-points-present"
        )

        assert finding.severity is ERROR
        assert "pareto/acme-h200/llama3.1-8b/points" in finding.message

    def test_no_results(self) -> None:
        builder = Builder()
        builder.summaries.clear()

        findings = of_rule(builder.findings(), "result-file-present")

        assert len(findings) == 7
        assert "point_1000" in findings[0].message
        assert findings[0].path == (
            "sub/pareto/acme-h200/llama3.1-8b/results/point_1000/"
            "mlperf_endpoints_log_summary.json"
        )

    def test_summary_missing_in_an_existing_result_folder(self) -> None:
        builder = Builder()
        builder.summaries["point_16"] = ProblemKind.MISSING

        [finding] = of_rule(builder.findings(), "result-file-present")

        assert finding.path.endswith(
            "results/point_16/mlperf_endpoints_log_summary.json"
        )

    def test_detail_of_point_16_deleted(self) -> None:
        builder = Builder()
        builder.states[
            (*MODEL, "results", "point_16", "mlperf_endpoints_log_detail.json")
        ] = EntryState.MISSING

        [finding] = of_rule(builder.findings(), "result-detail-present")

        assert finding.severity is ERROR
        assert finding.path.endswith(
            "results/point_16/mlperf_endpoints_log_detail.json"
        )

    def test_bad_summary_of_point_16(self) -> None:
        builder = Builder()
        builder.summaries["point_16"] = ProblemKind.MALFORMED_JSON

        assert severities(builder.findings(), "result-file-valid") == [ERROR]

    def test_no_accuracy_txt(self) -> None:
        builder = Builder()
        builder.states[(*MODEL, "accuracy", "accuracy.txt")] = EntryState.MISSING

        assert severities(builder.findings(), "accuracy-file") == [ERROR]

    def test_no_accuracy_result(self) -> None:
        builder = Builder()
        builder.accuracy = ProblemKind.MISSING

        assert severities(builder.findings(), "accuracy-file") == [ERROR]

    def test_accuracy_result_with_only_metric(self) -> None:
        builder = Builder()
        builder.accuracy = {"metric": "rouge1"}

        assert ERROR in severities(builder.findings(), "accuracy-valid")

    def test_extra_point_999_declaring_64(self) -> None:
        builder = Builder()
        builder.points["point_999.yaml"] = point_data(64)

        assert severities(builder.findings(), "point-filename-concurrency") == [WARNING]

    def test_extra_point_99_with_broken_yaml_completes_the_run(self) -> None:
        builder = Builder()
        builder.points["point_99.yaml"] = ProblemKind.MALFORMED_YAML

        findings = builder.findings()

        assert severities(findings, "point-config-valid") == [ERROR]
        assert rule_ids(findings)[-1] == "accuracy-gate"

    def test_extra_point_abc_declaring_64(self) -> None:
        builder = Builder()
        builder.points["point_abc.yaml"] = point_data(64)

        assert of_rule(builder.findings(), "point-filename-concurrency") == []


class TestSrcDir:
    def standardized(self, src: EntryState) -> Builder:
        builder = Builder(system=system_data(division="Standardized"))
        builder.states[("src",)] = src
        return builder

    def test_a_standardized_system_needs_src(self) -> None:
        [finding] = of_rule(self.standardized(EntryState.MISSING).findings(), "src-dir")

        assert finding.severity is ERROR
        assert finding.message == (
            "System acme-h200 is of the Standardized division, which requires the"
            " source directory src/, but sub/src does not exist."
        )
        assert finding.path == "sub/src"

    def test_a_standardized_system_with_src_passes(self) -> None:
        findings = self.standardized(EntryState.PRESENT).findings()

        assert severities(findings, "src-dir") == [INFO]

    def test_a_file_named_src_is_not_the_directory(self) -> None:
        findings = self.standardized(EntryState.WRONG_KIND).findings()

        [finding] = of_rule(findings, "src-dir")
        assert "not a directory" in finding.message

    def test_other_divisions_give_no_finding(self) -> None:
        assert of_rule(Builder().findings(), "src-dir") == []

    def test_two_standardized_systems_each_report_the_root_src(self) -> None:
        first = self.standardized(EntryState.MISSING)
        second = attrs.evolve(first, system_id="other")
        folder = first.build()
        folder = attrs.evolve(folder, systems=folder.systems + second.build().systems)

        findings = of_rule(evaluate(folder), "src-dir")

        assert [(f.severity, f.path) for f in findings] == [(ERROR, "sub/src")] * 2
        assert findings[0].message.startswith("System acme-h200 is of the Standardized")
        assert findings[1].message.startswith("System other is of the Standardized")

    def test_an_error_does_not_stop_the_system(self) -> None:
        findings = self.standardized(EntryState.MISSING).findings()

        assert rule_ids(findings)[-1] == "accuracy-gate"


class TestListingFailures:
    """A folder that cannot be used is reported by the rule that needs it."""

    @pytest.mark.parametrize(
        ("names", "rule"),
        [
            (("systems",), "required-dir"),
            (("pareto",), "required-dir"),
            (("pareto", "acme-h200"), "pareto-dir-exists"),
            (MODEL, "pareto-subdir"),
            ((*MODEL, "points"), "pareto-subdir"),
            ((*MODEL, "results"), "pareto-subdir"),
            ((*MODEL, "accuracy"), "pareto-subdir"),
            ((*MODEL, "results", "point_16"), "result-file-present"),
        ],
    )
    @pytest.mark.parametrize("state", [EntryState.UNREADABLE, EntryState.WRONG_KIND])
    def test_is_an_error_of_the_rule_that_needs_it(
        self, names: tuple[str, ...], rule: str, state: EntryState
    ) -> None:
        builder = Builder()
        builder.states[names] = state

        findings = builder.findings()

        assert ERROR in severities(findings, rule)
        expected = "Permission denied" if state is EntryState.UNREADABLE else "not a"
        assert any(expected in f.message for f in of_rule(findings, rule))

    def test_a_detail_log_that_is_a_folder_is_reported(self) -> None:
        builder = Builder()
        builder.states[
            (*MODEL, "results", "point_16", "mlperf_endpoints_log_detail.json")
        ] = EntryState.WRONG_KIND

        [finding] = of_rule(builder.findings(), "result-detail-present")

        assert "is not a file" in finding.message
