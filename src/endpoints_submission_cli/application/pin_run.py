"""Keep a run from expiring."""

from __future__ import annotations

from endpoints_submission_cli.application.ports import RunsApi


class PinRun:
    """Pin a run: the server clears its expiry."""

    def __init__(self, runs_api: RunsApi) -> None:
        self._runs_api = runs_api

    def execute(self, run_id: str) -> None:
        """Pin the run; raises `RemoteError` when the request fails."""
        self._runs_api.pin_run(run_id)
