"""Show one run."""

from __future__ import annotations

from endpoints_submission_cli.application.ports import JsonObject, RunsApi


class GetRun:
    """Return one run record as the server sent it."""

    def __init__(self, runs_api: RunsApi) -> None:
        self._runs_api = runs_api

    def execute(self, run_id: str) -> JsonObject:
        """Return the record; raises `NotFound` or `RemoteError` on failure."""
        return self._runs_api.get_run(run_id)
