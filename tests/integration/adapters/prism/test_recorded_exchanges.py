"""The PRISM adapters against recorded exchanges with a PRISM-compatible server."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.prism import HttpxArchiveTransfer, HttpxRunsApi
from endpoints_submission_cli.application.errors import AuthenticationFailed, NotFound
from endpoints_submission_cli.application.ports import PackedArchive, RunPayload
from tests.integration.adapters.prism.recording import REPLAY_BASE_URL
from tests.support.prism_server import PRISM_TOKEN, PrismServer

RUN_ID = "3f0c9a52-7d1e-4b6a-9c2f-5e8d1a0b7c41"
OTHER_RUN_ID = "a81d4c07-2e95-4f3b-8d6a-1c7e9b0f2d58"
UNKNOWN_RUN_ID = "00000000-0000-4000-8000-000000000000"
ARCHIVE = b"".join(hashlib.sha256(str(n).encode()).digest() for n in range(96))
PAYLOAD = RunPayload(
    benchmark_version="4f2a9c1",
    started_at="2026-12-03T18:00:00+00:00",
    finished_at="2026-12-03T18:30:00+00:00",
    system_info={"submitter": "Example Org", "accelerator": "GPU-X"},
    config={
        "model_params": {"name": "llama-3.1-8b"},
        "settings": {"load_pattern": {"target_concurrency": 64}},
    },
    result_summary={"duration_ns": 1_800_000_000_000, "qps": 12.5},
    cli_version="0.1.0",
)

pytestmark = pytest.mark.usefixtures("cassette")


def no_progress(done: int, total: int | None) -> None:
    """Ignore progress."""


def base_url(server: PrismServer | None) -> str:
    return server.base_url if server else REPLAY_BASE_URL


def api_for(server: PrismServer | None, token: str = PRISM_TOKEN) -> HttpxRunsApi:
    return HttpxRunsApi(base_url(server), token, sleep=lambda seconds: None)


@pytest.fixture
def api(recording_server: PrismServer | None) -> Iterator[HttpxRunsApi]:
    with api_for(recording_server) as api:
        yield api


@pytest.fixture
def transfer() -> Iterator[HttpxArchiveTransfer]:
    with HttpxArchiveTransfer(chunk_size=1024) as transfer:
        yield transfer


def seed(server: PrismServer | None, *run_ids: str, archive: bool = False) -> None:
    """Store runs (and their archive) while recording; replay needs no state."""
    if server is None:
        return
    for run_id in run_ids:
        server.add_run(run_id, config=PAYLOAD.config)
        if archive:
            server.store_archive(run_id, ARCHIVE)


def test_lists_runs(recording_server: PrismServer | None, api: HttpxRunsApi) -> None:
    seed(recording_server, RUN_ID, OTHER_RUN_ID)

    runs = api.list_runs()

    assert [run["id"] for run in runs] == [RUN_ID, OTHER_RUN_ID]
    assert list(runs[0]) == ["id", "model", "concurrency", "started_at", "finished_at"]
    assert (runs[0]["model"], runs[0]["concurrency"]) == ("llama-3.1-8b", 64)


def test_creates_a_run(recording_server: PrismServer | None, api: HttpxRunsApi) -> None:
    record = api.create_run(PAYLOAD)

    assert record["id"]
    assert record["benchmark_version"] == "4f2a9c1"
    assert record["cli_version"] == "0.1.0"
    assert record["config"] == PAYLOAD.config
    assert record["pinned"] is False


def test_gets_a_run(recording_server: PrismServer | None, api: HttpxRunsApi) -> None:
    seed(recording_server, RUN_ID)

    record = api.get_run(RUN_ID)

    assert record["id"] == RUN_ID
    assert list(record)[:3] == ["id", "user_id", "benchmark_version"]


def test_reports_an_unknown_run(
    recording_server: PrismServer | None, api: HttpxRunsApi
) -> None:
    with pytest.raises(NotFound) as caught:
        api.get_run(UNKNOWN_RUN_ID)

    assert str(caught.value) == "API error 404: Run not found"


def test_reports_a_refused_token(recording_server: PrismServer | None) -> None:
    revoked = "mlc_revoked_token_0000"

    with (
        api_for(recording_server, revoked) as api,
        pytest.raises(AuthenticationFailed) as caught,
    ):
        api.list_runs()

    assert str(caught.value) == "Authentication failed (HTTP 401): Invalid API key"


def test_pins_and_unpins_a_run(
    recording_server: PrismServer | None, api: HttpxRunsApi
) -> None:
    seed(recording_server, RUN_ID)

    api.pin_run(RUN_ID)
    pinned = api.get_run(RUN_ID)
    api.unpin_run(RUN_ID)
    unpinned = api.get_run(RUN_ID)

    assert (pinned["pinned"], pinned["expires_at"]) == (True, None)
    assert unpinned["pinned"] is False
    assert unpinned["expires_at"]


def test_deletes_a_run_and_its_archive(
    recording_server: PrismServer | None, api: HttpxRunsApi
) -> None:
    seed(recording_server, RUN_ID, archive=True)

    api.delete_run_archive(RUN_ID)
    api.delete_run(RUN_ID)

    with pytest.raises(NotFound):
        api.get_run(RUN_ID)


def test_reports_a_missing_archive_on_delete(
    recording_server: PrismServer | None, api: HttpxRunsApi
) -> None:
    seed(recording_server, RUN_ID)

    with pytest.raises(NotFound, match="Archive not found"):
        api.delete_run_archive(RUN_ID)


def test_uploads_an_archive_through_the_signed_url(
    recording_server: PrismServer | None,
    api: HttpxRunsApi,
    transfer: HttpxArchiveTransfer,
    tmp_path: Path,
) -> None:
    seed(recording_server, RUN_ID)
    path = tmp_path / "run.tar.gz"
    path.write_bytes(ARCHIVE)
    archive = PackedArchive(path, len(ARCHIVE), hashlib.sha256(ARCHIVE).hexdigest())

    target = api.run_upload_target(RUN_ID)
    transfer.upload(target, archive, no_progress)

    assert target.expires_in == 3600
    assert target.archive_uri == f"gs://prism-test-archives/runs/{RUN_ID}.tar.gz"
    if recording_server:
        assert recording_server.archive(RUN_ID) == ARCHIVE


def test_downloads_an_archive_through_the_signed_url(
    recording_server: PrismServer | None,
    api: HttpxRunsApi,
    transfer: HttpxArchiveTransfer,
    tmp_path: Path,
) -> None:
    seed(recording_server, RUN_ID, archive=True)
    destination = tmp_path / "downloads" / f"{RUN_ID}.tar.gz"

    target = api.run_download_target(RUN_ID)
    size = transfer.download(target, destination, no_progress)

    assert target.expires_in == 300
    assert size == len(ARCHIVE)
    assert destination.read_bytes() == ARCHIVE
