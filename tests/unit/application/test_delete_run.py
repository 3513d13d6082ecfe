"""The `DeleteRun` use case: archive first, then the run."""

from __future__ import annotations

import logging

import pytest

from endpoints_submission_cli.application.delete_run import DeleteRun
from endpoints_submission_cli.application.errors import RemoteError
from tests.unit.application.fakes import FakeRunsApi


@pytest.fixture
def api() -> FakeRunsApi:
    api = FakeRunsApi([{"id": "run-1"}])
    api.archives.add("run-1")
    return api


def test_deletes_the_archive_before_the_run(api: FakeRunsApi) -> None:
    DeleteRun(api).execute("run-1")

    assert api.method_calls() == ["delete_run_archive", "delete_run"]
    assert api.runs == {}
    assert api.archives == set()


def test_a_run_without_archive_is_deleted_quietly(
    api: FakeRunsApi, caplog: pytest.LogCaptureFixture
) -> None:
    api.archives.clear()

    with caplog.at_level(logging.WARNING):
        DeleteRun(api).execute("run-1")

    assert api.runs == {}
    assert caplog.records == []


def test_a_failed_archive_delete_warns_and_deletes_the_run(
    api: FakeRunsApi, caplog: pytest.LogCaptureFixture
) -> None:
    api.failures["delete_run_archive"] = RemoteError("API error 500: storage down")

    with caplog.at_level(logging.WARNING):
        DeleteRun(api).execute("run-1")

    assert api.runs == {}
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert "run-1" in record.getMessage()
    assert "storage down" in record.getMessage()


def test_a_failed_run_delete_is_raised(api: FakeRunsApi) -> None:
    api.failures["delete_run"] = RemoteError("API error 409: run is in a submission")

    with pytest.raises(RemoteError, match="409"):
        DeleteRun(api).execute("run-1")
