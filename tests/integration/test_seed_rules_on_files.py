"""Every seed rule, failing and passing, on real files in a temporary folder.

Each case starts from a passing submission written by the builder (one
Serviced system, M = 1024, seven points covering the four regions), changes
one thing, and looks for the rule's finding: its severity, its path, and a
message that names the file (and the field, where there is one).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.rules import SEED_RULES
from tests.integration.checking import check, failures, of_rule
from tests.support.submissions import (
    CONCURRENCIES,
    MODEL,
    SYSTEM_ID,
    Submission,
    accuracy_json,
    accuracy_result,
    accuracy_txt,
    build_submission,
    curve_dir,
    detail_file,
    point_config,
    point_file,
    summary_file,
    system_file,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
CURVE = curve_dir()
POINTS = f"{CURVE}/points"
Mutation = Callable[[Submission], None]


@attrs.frozen
class Case:
    """One change to the passing submission and the finding it must produce.

    `path` is relative to the root ('' for the root itself); `names` are texts
    the message must contain besides the file or folder name.
    """

    rule: str
    severity: Severity
    mutate: Mutation
    path: str
    names: tuple[str, ...] = ()
    label: str = ""


def chain(*mutations: Mutation) -> Mutation:
    def mutate(submission: Submission) -> None:
        for mutation in mutations:
            mutation(submission)

    return mutate


def delete(relative: str) -> Mutation:
    return lambda submission: submission.delete(relative)


def write(relative: str, content: str | bytes) -> Mutation:
    return lambda submission: submission.write(relative, content)


def set_json(relative: str, **fields: object) -> Mutation:
    return lambda submission: submission.update_json(relative, **fields)


def set_yaml(relative: str, **fields: object) -> Mutation:
    return lambda submission: submission.update_yaml(relative, **fields)


def set_runtime(concurrency: int, **fields: object) -> Mutation:
    def mutate(submission: Submission) -> None:
        data = submission.read_yaml(point_file(concurrency))
        data["runtime_settings"].update(fields)
        submission.write_yaml(point_file(concurrency), data)

    return mutate


def set_output_total(concurrency: int, total: object) -> Mutation:
    def mutate(submission: Submission) -> None:
        data = submission.read_json(summary_file(concurrency))
        data["output_sequence_lengths"]["total"] = total
        submission.write_json(summary_file(concurrency), data)

    return mutate


def add_point_file(name: str, concurrency: int) -> Mutation:
    return lambda submission: submission.write_yaml(
        f"{POINTS}/{name}", point_config(concurrency)
    )


def delete_points(*concurrencies: int) -> Mutation:
    return chain(*(delete(point_file(c)) for c in concurrencies))


def add_points(count: int) -> Mutation:
    def mutate(submission: Submission) -> None:
        for concurrency in range(100, 100 + count):
            submission.add_point(concurrency)

    return mutate


def link_outside(relative: str) -> Mutation:
    def mutate(submission: Submission) -> None:
        outside = submission.root.parent / "outside.yaml"
        outside.write_text("concurrency: 16\n", encoding="utf-8")
        submission.link(relative, outside)

    return mutate


def oversized(relative: str) -> Mutation:
    def mutate(submission: Submission) -> None:
        with submission.path(relative).open("r+b") as stream:
            stream.truncate(64 * 1024 * 1024 + 1)

    return mutate


STANDARDIZED = set_json(system_file(), division="Standardized")

FAILING = [
    Case("path-exists", E, delete(""), ""),
    Case("required-dir", E, delete("pareto"), "pareto"),
    Case("required-dir", E, delete("systems"), "systems", label="systems"),
    Case("system-description-present", E, delete(system_file()), "systems"),
    Case(
        "system-description-valid",
        E,
        set_json(system_file(), max_supported_concurrency="lots"),
        system_file(),
        ("max_supported_concurrency", "Validation error"),
    ),
    Case(
        "system-description-valid",
        E,
        set_json(system_file(), max_supported_concurrency=32),
        system_file(),
        ("max_supported_concurrency",),
        label="m-not-above-32",
    ),
    Case(
        "system-description-valid",
        E,
        write(system_file(), "{bad json"),
        system_file(),
        ("JSON parse error",),
        label="bad-json",
    ),
    Case(
        "system-description-valid",
        E,
        write(system_file(), b'{"division": "\xff"}'),
        system_file(),
        label="not-utf8",
    ),
    Case(
        "system-description-valid",
        E,
        oversized(system_file()),
        system_file(),
        ("67108865",),
        label="too-large",
    ),
    Case("src-dir", E, STANDARDIZED, "src", ("Standardized",)),
    Case("pareto-dir-exists", E, delete(f"pareto/{SYSTEM_ID}"), f"pareto/{SYSTEM_ID}"),
    Case("benchmark-model-dir", E, delete(CURVE), f"pareto/{SYSTEM_ID}", (SYSTEM_ID,)),
    Case("pareto-subdir", E, delete(f"{CURVE}/results"), f"{CURVE}/results"),
    Case(
        "measurement-points-present",
        E,
        delete_points(*CONCURRENCIES),
        POINTS,
    ),
    Case(
        "point-config-valid",
        E,
        set_yaml(point_file(16), concurrency="sixteen"),
        point_file(16),
        ("concurrency", "Validation error"),
    ),
    Case(
        "point-config-valid",
        E,
        write(point_file(16), "concurrency: [16\n"),
        point_file(16),
        ("YAML parse error",),
        label="bad-yaml",
    ),
    Case(
        "point-config-valid",
        E,
        write(point_file(16), "- 16\n- 38\n"),
        point_file(16),
        ("Expected a YAML mapping",),
        label="yaml-list",
    ),
    Case(
        "point-filename-concurrency",
        W,
        add_point_file("point_999.yaml", 64),
        f"{POINTS}/point_999.yaml",
        ("999", "64"),
    ),
    Case(
        "load-pattern",
        E,
        set_runtime(16, load_pattern="qps"),
        point_file(16),
        ("qps",),
    ),
    Case(
        "streaming-config",
        E,
        set_runtime(16, stream_all_chunks=False),
        point_file(16),
        ("stream_all_chunks",),
    ),
    Case(
        "concurrency-in-range",
        E,
        add_point_file("point_9999.yaml", 9999),
        f"{POINTS}/point_9999.yaml",
        ("9999", "1127"),
    ),
    Case(
        "region-declared",
        E,
        set_yaml(point_file(88), region="not_a_region"),
        point_file(88),
        ("not_a_region",),
    ),
    Case(
        "region-declared",
        W,
        set_yaml(point_file(88), region="low_latency"),
        point_file(88),
        ("low_latency", "med_throughput"),
        label="mismatch",
    ),
    Case("result-file-present", E, delete(summary_file(16)), summary_file(16)),
    Case("result-detail-present", E, delete(detail_file(16)), detail_file(16)),
    Case(
        "result-file-valid",
        E,
        write(summary_file(16), "{bad"),
        summary_file(16),
        ("JSON parse error",),
    ),
    Case(
        "result-file-valid",
        E,
        set_json(summary_file(16), n_samples_completed="many"),
        summary_file(16),
        ("n_samples_completed",),
        label="wrong-type",
    ),
    Case(
        "result-file-valid",
        E,
        write(summary_file(16), '{"n_samples_completed": NaN, "duration_ns": 1}'),
        summary_file(16),
        label="nan",
    ),
    Case(
        "result-file-valid",
        E,
        write(summary_file(16), '{"n_samples_completed": 1000, "duration_ns": 1e999}'),
        summary_file(16),
        ("duration_ns",),
        label="number-too-large",
    ),
    Case(
        "point-duration",
        W,
        set_json(summary_file(88), duration_ns=100_000_000_000),
        summary_file(88),
        ("1200000",),
    ),
    Case(
        "min-query-count",
        E,
        chain(
            set_yaml(point_file(16), dataset="dataset-b"),
            set_json(summary_file(16), n_samples_issued=9, n_samples_completed=9),
        ),
        summary_file(16),
        ("9", "10"),
    ),
    Case(
        "metric-consistency-duration",
        E,
        set_json(summary_file(16), duration_ns=0),
        summary_file(16),
        ("duration_ns",),
    ),
    Case(
        "metric-consistency-accounting",
        E,
        set_json(summary_file(16), n_samples_failed=5),
        summary_file(16),
    ),
    Case(
        "metric-consistency-output-tokens",
        E,
        set_output_total(16, -1),
        summary_file(16),
    ),
    Case(
        "metric-consistency-system-tps",
        E,
        set_json(summary_file(16), system_tps=999.0),
        summary_file(16),
        ("999",),
    ),
    Case(
        "metric-consistency-system-tps",
        E,
        set_json(summary_file(16), system_tps="fast"),
        summary_file(16),
        ("system_tps",),
        label="not-a-number",
    ),
    Case(
        "metric-consistency-tps-per-user",
        E,
        set_json(summary_file(16), tps_per_user=999.0),
        summary_file(16),
        ("999",),
    ),
    Case(
        "metric-consistency-tps-per-user",
        E,
        set_json(summary_file(16), tps_per_user=None),
        summary_file(16),
        ("tps_per_user",),
        label="null",
    ),
    Case("accuracy-file", E, delete(accuracy_txt()), accuracy_txt()),
    Case(
        "accuracy-file",
        E,
        delete(accuracy_json()),
        accuracy_json(),
        label="result-json",
    ),
    Case(
        "accuracy-valid",
        E,
        write(accuracy_json(), '{"metric": "rouge1"}'),
        accuracy_json(),
        ("score",),
    ),
    Case(
        "accuracy-consistency",
        E,
        set_json(accuracy_json(), score=0.30),
        accuracy_json(),
        ("0.3000", "0.4300"),
    ),
    Case("point-count", E, delete_points(256, 512, 768, 1000), POINTS, ("3", "7")),
    Case("point-cap", E, add_points(26), POINTS, ("33", "32")),
    Case("low-latency-coverage", E, delete_points(16), POINTS, ("1", "32")),
    Case("low-throughput-coverage", E, delete_points(38), POINTS, ("33", "42")),
    Case("med-throughput-coverage", E, delete_points(88), POINTS, ("43", "131")),
    Case(
        "high-throughput-coverage",
        E,
        delete_points(256, 512, 768, 1000),
        POINTS,
        ("132", "1127"),
    ),
    Case(
        "config-consistency-dataset",
        E,
        set_yaml(point_file(16), dataset="dataset-a"),
        CURVE,
        ("dataset-a", "llm-perf-dataset-v1"),
    ),
    Case(
        "config-consistency-model",
        W,
        set_json(system_file(), benchmark_model="llama3.1-70b"),
        CURVE,
        ("llama3.1-70b",),
    ),
    Case(
        "accuracy-gate",
        E,
        write(
            accuracy_json(),
            '{"metric": "rouge1", "score": 0.38, "quality_target": 0.43,'
            ' "passed": false}',
        ),
        accuracy_json(),
        ("0.3800", "0.4300"),
    ),
    Case(
        "path-escape",
        E,
        link_outside(point_file(16)),
        point_file(16),
    ),
    Case(
        "path-escape",
        E,
        lambda s: s.link(f"pareto/{SYSTEM_ID}", s.root.parent),
        f"pareto/{SYSTEM_ID}",
        label="folder",
    ),
]


@attrs.frozen
class Passing:
    """A submission on which the rule passes: INFO, or no finding at all."""

    rule: str
    severity: Severity | None
    mutate: Mutation = lambda submission: None
    path: str | None = None
    label: str = ""


PASSING = [
    Passing("path-exists", INFO, path=""),
    Passing("required-dir", INFO, path="systems"),
    Passing("system-description-present", None),
    Passing("system-description-valid", INFO, path=system_file()),
    Passing(
        "src-dir",
        INFO,
        chain(STANDARDIZED, lambda s: s.make_folder("src")),
        "src",
    ),
    Passing("src-dir", None, label="serviced"),
    Passing("pareto-dir-exists", INFO, path=f"pareto/{SYSTEM_ID}"),
    Passing("benchmark-model-dir", None),
    Passing("max-concurrency-declared", INFO, path=system_file()),
    Passing("region-computation", None),
    Passing("pareto-subdir", INFO, path=POINTS),
    Passing("measurement-points-present", None),
    Passing("point-config-valid", None),
    Passing("point-filename-concurrency", None),
    Passing(
        "point-filename-concurrency",
        None,
        add_point_file("point_abc.yaml", 64),
        label="suffix-not-a-number",
    ),
    Passing("load-pattern", INFO, path=point_file(16)),
    Passing("streaming-config", INFO, path=point_file(16)),
    Passing("concurrency-in-range", INFO, path=point_file(16)),
    Passing("region-declared", None),
    Passing(
        "region-declared",
        INFO,
        set_yaml(point_file(88), region="med_throughput"),
        point_file(88),
        label="matching",
    ),
    Passing(
        "region-declared",
        INFO,
        set_yaml(point_file(88), region="submitters_choice"),
        point_file(88),
        label="submitters-choice",
    ),
    Passing("result-file-present", None),
    Passing("result-detail-present", None),
    Passing("result-file-valid", None),
    Passing("point-duration", INFO, path=summary_file(16)),
    Passing("min-query-count", INFO, path=summary_file(16)),
    Passing(
        "min-query-count",
        INFO,
        chain(
            set_yaml(point_file(16), dataset="dataset-b"),
            set_json(summary_file(16), n_samples_issued=10, n_samples_completed=10),
        ),
        summary_file(16),
        label="at-the-minimum",
    ),
    Passing("metric-consistency-duration", INFO, path=summary_file(16)),
    Passing("metric-consistency-accounting", INFO, path=summary_file(16)),
    Passing("metric-consistency-output-tokens", INFO, path=summary_file(16)),
    Passing("metric-consistency-system-tps", INFO, path=summary_file(16)),
    Passing(
        "metric-consistency-system-tps",
        INFO,
        lambda s: s.update_json(
            summary_file(16), system_tps=s.read_json(summary_file(16))["tps"]
        ),
        summary_file(16),
        label="stored-and-matching",
    ),
    Passing("metric-consistency-tps-per-user", INFO, path=summary_file(16)),
    Passing("accuracy-file", None),
    Passing("accuracy-valid", None),
    Passing("accuracy-consistency", INFO, path=accuracy_json()),
    Passing("point-count", INFO, path=POINTS),
    Passing("point-cap", None),
    Passing("point-cap", None, add_points(25), label="exactly-32"),
    Passing("low-latency-coverage", INFO, path=POINTS),
    Passing("low-throughput-coverage", INFO, path=POINTS),
    Passing("med-throughput-coverage", INFO, path=POINTS),
    Passing("high-throughput-coverage", INFO, path=POINTS),
    Passing("config-consistency-dataset", INFO, path=CURVE),
    Passing("config-consistency-model", INFO, path=CURVE),
    Passing("accuracy-gate", INFO, path=accuracy_json()),
    Passing("path-escape", None),
    Passing(
        "path-escape",
        None,
        lambda s: s.link(f"{POINTS}/point_17.yaml", "point_16.yaml"),
        label="link-inside",
    ),
]


def case_id(case: Case | Passing) -> str:
    return f"{case.rule}-{case.label}" if case.label else case.rule


def joined(root: Path, relative: str) -> str:
    return str(root / relative) if relative else str(root)


@pytest.fixture
def submission(tmp_path: Path) -> Submission:
    return build_submission(tmp_path / "submission")


def test_the_builders_submission_passes_without_warnings(
    submission: Submission,
) -> None:
    assert failures(check(submission.root)) == []


def test_the_cases_cover_every_rule_of_the_ruleset() -> None:
    rule_ids = [rule.id for rule in SEED_RULES.rules]

    assert len(rule_ids) == 40
    # region-computation cannot fail on files: the schema rejects M ≤ 32 first.
    assert {case.rule for case in FAILING} == set(rule_ids) - {
        "region-computation",
        "max-concurrency-declared",
    }
    assert {case.rule for case in PASSING} == set(rule_ids)


@pytest.mark.parametrize("case", FAILING, ids=case_id)
def test_rule_fails_on_the_broken_file(submission: Submission, case: Case) -> None:
    case.mutate(submission)

    found = of_rule(check(submission.root), case.rule)

    path = joined(submission.root, case.path)
    matching = [f for f in found if f.severity is case.severity and f.path == path]
    assert matching, found
    message = matching[0].message
    assert Path(path).name in message
    for text in case.names:
        assert text in message


@pytest.mark.parametrize("case", PASSING, ids=case_id)
def test_rule_passes_on_a_good_file(submission: Submission, case: Passing) -> None:
    case.mutate(submission)

    found = of_rule(check(submission.root), case.rule)

    if case.severity is None:
        assert found == []
    else:
        assert found
        assert {f.severity for f in found} == {case.severity}
        assert joined(submission.root, case.path or "") in {f.path for f in found}


def test_max_concurrency_declared_carries_m(submission: Submission) -> None:
    (finding,) = of_rule(check(submission.root), "max-concurrency-declared")

    assert "1024" in finding.message


def test_every_finding_names_a_path_under_the_root(submission: Submission) -> None:
    submission.delete(detail_file(16))

    findings = check(submission.root)

    assert all(_under(f, submission.root) for f in findings)


def test_a_relative_root_stays_relative_in_every_path(
    submission: Submission, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(submission.root.parent)

    findings = check("submission")

    assert {Path(f.path).parts[0] for f in findings if f.path} == {"submission"}


def test_accuracy_result_written_as_a_folder_is_reported(
    submission: Submission,
) -> None:
    submission.make_folder(accuracy_json())

    findings = check(submission.root)

    found = of_rule(findings, "accuracy-valid") + of_rule(findings, "accuracy-file")

    assert [f.path for f in found] == [str(submission.path(accuracy_json()))]


def test_a_point_yaml_linking_in_a_loop_is_reported(submission: Submission) -> None:
    submission.link(point_file(16), "point_16.yaml")

    found = failures(check(submission.root))

    assert [f.path for f in found if f.rule in _LOADER_OR_ESCAPE] == [
        str(submission.path(point_file(16)))
    ]


_LOADER_OR_ESCAPE = {"point-config-valid", "path-escape"}


def _under(finding: Finding, root: Path) -> bool:
    return finding.path is None or finding.path.startswith(str(root))


def test_a_score_equal_to_the_target_passes_the_gate(submission: Submission) -> None:
    submission.write_json(accuracy_json(), accuracy_result(score=0.43))

    (gate,) = of_rule(check(submission.root), "accuracy-gate")

    assert gate.severity is INFO
    assert MODEL in gate.path
