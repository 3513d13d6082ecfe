"""The filesystem source on real folders: discovery, parsing, links, failures."""

from __future__ import annotations

import gc
import json
import math
import os
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.filesystem import submission_source
from endpoints_submission_cli.adapters.filesystem.submission_source import (
    DETAIL_FILE,
    MAX_PARSED_FILE_BYTES,
    SUMMARY_FILE,
    FilesystemSubmissionSource,
)
from endpoints_submission_cli.domain.submission import (
    CurveFolder,
    DataFile,
    EntryState,
    ProblemKind,
    SubmissionFolder,
)

SYSTEM = '{"division": "Serviced", "max_supported_concurrency": 1024}'
SUMMARY = '{"n_samples_completed": 1000, "duration_ns": 1200000000000}'
ACCURACY = '{"metric": "rouge1", "score": 0.45, "quality_target": 0.43, "passed": true}'


def write(path: Path, content: str | bytes = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def make_curve(
    root: Path, system: str = "sys-a", model: str = "model-a", points=(16,)
) -> Path:
    """Write one system with one complete curve; return the curve folder."""
    write(root / "systems" / f"{system}.json", SYSTEM)
    curve = root / "pareto" / system / model
    for concurrency in points:
        write(
            curve / "points" / f"point_{concurrency}.yaml",
            f"concurrency: {concurrency}",
        )
        write(curve / "results" / f"point_{concurrency}" / SUMMARY_FILE, SUMMARY)
        write(curve / "results" / f"point_{concurrency}" / DETAIL_FILE, "{}")
    write(curve / "accuracy" / "accuracy.txt", "rouge1: 0.45\n")
    write(curve / "accuracy" / "accuracy_result.json", ACCURACY)
    return curve


def load(root: Path | str) -> SubmissionFolder:
    return FilesystemSubmissionSource().load(str(root))


def only_curve(folder: SubmissionFolder) -> CurveFolder:
    (system,) = folder.systems
    (curve,) = system.curves
    return curve


def summary_of(root: Path, name: str = "point_16") -> DataFile:
    return only_curve(load(root)).results[name].summary


def problem_kind(data_file: DataFile) -> ProblemKind | None:
    return data_file.problem.kind if data_file.problem else None


def fail_open_for(monkeypatch, failing: Path, error: OSError) -> None:
    real_open = os.open

    def failing_open(path, *args, **kwargs):
        if os.fspath(path) == str(failing):
            raise error
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)


def fail_scandir_for(monkeypatch, failing: Path) -> None:
    real_scandir = os.scandir

    def failing_scandir(path="."):
        if os.fspath(path) == str(failing):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", failing_scandir)


