"""The `UnpinRun` use case."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.application.errors import NotFound
from endpoints_submission_cli.application.unpin_run import UnpinRun
from tests.unit.application.fakes import FakeRunsApi


def test_unpins_the_run() -> None:
    api = FakeRunsApi([{"id": "run-1", "pinned": True}])

    UnpinRun(api).execute("run-1")

    assert api.runs["run-1"]["pinned"] is False


def test_an_unknown_run_is_not_found() -> None:
    with pytest.raises(NotFound):
        UnpinRun(FakeRunsApi()).execute("missing")
