"""Restore a run's normal expiry."""

from __future__ import annotations

from endpoints_submission_cli.application.ports import RunsApi


class UnpinRun:
    """Unpin a run: the server applies its expiry policy again."""

    def __init__(self, runs_api: RunsApi) -> None:
        self._runs_api = runs_api

    def execute(self, run_id: str) -> None:
        """Unpin the run; raises `RemoteError` when the request fails."""
        self._runs_api.unpin_run(run_id)
