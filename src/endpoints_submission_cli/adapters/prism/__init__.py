"""Adapters over the PRISM HTTP API and its signed storage URLs."""

from endpoints_submission_cli.adapters.prism.errors import (
    InvalidBaseUrl,
    InvalidRunId,
    InvalidToken,
    MalformedResponse,
)
from endpoints_submission_cli.adapters.prism.retries import RetryPolicy
from endpoints_submission_cli.adapters.prism.runs_api import HttpxRunsApi
from endpoints_submission_cli.adapters.prism.transfer import HttpxArchiveTransfer

__all__ = [
    "HttpxArchiveTransfer",
    "HttpxRunsApi",
    "InvalidBaseUrl",
    "InvalidRunId",
    "InvalidToken",
    "MalformedResponse",
    "RetryPolicy",
]
