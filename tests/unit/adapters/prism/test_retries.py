"""The retry policy: full-jitter backoff, Retry-After, and which answers retry."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from endpoints_submission_cli.adapters.prism.retries import (
    Retrier,
    Retryable,
    RetryPolicy,
    is_retryable_status,
    retry_after,
)
from endpoints_submission_cli.application.errors import RemoteError
from tests.unit.adapters.prism.scripted import Sleeps

NOW = datetime(2026, 12, 3, 18, 0, 0, tzinfo=timezone.utc)


class TestRetryPolicy:
    def test_doubles_the_ceiling_of_each_delay_up_to_the_cap(self) -> None:
        policy = RetryPolicy(base_delay=0.5, max_delay=3.0)

        delays = [policy.delay(retry, None, lambda: 1.0) for retry in range(5)]

        assert delays == [0.5, 1.0, 2.0, 3.0, 3.0]

    def test_draws_the_delay_below_the_ceiling(self) -> None:
        policy = RetryPolicy(base_delay=0.5)

        assert policy.delay(2, None, lambda: 0.25) == 0.5

    def test_prefers_retry_after_capped(self) -> None:
        policy = RetryPolicy(max_retry_after=60.0)

        assert policy.delay(0, 2.0, lambda: 1.0) == 2.0
        assert policy.delay(0, 600.0, lambda: 1.0) == 60.0


class TestRetryAfter:
    def test_reads_seconds(self) -> None:
        response = httpx.Response(429, headers={"Retry-After": "7"})

        assert retry_after(response, NOW) == 7.0

    def test_reads_an_http_date(self) -> None:
        header = "Thu, 03 Dec 2026 18:00:30 GMT"
        response = httpx.Response(503, headers={"Retry-After": header})

        assert retry_after(response, NOW) == 30.0

    def test_treats_a_past_date_as_no_wait(self) -> None:
        header = "Thu, 03 Dec 2026 17:00:00 GMT"
        response = httpx.Response(503, headers={"Retry-After": header})

        assert retry_after(response, NOW) == 0.0

    @pytest.mark.parametrize(
        ("status", "header"), [(500, "5"), (429, "soon"), (429, ""), (503, "-1")]
    )
    def test_ignores_what_it_cannot_honour(self, status: int, header: str) -> None:
        response = httpx.Response(status, headers={"Retry-After": header})

        assert retry_after(response, NOW) is None


@pytest.mark.parametrize(
    ("status", "retryable"),
    [(429, True), (500, True), (503, True), (400, False), (404, False), (409, False)],
)
def test_retries_only_throttling_and_server_errors(
    status: int, retryable: bool
) -> None:
    assert is_retryable_status(status) is retryable


class TestRetrier:
    def test_raises_the_last_error_after_the_attempts(self) -> None:
        sleeps = Sleeps()
        retrier = Retrier(RetryPolicy(attempts=3), sleeps, draw=lambda: 1.0)
        errors = iter(RemoteError(f"failure {n}") for n in range(3))

        def attempt() -> None:
            raise Retryable(next(errors))

        with pytest.raises(RemoteError, match="failure 2"):
            retrier.call(attempt, "GET /x", idempotent=True)
        assert sleeps.calls == [0.5, 1.0]

    def test_tries_a_non_idempotent_call_once(self) -> None:
        sleeps = Sleeps()
        calls = []

        def attempt() -> None:
            calls.append(1)
            raise Retryable(RemoteError("failure"))

        with pytest.raises(RemoteError):
            Retrier(RetryPolicy(), sleeps).call(attempt, "POST /x", idempotent=False)
        assert (len(calls), sleeps.calls) == (1, [])
