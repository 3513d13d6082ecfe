"""The `endpoints-submission-cli` command line over a container of fakes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from endpoints_submission_cli import __version__
from endpoints_submission_cli.application.errors import (
    AuthenticationFailed,
    RemoteError,
    RunFolderError,
    TransferError,
)
from endpoints_submission_cli.entrypoints.container import Container
from endpoints_submission_cli.entrypoints.prism_cli import main
from tests.unit.application.fakes import (
    FakeArchiveTransfer,
    FakeRunArchive,
    FakeRunFolder,
    FakeRunsApi,
)

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "mlc_secret_0123456789"  # noqa: S105
RUN = {
    "id": "3f2a9c1e-0000-4000-8000-000000000001",
    "model": "meta-llama/Llama-3.1-8B-Instruct",
    "concurrency": 64,
    "started_at": "2026-12-03T18:24:06.293922+00:00",
    "finished_at": "2026-12-03T18:37:44+00:00",
}


def columns(line: str) -> list[str]:
    """Split a table line into its cells (separated by two spaces or more)."""
    return re.split(r"\s{2,}", line.strip())


class Cli:
    """Runs `main` over a container whose ports are fakes."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.container = Container()
        self.api = FakeRunsApi([RUN])
        self.transfer = FakeArchiveTransfer(self.api)
        self.folder = FakeRunFolder()
        self.archive = FakeRunArchive()
        self.out = ""
        self.err = ""

    def __call__(self, *argv: str) -> int:
        container = self.container
        with (
            container.runs_api.override(self.api),
            container.archive_transfer.override(self.transfer),
            container.run_folder.override(self.folder),
            container.run_archive.override(self.archive),
        ):
            code = main(list(argv), container=container)
        self.out, self.err = self.capsys.readouterr()
        return code


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("PRISM_USER_API_TOKEN", TOKEN)
    monkeypatch.delenv("MLPERF_API_BASE_URL", raising=False)
    return Cli(capsys)


