"""Ports: what the use cases need from the world, as protocols.

Adapters implement them; tests use `Fake…` doubles. A port raises only the
errors of `application.errors`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import attrs

from endpoints_submission_cli.domain.submission import SubmissionFolder

# Called with (bytes done, bytes in total or None) as a transfer advances.
ProgressCallback = Callable[[int, "int | None"], None]

JsonObject = dict[str, Any]


@attrs.frozen
class RunFolderContents:
    """What a run folder says: its three documents, parsed but not interpreted."""

    path: Path
    system_info: JsonObject
    config: JsonObject
    result_summary: JsonObject


@attrs.frozen
class RunPayload:
    """The body of `POST /runs`; fields left at None are not sent."""

    benchmark_version: str
    started_at: str
    finished_at: str
    system_info: JsonObject
    config: JsonObject
    result_summary: JsonObject
    cli_version: str | None = None
    expires_at: str | None = None
    pinned: bool | None = None


@attrs.frozen
class UploadTarget:
    """Where to PUT an archive: a signed URL that needs no API key."""

    url: str
    expires_in: int | None = None
    archive_uri: str | None = None


@attrs.frozen
class DownloadTarget:
    """Where to GET an archive: a signed URL that needs no API key."""

    url: str
    expires_in: int | None = None


@attrs.frozen
class PackedArchive:
    """A gzip-compressed tar written to a local file."""

    path: Path
    size: int
    sha256: str


class RunsApi(Protocol):
    """The runs endpoints of the PRISM API.

    Records are returned as the server sent them (keys in server order).
    Every method raises `RemoteError` (or a subclass) when the call fails.
    """

    def list_runs(self) -> list[JsonObject]: ...

    def create_run(self, payload: RunPayload) -> JsonObject: ...

    def get_run(self, run_id: str) -> JsonObject: ...

    def delete_run(self, run_id: str) -> None: ...

    def delete_run_archive(self, run_id: str) -> None:
        """Delete the stored archive; raises `NotFound` when there is none."""

    def pin_run(self, run_id: str) -> None: ...

    def unpin_run(self, run_id: str) -> None: ...

    def run_upload_target(self, run_id: str) -> UploadTarget: ...

    def run_download_target(self, run_id: str) -> DownloadTarget: ...


class ArchiveTransfer(Protocol):
    """Moves archive files to and from signed storage URLs."""

    def upload(
        self, target: UploadTarget, archive: PackedArchive, progress: ProgressCallback
    ) -> None:
        """Stream the file to the URL; raises `TransferError` on failure."""

    def download(
        self, target: DownloadTarget, destination: Path, progress: ProgressCallback
    ) -> int:
        """Stream the URL into the file and return its size in bytes.

        Raises `TransferError` on failure, also when fewer bytes arrive than
        the server announced.
        """


class RunFolder(Protocol):
    """Reads the documents that `runs create` sends from a benchmark run folder."""

    def read(self, path: Path) -> RunFolderContents:
        """Return its documents; raises `RunFolderError` naming every problem."""


class RunArchive(Protocol):
    """Packs a run folder into a gzip-compressed tar."""

    def pack(self, folder: Path, destination: Path) -> PackedArchive:
        """Pack the folder, never changing it; raises `ArchiveError`."""


class SubmissionSource(Protocol):
    """Reads a submission folder into the tree that the rules evaluate."""

    def load(self, root: str) -> SubmissionFolder:
        """Return the folder at `root` as found; never raises for bad content."""
