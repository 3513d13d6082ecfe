"""The loader rules: one error per read failure, one per validation fault."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.domain.findings import Severity
from endpoints_submission_cli.domain.submission import ProblemKind
from tests.unit.domain.rules.builder import (
    Builder,
    errors,
    of_rule,
    point_data,
    summary_data,
)

ERROR, INFO = Severity.ERROR, Severity.INFO
LOADERS = {
    "system": "system-description-valid",
    "point": "point-config-valid",
    "summary": "result-file-valid",
    "accuracy": "accuracy-valid",
}
READ_FAILURES = [
    (ProblemKind.MISSING, "File not found"),
    (ProblemKind.MALFORMED_JSON, "JSON parse error"),
    (ProblemKind.MALFORMED_YAML, "YAML parse error"),
    (ProblemKind.UNREADABLE, "IO error"),
    (ProblemKind.TOO_LARGE, "too large"),
    (ProblemKind.NOT_UTF8, "UTF-8"),
    (ProblemKind.NOT_A_FILE, "Not a file"),
]


def with_broken(kind: str, value: object) -> Builder:
    builder = Builder()
    if kind == "system":
        builder.system = value
    elif kind == "point":
        builder.points["point_16.yaml"] = value
    elif kind == "summary":
        builder.summaries["point_16"] = value
    else:
        builder.accuracy = value
    return builder


class TestReadFailures:
    @pytest.mark.parametrize("kind", ["system", "point", "summary"])
    @pytest.mark.parametrize(("problem", "phrase"), READ_FAILURES[1:])
    def test_give_exactly_one_error_with_the_phrase(
        self, kind: str, problem: ProblemKind, phrase: str
    ) -> None:
        findings = with_broken(kind, problem).findings()

        [finding] = of_rule(findings, LOADERS[kind])
        assert finding.severity is ERROR
        assert phrase in finding.message
        assert finding.spec_ref == ""
        assert finding.path.endswith((".json", ".yaml"))

    @pytest.mark.parametrize(("problem", "phrase"), READ_FAILURES[1:])
    def test_an_accuracy_result_that_cannot_be_read_is_one_error(
        self, problem: ProblemKind, phrase: str
    ) -> None:
        [finding] = of_rule(
            with_broken("accuracy", problem).findings(), "accuracy-valid"
        )

        assert phrase in finding.message

    def test_a_missing_system_file_is_one_file_not_found(self) -> None:
        [finding] = of_rule(
            with_broken("system", ProblemKind.MISSING).findings(),
            "system-description-valid",
        )

        assert "File not found" in finding.message
        assert "sub/systems/acme-h200.json" in finding.message

    def test_a_missing_accuracy_result_is_reported_by_accuracy_file_only(
        self,
    ) -> None:
        findings = with_broken("accuracy", ProblemKind.MISSING).findings()

        assert of_rule(findings, "accuracy-valid") == []
        assert [f.rule for f in errors(findings)] == ["accuracy-file"]


class TestValidationFaults:
    def test_a_system_with_only_division_gives_several_errors(self) -> None:
        findings = with_broken("system", {"division": "Serviced"}).findings()

        loader = of_rule(findings, "system-description-valid")
        assert len(loader) > 1
        assert all(f.message.startswith("Validation error") for f in loader)
        assert all(f.spec_ref == "" for f in loader)

    def test_a_point_without_concurrency_gives_exactly_one(self) -> None:
        data = point_data(16)
        del data["concurrency"]

        [finding] = of_rule(with_broken("point", data).findings(), "point-config-valid")

        assert finding.message.startswith("Validation error")
        assert "('concurrency',)" in finding.message
        assert "point_16.yaml" in finding.message

    def test_a_point_yaml_list_is_not_a_mapping(self) -> None:
        [finding] = of_rule(
            with_broken("point", [1, 2]).findings(), "point-config-valid"
        )

        assert "Expected a YAML mapping" in finding.message

    @pytest.mark.parametrize("scalar", [None, "text", 42])
    def test_an_empty_or_scalar_point_yaml_is_not_a_mapping(
        self, scalar: object
    ) -> None:
        [finding] = of_rule(
            with_broken("point", scalar).findings(), "point-config-valid"
        )

        assert "Expected a YAML mapping" in finding.message

    def test_a_summary_with_a_word_for_a_count_gives_an_error(self) -> None:
        data = summary_data(n_samples_completed="many")

        findings = of_rule(with_broken("summary", data).findings(), "result-file-valid")

        assert len(findings) >= 1
        assert "('n_samples_completed',)" in findings[0].message
        assert "'many'" in findings[0].message

    def test_an_accuracy_result_with_only_metric_gives_several(self) -> None:
        findings = with_broken("accuracy", {"metric": "rouge1"}).findings()

        assert len(of_rule(findings, "accuracy-valid")) > 1

    def test_a_valid_point_yields_its_own_rules(self) -> None:
        findings = Builder().findings()

        assert of_rule(findings, "point-config-valid") == []
        assert of_rule(findings, "load-pattern")
        assert of_rule(findings, "streaming-config")

    def test_a_valid_system_yields_one_info_with_the_clause(self) -> None:
        [finding] = of_rule(Builder().findings(), "system-description-valid")

        assert finding.severity is INFO
        assert finding.spec_ref == "#1"
        assert "acme-h200" in finding.message

    def test_no_info_for_a_valid_summary(self) -> None:
        assert of_rule(Builder().findings(), "result-file-valid") == []
