"""The installed `endpoints-submission-cli` against a PRISM test server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.prism_server import PRISM_TOKEN, PrismServer, serve_prism

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "run_folder"
SCRIPT = Path(sys.executable).with_name("endpoints-submission-cli")
WRONG_TOKEN = "mlc_wrong_token_value"  # noqa: S105 - a token the server refuses
SHA256 = re.compile(r"^Archive SHA-256: ([0-9a-f]{64})$", re.MULTILINE)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PrismServer]:
    with serve_prism(PRISM_TOKEN, tmp_path / "storage") as prism:
        yield prism


@pytest.fixture
def env(server: PrismServer) -> dict[str, str]:
    variables = {
        name: value
        for name, value in os.environ.items()
        if name not in {"PRISM_USER_API_TOKEN", "MLPERF_API_BASE_URL"}
    }
    variables["MLPERF_API_BASE_URL"] = server.base_url
    variables["PRISM_USER_API_TOKEN"] = PRISM_TOKEN
    return variables


@pytest.fixture
def run_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "llama3-8b-c64"
    shutil.copytree(EXAMPLE, folder)
    (folder / "metrics").mkdir()
    (folder / "metrics" / ".ready").touch()
    events = (folder / "events.jsonl").read_text()
    (folder / "events.jsonl").write_text(events * 300)
    return folder


def cli(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    assert SCRIPT.exists(), f"install the package first: {SCRIPT} is missing"
    return subprocess.run(
        [str(SCRIPT), *argv], env=env, capture_output=True, text=True, check=False
    )


def created_id(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    [run_id] = re.findall(r"^Run created: (\S+)$", result.stderr, re.MULTILINE)
    return run_id


@pytest.fixture
def run_id(env: dict[str, str], run_folder: Path) -> str:
    return created_id(cli(env, "runs", "create", "--path", str(run_folder)))


class TestCreate:
    def test_uploads_an_archive_of_the_whole_folder(
        self, env: dict[str, str], run_folder: Path, server: PrismServer
    ) -> None:
        result = cli(env, "runs", "create", "--path", str(run_folder), "--pinned")

        run_id = created_id(result)
        stored = server.archive(run_id)
        assert stored is not None
        with tarfile.open(fileobj=io.BytesIO(stored), mode="r:gz") as tar:
            events = tar.extractfile("llama3-8b-c64/events.jsonl")
            assert events is not None
            assert events.read() == (run_folder / "events.jsonl").read_bytes()
            assert "llama3-8b-c64/metrics/.ready" in tar.getnames()
        assert SHA256.findall(result.stderr) == [hashlib.sha256(stored).hexdigest()]
        assert result.stdout == ""
        record = server.runs[run_id]
        assert record["pinned"] is True
        assert record["benchmark_version"] == "ea332753"
        assert record["config"]["settings"]["load_pattern"]["target_concurrency"] == 64

    def test_rolls_back_the_run_when_the_upload_is_refused(
        self, env: dict[str, str], run_folder: Path, server: PrismServer
    ) -> None:
        server.fail_next("PUT", "/storage/*", 403)

        result = cli(env, "runs", "create", "--path", str(run_folder))

        assert result.returncode == 1
        assert "the run was deleted again" in result.stderr.splitlines()[-1]
        assert server.runs == {}

    def test_names_the_orphan_when_the_rollback_fails_too(
        self, env: dict[str, str], run_folder: Path, server: PrismServer
    ) -> None:
        server.fail_next("PUT", "/storage/*", 403)
        server.fail_next("DELETE", "/runs/*", 409, times=2, detail="Run is in use")

        result = cli(env, "runs", "create", "--path", str(run_folder))

        assert result.returncode == 1
        [orphan] = server.runs
        assert result.stderr.splitlines()[-2:] == [
            f"Orphaned run ID: {orphan}",
            "To delete it, run: endpoints-submission-cli runs delete"
            f" --run-id {orphan}",
        ]

        finish = cli(env, "runs", "delete", "--run-id", orphan)

        assert finish.returncode == 0
        assert server.runs == {}


class TestManage:
    def test_list_shows_the_run_in_a_table_and_as_json(
        self, env: dict[str, str], run_id: str
    ) -> None:
        table = cli(env, "runs", "list")
        as_json = cli(env, "runs", "list", "--json")

        assert table.returncode == 0
        assert table.stdout.splitlines()[0].split()[:3] == [
            "ID",
            "Model",
            "Concurrency",
        ]
        assert run_id in table.stdout
        assert [run["id"] for run in json.loads(as_json.stdout)] == [run_id]

    def test_get_shows_the_record(self, env: dict[str, str], run_id: str) -> None:
        table = cli(env, "runs", "get", "--run-id", run_id)
        as_json = cli(env, "runs", "get", "--run-id", run_id, "--json")

        assert table.returncode == 0
        assert table.stdout.splitlines()[1].split() == ["ID", run_id]
        record = json.loads(as_json.stdout)
        assert record["id"] == run_id
        assert record["system_info"]["system_name"] == "Gaudi DP1"

    def test_pin_and_unpin_change_the_record(
        self, env: dict[str, str], run_id: str, server: PrismServer
    ) -> None:
        pinned = cli(env, "runs", "pin", "--run-id", run_id)
        assert (pinned.returncode, pinned.stderr) == (0, f"Run pinned: {run_id}\n")
        assert server.runs[run_id]["pinned"] is True

        unpinned = cli(env, "runs", "unpin", "--run-id", run_id)
        assert unpinned.returncode == 0
        assert server.runs[run_id]["pinned"] is False

    def test_delete_removes_the_run_and_its_archive(
        self, env: dict[str, str], run_id: str, server: PrismServer
    ) -> None:
        result = cli(env, "runs", "delete", "--run-id", run_id)

        assert (result.returncode, result.stderr) == (0, f"Run deleted: {run_id}\n")
        assert server.runs == {}
        assert server.archive(run_id) is None

    def test_an_unknown_run_fails_with_the_servers_explanation(
        self, env: dict[str, str]
    ) -> None:
        result = cli(env, "runs", "get", "--run-id", "no-such-run")

        assert result.returncode == 1
        assert result.stderr.startswith("error: getting run no-such-run failed:")
        assert "Run not found" in result.stderr

    def test_a_wrong_token_is_refused_without_showing_it(
        self, env: dict[str, str]
    ) -> None:
        env["PRISM_USER_API_TOKEN"] = WRONG_TOKEN

        result = cli(env, "runs", "list")

        assert result.returncode == 1
        assert "Authentication failed (HTTP 401)" in result.stderr
        assert WRONG_TOKEN not in result.stdout + result.stderr


class TestNewUser:
    """What someone trying the tool for the first time runs into."""

    def test_no_token(self, env: dict[str, str], server: PrismServer) -> None:
        del env["PRISM_USER_API_TOKEN"]

        result = cli(env, "runs", "list")

        assert result.returncode == 1
        assert result.stderr == (
            "error: no API token: pass --token or set PRISM_USER_API_TOKEN\n"
        )
        assert server.requests == []

    def test_a_wrong_folder(
        self, env: dict[str, str], tmp_path: Path, server: PrismServer
    ) -> None:
        result = cli(env, "runs", "create", "--path", str(tmp_path / "typo"))

        assert result.returncode == 1
        assert result.stderr.count("\n") == 1
        assert "does not exist" in result.stderr
        assert server.requests == []

    def test_a_folder_missing_a_required_file(
        self, env: dict[str, str], run_folder: Path, server: PrismServer
    ) -> None:
        (run_folder / "system_info.json").unlink()

        result = cli(env, "runs", "create", "--path", str(run_folder))

        assert result.returncode == 1
        assert result.stderr == (
            f"error: run folder {run_folder}: system_info.json is missing\n"
        )
        assert server.requests == []

    def test_a_dry_run_without_token(
        self, env: dict[str, str], run_folder: Path, server: PrismServer
    ) -> None:
        del env["PRISM_USER_API_TOKEN"]

        result = cli(env, "runs", "create", "--path", str(run_folder), "--dry-run")

        assert result.returncode == 0
        payload = json.loads(result.stdout)
        assert payload["benchmark_version"] == "ea332753"
        assert payload["system_info"]["submitter_org_names"] == "Acme Corp."
        assert server.requests == []

    def test_json_piped_into_json_tool(self, env: dict[str, str], run_id: str) -> None:
        env["COLUMNS"] = "20"
        with subprocess.Popen(
            [str(SCRIPT), "runs", "get", "--run-id", run_id, "--json"],
            env=env,
            stdout=subprocess.PIPE,
        ) as producer:
            tool = subprocess.run(
                [sys.executable, "-m", "json.tool"],
                stdin=producer.stdout,
                capture_output=True,
                text=True,
                check=False,
            )
            assert producer.stdout is not None
            producer.stdout.close()

        assert producer.returncode == 0
        assert tool.returncode == 0, tool.stderr
        assert json.loads(tool.stdout)["id"] == run_id
