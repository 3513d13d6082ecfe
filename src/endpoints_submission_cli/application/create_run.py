"""Register a run from a local run folder and upload its archive."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import NoReturn

import attrs

from endpoints_submission_cli import __version__
from endpoints_submission_cli.application.errors import (
    ApplicationError,
    RemoteError,
    RunCreationFailed,
)
from endpoints_submission_cli.application.ports import (
    ArchiveTransfer,
    JsonObject,
    PackedArchive,
    ProgressCallback,
    RunArchive,
    RunFolder,
    RunFolderContents,
    RunPayload,
    RunsApi,
)

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Announce = Callable[[str], None]


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(timezone.utc)


@attrs.frozen
class CreateRunRequest:
    """What the caller asks for: the folder and the optional run settings."""

    path: Path
    expires_at: str | None = None
    pinned: bool = False
    dry_run: bool = False


@attrs.frozen
class CreatedRun:
    """The outcome: the payload, and unless a dry run, the run and its archive."""

    payload: RunPayload
    run_id: str | None = None
    archive: PackedArchive | None = None
    archive_uri: str | None = None


def _ignore_progress(done: int, total: int | None) -> None:
    """Accept a progress report and show nothing."""


def _ignore_step(message: str) -> None:
    """Accept a step announcement and show nothing."""


class CreateRun:
    """Read a run folder, register the run, pack the folder and upload it.

    Any failure after the run is registered deletes the run (and whatever
    archive reached the server) before the error is raised, so that no run is
    left without its archive.
    """

    def __init__(
        self,
        run_folder: RunFolder,
        run_archive: RunArchive,
        runs_api: RunsApi | None = None,
        transfer: ArchiveTransfer | None = None,
        *,
        clock: Clock = utc_now,
        cli_version: str = __version__,
        workspace: Path | None = None,
    ) -> None:
        self._run_folder = run_folder
        self._run_archive = run_archive
        self._runs_api = runs_api
        self._transfer = transfer
        self._clock = clock
        self._cli_version = cli_version
        self._workspace = workspace

    def execute(
        self,
        request: CreateRunRequest,
        progress: ProgressCallback = _ignore_progress,
        announce: Announce = _ignore_step,
    ) -> CreatedRun:
        """Create the run, or with `dry_run` only build its payload.

        Raises:
            RunFolderError: when the folder lacks a file or holds a bad one.
            RemoteError: when the run cannot be registered (nothing to undo).
            RunCreationFailed: when a step after the registration fails; it
                says whether the run could be deleted again.
        """
        contents = self._run_folder.read(request.path)
        payload = build_payload(contents, request, self._clock(), self._cli_version)
        if request.dry_run:
            return CreatedRun(payload=payload)

        return self._create(contents.path, payload, progress, announce)

    def _create(
        self,
        folder: Path,
        payload: RunPayload,
        progress: ProgressCallback,
        announce: Announce,
    ) -> CreatedRun:
        runs_api, transfer = self._remote()
        run_id = _run_id(runs_api.create_run(payload))
        logger.info("registered run %s", run_id)
        announce(f"Registered run {run_id}")
        try:
            archive, archive_uri = self._upload(
                run_id, folder, runs_api, transfer, progress=progress, announce=announce
            )
        except BaseException as err:  # also Ctrl-C: never leave a run without archive
            self._roll_back(runs_api, run_id, err)
        return CreatedRun(payload, run_id, archive, archive_uri)

    def _remote(self) -> tuple[RunsApi, ArchiveTransfer]:
        if self._runs_api is None or self._transfer is None:
            message = "creating a run needs the runs API and an archive transfer"
            raise ApplicationError(message)
        return self._runs_api, self._transfer

    def _upload(
        self,
        run_id: str,
        folder: Path,
        runs_api: RunsApi,
        transfer: ArchiveTransfer,
        *,
        progress: ProgressCallback,
        announce: Announce,
    ) -> tuple[PackedArchive, str | None]:
        with tempfile.TemporaryDirectory(
            prefix="endpoints-run-", dir=self._workspace
        ) as workspace:
            announce(f"Packing {folder}")
            archive = self._run_archive.pack(
                folder, Path(workspace) / f"{folder.name}.tar.gz"
            )
            target = runs_api.run_upload_target(run_id)
            announce("Uploading the archive")
            transfer.upload(target, archive, progress)
        return archive, target.archive_uri

    def _roll_back(
        self, runs_api: RunsApi, run_id: str, cause: BaseException
    ) -> NoReturn:
        logger.info("rolling back run %s after: %s", run_id, cause)
        try:
            runs_api.delete_run_archive(run_id)
        except Exception as err:  # best effort: the run delete decides
            logger.debug("deleting the archive of run %s failed: %s", run_id, err)
        try:
            runs_api.delete_run(run_id)
        except Exception as err:
            raise RunCreationFailed(run_id, cause, rollback_error=err) from cause
        if not isinstance(cause, Exception):
            raise cause
        raise RunCreationFailed(run_id, cause) from cause


def build_payload(
    contents: RunFolderContents,
    request: CreateRunRequest,
    now: datetime,
    cli_version: str,
) -> RunPayload:
    """Return the body of `POST /runs` for a run folder read at `now`.

    The benchmark records no wall-clock start, so the run is taken to have
    finished now and started `duration_ns` earlier.
    """
    finished = now.astimezone(timezone.utc)
    started = finished - _duration(contents.result_summary)
    return RunPayload(
        benchmark_version=_benchmark_version(contents.result_summary),
        started_at=started.isoformat(),
        finished_at=finished.isoformat(),
        system_info=contents.system_info,
        config=contents.config,
        result_summary=contents.result_summary,
        cli_version=cli_version,
        expires_at=request.expires_at,
        pinned=True if request.pinned else None,
    )


def _benchmark_version(summary: JsonObject) -> str:
    for key in ("git_sha", "version"):
        value = summary.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return "unknown"


def _duration(summary: JsonObject) -> timedelta:
    duration_ns = summary.get("duration_ns")
    if not isinstance(duration_ns, (int, float)) or isinstance(duration_ns, bool):
        return timedelta(0)
    return timedelta(microseconds=duration_ns / 1000)


def _run_id(record: JsonObject) -> str:
    run_id = record.get("id") if isinstance(record, dict) else None
    if not isinstance(run_id, str) or not run_id:
        message = "the server answered POST /runs without a run id"
        raise RemoteError(message)
    return run_id
