"""The checker's providers in the dependency container."""

from __future__ import annotations

from dependency_injector import providers

from endpoints_submission_cli import __version__
from endpoints_submission_cli.domain.findings import Finding, Severity
from endpoints_submission_cli.domain.submission import (
    Entry,
    EntryState,
    SubmissionFolder,
)
from endpoints_submission_cli.entrypoints.container import Container


class FakeSubmissionSource:
    """A source that returns a root that does not exist, whatever it is asked."""

    def __init__(self) -> None:
        self.roots: list[str] = []

    def load(self, root: str) -> SubmissionFolder:
        self.roots.append(root)
        missing = Entry(path=root, state=EntryState.MISSING)
        return SubmissionFolder(
            root=root,
            root_exists=False,
            systems_dir=missing,
            pareto_dir=missing,
            src_dir=missing,
        )


def test_the_check_use_case_reports_under_the_seed_rules() -> None:
    container = Container()
    source = FakeSubmissionSource()

    with container.submission_source.override(providers.Object(source)):
        report = container.check_submission().run("sub")

    assert source.roots == ["sub"]
    assert report.rules == "mlperf-endpoints-seed"
    assert report.checker_version == __version__
    assert report.results[0] == Finding(
        rule="path-exists",
        message=report.results[0].message,
        severity=Severity.ERROR,
        path="sub",
        spec_ref="#1",
    )


def test_the_ruleset_uses_the_bundled_minimum_query_counts() -> None:
    container = Container()

    assert container.min_query_counts() == {
        "dataset-a": 1,
        "dataset-b": 10,
        "dataset-c": 100,
    }
    assert container.seed_ruleset().metadata.name == "mlperf-endpoints-seed"
    assert len(container.seed_ruleset().metadata.rules) == 40
