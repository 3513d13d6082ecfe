"""`path-escape`: a link leaving the submission is reported where it is met."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.domain.findings import Severity
from endpoints_submission_cli.domain.submission import EntryState, ProblemKind
from tests.unit.domain.rules.builder import Builder, of_rule, rule_ids

MODEL = ("pareto", "acme-h200", "llama3.1-8b")
RESULT_16 = (*MODEL, "results", "point_16")


def escaping(names: tuple[str, ...]) -> Builder:
    builder = Builder()
    builder.states[names] = EntryState.ESCAPES
    return builder


class TestEscapingFolders:
    @pytest.mark.parametrize(
        ("names", "last_rule"),
        [
            (("systems",), "required-dir"),
            (("pareto",), "path-escape"),
            (("pareto", "acme-h200"), "path-escape"),
            (MODEL, "path-escape"),
        ],
    )
    def test_one_error_at_the_link_and_the_scope_stops(
        self, names: tuple[str, ...], last_rule: str
    ) -> None:
        findings = escaping(names).findings()

        [finding] = of_rule(findings, "path-escape")
        assert finding.severity is Severity.ERROR
        assert finding.path == "sub/" + "/".join(names)
        assert finding.spec_ref == "#1"
        assert finding.path in finding.message
        assert rule_ids(findings)[-1] == last_rule

    def test_it_takes_the_place_of_the_required_dir_finding(self) -> None:
        findings = escaping(("systems",)).findings()

        assert rule_ids(findings) == ["path-exists", "path-escape", "required-dir"]

    @pytest.mark.parametrize("name", ["points", "results", "accuracy"])
    def test_an_escaping_model_subdir_skips_the_model(self, name: str) -> None:
        findings = escaping((*MODEL, name)).findings()

        assert rule_ids(findings)[-3:].count("path-escape") == 1
        assert rule_ids(findings)[-3:].count("pareto-subdir") == 2
        assert "point-count" not in rule_ids(findings)

    def test_an_escaping_src_is_reported_for_a_standardized_system(self) -> None:
        builder = escaping(("src",))
        builder.system["division"] = "Standardized"

        findings = builder.findings()

        assert of_rule(findings, "src-dir") == []
        assert [f.path for f in of_rule(findings, "path-escape")] == ["sub/src"]

    def test_an_escaping_result_folder_skips_the_point_results(self) -> None:
        findings = escaping(RESULT_16).findings()

        [finding] = of_rule(findings, "path-escape")
        assert finding.path == "sub/" + "/".join(RESULT_16)
        results_16 = [f.rule for f in findings if "point_16" in f.path]
        assert results_16[-1] == "path-escape"


class TestEscapingFiles:
    def test_an_escaping_system_file_skips_the_system(self) -> None:
        findings = Builder(system=ProblemKind.ESCAPES).findings()

        assert rule_ids(findings)[-1] == "path-escape"
        assert of_rule(findings, "system-description-valid") == []

    def test_an_escaping_point_yaml_still_counts(self) -> None:
        builder = Builder()
        builder.points["point_16.yaml"] = ProblemKind.ESCAPES

        findings = builder.findings()

        [finding] = of_rule(findings, "path-escape")
        assert finding.path.endswith("points/point_16.yaml")
        assert of_rule(findings, "point-config-valid") == []
        assert "7 point files" in of_rule(findings, "point-count")[0].message
        assert of_rule(findings, "low-latency-coverage")[0].severity is Severity.ERROR

    def test_an_escaping_summary_skips_the_result_rules(self) -> None:
        builder = Builder()
        builder.summaries["point_16"] = ProblemKind.ESCAPES

        findings = builder.findings()

        results_16 = [f.rule for f in findings if "results/point_16" in f.path]
        assert results_16 == ["path-escape"]

    def test_an_escaping_detail_log_is_reported_and_the_point_goes_on(self) -> None:
        findings = escaping((*RESULT_16, "mlperf_endpoints_log_detail.json")).findings()

        results_16 = [f.rule for f in findings if "results/point_16" in f.path]
        assert results_16[0] == "path-escape"
        assert "metric-consistency-tps-per-user" in results_16
        assert of_rule(findings, "result-detail-present") == []

    def test_an_escaping_accuracy_text_is_reported_instead_of_missing(self) -> None:
        findings = escaping((*MODEL, "accuracy", "accuracy.txt")).findings()

        assert of_rule(findings, "accuracy-file") == []
        assert len(of_rule(findings, "path-escape")) == 1

    def test_an_escaping_accuracy_result_is_discarded(self) -> None:
        builder = Builder()
        builder.accuracy = ProblemKind.ESCAPES

        findings = builder.findings()

        assert [f.path for f in of_rule(findings, "path-escape")] == [
            "sub/pareto/acme-h200/llama3.1-8b/accuracy/accuracy_result.json"
        ]
        assert of_rule(findings, "accuracy-valid") == []
        assert of_rule(findings, "accuracy-gate") == []