class TestRoot:
    def test_missing_root_has_every_entry_missing(self, tmp_path):
        folder = load(tmp_path / "absent")

        assert not folder.root_exists
        assert folder.systems == ()
        for entry in (folder.systems_dir, folder.pareto_dir, folder.src_dir):
            assert entry.state is EntryState.MISSING
        assert folder.systems_dir.path == str(tmp_path / "absent" / "systems")

    def test_file_as_root_exists_but_holds_no_folders(self, tmp_path):
        root = write(tmp_path / "submission.tar", "not a folder")

        folder = load(root)

        assert folder.root_exists
        assert not folder.systems_dir.present
        assert not folder.pareto_dir.present
        assert folder.systems == ()

    def test_relative_root_stays_relative_in_every_path(self, tmp_path, monkeypatch):
        make_curve(tmp_path / "sub")
        monkeypatch.chdir(tmp_path)

        folder = load("sub")

        curve = only_curve(folder)
        assert folder.root == "sub"
        assert folder.systems[0].description.path == str(
            Path("sub", "systems", "sys-a.json")
        )
        assert curve.points[0].path == str(
            Path("sub", "pareto", "sys-a", "model-a", "points", "point_16.yaml")
        )
        assert curve.results["point_16"].detail.path.startswith("sub" + os.sep)

    def test_root_given_with_trailing_separator_joins_cleanly(self, tmp_path):
        make_curve(tmp_path / "sub")

        folder = load(str(tmp_path / "sub") + os.sep)

        assert folder.systems_dir.path == str(tmp_path / "sub" / "systems")

    def test_root_that_is_a_link_is_followed_under_its_own_name(self, tmp_path):
        make_curve(tmp_path / "real")
        (tmp_path / "link").symlink_to(tmp_path / "real")

        folder = load(tmp_path / "link")

        curve = only_curve(folder)
        assert curve.points[0].data == {"concurrency": 16}
        assert curve.points[0].path.startswith(str(tmp_path / "link") + os.sep)

    def test_root_that_is_a_link_loop_does_not_exist(self, tmp_path):
        (tmp_path / "loop").symlink_to(tmp_path / "loop")

        assert not load(tmp_path / "loop").root_exists

    def test_root_with_a_nul_character_does_not_exist(self):
        assert not load("sub\0mission").root_exists

    def test_root_with_a_name_too_long_cannot_be_examined(self, tmp_path):
        folder = load(tmp_path / ("a" * 300))

        assert (folder.root_exists, folder.root_reason) == (False, "File name too long")
        assert folder.systems_dir.state is EntryState.MISSING

    def test_root_behind_a_folder_that_may_not_be_entered_cannot_be_examined(
        self, tmp_path, monkeypatch
    ):
        root = str(tmp_path / "locked" / "sub")
        real_stat = os.stat

        def failing_stat(path, *args, **kwargs):
            if os.fspath(path) == root:
                raise PermissionError(13, "Permission denied")
            return real_stat(path, *args, **kwargs)

        monkeypatch.setattr(os, "stat", failing_stat)

        folder = load(root)

        assert (folder.root_exists, folder.root_reason) == (False, "Permission denied")

    def test_missing_root_has_no_reason(self, tmp_path):
        assert load(tmp_path / "absent").root_reason == ""

    def test_src_folder_is_present_when_it_is_a_folder(self, tmp_path):
        (tmp_path / "src").mkdir()

        assert load(tmp_path).src_dir.state is EntryState.PRESENT

    def test_src_file_is_the_wrong_kind(self, tmp_path):
        write(tmp_path / "src", "print()")

        assert load(tmp_path).src_dir.state is EntryState.WRONG_KIND


