"""Errors of the PRISM adapters, each a kind of the application's remote error."""

from __future__ import annotations

from endpoints_submission_cli.application.errors import RemoteError


class InvalidRunId(RemoteError, ValueError):
    """Raised when a run id cannot name a resource in a URL path."""

    def __init__(self, run_id: str) -> None:
        super().__init__(f"Run id {run_id!r} cannot be part of a request path.")
        self.run_id = run_id


class MalformedResponse(RemoteError, ValueError):
    """Raised when a successful answer lacks what the call needs from it."""
