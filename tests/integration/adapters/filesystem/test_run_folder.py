"""`FilesystemRunFolder` on real folders in a temporary directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.filesystem.run_folder import (
    MAX_DOCUMENT_BYTES,
    FilesystemRunFolder,
)
from endpoints_submission_cli.application.errors import RunFolderError

SYSTEM_INFO = {"system_name": "Gaudi DP1", "submitter_org_names": "Acme Corp."}
CONFIG = """\
name: llama3-8b-c64
model_params:
  name: meta-llama/Llama-3.1-8B-Instruct
settings:
  load_pattern:
    type: concurrency
    target_concurrency: 64
"""
SUMMARY = {
    "version": "0.5.0",
    "git_sha": "ea332753",
    "n_samples_issued": 13368,
    "n_samples_completed": 13368,
    "n_samples_failed": 0,
    "duration_ns": 818000000000,
}


def make_folder(root: Path, *, summary_at: str = "result_summary.json") -> Path:
    folder = root / "llama3-8b-c64"
    (folder / summary_at).parent.mkdir(parents=True, exist_ok=True)
    (folder / "system_info.json").write_text(json.dumps(SYSTEM_INFO), "utf-8")
    (folder / "config.yaml").write_text(CONFIG, "utf-8")
    (folder / summary_at).write_text(json.dumps(SUMMARY), "utf-8")
    (folder / "events.jsonl").write_text('{"event_type": "session.started"}\n')
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(RunFolderError) as raised:
        FilesystemRunFolder().read(folder)
    return raised.value.problems


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_folder(tmp_path)


class TestReads:
    def test_the_three_documents_of_a_flat_folder(self, folder: Path) -> None:
        contents = FilesystemRunFolder().read(folder)

        assert contents.path == folder
        assert contents.system_info == SYSTEM_INFO
        assert contents.config["settings"]["load_pattern"]["target_concurrency"] == 64
        assert contents.result_summary == SUMMARY

    def test_the_summary_where_the_benchmark_writes_it(self, tmp_path: Path) -> None:
        folder = make_folder(tmp_path, summary_at="performance/result_summary.json")

        contents = FilesystemRunFolder().read(folder)

        assert contents.result_summary == SUMMARY

    def test_prefers_the_flat_summary_to_the_benchmarks(self, folder: Path) -> None:
        (folder / "performance").mkdir()
        (folder / "performance" / "result_summary.json").write_text("{}")

        contents = FilesystemRunFolder().read(folder)

        assert contents.result_summary == SUMMARY

    def test_resolves_a_relative_path(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(folder)

        contents = FilesystemRunFolder().read(Path())

        assert contents.path == folder

    def test_keeps_yaml_dates_as_the_text_written(self, folder: Path) -> None:
        (folder / "config.yaml").write_text(
            "started: 2026-12-03 18:37:44\nday: 2026-12-03\n"
        )

        config = FilesystemRunFolder().read(folder).config

        assert config == {"started": "2026-12-03 18:37:44", "day": "2026-12-03"}

    def test_accepts_a_null_duration(self, folder: Path) -> None:
        summary = {**SUMMARY, "duration_ns": None}
        (folder / "result_summary.json").write_text(json.dumps(summary))

        assert FilesystemRunFolder().read(folder).result_summary == summary

    def test_leaves_the_folder_unchanged(self, folder: Path) -> None:
        before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}

        FilesystemRunFolder().read(folder)

        assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


class TestRefuses:
    def test_a_folder_that_does_not_exist(self, tmp_path: Path) -> None:
        with pytest.raises(RunFolderError) as raised:
            FilesystemRunFolder().read(tmp_path / "typo")

        assert str(raised.value) == f"{tmp_path / 'typo'}: the folder does not exist"

    def test_a_file_given_as_the_folder(self, folder: Path) -> None:
        assert problems(folder / "config.yaml") == ["it is not a directory"]

    def test_names_every_missing_file_in_order(self, tmp_path: Path) -> None:
        assert problems(tmp_path) == [
            "system_info.json is missing",
            "config.yaml is missing",
            "result_summary.json is missing"
            " (also looked for performance/result_summary.json)",
        ]

    def test_lists_missing_files_before_malformed_ones(self, folder: Path) -> None:
        (folder / "system_info.json").write_text("{not json")
        (folder / "config.yaml").unlink()

        found = problems(folder)

        assert found[0] == "config.yaml is missing"
        assert found[1].startswith("system_info.json is not valid JSON: Expecting")

    def test_invalid_yaml_with_the_parsers_message(self, folder: Path) -> None:
        (folder / "config.yaml").write_text("name: [unclosed\n")

        [problem] = problems(folder)

        assert problem.startswith("config.yaml is not valid YAML: ")
        assert "line" in problem
        assert "\n" not in problem

    @pytest.mark.parametrize(
        ("name", "text", "expected"),
        [
            (
                "config.yaml",
                "- a\n- b\n",
                "config.yaml must hold a YAML mapping, found list",
            ),
            (
                "config.yaml",
                "",
                "config.yaml must hold a YAML mapping, found an empty document",
            ),
            (
                "system_info.json",
                "[1, 2]",
                "system_info.json must hold a JSON object, found list",
            ),
            (
                "result_summary.json",
                '"text"',
                "result_summary.json must hold a JSON object, found str",
            ),
        ],
    )
    def test_a_document_that_is_not_a_mapping(
        self, folder: Path, name: str, text: str, expected: str
    ) -> None:
        (folder / name).write_text(text)

        assert problems(folder) == [expected]

    def test_a_document_that_is_not_utf8(self, folder: Path) -> None:
        (folder / "system_info.json").write_bytes(b'{"name": "caf\xe9"}')

        [problem] = problems(folder)

        assert problem.startswith("system_info.json is not UTF-8 text")

    def test_a_directory_where_a_file_belongs(self, folder: Path) -> None:
        (folder / "config.yaml").unlink()
        (folder / "config.yaml").mkdir()

        assert problems(folder) == ["config.yaml is a directory; it must be a file"]

    def test_a_document_over_the_size_limit(self, folder: Path) -> None:
        with (folder / "system_info.json").open("r+b") as stream:
            stream.truncate(MAX_DOCUMENT_BYTES + 1)

        [problem] = problems(folder)

        assert problem == (
            f"system_info.json is {MAX_DOCUMENT_BYTES + 1} bytes;"
            " documents over 64 MiB are refused"
        )

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("duration_ns", "818s"),
            ("duration_ns", -1),
            ("duration_ns", True),
            ("n_samples_completed", "13368"),
            ("n_samples_failed", None),
        ],
    )
    def test_a_summary_field_of_the_wrong_type(
        self, folder: Path, field: str, value: object
    ) -> None:
        summary = {**SUMMARY, field: value}
        (folder / "result_summary.json").write_text(json.dumps(summary))

        [problem] = problems(folder)

        assert problem.startswith(f"result_summary.json field {field!r} must be")
        assert repr(value) in problem

    def test_a_duration_beyond_the_range_of_a_float(self, folder: Path) -> None:
        summary = json.dumps(SUMMARY).replace("818000000000", "1" + "0" * 400)
        (folder / "result_summary.json").write_text(summary)

        [problem] = problems(folder)

        assert problem.startswith("result_summary.json field 'duration_ns' must be")
        assert len(problem) < 200

    @pytest.mark.parametrize(
        "text",
        ['{"duration_ns": ' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000],
        ids=["integer-over-the-digit-limit", "nesting-too-deep"],
    )
    def test_json_that_python_cannot_parse(self, folder: Path, text: str) -> None:
        (folder / "result_summary.json").write_text(text)

        [problem] = problems(folder)

        assert problem.startswith("result_summary.json is not valid JSON")

    def test_a_yaml_document_that_refers_to_itself(self, folder: Path) -> None:
        (folder / "config.yaml").write_text("a: &a [*a]\n")

        [problem] = problems(folder)

        assert problem.startswith("config.yaml holds a value JSON cannot carry")

    def test_a_value_json_cannot_carry(self, folder: Path) -> None:
        (folder / "result_summary.json").write_text('{"qps": NaN}')

        [problem] = problems(folder)

        assert problem.startswith("result_summary.json holds a value JSON cannot carry")

    def test_names_the_folder_in_the_error(self, folder: Path) -> None:
        (folder / "config.yaml").unlink()

        with pytest.raises(RunFolderError) as raised:
            FilesystemRunFolder().read(folder)

        assert raised.value.path == folder
        assert str(raised.value) == f"{folder}: config.yaml is missing"

    @pytest.mark.skipif(
        not Path("/proc/self/mem").exists(), reason="needs the Linux /proc files"
    )
    def test_a_document_that_cannot_be_read(self, folder: Path) -> None:
        # Reading this Linux file at offset 0 always fails with EIO.
        (folder / "config.yaml").unlink()
        (folder / "config.yaml").symlink_to("/proc/self/mem")

        assert problems(folder) == ["config.yaml cannot be read: Input/output error"]
