"""Fixtures for the PRISM adapter tests: a live test server or recorded exchanges."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import vcr.cassette

from tests.integration.adapters.prism.recording import RECORDING, recorder
from tests.support.prism_server import PRISM_TOKEN, PrismServer, serve_prism


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[PrismServer]:
    """A running PRISM test server that accepts `PRISM_TOKEN`."""
    with serve_prism(PRISM_TOKEN, tmp_path / "prism-storage") as server:
        yield server


@pytest.fixture
def recording_server(tmp_path: Path) -> Iterator[PrismServer | None]:
    """The test server while cassettes are recorded; None while they are replayed."""
    if not RECORDING:
        yield None
        return
    with serve_prism(PRISM_TOKEN, tmp_path / "prism-storage") as server:
        yield server


@pytest.fixture
def cassette(request: pytest.FixtureRequest) -> Iterator[vcr.cassette.Cassette]:
    """The cassette named after the test; every recorded exchange must be replayed."""
    with recorder.use_cassette(f"{request.node.name}.yaml") as cassette:
        yield cassette
    if not RECORDING:
        assert cassette.all_played, "a recorded request was not made again"
