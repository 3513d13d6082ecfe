"""The `CreateRun` use case: payload, registration, upload and every rollback."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from endpoints_submission_cli.application.create_run import (
    CreateRun,
    CreateRunRequest,
    build_payload,
)
from endpoints_submission_cli.application.errors import (
    ApplicationError,
    ArchiveError,
    RemoteError,
    RunCreationFailed,
    RunFolderError,
    TransferError,
)
from tests.unit.application.fakes import (
    FakeArchiveTransfer,
    FakeRunArchive,
    FakeRunFolder,
    FakeRunsApi,
    run_folder_contents,
)

NOW = datetime(2026, 12, 3, 18, 37, 44, tzinfo=timezone.utc)
FOLDER = Path("/runs/llama3-8b-c64")


class World:
    """A `CreateRun` over fakes, with the fakes at hand."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.folder = FakeRunFolder(run_folder_contents(FOLDER))
        self.archive = FakeRunArchive()
        self.api = FakeRunsApi()
        self.transfer = FakeArchiveTransfer(self.api)
        self.progress: list[tuple[int, int | None]] = []
        self.steps: list[str] = []

    def create(self, **request: object) -> object:
        use_case = CreateRun(
            self.folder,
            self.archive,
            self.api,
            self.transfer,
            clock=lambda: NOW,
            cli_version="9.9.9",
            workspace=self.workspace,
        )
        return use_case.execute(
            CreateRunRequest(path=FOLDER, **request),  # type: ignore[arg-type]
            progress=lambda done, total: self.progress.append((done, total)),
            announce=self.steps.append,
        )


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


class TestPayload:
    def test_dates_end_now_and_start_duration_earlier(self) -> None:
        payload = build_payload(
            run_folder_contents(), CreateRunRequest(FOLDER), NOW, "1.0"
        )

        assert payload.finished_at == "2026-12-03T18:37:44+00:00"
        assert payload.started_at == "2026-12-03T18:24:06+00:00"

    @pytest.mark.parametrize("duration", [None, 0])
    def test_a_missing_or_null_duration_starts_the_run_when_it_ends(
        self, duration: int | None
    ) -> None:
        contents = run_folder_contents(duration_ns=duration)

        payload = build_payload(contents, CreateRunRequest(FOLDER), NOW, "1.0")

        assert payload.started_at == payload.finished_at

    def test_a_clock_in_another_zone_is_sent_in_utc(self) -> None:
        zone = timezone(timedelta(hours=2))

        payload = build_payload(
            run_folder_contents(duration_ns=None),
            CreateRunRequest(FOLDER),
            NOW.astimezone(zone),
            "1.0",
        )

        assert payload.finished_at == "2026-12-03T18:37:44+00:00"

    @pytest.mark.parametrize(
        ("summary", "expected"),
        [
            ({"git_sha": "ea332753", "version": "0.5.0"}, "ea332753"),
            ({"git_sha": None, "version": "0.5.0"}, "0.5.0"),
            ({"git_sha": "  ", "version": "0.5.0"}, "0.5.0"),
            ({"git_sha": 42, "version": ["0.5"]}, "unknown"),
            ({"git_sha": "", "version": ""}, "unknown"),
        ],
    )
    def test_benchmark_version_is_the_commit_then_the_version(
        self, summary: dict[str, object], expected: str
    ) -> None:
        contents = run_folder_contents(**summary)

        payload = build_payload(contents, CreateRunRequest(FOLDER), NOW, "1.0")

        assert payload.benchmark_version == expected

    def test_carries_the_documents_and_the_cli_version(self) -> None:
        contents = run_folder_contents()

        payload = build_payload(contents, CreateRunRequest(FOLDER), NOW, "1.2.3")

        assert payload.system_info == contents.system_info
        assert payload.config == contents.config
        assert payload.result_summary == contents.result_summary
        assert payload.cli_version == "1.2.3"

    def test_sends_pinned_only_when_asked_and_expiry_as_given(self) -> None:
        pinned = CreateRunRequest(
            FOLDER, expires_at="2027-01-31T00:00:00Z", pinned=True
        )

        asked = build_payload(run_folder_contents(), pinned, NOW, "1.0")
        default = build_payload(
            run_folder_contents(), CreateRunRequest(FOLDER), NOW, "1.0"
        )

        assert (asked.pinned, asked.expires_at) == (True, "2027-01-31T00:00:00Z")
        assert (default.pinned, default.expires_at) == (None, None)


class TestDryRun:
    def test_returns_the_payload_without_any_remote_call(self, world: World) -> None:
        created = world.create(dry_run=True)

        assert created.payload.benchmark_version == "ea332753"
        assert created.run_id is None
        assert world.api.calls == []
        assert world.archive.packed == []

    def test_needs_no_runs_api(self, tmp_path: Path) -> None:
        use_case = CreateRun(FakeRunFolder(), FakeRunArchive(), clock=lambda: NOW)

        created = use_case.execute(CreateRunRequest(FOLDER, dry_run=True))

        assert created.payload.finished_at == "2026-12-03T18:37:44+00:00"

    def test_a_real_run_without_runs_api_is_refused(self) -> None:
        use_case = CreateRun(FakeRunFolder(), FakeRunArchive(), clock=lambda: NOW)

        with pytest.raises(ApplicationError, match="needs the runs API"):
            use_case.execute(CreateRunRequest(FOLDER))


