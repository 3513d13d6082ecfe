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


class InvalidBaseUrl(RemoteError, ValueError):
    """Raised when the PRISM base URL is not an absolute http(s) URL."""

    def __init__(self, base_url: str) -> None:
        message = (
            f"PRISM base URL {base_url!r} is not an absolute http(s) URL "
            "such as 'https://endpointsapi.mlcommons.org'."
        )
        super().__init__(message)
        self.base_url = base_url


class InvalidToken(RemoteError, ValueError):
    """Raised when the API token holds characters no HTTP header may carry."""

    def __init__(self) -> None:
        super().__init__(
            "The API token holds spaces, control or non-ASCII characters; "
            "check that it was copied whole and alone."
        )
