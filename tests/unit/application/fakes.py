"""In-memory doubles of the runs ports, for use-case and command-line tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from endpoints_submission_cli.application.errors import NotFound, RunFolderError
from endpoints_submission_cli.application.ports import (
    DownloadTarget,
    JsonObject,
    PackedArchive,
    ProgressCallback,
    RunFolderContents,
    RunPayload,
    UploadTarget,
)

SYSTEM_INFO = {"system_name": "Gaudi DP1", "submitter_org_names": "Acme Corp."}
CONFIG = {
    "model_params": {"name": "meta-llama/Llama-3.1-8B-Instruct"},
    "settings": {"load_pattern": {"type": "concurrency", "target_concurrency": 64}},
}
SUMMARY = {
    "version": "0.5.0",
    "git_sha": "ea332753",
    "n_samples_issued": 13368,
    "n_samples_completed": 13368,
    "n_samples_failed": 0,
    "duration_ns": 818_000_000_000,
}


def run_folder_contents(
    path: Path = Path("/runs/llama3-8b-c64"), **summary: Any
) -> RunFolderContents:
    """Return the documents of a typical run folder, the summary amended."""
    return RunFolderContents(path, SYSTEM_INFO, CONFIG, {**SUMMARY, **summary})


class FakeRunsApi:
    """Holds runs in memory; `failures[method]` makes that method raise."""

    def __init__(self, runs: list[JsonObject] | None = None) -> None:
        self.runs = {run["id"]: dict(run) for run in runs or []}
        self.archives: set[str] = set()
        self.calls: list[tuple[str, Any]] = []
        self.failures: dict[str, BaseException] = {}
        self.created: list[RunPayload] = []
        self.archive_uri: str | None = "gs://prism-runs/run-1.tar.gz"

    def _call(self, method: str, argument: Any = None) -> None:
        self.calls.append((method, argument))
        if method in self.failures:
            raise self.failures[method]

    def list_runs(self) -> list[JsonObject]:
        self._call("list_runs")
        return list(self.runs.values())

    def create_run(self, payload: RunPayload) -> JsonObject:
        self._call("create_run", payload)
        self.created.append(payload)
        run_id = f"run-{len(self.created)}"
        self.runs[run_id] = {"id": run_id, "pinned": bool(payload.pinned)}
        return self.runs[run_id]

    def get_run(self, run_id: str) -> JsonObject:
        self._call("get_run", run_id)
        return self._existing(run_id)

    def delete_run(self, run_id: str) -> None:
        self._call("delete_run", run_id)
        self._existing(run_id)
        del self.runs[run_id]

    def delete_run_archive(self, run_id: str) -> None:
        self._call("delete_run_archive", run_id)
        if run_id not in self.archives:
            raise NotFound("API error 404: Archive not found", status_code=404)
        self.archives.discard(run_id)

    def pin_run(self, run_id: str) -> None:
        self._call("pin_run", run_id)
        self._existing(run_id)["pinned"] = True

    def unpin_run(self, run_id: str) -> None:
        self._call("unpin_run", run_id)
        self._existing(run_id)["pinned"] = False

    def run_upload_target(self, run_id: str) -> UploadTarget:
        self._call("run_upload_target", run_id)
        self._existing(run_id)
        url = f"https://storage.example/{run_id}.tar.gz?signature=abc"
        return UploadTarget(url, 3600, self.archive_uri)

    def run_download_target(self, run_id: str) -> DownloadTarget:
        self._call("run_download_target", run_id)
        return DownloadTarget(f"https://storage.example/{run_id}.tar.gz", 300)

    def method_calls(self) -> list[str]:
        """Return the names of the methods called, in order."""
        return [method for method, _ in self.calls]

    def _existing(self, run_id: str) -> JsonObject:
        if run_id not in self.runs:
            raise NotFound("API error 404: Run not found", status_code=404)
        return self.runs[run_id]


class FakeArchiveTransfer:
    """Records uploads, with the archive's bytes as they were at upload time."""

    def __init__(self, runs_api: FakeRunsApi | None = None) -> None:
        self.runs_api = runs_api
        self.uploads: list[tuple[UploadTarget, bytes]] = []
        self.failure: BaseException | None = None

    def upload(
        self, target: UploadTarget, archive: PackedArchive, progress: ProgressCallback
    ) -> None:
        data = archive.path.read_bytes()
        progress(len(data) // 2, archive.size)
        if self.failure is not None:
            raise self.failure
        progress(len(data), archive.size)
        self.uploads.append((target, data))
        if self.runs_api is not None:
            self.runs_api.archives.add(target.url.rsplit("/", 1)[1].split(".")[0])

    def download(
        self, target: DownloadTarget, destination: Path, progress: ProgressCallback
    ) -> int:
        raise NotImplementedError


class FakeRunFolder:
    """Returns fixed contents, or raises the folder error it was given."""

    def __init__(
        self,
        contents: RunFolderContents | None = None,
        error: RunFolderError | None = None,
    ) -> None:
        self.contents = contents or run_folder_contents()
        self.error = error
        self.read_paths: list[Path] = []

    def read(self, path: Path) -> RunFolderContents:
        self.read_paths.append(path)
        if self.error is not None:
            raise self.error
        return self.contents


class FakeRunArchive:
    """Writes a small stand-in archive; `failure` makes packing raise."""

    def __init__(self) -> None:
        self.packed: list[tuple[Path, Path]] = []
        self.failure: BaseException | None = None

    def pack(self, folder: Path, destination: Path) -> PackedArchive:
        self.packed.append((folder, destination))
        if self.failure is not None:
            raise self.failure
        destination.write_bytes(b"archive of " + folder.name.encode())
        size = destination.stat().st_size
        return PackedArchive(destination, size, "0" * 64)