class TestCreate:
    def test_registers_packs_and_uploads_the_folder(self, world: World) -> None:
        created = world.create()

        assert world.api.method_calls() == ["create_run", "run_upload_target"]
        assert created.run_id == "run-1"
        assert created.archive_uri == "gs://prism-runs/run-1.tar.gz"
        [(target, data)] = world.transfer.uploads
        assert target.url.startswith("https://storage.example/run-1.tar.gz")
        assert data == b"archive of llama3-8b-c64"

    def test_packs_the_folder_under_its_name_in_a_removed_workspace(
        self, world: World
    ) -> None:
        world.create()

        [(folder, destination)] = world.archive.packed
        assert folder == FOLDER
        assert destination.name == "llama3-8b-c64.tar.gz"
        assert destination.parent.parent == world.workspace
        assert list(world.workspace.iterdir()) == []

    def test_reports_progress_and_steps(self, world: World) -> None:
        created = world.create()

        size = created.archive.size
        assert world.progress == [(size // 2, size), (size, size)]
        assert world.steps[0] == "Registered run run-1"
        assert any(step.startswith("Packing") for step in world.steps)

    def test_a_folder_error_makes_no_remote_call(self, world: World) -> None:
        world.folder.error = RunFolderError(FOLDER, ["config.yaml is missing"])

        with pytest.raises(RunFolderError):
            world.create()

        assert world.api.calls == []

    def test_a_refused_registration_needs_no_rollback(self, world: World) -> None:
        world.api.failures["create_run"] = RemoteError("API error 422: bad")

        with pytest.raises(RemoteError, match="422"):
            world.create()

        assert world.api.method_calls() == ["create_run"]
        assert world.archive.packed == []

    def test_a_registration_without_run_id_is_an_error(self, world: World) -> None:
        world.api.create_run = lambda payload: {"name": "no id"}  # type: ignore[method-assign]

        with pytest.raises(RemoteError, match="without a run id"):
            world.create()


class TestRollback:
    """Any failure after the registration deletes the run again."""

    @pytest.mark.parametrize(
        "break_step",
        ["pack", "upload_target", "upload", "unexpected"],
    )
    def test_deletes_the_archive_then_the_run(
        self, world: World, break_step: str
    ) -> None:
        cause = _break(world, break_step)

        with pytest.raises(RunCreationFailed) as raised:
            world.create()

        assert raised.value.cause is cause
        assert raised.value.run_id == "run-1"
        assert not raised.value.orphaned
        assert world.api.method_calls()[-2:] == ["delete_run_archive", "delete_run"]
        assert world.api.runs == {}
        assert "was deleted again" in str(raised.value)

    def test_removes_the_workspace_after_a_failure(self, world: World) -> None:
        _break(world, "upload")

        with pytest.raises(RunCreationFailed):
            world.create()

        assert list(world.workspace.iterdir()) == []

    def test_ignores_a_failing_archive_delete(self, world: World) -> None:
        _break(world, "upload")
        world.api.failures["delete_run_archive"] = RemoteError("API error 500: x")

        with pytest.raises(RunCreationFailed) as raised:
            world.create()

        assert not raised.value.orphaned
        assert world.api.runs == {}

    def test_names_the_orphaned_run_when_its_delete_fails(self, world: World) -> None:
        cause = _break(world, "upload")
        rollback = RemoteError("API error 503: unavailable", status_code=503)
        world.api.failures["delete_run"] = rollback

        with pytest.raises(RunCreationFailed) as raised:
            world.create()

        assert raised.value.orphaned
        assert raised.value.run_id == "run-1"
        assert raised.value.cause is cause
        assert raised.value.rollback_error is rollback
        assert "deleting it failed too: API error 503" in str(raised.value)

    def test_an_interrupt_rolls_back_then_interrupts(self, world: World) -> None:
        world.transfer.failure = KeyboardInterrupt()

        with pytest.raises(KeyboardInterrupt):
            world.create()

        assert world.api.runs == {}

    def test_an_interrupt_with_a_failed_rollback_names_the_orphan(
        self, world: World
    ) -> None:
        world.transfer.failure = KeyboardInterrupt()
        world.api.failures["delete_run"] = RemoteError("Request failed: timeout")

        with pytest.raises(RunCreationFailed, match="KeyboardInterrupt") as raised:
            world.create()

        assert raised.value.orphaned


def _break(world: World, step: str) -> BaseException:
    failures: dict[str, BaseException] = {
        "pack": ArchiveError("cannot read '/runs/x/events.jsonl' while packing"),
        "upload_target": RemoteError("API error 500: boom", status_code=500),
        "upload": TransferError("Request failed: ConnectError: refused"),
        "unexpected": RuntimeError("a bug"),
    }
    cause = failures[step]
    if step == "pack":
        world.archive.failure = cause
    elif step == "upload_target":
        world.api.failures["run_upload_target"] = cause
    else:
        world.transfer.failure = cause
    return cause