class TestToken:
    def test_a_missing_token_is_one_error_line_and_no_request(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("PRISM_USER_API_TOKEN")

        code = cli("runs", "list")

        assert code == 1
        assert cli.err == (
            "error: no API token: pass --token or set PRISM_USER_API_TOKEN\n"
        )
        assert cli.api.calls == []

    def test_an_empty_token_counts_as_missing(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("PRISM_USER_API_TOKEN", "")

        assert cli("runs", "get", "--run-id", "x", "--token", "") == 1
        assert cli.err.startswith("error: no API token")

    def test_the_flag_beats_the_variable(self, cli: Cli) -> None:
        cli("runs", "list", "--token", "mlc_from_flag")

        assert cli.container.config.api.token() == "mlc_from_flag"

    def test_the_variable_is_used_without_the_flag(self, cli: Cli) -> None:
        cli("runs", "list")

        assert cli.container.config.api.token() == TOKEN

    def test_a_token_without_the_prefix_is_warned_about_and_used(
        self, cli: Cli
    ) -> None:
        code = cli("runs", "list", "--token", "abc-not-prefixed")

        assert code == 0
        assert cli.err == "warning: the API token does not start with 'mlc_'\n"
        assert "abc-not-prefixed" not in cli.out + cli.err

    def test_a_token_before_the_command_is_a_usage_error(self, cli: Cli) -> None:
        assert cli("--token", TOKEN, "runs", "list") == 2
        assert cli.api.calls == []

    def test_the_token_never_appears_in_output(self, cli: Cli) -> None:
        cli.api.failures["list_runs"] = AuthenticationFailed(
            "Authentication failed (HTTP 401)", status_code=401
        )

        cli("runs", "list")

        assert TOKEN not in cli.out + cli.err


class TestBaseUrl:
    def test_comes_from_the_environment_without_a_trailing_slash(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("MLPERF_API_BASE_URL", "http://127.0.0.1:8080/")

        cli("runs", "list")

        assert cli.container.config.api.base_url() == "http://127.0.0.1:8080"

    def test_defaults_to_the_public_api(self, cli: Cli) -> None:
        cli("runs", "list")

        assert (
            cli.container.config.api.base_url() == "https://endpointsapi.mlcommons.org"
        )

    def test_a_url_that_is_not_http_is_refused(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("MLPERF_API_BASE_URL", "endpointsapi.mlcommons.org")

        assert cli("runs", "list") == 1
        assert cli.err.startswith("error: MLPERF_API_BASE_URL must be an http(s) URL")


class TestList:
    def test_prints_a_table_of_the_runs(self, cli: Cli) -> None:
        assert cli("runs", "list") == 0

        header, row = cli.out.splitlines()
        assert columns(header) == [
            "ID",
            "Model",
            "Concurrency",
            "Started At",
            "Finished At",
        ]
        assert columns(row) == [
            RUN["id"],
            "meta-llama/Llama-3.1-8B-Instruct",
            "64",
            "2026-12-03 18:24:06",
            "2026-12-03 18:37:44+00:00",
        ]
        assert cli.err == ""

    def test_takes_model_and_concurrency_from_the_config_when_absent(
        self, cli: Cli
    ) -> None:
        config = {
            "model_params": {"name": "openai/gpt-oss-120b"},
            "settings": {"load_pattern": {"target_concurrency": 2048}},
        }
        cli.api = FakeRunsApi([{"id": "r1", "config": config}, {"id": "r2"}])

        cli("runs", "list")

        rows = [line.split() for line in cli.out.splitlines()[1:]]
        assert rows == [["r1", "openai/gpt-oss-120b", "2048"], ["r2", "—", "—"]]

    def test_says_when_there_are_no_runs(self, cli: Cli) -> None:
        cli.api = FakeRunsApi([])

        assert cli("runs", "list") == 0
        assert cli.out == "No runs.\n"

    def test_json_is_valid_whatever_the_length_of_values(self, cli: Cli) -> None:
        long_run = {**RUN, "model": "m" * 500, "note": "café ✓"}
        cli.api = FakeRunsApi([long_run])

        assert cli("runs", "list", "--json") == 0
        assert json.loads(cli.out) == [long_run]
        assert "café ✓" in cli.out

    def test_a_failed_request_is_one_error_line(self, cli: Cli) -> None:
        cli.api.failures["list_runs"] = RemoteError(
            "API error 500: line one\nline two", status_code=500
        )

        assert cli("runs", "list") == 1
        assert (
            cli.err == "error: listing runs failed: API error 500: line one line two\n"
        )
        assert cli.out == ""

    def test_a_refused_token_gets_a_hint(self, cli: Cli) -> None:
        cli.api.failures["list_runs"] = AuthenticationFailed(
            "Authentication failed (HTTP 403)", status_code=403
        )

        assert cli("runs", "list") == 1
        assert cli.err.splitlines() == [
            "error: listing runs failed: Authentication failed (HTTP 403)",
            "hint: check the token in --token or PRISM_USER_API_TOKEN",
        ]


class TestGet:
    def test_prints_a_field_value_table(self, cli: Cli) -> None:
        record = {**RUN, "pinned": True, "config": {"a": 1, "b": 2}, "expires_at": None}
        cli.api = FakeRunsApi([record])

        assert cli("runs", "get", "--run-id", RUN["id"]) == 0

        lines = cli.out.splitlines()
        assert lines[0].split() == ["Field", "Value"]
        assert lines[1].split() == ["ID", RUN["id"]]
        assert lines[4:] == [
            "Started At   2026-12-03 18:24:06",
            "Finished At  2026-12-03 18:37:44+00:00",
            "Pinned       yes",
            "Config       2 fields (see --json)",
            "Expires At   —",
        ]

    def test_json_keeps_the_servers_key_order(self, cli: Cli) -> None:
        record = {"zeta": 1, "id": "r1", "alpha": {"nested": "ü"}}
        cli.api = FakeRunsApi([record])

        assert cli("runs", "get", "--run-id", "r1", "-j") == 0
        assert cli.out == json.dumps(record, indent=2, ensure_ascii=False) + "\n"

    def test_an_unknown_run_fails_naming_it(self, cli: Cli) -> None:
        assert cli("runs", "get", "--run-id", "nope") == 1
        assert (
            cli.err == "error: getting run nope failed: API error 404: Run not found\n"
        )


class TestDeletePinUnpin:
    def test_delete_reports_the_deleted_run(self, cli: Cli) -> None:
        assert cli("runs", "delete", "--run-id", RUN["id"]) == 0
        assert cli.err == f"Run deleted: {RUN['id']}\n"
        assert cli.api.runs == {}

    def test_delete_warns_when_the_archive_delete_fails(self, cli: Cli) -> None:
        cli.api.failures["delete_run_archive"] = RemoteError("API error 500: down")

        assert cli("runs", "delete", "--run-id", RUN["id"]) == 0
        assert cli.err.splitlines() == [
            f"warning: could not delete the archive of run {RUN['id']}"
            " (API error 500: down); deleting the run anyway",
            f"Run deleted: {RUN['id']}",
        ]

    def test_pin_and_unpin(self, cli: Cli) -> None:
        assert cli("runs", "pin", "--run-id", RUN["id"]) == 0
        assert cli.err == f"Run pinned: {RUN['id']}\n"
        assert cli.api.runs[RUN["id"]]["pinned"] is True

        assert cli("runs", "unpin", "--run-id", RUN["id"]) == 0
        assert cli.err == f"Run unpinned: {RUN['id']}\n"
        assert cli.api.runs[RUN["id"]]["pinned"] is False

    def test_a_missing_run_id_is_a_usage_error(self, cli: Cli) -> None:
        assert cli("runs", "pin") == 2
        assert "--run-id" in cli.err


class TestCreate:
    def test_dry_run_prints_the_payload_and_needs_no_token(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("PRISM_USER_API_TOKEN")

        code = cli("runs", "create", "--path", "run", "--dry-run", "--pinned")

        assert code == 0
        payload = json.loads(cli.out)
        assert list(payload) == [
            "benchmark_version",
            "started_at",
            "finished_at",
            "system_info",
            "config",
            "result_summary",
            "cli_version",
            "pinned",
        ]
        assert payload["cli_version"] == __version__
        assert payload["pinned"] is True
        assert cli.api.calls == []

    def test_without_token_the_folder_is_checked_first(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("PRISM_USER_API_TOKEN")
        cli.folder.error = RunFolderError(Path("/r"), ["config.yaml is missing"])

        assert cli("runs", "create", "--path", "/r") == 1
        assert cli.err == "error: run folder /r: config.yaml is missing\n"

    def test_without_token_a_good_folder_still_fails_before_any_request(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("PRISM_USER_API_TOKEN")

        assert cli("runs", "create", "--path", "run") == 1
        assert cli.err.startswith("error: no API token")
        assert cli.out == ""
        assert cli.api.calls == []

    def test_reports_the_run_the_archive_and_its_checksum(self, cli: Cli) -> None:
        code = cli("runs", "create", "--path", "run")

        assert code == 0
        assert cli.out == ""
        lines = cli.err.splitlines()
        assert "Run created: run-1" in lines
        assert "Archive: gs://prism-runs/run-1.tar.gz" in lines
        assert "Archive SHA-256: " + "0" * 64 in lines
        assert any(line.startswith("Archive size: ") for line in lines)

    def test_sends_the_expiry_given(self, cli: Cli) -> None:
        cli("runs", "create", "--path", "run", "--expires-at", "2027-01-31T00:00:00Z")

        assert cli.api.created[0].expires_at == "2027-01-31T00:00:00Z"

    @pytest.mark.parametrize("value", ["2027-01-31", "tomorrow", "2027-13-01T00:00"])
    def test_an_expiry_that_is_not_a_date_time_is_a_usage_error(
        self, cli: Cli, value: str
    ) -> None:
        assert cli("runs", "create", "--path", "run", "--expires-at", value) == 2
        assert f"got {value!r}" in cli.err
        assert cli.api.calls == []

    def test_a_rolled_back_failure_says_so(self, cli: Cli) -> None:
        cli.transfer.failure = TransferError("Request failed: ConnectError: refused")

        assert cli("runs", "create", "--path", "run") == 1
        assert cli.err.splitlines()[-1] == (
            "error: creating run 'run-1' failed: Request failed: ConnectError:"
            " refused; the run was deleted again"
        )
        assert cli.api.runs.keys() == {RUN["id"]}

    def test_an_orphaned_run_is_named_with_the_command_that_deletes_it(
        self, cli: Cli
    ) -> None:
        cli.transfer.failure = TransferError("Request failed: ReadTimeout")
        cli.api.failures["delete_run"] = RemoteError("API error 503: unavailable")

        assert cli("runs", "create", "--path", "run") == 1
        assert cli.err.splitlines()[-3:] == [
            "error: creating run 'run-1' failed: Request failed: ReadTimeout;"
            " deleting it failed too: API error 503: unavailable",
            "Orphaned run ID: run-1",
            "To delete it, run: endpoints-submission-cli runs delete --run-id run-1",
        ]

    def test_an_unexpected_error_is_one_line_without_traceback(self, cli: Cli) -> None:
        cli.api.failures["create_run"] = RuntimeError("boom")

        assert cli("runs", "create", "--path", "run") == 1
        assert cli.err.splitlines()[-1] == "error: unexpected RuntimeError: boom"
        assert "Traceback" not in cli.err


class TestProgram:
    def test_prints_its_version(self, cli: Cli) -> None:
        assert cli("--version") == 0
        assert cli.out == f"endpoints-submission-cli {__version__}\n"

    def test_help_lists_the_run_commands_alphabetically(self, cli: Cli) -> None:
        assert cli("runs", "--help") == 0
        commands = [
            line.split()[0]
            for line in cli.out.splitlines()
            if line.startswith("    ") and line.split()
        ]
        assert commands == ["create", "delete", "get", "list", "pin", "unpin"]

    def test_help_loads_neither_the_container_nor_httpx(self) -> None:
        code = (
            "import sys\n"
            "from endpoints_submission_cli.entrypoints.prism_cli import main\n"
            "main(['runs', 'create', '--help'])\n"
            "loaded = {'dependency_injector', 'httpx'} & set(sys.modules)\n"
            "sys.exit(f'loaded: {loaded}' if loaded else 0)\n"
        )

        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )

        assert result.returncode == 0, result.stderr

    def test_runs_as_a_python_module(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "endpoints_submission_cli", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )

        assert result.stdout == f"endpoints-submission-cli {__version__}\n"
