"""The end-to-end conformance cases of the seed rules, and the library facade."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from endpoints_submission_cli.domain.findings import Severity
from submission_checker import (
    CheckResult,
    Finding,
    Report,
    SubmissionChecker,
    __version__,
)
from tests.integration.checking import check, failures
from tests.support.submissions import (
    SYSTEM_ID,
    Submission,
    accuracy_json,
    accuracy_result,
    accuracy_txt,
    build_submission,
    curve_dir,
    detail_file,
    summary_file,
    system_file,
)

E, W = Severity.ERROR, Severity.WARNING
POINTS = f"{curve_dir()}/points"
Mutation = Callable[[Submission], None]


def only_systems(submission: Submission) -> None:
    submission.delete("pareto")


def only_points(submission: Submission) -> None:
    submission.delete(f"{curve_dir()}/results")
    submission.delete(f"{curve_dir()}/accuracy")


def empty_results(submission: Submission) -> None:
    submission.make_folder(f"{curve_dir()}/results")


def extra_point(name: str, content: str) -> Mutation:
    return lambda submission: submission.write(f"{POINTS}/{name}", content)


# Mutation, the (rule, severity) pairs it must produce, the rules it must not.
MUTATIONS: dict[str, tuple[Mutation, set[tuple[str, Severity]], set[str]]] = {
    "root does not exist": (
        lambda s: s.delete(""),
        {("path-exists", E)},
        {"required-dir"},
    ),
    "only systems/": (
        only_systems,
        {("required-dir", E)},
        {"system-description-present"},
    ),
    "no system JSON": (
        lambda s: s.delete(system_file()),
        {("system-description-present", E)},
        set(),
    ),
    "system JSON {bad json": (
        lambda s: s.write(system_file(), "{bad json"),
        {("system-description-valid", E)},
        {"pareto-dir-exists"},
    ),
    "no pareto/<id>/": (
        lambda s: s.delete(f"pareto/{SYSTEM_ID}"),
        {("pareto-dir-exists", E)},
        {"benchmark-model-dir"},
    ),
    "empty pareto/<id>/": (
        lambda s: s.delete(curve_dir()),
        {("benchmark-model-dir", E)},
        {"pareto-subdir"},
    ),
    "only points/ in the model dir": (
        only_points,
        {("pareto-subdir", E)},
        {"measurement-points-present", "point-count"},
    ),
    "no point YAMLs": (
        lambda s: s.make_folder(POINTS),
        {("measurement-points-present", E)},
        {"point-count"},
    ),
    "no results": (
        empty_results,
        {("result-file-present", E)},
        {"result-detail-present"},
    ),
    "detail of point 16 deleted": (
        lambda s: s.delete(detail_file(16)),
        {("result-detail-present", E)},
        set(),
    ),
    "summary of point 16 {bad": (
        lambda s: s.write(summary_file(16), "{bad"),
        {("result-file-valid", E)},
        set(),
    ),
    "no accuracy.txt": (
        lambda s: s.delete(accuracy_txt()),
        {("accuracy-file", E)},
        set(),
    ),
    "no accuracy_result.json": (
        lambda s: s.delete(accuracy_json()),
        {("accuracy-file", E)},
        {"accuracy-gate"},
    ),
    "accuracy_result.json with only metric": (
        lambda s: s.write(accuracy_json(), '{"metric": "rouge1"}'),
        {("accuracy-valid", E)},
        {"accuracy-gate"},
    ),
    "extra point_999.yaml declaring 64": (
        extra_point("point_999.yaml", "concurrency: 64\n"),
        {("point-filename-concurrency", W)},
        set(),
    ),
    "extra point_99.yaml with broken YAML": (
        extra_point("point_99.yaml", "concurrency: [99\n"),
        {("point-config-valid", E), ("accuracy-gate", Severity.INFO)},
        set(),
    ),
    "extra point_abc.yaml declaring 64": (
        extra_point("point_abc.yaml", "concurrency: 64\n"),
        set(),
        {"point-filename-concurrency"},
    ),
}


@pytest.fixture
def submission(tmp_path: Path) -> Submission:
    return build_submission(tmp_path / "submission")


def test_the_synthetic_serviced_submission_passes(submission: Submission) -> None:
    findings = check(submission.root)

    assert failures(findings) == []
    assert "src-dir" not in {f.rule for f in findings}


@pytest.mark.parametrize("name", MUTATIONS)
def test_mutation_gives_the_expected_findings(
    submission: Submission, name: str
) -> None:
    mutate, expected, absent = MUTATIONS[name]
    mutate(submission)

    findings = check(submission.root)

    assert expected <= {(f.rule, f.severity) for f in findings}
    assert not absent & {f.rule for f in findings}


def test_findings_start_with_the_structure_rules_in_order(
    submission: Submission,
) -> None:
    rules = [f.rule for f in check(submission.root)]

    assert rules[:4] == [
        "path-exists",
        "required-dir",
        "required-dir",
        "system-description-valid",
    ]
    # point-cap only ever reports an error, so the passing curve ends without it.
    assert rules[-8:] == [
        "point-count",
        "low-latency-coverage",
        "low-throughput-coverage",
        "med-throughput-coverage",
        "high-throughput-coverage",
        "config-consistency-dataset",
        "config-consistency-model",
        "accuracy-gate",
    ]


def test_a_curve_missing_low_throughput_fails_only_that_coverage(
    tmp_path: Path,
) -> None:
    submission = build_submission(
        tmp_path / "sub_a",
        models=("gpt-oss-120b",),
        max_concurrency=2048,
        concurrencies=(4, 16, 64, 128, 512, 1024, 2048),
    )

    errors = [f.rule for f in check(submission.root) if f.severity is E]

    assert errors == ["low-throughput-coverage"]


def test_a_short_failing_curve_fails_count_coverage_and_gate(tmp_path: Path) -> None:
    submission = build_submission(tmp_path / "bad", concurrencies=(16, 38, 88))
    submission.write_json(accuracy_json(), accuracy_result(score=0.38, passed=False))

    errors = {f.rule for f in check(submission.root) if f.severity is E}

    assert errors == {"point-count", "high-throughput-coverage", "accuracy-gate"}


def test_two_systems_and_two_models_are_checked_in_name_order(
    tmp_path: Path,
) -> None:
    submission = build_submission(
        tmp_path / "s", systems=("b-sys", "a-sys"), models=("m2", "m1")
    )

    paths = [f.path for f in check(submission.root) if f.rule == "point-count"]

    assert [Path(p).parts[-3:-1] for p in paths] == [
        ("a-sys", "m1"),
        ("a-sys", "m2"),
        ("b-sys", "m1"),
        ("b-sys", "m2"),
    ]


class TestSubmissionChecker:
    def test_runs_the_checker_on_a_passing_submission(
        self, submission: Submission
    ) -> None:
        report = SubmissionChecker(submission.root).run()

        assert isinstance(report, Report)
        assert report.passed
        assert report.errors == []
        assert report.submission_path == str(submission.root)
        assert report.checker_version == __version__
        assert report.rules == "mlperf-endpoints-seed"

    def test_reports_a_missing_folder_without_raising(self, tmp_path: Path) -> None:
        report = SubmissionChecker(str(tmp_path / "absent")).run()

        assert not report.passed
        assert [f.rule for f in report.errors] == ["path-exists"]

    @pytest.mark.parametrize("path", [b"submission", 42, None])
    def test_a_path_that_is_no_text_is_refused_at_once(self, path: object) -> None:
        with pytest.raises(TypeError, match="str"):
            SubmissionChecker(path)  # type: ignore[arg-type]

    def test_reports_warnings_without_failing(self, submission: Submission) -> None:
        submission.update_json(system_file(), benchmark_model="other-model")

        report = SubmissionChecker(submission.root).run()

        assert report.passed
        assert not report.passed_strictly()
        assert [f.rule for f in report.warnings] == ["config-consistency-model"]

    def test_serialises_the_report_under_the_documented_name(
        self, submission: Submission
    ) -> None:
        report = SubmissionChecker(submission.root).run()

        document = json.loads(report.model_dump_json())

        assert document["passed"] is True
        assert document == json.loads(report.to_json())
        assert list(document)[-2:] == ["checker_version", "rules"]

    def test_exports_check_result_as_the_finding(self) -> None:
        assert CheckResult is Finding
