"""The `ListRuns` use case."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.application.errors import RemoteError
from endpoints_submission_cli.application.list_runs import ListRuns
from tests.unit.application.fakes import FakeRunsApi


def test_returns_the_runs_as_the_server_sent_them() -> None:
    runs = [{"id": "b", "model": "llama"}, {"id": "a", "concurrency": 64}]

    assert ListRuns(FakeRunsApi(runs)).execute() == runs


def test_passes_a_failed_request_on() -> None:
    api = FakeRunsApi()
    api.failures["list_runs"] = RemoteError("API error 500: down", status_code=500)

    with pytest.raises(RemoteError, match="500"):
        ListRuns(api).execute()
