"""The `PinRun` use case."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.application.errors import NotFound
from endpoints_submission_cli.application.pin_run import PinRun
from tests.unit.application.fakes import FakeRunsApi


def test_pins_the_run() -> None:
    api = FakeRunsApi([{"id": "run-1", "pinned": False}])

    PinRun(api).execute("run-1")

    assert api.runs["run-1"]["pinned"] is True


def test_an_unknown_run_is_not_found() -> None:
    with pytest.raises(NotFound):
        PinRun(FakeRunsApi()).execute("missing")