class TestDiscovery:
    def test_systems_are_json_files_of_systems_sorted_by_name(self, tmp_path):
        for name in ("b-sys.json", "a-sys.json", "notes.txt", "c-sys.JSON"):
            write(tmp_path / "systems" / name, SYSTEM)
        write(tmp_path / "systems" / "nested" / "d-sys.json", SYSTEM)

        folder = load(tmp_path)

        assert [s.system_id for s in folder.systems] == ["a-sys", "b-sys"]
        assert folder.systems[0].description.data["division"] == "Serviced"

    def test_system_id_keeps_inner_dots(self, tmp_path):
        write(tmp_path / "systems" / "acme.h200.v2.json", SYSTEM)

        assert load(tmp_path).systems[0].system_id == "acme.h200.v2"

    def test_pareto_folder_without_system_file_is_left_out(self, tmp_path):
        make_curve(tmp_path, system="sys-a")
        (tmp_path / "pareto" / "orphan" / "model-a" / "points").mkdir(parents=True)

        assert [s.system_id for s in load(tmp_path).systems] == ["sys-a"]

    def test_system_without_pareto_folder_has_no_curves(self, tmp_path):
        write(tmp_path / "systems" / "sys-a.json", SYSTEM)
        (tmp_path / "pareto").mkdir()

        (system,) = load(tmp_path).systems

        assert system.pareto_dir.state is EntryState.MISSING
        assert system.pareto_dir.path == str(tmp_path / "pareto" / "sys-a")
        assert system.curves == ()

    def test_systems_without_pareto_root_have_missing_pareto_folders(self, tmp_path):
        write(tmp_path / "systems" / "sys-a.json", SYSTEM)

        (system,) = load(tmp_path).systems

        assert system.pareto_dir.state is EntryState.MISSING

    def test_curves_are_sub_folders_sorted_by_name_hidden_included(self, tmp_path):
        make_curve(tmp_path, model="zeta")
        pareto = tmp_path / "pareto" / "sys-a"
        (pareto / "alpha").mkdir()
        (pareto / ".hidden").mkdir()
        write(pareto / "README.md", "a file")

        (system,) = load(tmp_path).systems

        assert [c.model for c in system.curves] == [".hidden", "alpha", "zeta"]
        assert system.curves[1].points_dir.state is EntryState.MISSING

    def test_points_are_yaml_files_in_file_name_order(self, tmp_path):
        curve = make_curve(tmp_path, points=(4, 2048, 16, 128, 1024))
        for name in ("point_8.yml", "POINT_9.yaml", "notes.yaml", "point_7.yaml.bak"):
            write(curve / "points" / name, "concurrency: 8")
        write(curve / "points" / "point_abc.yaml", "concurrency: 64")

        points = only_curve(load(tmp_path)).points

        assert [Path(p.path).name for p in points] == [
            "point_1024.yaml",
            "point_128.yaml",
            "point_16.yaml",
            "point_2048.yaml",
            "point_4.yaml",
            "point_abc.yaml",
        ]
        assert points[1].data == {"concurrency": 128}

    def test_results_map_every_point_folder_to_its_files(self, tmp_path):
        curve = make_curve(tmp_path, points=(16, 38))
        (curve / "results" / "logs").mkdir()

        results = only_curve(load(tmp_path)).results

        assert sorted(results) == ["point_16", "point_38"]
        result = results["point_38"]
        assert result.directory.path == str(curve / "results" / "point_38")
        assert result.summary.data["n_samples_completed"] == 1000
        assert result.detail.state is EntryState.PRESENT
        assert result.detail.path == str(curve / "results" / "point_38" / DETAIL_FILE)

    def test_result_folder_is_kept_whatever_the_points_declare(self, tmp_path):
        curve = make_curve(tmp_path)
        write(curve / "results" / "point_999" / SUMMARY_FILE, SUMMARY)

        assert "point_999" in only_curve(load(tmp_path)).results

    def test_accuracy_files_are_read_and_checked(self, tmp_path):
        make_curve(tmp_path)

        curve = only_curve(load(tmp_path))

        assert curve.accuracy_txt.state is EntryState.PRESENT
        assert curve.accuracy_result.data["passed"] is True

    def test_empty_result_folder_has_missing_files(self, tmp_path):
        curve = make_curve(tmp_path)
        (curve / "results" / "point_16" / SUMMARY_FILE).unlink()
        (curve / "results" / "point_16" / DETAIL_FILE).unlink()

        result = only_curve(load(tmp_path)).results["point_16"]

        assert result.detail.state is EntryState.MISSING
        assert result.summary.problem.kind is ProblemKind.MISSING
        path = curve / "results" / "point_16" / SUMMARY_FILE
        assert result.summary.problem.message == f"File not found: {path}"

    def test_missing_sub_folders_are_missing_and_empty(self, tmp_path):
        curve = tmp_path / "pareto" / "sys-a" / "model-a"
        curve.mkdir(parents=True)
        write(tmp_path / "systems" / "sys-a.json", SYSTEM)

        loaded = only_curve(load(tmp_path))

        assert loaded.directory.state is EntryState.PRESENT
        for entry in (loaded.points_dir, loaded.results_dir, loaded.accuracy_dir):
            assert entry.state is EntryState.MISSING
        assert loaded.accuracy_txt.state is EntryState.MISSING
        assert loaded.accuracy_result.problem.kind is ProblemKind.MISSING
        assert loaded.points == ()
        assert loaded.results == {}

    def test_file_names_that_are_not_utf8_are_loaded(self, tmp_path):
        curve = make_curve(tmp_path)
        name = os.fsdecode(b"point_\xff.yaml")
        write(curve / "points" / name, "concurrency: 8")

        points = only_curve(load(tmp_path)).points

        assert [p.data for p in points] == [{"concurrency": 16}, {"concurrency": 8}]


