"""Retries with exponential backoff and full jitter, for idempotent requests."""

from __future__ import annotations

import email.utils
import logging
import random
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TypeVar

import attrs
import httpx

from endpoints_submission_cli.application.errors import RemoteError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Signed-URL PUTs replace the whole object, so they are safe to repeat too.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_AFTER_STATUSES = frozenset({429, 503})


@attrs.frozen
class RetryPolicy:
    """How often to try an idempotent request and how long to wait in between."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def delay(
        self, retry: int, retry_after: float | None, draw: Callable[[], float]
    ) -> float:
        """Return the pause before retry number `retry` (0 for the first)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return draw() * min(self.max_delay, self.base_delay * 2**retry)


class Retryable(Exception):
    """Raised by one attempt whose failure another attempt may cure."""

    def __init__(self, error: RemoteError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


def is_retryable_status(status_code: int) -> bool:
    """Tell whether an answer with this status may change when asked again."""
    return status_code == 429 or status_code >= 500


def retry_after(response: httpx.Response, now: datetime | None = None) -> float | None:
    """Return the seconds a 429 or 503 answer asks to wait, or None."""
    if response.status_code not in RETRY_AFTER_STATUSES:
        return None
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


@attrs.frozen
class Retrier:
    """Runs an attempt again while it raises `Retryable` and attempts remain."""

    policy: RetryPolicy
    sleep: Callable[[float], None]
    draw: Callable[[], float] = random.random

    def call(self, attempt: Callable[[], T], label: str, *, idempotent: bool) -> T:
        """Return the first successful attempt; raise the last failure's error."""
        attempts = self.policy.attempts if idempotent else 1
        for retry in range(attempts - 1):
            try:
                return attempt()
            except Retryable as failure:
                self._pause(label, retry, attempts, failure)
        try:
            return attempt()
        except Retryable as failure:
            raise failure.error from None

    def _pause(self, label: str, retry: int, attempts: int, failure: Retryable) -> None:
        delay = self.policy.delay(retry, failure.retry_after, self.draw)
        logger.debug(
            "Retrying %s in %.2f s after attempt %d of %d failed: %s",
            label,
            delay,
            retry + 1,
            attempts,
            failure.error,
        )
        self.sleep(delay)
