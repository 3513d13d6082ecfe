"""Recorded PRISM exchanges: where cassettes live, how they are filtered and replayed.

The cassettes in ``cassettes/`` are replayed with record mode ``none``: a request
that no cassette holds fails the test, and no test reaches a network. To record
them again against the test server of ``tests.support.prism_server``::

    PRISM_RECORD=1 .venv/bin/python -m pytest tests/integration/adapters/prism

Requests match on method, path and body (never host or port, which change with
every run of the test server). Before anything is written, the API key header,
the token wherever it appears and the signatures of signed URLs are replaced.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import vcr

from tests.support.prism_server import PRISM_TOKEN

CASSETTES = Path(__file__).parent / "cassettes"
RECORDING = os.environ.get("PRISM_RECORD") == "1"
REDACTED = "REDACTED"
# The base URL replayed requests claim; nothing listens there.
REPLAY_BASE_URL = "http://prism.invalid"
SECRETS = [
    (re.compile(re.escape(PRISM_TOKEN)), REDACTED),
    (re.compile(r"mlc_[A-Za-z0-9._~+/=-]*"), REDACTED),
    (re.compile(r"signature=[^&\s\"']+"), f"signature={REDACTED}"),
]


def redact(text: str) -> str:
    """Return the text with the token and every URL signature replaced."""
    for pattern, replacement in SECRETS:
        text = pattern.sub(replacement, text)
    return text


def redact_body(body: bytes | str | None) -> bytes | str | None:
    if isinstance(body, bytes):
        try:
            return redact(body.decode("utf-8")).encode("utf-8")
        except UnicodeDecodeError:
            return body
    return redact(body) if isinstance(body, str) else body


def redact_request(request: Any) -> Any:
    request.uri = redact(request.uri)
    request.body = redact_body(request.body)
    return request


def redact_response(response: dict[str, Any]) -> dict[str, Any]:
    response["body"]["string"] = redact_body(response["body"]["string"])
    return response


recorder = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="all" if RECORDING else "none",
    match_on=["method", "path", "body"],
    filter_headers=[("X-API-Key", REDACTED)],
    before_record_request=redact_request,
    before_record_response=redact_response,
    decode_compressed_response=True,
)
