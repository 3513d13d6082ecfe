"""Errors that use cases raise, and that ports raise for use cases to handle."""

from __future__ import annotations

from pathlib import Path

from endpoints_submission_cli.errors import EndpointsSubmissionError


class ApplicationError(EndpointsSubmissionError):
    """Raised when a use case cannot complete."""


class RemoteError(ApplicationError):
    """Raised by a remote port when a request fails or is refused.

    `status_code` is the HTTP status when the server answered, else None;
    `detail` is the server's explanation when it gave one. Neither ever holds a
    token.
    """

    def __init__(
        self, message: str, *, status_code: int | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.detail = detail


class AuthenticationFailed(RemoteError, PermissionError):
    """Raised when the server refuses the token (HTTP 401 or 403)."""


class NotFound(RemoteError, LookupError):
    """Raised when the server has no such resource (HTTP 404)."""


class TransferError(RemoteError):
    """Raised when an archive upload or download fails or arrives incomplete."""


class RunFolderError(ApplicationError, ValueError):
    """Raised when a run folder lacks a required file or holds a malformed one.

    `problems` lists every problem found, each a sentence naming the file.
    """

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


class ArchiveError(ApplicationError, OSError):
    """Raised when a local archive cannot be written or read.

    `path` names the file or folder at fault when it is known.
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class RunCreationFailed(ApplicationError):
    """Raised when `runs create` fails after the run was registered.

    `cause` is the failure; the run was deleted again unless `rollback_error`
    says why that failed too, in which case `run_id` names the orphaned run.
    """

    def __init__(
        self,
        run_id: str,
        cause: BaseException,
        rollback_error: BaseException | None = None,
    ) -> None:
        message = f"creating run {run_id!r} failed: {_describe(cause)}"
        if rollback_error is None:
            message += "; the run was deleted again"
        else:
            message += f"; deleting it failed too: {rollback_error}"
        super().__init__(message)
        self.run_id = run_id
        self.cause = cause
        self.rollback_error = rollback_error

    @property
    def orphaned(self) -> bool:
        """Tell whether the run is left on the server."""
        return self.rollback_error is not None


def _describe(error: BaseException) -> str:
    return str(error) or type(error).__name__
