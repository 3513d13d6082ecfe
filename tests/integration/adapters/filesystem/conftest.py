"""Fixtures shared by the tests of the filesystem adapters."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Record every path the source opens."""
    paths: list[str] = []
    real_open = os.open

    def recording_open(path, *args, **kwargs):
        paths.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    return paths