class TestParsing:
    def test_json_is_parsed_into_plain_data(self, tmp_path):
        make_curve(tmp_path)

        assert summary_of(tmp_path).data == json.loads(SUMMARY)

    @pytest.mark.parametrize(
        ("token", "value"),
        [("1e999", math.inf), ("-1E+400", -math.inf), ("9" * 400 + ".5", math.inf)],
        ids=["1e999", "minus-1e400", "400-digit-float"],
    )
    def test_a_float_too_large_loads_as_infinity_for_the_rules(
        self, tmp_path, token, value
    ):
        curve = make_curve(tmp_path)
        content = f'{{"duration_ns": {token}}}'
        write(curve / "results" / "point_16" / SUMMARY_FILE, content)

        summary = summary_of(tmp_path)

        assert summary.problem is None
        assert summary.data == {"duration_ns": value}

    @pytest.mark.parametrize(
        "content",
        [
            "",
            "{bad",
            '{"a": 1} trailing',
            '{"duration_ns": NaN}',
            '{"duration_ns": Infinity}',
            '{"duration_ns": -Infinity}',
            '{"duration_ns": ' + "7" * 5000 + "}",
            "[" * 100_000 + "]" * 100_000,
            '\ufeff{"a": 1}',
            # Parts of a summary that no rule reads must be JSON all the same.
            '{"qps": {"histogram": [NaN]}}',
            '{"qps": [1, 2',
            '{"qps": 01}',
            '{"qps": "tab\there"}',
        ],
        ids=[
            "empty",
            "truncated",
            "trailing-data",
            "nan",
            "infinity",
            "minus-infinity",
            "5000-digit-integer",
            "deep-nesting",
            "byte-order-mark",
            "nan-where-no-rule-reads",
            "truncated-where-no-rule-reads",
            "leading-zero-where-no-rule-reads",
            "control-character-where-no-rule-reads",
        ],
    )
    def test_invalid_json_is_malformed_naming_the_file(self, tmp_path, content):
        curve = make_curve(tmp_path)
        write(curve / "results" / "point_16" / SUMMARY_FILE, content)

        summary = summary_of(tmp_path)

        assert summary.data is None
        assert summary.problem.kind is ProblemKind.MALFORMED_JSON
        assert summary.problem.message.startswith(
            f"JSON parse error in {SUMMARY_FILE}: "
        )

    def test_tiny_and_negative_exponents_are_numbers(self, tmp_path):
        curve = make_curve(tmp_path)
        content = '{"duration_ns": 1e-999, "system_tps": 1e308}'
        write(curve / "results" / "point_16" / SUMMARY_FILE, content)

        assert summary_of(tmp_path).data == {"duration_ns": 0.0, "system_tps": 1e308}

    def test_summary_keeps_only_what_the_rules_read(self, tmp_path):
        curve = make_curve(tmp_path)
        content = json.dumps(
            {
                "n_samples_completed": 10,
                "duration_ns": 5,
                "ttft": {"total": 1, "histogram": {"buckets": [[0.5, 1.5]]}},
                "qps": {"total": 2},
                "tps_per_user": "fast",
            }
        )
        write(curve / "results" / "point_16" / SUMMARY_FILE, content)

        assert summary_of(tmp_path).data == {
            "n_samples_completed": 10,
            "duration_ns": 5,
            "ttft": {"total": 1},
            "tps_per_user": "fast",
        }

    @pytest.mark.parametrize(
        ("content", "reason"),
        [
            ('\ufeff{"a": 1}', "it starts with a byte-order mark (BOM)"),
            (
                '{"duration_ns": ' + "7" * 5000 + "}",
                "it holds an integer of more than 4300 digits",
            ),
            ("[" * 100_000 + "]" * 100_000, "its values are nested too deeply"),
        ],
        ids=["byte-order-mark", "5000-digit-integer", "deep-nesting"],
    )
    def test_malformed_json_is_explained_in_the_files_terms(
        self, tmp_path, content, reason
    ):
        curve = make_curve(tmp_path)
        write(curve / "results" / "point_16" / SUMMARY_FILE, content)

        summary = summary_of(tmp_path)

        expected = f"JSON parse error in {SUMMARY_FILE}: {reason}"
        assert summary.problem.message == expected

    def test_a_yaml_syntax_error_is_one_line_with_its_places(self, tmp_path):
        curve = make_curve(tmp_path)
        write(curve / "points" / "point_16.yaml", "concurrency: [1\n")

        (point,) = only_curve(load(tmp_path)).points

        assert point.problem.message == (
            "YAML parse error in point_16.yaml: did not find expected ',' or ']'"
            " (line 2, column 1), while parsing a flow sequence (line 1, column 14)"
        )

    def test_a_yaml_integer_of_too_many_digits_is_explained(self, tmp_path):
        curve = make_curve(tmp_path)
        write(curve / "points" / "point_16.yaml", "concurrency: " + "7" * 5000)

        (point,) = only_curve(load(tmp_path)).points

        assert point.problem.message == (
            "YAML parse error in point_16.yaml:"
            " it holds an integer of more than 4300 digits"
        )

    def test_a_float_too_large_where_no_rule_reads_is_left_out(self, tmp_path):
        curve = make_curve(tmp_path)
        write(curve / "results" / "point_16" / SUMMARY_FILE, '{"qps": 1e999}')

        summary = summary_of(tmp_path)

        assert (summary.problem, summary.data) == (None, {})

    def test_not_utf8_names_the_offset(self, tmp_path):
        curve = make_curve(tmp_path)
        write(curve / "results" / "point_16" / SUMMARY_FILE, b'{"a": "caf\xe9"}')

        summary = summary_of(tmp_path)

        assert summary.problem.kind is ProblemKind.NOT_UTF8
        assert summary.problem.message == (
            f"{SUMMARY_FILE} is not valid UTF-8: byte 0xe9 at offset 10"
        )

    def test_yaml_is_parsed_safely_into_plain_data(self, tmp_path):
        curve = make_curve(tmp_path)
        text = "concurrency: 64\nruntime_settings:\n  stream_all_chunks: yes\n"
        write(curve / "points" / "point_16.yaml", text)

        point = only_curve(load(tmp_path)).points[0]

        assert point.problem is None
        assert point.data == {
            "concurrency": 64,
            "runtime_settings": {"stream_all_chunks": True},
        }

    @pytest.mark.parametrize(
        ("content", "data"),
        [("", None), ("# only a comment\n", None), ("- 1\n- 2\n", [1, 2]), ("64", 64)],
        ids=["empty", "comment", "list", "scalar"],
    )
    def test_yaml_that_is_not_a_mapping_is_data(self, tmp_path, content, data):
        curve = make_curve(tmp_path)
        write(curve / "points" / "point_16.yaml", content)

        point = only_curve(load(tmp_path)).points[0]

        assert point.problem is None
        assert point.data == data

    @pytest.mark.parametrize(
        "content",
        [
            "concurrency: [64",
            "a: 1\n b: 2\n  c",
            "--- 1\n--- 2\n",
            "!!python/object/apply:os.system ['true']",
            "concurrency: " + "7" * 5000,
            "[" * 5000 + "]" * 5000,
            "when: 2024-13-45",
            "bad: \x00",
        ],
        ids=[
            "unclosed",
            "bad-indent",
            "two-documents",
            "python-tag",
            "5000-digit-integer",
            "deep-nesting",
            "impossible-date",
            "nul-character",
        ],
    )
    def test_invalid_yaml_is_malformed_naming_the_file(self, tmp_path, content):
        curve = make_curve(tmp_path)
        write(curve / "points" / "point_16.yaml", content)

        point = only_curve(load(tmp_path)).points[0]

        assert point.data is None
        assert point.problem.kind is ProblemKind.MALFORMED_YAML
        assert point.problem.message.startswith("YAML parse error in point_16.yaml: ")

    def test_folder_where_a_parsed_file_belongs_is_not_a_file(self, tmp_path):
        curve = make_curve(tmp_path)
        (curve / "accuracy" / "accuracy_result.json").unlink()
        (curve / "accuracy" / "accuracy_result.json").mkdir()

        accuracy = only_curve(load(tmp_path)).accuracy_result

        assert accuracy.problem.kind is ProblemKind.NOT_A_FILE
        assert accuracy.problem.message == (
            "IO error reading accuracy_result.json: it is a folder, not a file"
        )

    def test_folder_named_like_a_point_is_a_point_that_is_not_a_file(self, tmp_path):
        curve = make_curve(tmp_path)
        (curve / "points" / "point_32.yaml").mkdir()

        points = only_curve(load(tmp_path)).points

        assert [problem_kind(p) for p in points] == [None, ProblemKind.NOT_A_FILE]

    def test_fifo_where_a_parsed_file_belongs_is_never_opened(self, tmp_path, opened):
        curve = make_curve(tmp_path)
        fifo = curve / "results" / "point_16" / SUMMARY_FILE
        fifo.unlink()
        os.mkfifo(fifo)

        summary = summary_of(tmp_path)

        assert summary.problem.kind is ProblemKind.NOT_A_FILE
        assert "a FIFO" in summary.problem.message
        assert str(fifo) not in opened

    def test_file_over_the_limit_is_not_read(self, tmp_path, opened):
        curve = make_curve(tmp_path)
        large = curve / "results" / "point_16" / SUMMARY_FILE
        os.truncate(large, MAX_PARSED_FILE_BYTES + 1)

        summary = summary_of(tmp_path)

        assert summary.problem.kind is ProblemKind.TOO_LARGE
        assert summary.problem.message == (
            f"{SUMMARY_FILE} is too large to check: 67108865 bytes,"
            " over the limit of 67108864 bytes"
        )

    def test_file_exactly_at_the_limit_is_read(self, tmp_path, monkeypatch):
        curve = make_curve(tmp_path)
        monkeypatch.setattr(submission_source, "MAX_PARSED_FILE_BYTES", len(SUMMARY))

        assert summary_of(tmp_path).problem is None
        write(curve / "results" / "point_16" / SUMMARY_FILE, SUMMARY + " ")
        assert summary_of(tmp_path).problem.kind is ProblemKind.TOO_LARGE

    def test_os_error_on_open_is_unreadable_with_the_reason(
        self, tmp_path, monkeypatch
    ):
        curve = make_curve(tmp_path)
        summary_path = curve / "results" / "point_16" / SUMMARY_FILE
        fail_open_for(
            monkeypatch, summary_path, PermissionError(13, "Permission denied")
        )

        summary = summary_of(tmp_path)

        assert summary.problem.kind is ProblemKind.UNREADABLE
        assert summary.problem.message == (
            f"IO error reading {SUMMARY_FILE}: Permission denied"
        )

    def test_os_error_while_reading_is_unreadable_and_closes_the_file(
        self, tmp_path, monkeypatch
    ):
        make_curve(tmp_path)
        closed: list[int] = []
        real_close = os.close

        def failing_read(descriptor, size):
            raise OSError(5, "Input/output error")

        def recording_close(descriptor):
            closed.append(descriptor)
            real_close(descriptor)

        monkeypatch.setattr(os, "read", failing_read)
        monkeypatch.setattr(os, "close", recording_close)

        summary = summary_of(tmp_path)

        assert summary.problem.kind is ProblemKind.UNREADABLE
        assert summary.problem.message.endswith(": Input/output error")
        assert len(closed) == 4

    def test_short_reads_still_read_the_whole_file(self, tmp_path, monkeypatch):
        make_curve(tmp_path)
        real_read = os.read
        monkeypatch.setattr(os, "read", lambda fd, size: real_read(fd, min(size, 7)))

        assert summary_of(tmp_path).data == json.loads(SUMMARY)

    def test_file_vanishing_before_it_is_opened_is_missing(self, tmp_path, monkeypatch):
        curve = make_curve(tmp_path)
        summary_path = curve / "results" / "point_16" / SUMMARY_FILE
        fail_open_for(monkeypatch, summary_path, FileNotFoundError(2, "gone"))

        assert summary_of(tmp_path).problem.kind is ProblemKind.MISSING

    def test_each_parsed_file_is_opened_once_and_nothing_else(self, tmp_path, opened):
        curve = make_curve(tmp_path)

        load(tmp_path)

        assert sorted(opened) == sorted(
            str(path)
            for path in (
                tmp_path / "systems" / "sys-a.json",
                curve / "points" / "point_16.yaml",
                curve / "results" / "point_16" / SUMMARY_FILE,
                curve / "accuracy" / "accuracy_result.json",
            )
        )


