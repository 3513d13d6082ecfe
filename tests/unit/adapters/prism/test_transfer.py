"""HttpxArchiveTransfer over a scripted transport: streaming, retries, failures."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import httpx
import pytest

from endpoints_submission_cli.adapters.prism import HttpxArchiveTransfer
from endpoints_submission_cli.application.errors import ArchiveError, TransferError
from endpoints_submission_cli.application.ports import (
    DownloadTarget,
    PackedArchive,
    UploadTarget,
)
from tests.unit.adapters.prism.scripted import ScriptedServer, Sleeps

UPLOAD = UploadTarget("https://storage.example/runs/r.tar.gz?signature=s3cr3t")
DOWNLOAD = DownloadTarget("https://storage.example/runs/r.tar.gz?signature=s3cr3t")
CHUNK = 1000
DATA = os.urandom(4500)


class Progress:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None]] = []

    def __call__(self, done: int, total: int | None) -> None:
        self.calls.append((done, total))


def transfer_for(server: ScriptedServer, sleeps: Sleeps | None = None):
    return HttpxArchiveTransfer(
        transport=server.transport, sleep=sleeps or Sleeps(), chunk_size=CHUNK
    )


@pytest.fixture
def archive(tmp_path: Path) -> PackedArchive:
    path = tmp_path / "run.tar.gz"
    path.write_bytes(DATA)
    return PackedArchive(path, len(DATA), hashlib.sha256(DATA).hexdigest())


def body(data: bytes, announced: int | None = None) -> httpx.Response:
    length = len(data) if announced is None else announced
    headers = {"Content-Length": str(length)}
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(data))


class TestUpload:
    def test_puts_the_file_with_its_type_and_length_and_no_api_key(
        self, archive: PackedArchive
    ) -> None:
        server = ScriptedServer(httpx.Response(200))

        transfer_for(server).upload(UPLOAD, archive, Progress())

        request = server.requests[0]
        assert (request.method, str(request.url)) == ("PUT", UPLOAD.url)
        assert server.bodies[0] == DATA
        assert request.headers["Content-Type"] == "application/octet-stream"
        assert request.headers["Content-Length"] == str(len(DATA))
        assert "X-API-Key" not in request.headers

    def test_streams_in_chunks_and_reports_progress(
        self, archive: PackedArchive
    ) -> None:
        server = ScriptedServer(httpx.Response(200))
        progress = Progress()

        transfer_for(server).upload(UPLOAD, archive, progress)

        assert progress.calls == [(n, 4500) for n in (1000, 2000, 3000, 4000, 4500)]

    def test_uses_the_upload_timeout_profile(self, archive: PackedArchive) -> None:
        server = ScriptedServer(httpx.Response(200))

        transfer_for(server).upload(UPLOAD, archive, Progress())

        timeout = server.requests[0].extensions["timeout"]
        assert timeout == {"connect": 10.0, "read": 120.0, "write": 300.0, "pool": 5.0}

    def test_retries_from_the_start_of_the_file(self, archive: PackedArchive) -> None:
        server = ScriptedServer(
            httpx.WriteError("broken pipe"), httpx.Response(500), httpx.Response(200)
        )

        transfer_for(server).upload(UPLOAD, archive, Progress())

        assert server.bodies == [DATA, DATA, DATA]

    def test_fails_after_every_attempt_failed_and_leaves_the_file(
        self, archive: PackedArchive
    ) -> None:
        before = (archive.path.read_bytes(), archive.path.stat().st_mtime_ns)
        server = ScriptedServer(*[httpx.Response(500, text="backend error")] * 4)
        sleeps = Sleeps()

        with pytest.raises(TransferError) as caught:
            transfer_for(server, sleeps).upload(UPLOAD, archive, Progress())

        assert str(caught.value) == (
            "Archive upload failed: storage answered HTTP 500: backend error"
        )
        assert caught.value.status_code == 500
        assert (len(server.requests), len(sleeps.calls)) == (4, 3)
        assert (archive.path.read_bytes(), archive.path.stat().st_mtime_ns) == before

    def test_does_not_retry_a_refused_signature(self, archive: PackedArchive) -> None:
        refused = httpx.Response(403, text="<Error>SignatureDoesNotMatch</Error>")
        server = ScriptedServer(refused)

        with pytest.raises(TransferError, match="HTTP 403: <Error>Signature") as caught:
            transfer_for(server).upload(UPLOAD, archive, Progress())

        assert caught.value.status_code == 403
        assert len(server.requests) == 1

    def test_names_a_transport_failure(self, archive: PackedArchive) -> None:
        server = ScriptedServer(*[httpx.ConnectError("refused")] * 4)

        with pytest.raises(TransferError) as caught:
            transfer_for(server).upload(UPLOAD, archive, Progress())

        assert str(caught.value) == (
            "Archive upload failed: Request failed: ConnectError: refused"
        )
        assert caught.value.status_code is None

    def test_names_a_missing_archive(self, tmp_path: Path) -> None:
        missing = PackedArchive(tmp_path / "gone.tar.gz", 1, "0" * 64)
        server = ScriptedServer()

        with pytest.raises(ArchiveError, match=r"gone\.tar\.gz"):
            transfer_for(server).upload(UPLOAD, missing, Progress())
        assert server.requests == []

    @pytest.mark.parametrize("url", ["/relative?signature=s3cr3t", "http://[::1"])
    def test_refuses_a_target_that_is_not_an_absolute_url(
        self, archive: PackedArchive, url: str
    ) -> None:
        server = ScriptedServer()

        with pytest.raises(TransferError, match="not an absolute") as caught:
            transfer_for(server).upload(UploadTarget(url), archive, Progress())

        assert "s3cr3t" not in str(caught.value)
        assert server.requests == []

    def test_keeps_the_signature_out_of_errors(self, archive: PackedArchive) -> None:
        server = ScriptedServer(*[httpx.ReadTimeout("timed out")] * 4)

        with pytest.raises(TransferError) as caught:
            transfer_for(server).upload(UPLOAD, archive, Progress())

        assert "s3cr3t" not in str(caught.value)


class TestDownload:
    def test_writes_the_body_and_returns_its_size(self, tmp_path: Path) -> None:
        destination = tmp_path / "new" / "dir" / "r.tar.gz"
        server = ScriptedServer(body(DATA))
        progress = Progress()

        size = transfer_for(server).download(DOWNLOAD, destination, progress)

        assert size == len(DATA)
        assert destination.read_bytes() == DATA
        assert progress.calls[-1] == (4500, 4500)
        assert [path.name for path in destination.parent.iterdir()] == ["r.tar.gz"]

    def test_asks_without_api_key_or_compression_on_the_download_profile(
        self, tmp_path: Path
    ) -> None:
        server = ScriptedServer(body(DATA))

        transfer_for(server).download(DOWNLOAD, tmp_path / "r.tar.gz", Progress())

        request = server.requests[0]
        assert "X-API-Key" not in request.headers
        assert request.headers["Accept-Encoding"] == "identity"
        timeout = request.extensions["timeout"]
        assert timeout == {"connect": 10.0, "read": 300.0, "write": 30.0, "pool": 5.0}

    def test_accepts_a_body_without_announced_length(self, tmp_path: Path) -> None:
        unannounced = httpx.Response(200, stream=httpx.ByteStream(DATA))
        server = ScriptedServer(unannounced)

        size = transfer_for(server).download(DOWNLOAD, tmp_path / "r", Progress())

        assert size == len(DATA)

    def test_fails_on_a_truncated_body_and_leaves_no_file(self, tmp_path: Path) -> None:
        truncated = [body(DATA[:1000], announced=len(DATA)) for _ in range(4)]
        server = ScriptedServer(*truncated)

        with pytest.raises(TransferError) as caught:
            transfer_for(server).download(DOWNLOAD, tmp_path / "r.tar.gz", Progress())

        assert str(caught.value) == (
            "Archive download failed: received 1000 of the 4500 bytes "
            "the server announced"
        )
        assert list(tmp_path.iterdir()) == []

    def test_retries_a_truncated_body(self, tmp_path: Path) -> None:
        server = ScriptedServer(body(DATA[:10], announced=len(DATA)), body(DATA))

        size = transfer_for(server).download(DOWNLOAD, tmp_path / "r", Progress())

        assert (size, (tmp_path / "r").read_bytes()) == (len(DATA), DATA)

    def test_fails_on_a_missing_object_without_retrying(self, tmp_path: Path) -> None:
        server = ScriptedServer(httpx.Response(404, text="NoSuchKey"))

        with pytest.raises(TransferError, match="HTTP 404: NoSuchKey") as caught:
            transfer_for(server).download(DOWNLOAD, tmp_path / "r", Progress())

        assert caught.value.status_code == 404
        assert len(server.requests) == 1
        assert list(tmp_path.iterdir()) == []

    def test_reads_a_streamed_error_body_before_reporting_it(
        self, tmp_path: Path
    ) -> None:
        unread = httpx.Response(410, stream=httpx.ByteStream(b"<Error>Expired</Error>"))
        server = ScriptedServer(unread)

        with pytest.raises(TransferError, match=r"HTTP 410: <Error>Expired</Error>"):
            transfer_for(server).download(DOWNLOAD, tmp_path / "r", Progress())

    def test_keeps_an_existing_file_when_the_download_fails(
        self, tmp_path: Path
    ) -> None:
        destination = tmp_path / "r.tar.gz"
        destination.write_bytes(b"previous")
        server = ScriptedServer(*[httpx.ReadTimeout("timed out")] * 4)

        with pytest.raises(TransferError, match="Request failed: ReadTimeout"):
            transfer_for(server).download(DOWNLOAD, destination, Progress())

        assert list(tmp_path.iterdir()) == [destination]
        assert destination.read_bytes() == b"previous"

    def test_names_a_destination_it_cannot_create(self, tmp_path: Path) -> None:
        blocker = tmp_path / "file"
        blocker.write_text("not a directory")

        with pytest.raises(ArchiveError, match="Cannot write into"):
            transfer_for(ScriptedServer()).download(
                DOWNLOAD, blocker / "r.tar.gz", Progress()
            )
