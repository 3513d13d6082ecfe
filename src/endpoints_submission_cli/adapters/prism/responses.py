"""Turn PRISM answers and transport failures into application errors."""

from __future__ import annotations

import json
import re

import httpx

from endpoints_submission_cli.application.errors import (
    AuthenticationFailed,
    NotFound,
    RemoteError,
)

BODY_LIMIT = 500
REDACTED = "<redacted>"
# Anything shaped like a PRISM API key, in case a server echoes one back.
TOKEN_PATTERN = re.compile(r"mlc_[A-Za-z0-9._~+/=-]*")


def scrub(text: str, secret: str | None) -> str:
    """Return the text with the token, and anything shaped like one, removed."""
    if secret:
        text = text.replace(secret, REDACTED)
    return TOKEN_PATTERN.sub(REDACTED, text)


def status_error(response: httpx.Response, secret: str | None) -> RemoteError:
    """Return the error for a failed API answer, keeping the server's explanation."""
    code = response.status_code
    explanation, detail = explain(response, secret)
    if code in (401, 403):
        suffix = f": {detail}" if detail else ""
        message = f"Authentication failed (HTTP {code}){suffix}"
        return AuthenticationFailed(message, status_code=code, detail=detail)
    kind = NotFound if code == 404 else RemoteError
    return kind(f"API error {code}: {explanation}", status_code=code, detail=detail)


def storage_error(response: httpx.Response) -> RemoteError:
    """Return the error for a failed answer of a signed storage URL."""
    code = response.status_code
    explanation, detail = explain(response, None)
    message = f"storage answered HTTP {code}: {explanation}"
    return RemoteError(message, status_code=code, detail=detail)


def request_failed(err: httpx.HTTPError, secret: str | None) -> RemoteError:
    """Return the error for a request that got no usable answer."""
    return RemoteError(scrub(f"Request failed: {type(err).__name__}: {err}", secret))


def explain(response: httpx.Response, secret: str | None) -> tuple[str, str | None]:
    """Return the explanation of a failed answer and the server's detail, if any."""
    text = body_text(response)
    detail = fastapi_detail(text)
    if detail is None and text.strip():
        detail = text[:BODY_LIMIT]
    if detail is None:
        return response.reason_phrase or "no explanation given", None
    detail = scrub(detail, secret)
    return detail, detail


def body_text(response: httpx.Response) -> str:
    """Return the body as text, reading a streamed body first; '' if unreadable."""
    try:
        response.read()
    except httpx.HTTPError:
        return ""
    return response.text


def fastapi_detail(text: str) -> str | None:
    """Return FastAPI's `detail` rendered readably, or None when there is none."""
    try:
        body = json.loads(text)
    except ValueError:
        return None
    if not isinstance(body, dict) or body.get("detail") in (None, "", []):
        return None
    return render_detail(body["detail"])


def render_detail(detail: object) -> str:
    """Render a string, a list of validation errors or any other JSON value."""
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        return "; ".join(render_problem(problem) for problem in detail)
    return json.dumps(detail, ensure_ascii=False)


def render_problem(problem: object) -> str:
    """Render one validation error as `location: message`."""
    if not isinstance(problem, dict):
        return render_detail(problem)
    message = str(problem.get("msg", "invalid"))
    location = problem.get("loc")
    if isinstance(location, list | tuple) and location:
        return ".".join(str(part) for part in location) + f": {message}"
    return f"{location}: {message}" if location else message