class TestPresenceOnlyFiles:
    def test_detail_log_that_cannot_be_opened_is_present(self, tmp_path, monkeypatch):
        curve = make_curve(tmp_path)
        detail = curve / "results" / "point_16" / DETAIL_FILE
        detail.chmod(0)
        fail_open_for(monkeypatch, detail, PermissionError(13, "Permission denied"))

        result = only_curve(load(tmp_path)).results["point_16"]

        assert result.detail.state is EntryState.PRESENT

    def test_detail_log_that_is_a_fifo_is_present(self, tmp_path):
        curve = make_curve(tmp_path)
        detail = curve / "results" / "point_16" / DETAIL_FILE
        detail.unlink()
        os.mkfifo(detail)

        result = only_curve(load(tmp_path)).results["point_16"]

        assert result.detail.state is EntryState.PRESENT

    def test_folder_where_the_detail_log_belongs_is_the_wrong_kind(self, tmp_path):
        curve = make_curve(tmp_path)
        detail = curve / "results" / "point_16" / DETAIL_FILE
        detail.unlink()
        detail.mkdir()

        result = only_curve(load(tmp_path)).results["point_16"]

        assert result.detail.state is EntryState.WRONG_KIND
        assert result.detail.reason == "a folder, not a file"

    def test_accuracy_text_is_checked_for_presence_only(self, tmp_path, opened):
        curve = make_curve(tmp_path)
        write(curve / "accuracy" / "accuracy.txt", b"\xff\xfe not text")

        loaded = only_curve(load(tmp_path))

        assert loaded.accuracy_txt.state is EntryState.PRESENT
        assert str(curve / "accuracy" / "accuracy.txt") not in opened


