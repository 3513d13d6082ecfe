"""The runs endpoints of PRISM over one httpx client that carries the API key."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx

from endpoints_submission_cli.adapters.prism.client import (
    API_TIMEOUT,
    USER_AGENT,
    ClientOwner,
    send,
)
from endpoints_submission_cli.adapters.prism.errors import (
    InvalidBaseUrl,
    InvalidRunId,
    InvalidToken,
    MalformedResponse,
)
from endpoints_submission_cli.adapters.prism.payloads import (
    json_kind,
    payload_body,
    structure_target,
)
from endpoints_submission_cli.adapters.prism.responses import scrub, status_error
from endpoints_submission_cli.adapters.prism.retries import (
    IDEMPOTENT_METHODS,
    Retrier,
    Retryable,
    RetryPolicy,
    is_retryable_status,
    retry_after,
)
from endpoints_submission_cli.application.ports import (
    DownloadTarget,
    JsonObject,
    RunPayload,
    UploadTarget,
)

SNIPPET_LIMIT = 200


class HttpxRunsApi(ClientOwner):
    """Calls the runs endpoints; idempotent calls are retried on transient failures."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        check_base_url(base_url)
        check_token(token)
        self._token = token
        self._retrier = Retrier(retry_policy or RetryPolicy(), sleep)
        self._client = httpx.Client(
            base_url=base_url,
            headers={
                "X-API-Key": token,
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
            },
            timeout=API_TIMEOUT,
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"HttpxRunsApi(base_url={str(self._client.base_url)!r})"

    def list_runs(self) -> list[JsonObject]:
        body, status = self._json("GET", "/runs")
        if not isinstance(body, list) or not all(isinstance(r, dict) for r in body):
            found = describe(body)
            message = f"GET /runs answered {found} where a list of runs was expected"
            raise MalformedResponse(message, status_code=status)
        return body

    def create_run(self, payload: RunPayload) -> JsonObject:
        record = self._record("POST", "/runs", payload_body(payload))
        if record.get("id") in (None, ""):
            message = "POST /runs answered a run record without an 'id'"
            raise MalformedResponse(message)
        return record

    def get_run(self, run_id: str) -> JsonObject:
        return self._record("GET", run_path(run_id))

    def delete_run(self, run_id: str) -> None:
        self._call("DELETE", run_path(run_id))

    def delete_run_archive(self, run_id: str) -> None:
        self._call("DELETE", run_path(run_id, "archive"))

    def pin_run(self, run_id: str) -> None:
        self._call("PATCH", run_path(run_id, "pin"))

    def unpin_run(self, run_id: str) -> None:
        self._call("PATCH", run_path(run_id, "unpin"))

    def run_upload_target(self, run_id: str) -> UploadTarget:
        path = run_path(run_id, "archive", "upload-url")
        body, _ = self._json("GET", path)
        return structure_target(body, UploadTarget, f"GET {path}")

    def run_download_target(self, run_id: str) -> DownloadTarget:
        path = run_path(run_id, "archive")
        body, _ = self._json("GET", path)
        return structure_target(body, DownloadTarget, f"GET {path}")

    def _record(self, method: str, path: str, body: Any = None) -> JsonObject:
        record, status = self._json(method, path, body)
        if not isinstance(record, dict):
            found = describe(record)
            message = f"{method} {path} answered {found} where a record was expected"
            raise MalformedResponse(message, status_code=status)
        return record

    def _json(self, method: str, path: str, body: Any = None) -> tuple[Any, int]:
        """Return the decoded body of a successful answer and its status."""
        response = self._call(method, path, body)
        try:
            return response.json(), response.status_code
        except ValueError:
            snippet = scrub(response.text[:SNIPPET_LIMIT], self._token)
            message = (
                f"{method} {path} answered HTTP {response.status_code} with a body "
                f"that is not JSON: {snippet!r}"
            )
            raise MalformedResponse(message, status_code=response.status_code) from None

    def _call(self, method: str, path: str, body: Any = None) -> httpx.Response:
        request = self._client.build_request(method, path, json=body)
        return self._retrier.call(
            lambda: self._attempt(request),
            f"{method} {path}",
            idempotent=method in IDEMPOTENT_METHODS,
        )

    def _attempt(self, request: httpx.Request) -> httpx.Response:
        response = send(self._client, request, secret=self._token)
        if response.is_success:
            return response
        error = status_error(response, self._token)
        if is_retryable_status(response.status_code):
            raise Retryable(error, retry_after(response))
        raise error


def check_base_url(base_url: str) -> None:
    """Refuse a base URL that is not an absolute http(s) URL with a host."""
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        raise InvalidBaseUrl(base_url) from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidBaseUrl(base_url)


def check_token(token: str) -> None:
    """Refuse a token that cannot travel in a header, without ever showing it."""
    if not token or not all("!" <= char <= "~" for char in token):
        raise InvalidToken


def run_path(run_id: str, *rest: str) -> str:
    """Return the path of a run resource, the id quoted as one path segment."""
    if run_id in ("", ".", ".."):
        raise InvalidRunId(run_id)
    return "/".join(("/runs", quote(run_id, safe=""), *rest))


def describe(body: object) -> str:
    """Name what a body holds, for a message about a wrong shape."""
    if isinstance(body, list):
        return "an array with a non-object item"
    return f"a JSON {json_kind(body)}"
