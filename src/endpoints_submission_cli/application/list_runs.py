"""List the caller's runs."""

from __future__ import annotations

from endpoints_submission_cli.application.ports import JsonObject, RunsApi


class ListRuns:
    """Return the caller's run summaries as the server sent them."""

    def __init__(self, runs_api: RunsApi) -> None:
        self._runs_api = runs_api

    def execute(self) -> list[JsonObject]:
        """Return the runs; raises `RemoteError` when the request fails."""
        return self._runs_api.list_runs()
