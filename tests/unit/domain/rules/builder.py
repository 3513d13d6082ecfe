"""A builder of submission trees as plain objects, passing unless told otherwise."""

from __future__ import annotations

import os
from typing import Any

import attrs

from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.rules import SeedRuleset
from endpoints_submission_cli.domain.submission import (
    CurveFolder,
    DataFile,
    Entry,
    EntryState,
    FileProblem,
    ProblemKind,
    ResultFolder,
    SubmissionFolder,
    SystemFolder,
)
from tests.support.submissions import system_description

ROOT = "sub"
SYSTEM_ID = "acme-h200"
MODEL = "llama3.1-8b"
CONCURRENCIES = (16, 38, 88, 256, 512, 768, 1000)
DATASET = "llm-perf-dataset-v1"
MIN_QUERY_COUNTS = {"dataset-a": 1, "dataset-b": 10, "dataset-c": 100}
SUMMARY = "mlperf_endpoints_log_summary.json"
DETAIL = "mlperf_endpoints_log_detail.json"


def system_data(**fields: Any) -> dict[str, Any]:
    """A valid Serviced system description with M = 1024; `fields` override."""
    return system_description(model=MODEL, max_concurrency=1024, **fields)


def point_data(concurrency: Any, **fields: Any) -> dict[str, Any]:
    """A point YAML's content; `fields` override top-level keys."""
    data: dict[str, Any] = {
        "concurrency": concurrency,
        "dataset": DATASET,
        "runtime_settings": {
            "load_pattern": "concurrency",
            "min_duration_ms": 1_200_000,
            "stream_all_chunks": True,
        },
    }
    data.update(fields)
    return data


def runtime(**settings: Any) -> dict[str, Any]:
    """Runtime settings of a point, overriding the passing ones."""
    data: dict[str, Any] = {"load_pattern": "concurrency", "stream_all_chunks": True}
    data.update(settings)
    return data


def summary_data(
    *, seconds: float = 1200, tokens: Any = 500_000, **fields: Any
) -> dict[str, Any]:
    """1000 samples issued and completed, none failed, over `seconds`."""
    data: dict[str, Any] = {
        "n_samples_issued": 1000,
        "n_samples_completed": 1000,
        "n_samples_failed": 0,
        "duration_ns": int(seconds * 1e9),
        "ttft": {"total": 9.0e10, "percentiles": {"50": 9.0e7, "95": 1.8e8}},
        "output_sequence_lengths": {"total": tokens, "percentiles": {"50": 500}},
    }
    data.update(fields)
    return data


def accuracy_data(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "metric": "rouge1",
        "score": 0.45,
        "quality_target": 0.43,
        "passed": True,
    }
    data.update(fields)
    return data


def problem(kind: ProblemKind, path: str = "") -> FileProblem:
    """A file problem whose message uses the phrase of its kind."""
    phrases = {
        ProblemKind.MISSING: "File not found",
        ProblemKind.MALFORMED_JSON: "JSON parse error in",
        ProblemKind.MALFORMED_YAML: "YAML parse error in",
        ProblemKind.UNREADABLE: "IO error reading",
        ProblemKind.TOO_LARGE: "File too large (70000000 bytes, limit 67108864):",
        ProblemKind.NOT_UTF8: "Not valid UTF-8:",
        ProblemKind.NOT_A_FILE: "Not a file:",
        ProblemKind.ESCAPES: "Link leaves the submission:",
    }
    return FileProblem(kind, f"{phrases[kind]} {path}".strip())


@attrs.define
class Builder:
    """Holds what a submission's files say; `build()` makes the tree.

    `points` maps a file name to its data or a `ProblemKind`; `summaries` maps
    a result folder name to the summary's data or a `ProblemKind`; `states`
    maps a path relative to the root (a tuple of names) to the state of that
    folder or presence-only file.
    """

    concurrencies: tuple[int, ...] = CONCURRENCIES
    root: str = ROOT
    root_exists: bool = True
    root_reason: str = ""
    system_id: str = SYSTEM_ID
    model: str = MODEL
    system: Any = attrs.Factory(system_data)
    points: dict[str, Any] = attrs.Factory(
        lambda self: {f"point_{c}.yaml": point_data(c) for c in self.concurrencies},
        takes_self=True,
    )
    summaries: dict[str, Any] = attrs.Factory(
        lambda self: {f"point_{c}": summary_data() for c in self.concurrencies},
        takes_self=True,
    )
    accuracy: Any = attrs.Factory(accuracy_data)
    states: dict[tuple[str, ...], EntryState] = attrs.Factory(dict)
    has_system: bool = True
    has_curve: bool = True

    def path(self, *names: str) -> str:
        return os.path.join(self.root, *names)  # noqa: PTH118 - as the source joins

    def model_path(self, *names: str) -> str:
        return self.path("pareto", self.system_id, self.model, *names)

    def entry(self, *names: str) -> Entry:
        state = self.states.get(names, EntryState.PRESENT)
        reason = "Permission denied" if state is EntryState.UNREADABLE else ""
        return Entry(self.path(*names), state, reason)

    def file(self, value: Any, *names: str) -> DataFile:
        path = self.path(*names)
        if isinstance(value, ProblemKind):
            return DataFile(path, problem=problem(value, path))
        return DataFile(path, data=value)

    def build(self) -> SubmissionFolder:
        systems = (self._system(),) if self.has_system else ()
        return SubmissionFolder(
            root=self.root,
            root_exists=self.root_exists,
            root_reason=self.root_reason,
            systems_dir=self.entry("systems"),
            pareto_dir=self.entry("pareto"),
            src_dir=self.entry("src")
            if ("src",) in self.states
            else Entry(self.path("src"), EntryState.MISSING),
            systems=systems,
        )

    def _system(self) -> SystemFolder:
        curves = (self._curve(),) if self.has_curve else ()
        return SystemFolder(
            system_id=self.system_id,
            description=self.file(self.system, "systems", f"{self.system_id}.json"),
            pareto_dir=self.entry("pareto", self.system_id),
            curves=curves,
        )

    def _curve(self) -> CurveFolder:
        model = ("pareto", self.system_id, self.model)
        points = tuple(
            self.file(value, *model, "points", name)
            for name, value in sorted(self.points.items())
        )
        results = {
            name: ResultFolder(
                directory=self.entry(*model, "results", name),
                summary=self.file(value, *model, "results", name, SUMMARY),
                detail=self.entry(*model, "results", name, DETAIL),
            )
            for name, value in self.summaries.items()
        }
        return CurveFolder(
            model=self.model,
            directory=self.entry(*model),
            points_dir=self.entry(*model, "points"),
            results_dir=self.entry(*model, "results"),
            accuracy_dir=self.entry(*model, "accuracy"),
            accuracy_txt=self.entry(*model, "accuracy", "accuracy.txt"),
            accuracy_result=self.file(
                self.accuracy, *model, "accuracy", "accuracy_result.json"
            ),
            points=points,
            results=results,
        )

    def findings(self) -> list[Finding]:
        return evaluate(self.build())


def evaluate(folder: SubmissionFolder) -> list[Finding]:
    return SeedRuleset(MIN_QUERY_COUNTS).evaluate(folder)


def rule_ids(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule]


def severities(findings: list[Finding], rule: str) -> list[Severity]:
    return [finding.severity for finding in of_rule(findings, rule)]


def errors(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity is Severity.ERROR]
