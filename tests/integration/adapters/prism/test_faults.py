"""The PRISM adapters against a live test server that misbehaves on purpose."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.prism import HttpxArchiveTransfer, HttpxRunsApi
from endpoints_submission_cli.application.errors import RemoteError, TransferError
from endpoints_submission_cli.application.ports import PackedArchive, RunPayload
from tests.support.prism_server import PRISM_TOKEN, PrismServer

DATA = os.urandom(256 * 1024)


class Sleeps:
    """Records the pauses asked for, without pausing."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def no_progress(done: int, total: int | None) -> None:
    """Ignore progress."""


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def api(live_server: PrismServer, sleeps: Sleeps) -> Iterator[HttpxRunsApi]:
    with HttpxRunsApi(live_server.base_url, PRISM_TOKEN, sleep=sleeps) as api:
        yield api


@pytest.fixture
def transfer(sleeps: Sleeps) -> Iterator[HttpxArchiveTransfer]:
    with HttpxArchiveTransfer(sleep=sleeps, chunk_size=64 * 1024) as transfer:
        yield transfer


@pytest.fixture
def run_id(live_server: PrismServer) -> str:
    return live_server.add_run()["id"]


@pytest.fixture
def archive(tmp_path: Path) -> PackedArchive:
    path = tmp_path / "run.tar.gz"
    path.write_bytes(DATA)
    return PackedArchive(path, len(DATA), hashlib.sha256(DATA).hexdigest())


class TestApiFaults:
    def test_a_get_succeeds_after_one_server_error(
        self, live_server: PrismServer, api: HttpxRunsApi, run_id: str, sleeps: Sleeps
    ) -> None:
        live_server.fail_next("GET", "/runs/*", 500)

        assert api.get_run(run_id)["id"] == run_id
        assert len(sleeps.calls) == 1

    def test_a_delete_succeeds_after_one_server_error(
        self, live_server: PrismServer, api: HttpxRunsApi, run_id: str
    ) -> None:
        live_server.fail_next("DELETE", f"/runs/{run_id}", 500)

        api.delete_run(run_id)

        assert run_id not in live_server.runs

    def test_a_post_is_not_retried(
        self, live_server: PrismServer, api: HttpxRunsApi
    ) -> None:
        live_server.fail_next("POST", "/runs", 500)
        payload = RunPayload(
            "v", "2026-12-03T18:00:00Z", "2026-12-03T18:01:00Z", {}, {}, {}
        )

        with pytest.raises(RemoteError, match="API error 500: Injected failure"):
            api.create_run(payload)

        posts = [r for r in live_server.requests if r.method == "POST"]
        assert len(posts) == 1
        assert live_server.runs == {}

    def test_waits_as_the_server_asks_when_throttled(
        self, live_server: PrismServer, api: HttpxRunsApi, sleeps: Sleeps
    ) -> None:
        live_server.fail_next("GET", "/runs", 429, retry_after="2")

        assert api.list_runs() == []
        assert sleeps.calls == [2.0]

    def test_gives_up_after_four_server_errors(
        self, live_server: PrismServer, api: HttpxRunsApi, sleeps: Sleeps
    ) -> None:
        live_server.fail_next("GET", "/runs", 503, times=4)

        with pytest.raises(RemoteError) as caught:
            api.list_runs()

        assert caught.value.status_code == 503
        assert len(sleeps.calls) == 3


class TestTransferFaults:
    def test_uploads_byte_for_byte_without_the_api_key(
        self,
        live_server: PrismServer,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        archive: PackedArchive,
    ) -> None:
        transfer.upload(api.run_upload_target(run_id), archive, no_progress)

        assert live_server.archive(run_id) == DATA
        storage = [r for r in live_server.requests if r.path.startswith("/storage/")]
        assert [(r.method, r.api_key) for r in storage] == [("PUT", None)]

    def test_an_upload_cut_off_once_is_sent_again(
        self,
        live_server: PrismServer,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        archive: PackedArchive,
    ) -> None:
        live_server.drop_next_upload()

        transfer.upload(api.run_upload_target(run_id), archive, no_progress)

        assert live_server.archive(run_id) == DATA

    def test_an_upload_cut_off_every_time_fails_and_leaves_the_file(
        self,
        live_server: PrismServer,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        archive: PackedArchive,
    ) -> None:
        target = api.run_upload_target(run_id)
        live_server.drop_next_upload(times=4)

        with pytest.raises(
            TransferError, match="Archive upload failed: Request failed"
        ):
            transfer.upload(target, archive, no_progress)

        puts = [r for r in live_server.requests if r.method == "PUT"]
        assert len(puts) == 4
        assert archive.path.read_bytes() == DATA
        assert live_server.archive(run_id) is None

    def test_an_upload_answered_500_every_time_fails(
        self,
        live_server: PrismServer,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        archive: PackedArchive,
    ) -> None:
        target = api.run_upload_target(run_id)
        live_server.fail_next("PUT", "/storage/*", 500, times=4)

        with pytest.raises(TransferError) as caught:
            transfer.upload(target, archive, no_progress)

        assert caught.value.status_code == 500
        assert archive.path.read_bytes() == DATA

    def test_a_truncated_download_fails_and_leaves_nothing(
        self,
        live_server: PrismServer,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        tmp_path: Path,
    ) -> None:
        live_server.store_archive(run_id, DATA)
        live_server.truncate_next_download(times=4)
        folder = tmp_path / "downloads"

        with pytest.raises(TransferError, match="Archive download failed"):
            transfer.download(
                api.run_download_target(run_id), folder / "r", no_progress
            )

        assert list(folder.iterdir()) == []

    def test_a_download_truncated_once_is_fetched_again(
        self,
        live_server: PrismServer,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        tmp_path: Path,
    ) -> None:
        live_server.store_archive(run_id, DATA)
        live_server.truncate_next_download()
        destination = tmp_path / "r.tar.gz"

        size = transfer.download(
            api.run_download_target(run_id), destination, no_progress
        )

        assert (size, destination.read_bytes()) == (len(DATA), DATA)

    def test_a_missing_object_fails_with_the_storage_explanation(
        self,
        live_server: PrismServer,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        tmp_path: Path,
    ) -> None:
        live_server.store_archive(run_id, DATA)
        target = api.run_download_target(run_id)
        live_server.object_path(f"runs/{run_id}.tar.gz").unlink()

        with pytest.raises(TransferError, match="HTTP 404: <Error><Code>NoSuchKey"):
            transfer.download(target, tmp_path / "downloads" / "r", no_progress)

        assert list((tmp_path / "downloads").iterdir()) == []

    def test_a_tampered_signature_is_refused(
        self,
        api: HttpxRunsApi,
        transfer: HttpxArchiveTransfer,
        run_id: str,
        archive: PackedArchive,
    ) -> None:
        target = api.run_upload_target(run_id)
        forged = type(target)(target.url.replace("signature=", "signature=0"))

        with pytest.raises(TransferError, match="HTTP 403") as caught:
            transfer.upload(forged, archive, no_progress)

        assert caught.value.status_code == 403
