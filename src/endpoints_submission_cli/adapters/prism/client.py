"""What the PRISM clients share: timeouts, user agent and one logged send."""

from __future__ import annotations

import logging
import time
from types import TracebackType

import httpx

from endpoints_submission_cli import __version__
from endpoints_submission_cli.adapters.prism.responses import request_failed
from endpoints_submission_cli.adapters.prism.retries import Retryable

logger = logging.getLogger(__name__)

API_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=5.0)
UPLOAD_TIMEOUT = httpx.Timeout(connect=10.0, read=120.0, write=300.0, pool=5.0)
DOWNLOAD_TIMEOUT = httpx.Timeout(connect=10.0, read=300.0, write=30.0, pool=5.0)
USER_AGENT = f"endpoints-submission-cli/{__version__}"

# Failures another attempt may cure; a malformed URL or an unsupported scheme
# fails the same way every time.
RETRYABLE_TRANSPORT_ERRORS = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


class ClientOwner:
    """An adapter that owns one `httpx.Client`: closing it closes the client."""

    _client: httpx.Client

    def __enter__(self) -> ClientOwner:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections of the client."""
        self._client.close()


def send(
    client: httpx.Client,
    request: httpx.Request,
    *,
    secret: str | None,
    stream: bool = False,
) -> httpx.Response:
    """Send one request and log it; a transport failure becomes a remote error."""
    started = time.monotonic()
    try:
        response = client.send(request, stream=stream)
    except httpx.HTTPError as err:
        log_exchange(request, type(err).__name__, started)
        raise transport_failure(err, secret) from None
    log_exchange(request, str(response.status_code), started)
    return response


def transport_failure(err: httpx.HTTPError, secret: str | None) -> Exception:
    """Return what to raise for a transport failure: retryable or final."""
    error = request_failed(err, secret)
    if isinstance(err, RETRYABLE_TRANSPORT_ERRORS):
        return Retryable(error)
    return error


def loggable_url(url: httpx.URL) -> str:
    """Return the URL without credentials or query: a signed URL's secret is there."""
    return str(url.copy_with(query=None, fragment=None, userinfo=b""))


def log_exchange(request: httpx.Request, outcome: str, started: float) -> None:
    elapsed = time.monotonic() - started
    url = loggable_url(request.url)
    logger.info("%s %s %s %.3fs", request.method, url, outcome, elapsed)