class TestFolders:
    def test_file_where_systems_belongs_is_the_wrong_kind(self, tmp_path):
        write(tmp_path / "systems", SYSTEM)

        folder = load(tmp_path)

        assert folder.systems_dir.state is EntryState.WRONG_KIND
        assert folder.systems_dir.reason == "a file, not a folder"
        assert folder.systems == ()

    def test_file_where_points_belong_is_the_wrong_kind(self, tmp_path):
        curve = make_curve(tmp_path)
        for path in (curve / "points").iterdir():
            path.unlink()
        (curve / "points").rmdir()
        write(curve / "points", "concurrency: 16")

        loaded = only_curve(load(tmp_path))

        assert loaded.points_dir.state is EntryState.WRONG_KIND
        assert loaded.points == ()

    def test_file_where_a_result_folder_belongs_is_kept_as_the_wrong_kind(
        self, tmp_path
    ):
        curve = make_curve(tmp_path)
        write(curve / "results" / "point_38", SUMMARY)

        result = only_curve(load(tmp_path)).results["point_38"]

        assert result.directory.state is EntryState.WRONG_KIND
        assert result.summary.problem.kind is ProblemKind.MISSING
        assert result.detail.state is EntryState.MISSING

    def test_fifo_where_accuracy_belongs_is_the_wrong_kind(self, tmp_path):
        curve = make_curve(tmp_path)
        for path in (curve / "accuracy").iterdir():
            path.unlink()
        (curve / "accuracy").rmdir()
        os.mkfifo(curve / "accuracy")

        loaded = only_curve(load(tmp_path))

        assert loaded.accuracy_dir.state is EntryState.WRONG_KIND
        assert loaded.accuracy_dir.reason == "a FIFO, not a folder"
        assert loaded.accuracy_txt.state is EntryState.MISSING

    def test_unlistable_systems_folder_is_unreadable(self, tmp_path, monkeypatch):
        make_curve(tmp_path)
        fail_scandir_for(monkeypatch, tmp_path / "systems")

        folder = load(tmp_path)

        assert folder.systems_dir.state is EntryState.UNREADABLE
        assert folder.systems_dir.reason == "Permission denied"
        assert folder.systems == ()

    def test_unlistable_system_pareto_folder_is_unreadable(self, tmp_path, monkeypatch):
        make_curve(tmp_path)
        fail_scandir_for(monkeypatch, tmp_path / "pareto" / "sys-a")

        (system,) = load(tmp_path).systems

        assert system.pareto_dir.state is EntryState.UNREADABLE
        assert system.curves == ()

    def test_unlistable_points_folder_is_unreadable_and_empty(
        self, tmp_path, monkeypatch
    ):
        curve = make_curve(tmp_path)
        fail_scandir_for(monkeypatch, curve / "points")

        loaded = only_curve(load(tmp_path))

        assert loaded.points_dir.state is EntryState.UNREADABLE
        assert loaded.points_dir.reason == "Permission denied"
        assert loaded.points == ()
        assert list(loaded.results) == ["point_16"]

    def test_unlistable_results_folder_is_unreadable_and_empty(
        self, tmp_path, monkeypatch
    ):
        curve = make_curve(tmp_path)
        fail_scandir_for(monkeypatch, curve / "results")

        loaded = only_curve(load(tmp_path))

        assert loaded.results_dir.state is EntryState.UNREADABLE
        assert loaded.results == {}
        assert len(loaded.points) == 1

    def test_folder_that_cannot_be_examined_is_unreadable(self, tmp_path, monkeypatch):
        make_curve(tmp_path)
        real_lstat = os.lstat
        src = str(tmp_path / "src")

        def failing_lstat(path, *args, **kwargs):
            if os.fspath(path) == src:
                raise PermissionError(13, "Permission denied", path)
            return real_lstat(path, *args, **kwargs)

        monkeypatch.setattr(os, "lstat", failing_lstat)

        assert load(tmp_path).src_dir.state is EntryState.UNREADABLE


class TestGarbageCollector:
    @pytest.mark.parametrize("enabled", [True, False])
    def test_garbage_collector_is_left_as_it_was(self, tmp_path, enabled):
        make_curve(tmp_path)
        was_enabled = gc.isenabled()
        (gc.enable if enabled else gc.disable)()
        try:
            load(tmp_path)
            assert gc.isenabled() is enabled
        finally:
            (gc.enable if was_enabled else gc.disable)()
