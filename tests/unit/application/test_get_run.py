"""The `GetRun` use case."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.application.errors import NotFound
from endpoints_submission_cli.application.get_run import GetRun
from tests.unit.application.fakes import FakeRunsApi


def test_returns_the_record_of_the_run() -> None:
    api = FakeRunsApi([{"id": "run-1", "pinned": False}])

    assert GetRun(api).execute("run-1") == {"id": "run-1", "pinned": False}


def test_an_unknown_run_is_not_found() -> None:
    with pytest.raises(NotFound):
        GetRun(FakeRunsApi()).execute("missing")
