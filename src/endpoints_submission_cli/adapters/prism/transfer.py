"""Archive transfer to and from signed storage URLs, never with the API key."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from endpoints_submission_cli.adapters.prism.client import (
    DOWNLOAD_TIMEOUT,
    UPLOAD_TIMEOUT,
    USER_AGENT,
    ClientOwner,
    loggable_url,
    send,
    transport_failure,
)
from endpoints_submission_cli.adapters.prism.responses import storage_error
from endpoints_submission_cli.adapters.prism.retries import (
    Retrier,
    Retryable,
    RetryPolicy,
    is_retryable_status,
    retry_after,
)
from endpoints_submission_cli.application.errors import (
    ArchiveError,
    RemoteError,
    TransferError,
)
from endpoints_submission_cli.application.ports import (
    DownloadTarget,
    PackedArchive,
    ProgressCallback,
    UploadTarget,
)

CHUNK_SIZE = 1024 * 1024


class FileChunks:
    """The bytes of a file, read in chunks from the start on every iteration."""

    def __init__(
        self, path: Path, size: int, chunk_size: int, progress: ProgressCallback
    ) -> None:
        self.path = path
        self.size = size
        self.chunk_size = chunk_size
        self.progress = progress

    def __iter__(self) -> Iterator[bytes]:
        sent = 0
        try:
            with self.path.open("rb") as file:
                while sent < self.size:
                    chunk = file.read(min(self.chunk_size, self.size - sent))
                    if not chunk:
                        break
                    sent += len(chunk)
                    yield chunk
                    self.progress(sent, self.size)
        except OSError as err:
            message = f"Cannot read archive {str(self.path)!r}: {err.strerror or err}"
            raise ArchiveError(message) from err


class HttpxArchiveTransfer(ClientOwner):
    """Streams archives with PUT and GET; every request is retried when transient."""

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        retry_policy: RetryPolicy | None = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self._retrier = Retrier(retry_policy or RetryPolicy(), sleep)
        self._chunk_size = chunk_size
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT}, transport=transport
        )

    def upload(
        self, target: UploadTarget, archive: PackedArchive, progress: ProgressCallback
    ) -> None:
        url = signed_url(target.url, "Archive upload failed")
        size = file_size(archive.path)
        try:
            self._retrier.call(
                lambda: self._put(url, archive.path, size, progress),
                f"PUT {loggable_url(url)}",
                idempotent=True,
            )
        except RemoteError as err:
            raise as_transfer_error("Archive upload failed", err) from None

    def download(
        self, target: DownloadTarget, destination: Path, progress: ProgressCallback
    ) -> int:
        url = signed_url(target.url, "Archive download failed")
        partial = partial_file(destination)
        try:
            received = self._retrier.call(
                lambda: self._get(url, partial, progress),
                f"GET {loggable_url(url)}",
                idempotent=True,
            )
            replace(partial, destination)
        except RemoteError as err:
            partial.unlink(missing_ok=True)
            raise as_transfer_error("Archive download failed", err) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return received

    def _put(
        self, url: httpx.URL, path: Path, size: int, progress: ProgressCallback
    ) -> None:
        request = self._client.build_request(
            "PUT",
            url,
            content=FileChunks(path, size, self._chunk_size, progress),
            headers={
                "Content-Type": "application/octet-stream",
                "Content-Length": str(size),
            },
            timeout=UPLOAD_TIMEOUT,
        )
        response = send(self._client, request, secret=None)
        check_status(response)

    def _get(self, url: httpx.URL, partial: Path, progress: ProgressCallback) -> int:
        request = self._client.build_request(
            "GET",
            url,
            headers={"Accept-Encoding": "identity"},
            timeout=DOWNLOAD_TIMEOUT,
        )
        response = send(self._client, request, secret=None, stream=True)
        try:
            check_status(response)
            expected = content_length(response)
            received = self._save(response, partial, expected, progress)
        finally:
            response.close()
        if expected is not None and received != expected:
            message = (
                f"Archive download failed: received {received} of the {expected} "
                "bytes the server announced"
            )
            raise Retryable(TransferError(message))
        return received

    def _save(
        self,
        response: httpx.Response,
        partial: Path,
        expected: int | None,
        progress: ProgressCallback,
    ) -> int:
        received = 0
        try:
            with partial.open("wb") as file:
                for chunk in response.iter_raw(self._chunk_size):
                    file.write(chunk)
                    received += len(chunk)
                    progress(received, expected)
        except httpx.HTTPError as err:
            raise transport_failure(err, None) from None
        except OSError as err:
            message = f"Cannot write {str(partial)!r}: {err.strerror or err}"
            raise ArchiveError(message) from err
        return received


def signed_url(url: str, action: str) -> httpx.URL:
    """Parse a signed URL; never show it, since its query is a credential."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        message = f"{action}: the signed URL is not an absolute http(s) URL"
        raise TransferError(message)
    return parsed


def check_status(response: httpx.Response) -> None:
    """Raise for a storage answer that is not a success."""
    if response.is_success:
        return
    error = storage_error(response)
    if is_retryable_status(response.status_code):
        raise Retryable(error, retry_after(response))
    raise error


def content_length(response: httpx.Response) -> int | None:
    """Return the announced body size, or None when absent or unreadable."""
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


def as_transfer_error(action: str, err: RemoteError) -> TransferError:
    """Return the error as a transfer error that names the action."""
    if isinstance(err, TransferError):
        return err
    return TransferError(
        f"{action}: {err}", status_code=err.status_code, detail=err.detail
    )


def file_size(path: Path) -> int:
    """Return the size of the archive to upload."""
    try:
        return path.stat().st_size
    except OSError as err:
        message = f"Cannot open archive {str(path)!r}: {err.strerror or err}"
        raise ArchiveError(message) from err


def partial_file(destination: Path) -> Path:
    """Create an empty temporary file beside the destination and return its path."""
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".part", dir=destination.parent
        )
    except OSError as err:
        message = (
            f"Cannot write into {str(destination.parent)!r}: {err.strerror or err}"
        )
        raise ArchiveError(message) from err
    os.close(handle)
    return Path(name)


def replace(partial: Path, destination: Path) -> None:
    """Move the complete download to its final name."""
    try:
        partial.replace(destination)
    except OSError as err:
        message = f"Cannot write {str(destination)!r}: {err.strerror or err}"
        raise ArchiveError(message) from err
