"""Errors raised by the pure domain model."""

from endpoints_submission_cli.errors import EndpointsSubmissionError


class DomainError(EndpointsSubmissionError):
    """Raised when a domain computation is given a value it cannot work with."""


class InvalidMaxConcurrency(DomainError, ValueError):
    """Raised when a maximum supported concurrency is not above the low-latency end."""

    def __init__(self, value: object, bound: int) -> None:
        message = (
            f"maximum supported concurrency must be an integer greater than {bound},"
            f" got {value!r}"
        )
        super().__init__(message)
        self.value = value
        self.bound = bound
