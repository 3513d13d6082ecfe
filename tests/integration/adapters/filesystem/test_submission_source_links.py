"""Symbolic links in a submission: followed inside the root, reported outside it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.filesystem.submission_source import (
    DETAIL_FILE,
    SUMMARY_FILE,
)
from endpoints_submission_cli.domain.submission import (
    DataFile,
    Entry,
    EntryState,
    ProblemKind,
    SubmissionFolder,
)
from tests.integration.adapters.filesystem.test_submission_source import (
    load,
    make_curve,
    only_curve,
    write,
)

CURVE = "pareto/sys-a/model-a"
Pick = Callable[[SubmissionFolder], "Entry | DataFile"]


def escapes(found: Entry | DataFile) -> bool:
    if isinstance(found, Entry):
        return found.state is EntryState.ESCAPES
    return found.problem is not None and found.problem.kind is ProblemKind.ESCAPES


def result(folder: SubmissionFolder):
    return only_curve(folder).results["point_16"]


LEVELS: list[tuple[str, Pick]] = [
    ("systems", lambda f: f.systems_dir),
    ("systems/sys-a.json", lambda f: f.systems[0].description),
    ("pareto", lambda f: f.pareto_dir),
    ("pareto/sys-a", lambda f: f.systems[0].pareto_dir),
    (CURVE, lambda f: only_curve(f).directory),
    (f"{CURVE}/points", lambda f: only_curve(f).points_dir),
    (f"{CURVE}/points/point_16.yaml", lambda f: only_curve(f).points[0]),
    (f"{CURVE}/results", lambda f: only_curve(f).results_dir),
    (f"{CURVE}/results/point_16", lambda f: result(f).directory),
    (f"{CURVE}/results/point_16/{SUMMARY_FILE}", lambda f: result(f).summary),
    (f"{CURVE}/results/point_16/{DETAIL_FILE}", lambda f: result(f).detail),
    (f"{CURVE}/accuracy", lambda f: only_curve(f).accuracy_dir),
    (f"{CURVE}/accuracy/accuracy.txt", lambda f: only_curve(f).accuracy_txt),
    (f"{CURVE}/accuracy/accuracy_result.json", lambda f: only_curve(f).accuracy_result),
    ("src", lambda f: f.src_dir),
]


def move_out(root: Path, relative: str, outside: Path) -> Path:
    """Move `root/relative` to `outside` and leave a link to it in its place."""
    inside = root / relative
    outside.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(inside, outside)
    inside.symlink_to(outside)
    return inside


class TestEscapingLinks:
    @pytest.mark.parametrize(
        ("relative", "pick"), LEVELS, ids=[level for level, _ in LEVELS]
    )
    def test_link_leaving_the_root_escapes_and_is_not_followed(
        self, tmp_path, opened, relative, pick
    ):
        root = tmp_path / "submission"
        make_curve(root)
        (root / "src").mkdir()
        outside = tmp_path / "elsewhere" / Path(relative).name
        move_out(root, relative, outside)

        found = pick(load(root))

        assert escapes(found)
        assert found.path == str(root / relative)
        assert not any(path.startswith(str(tmp_path / "elsewhere")) for path in opened)

    def test_escaping_file_message_names_the_link_and_its_target(self, tmp_path):
        root = tmp_path / "submission"
        make_curve(root)
        relative = f"{CURVE}/points/point_16.yaml"
        move_out(root, relative, tmp_path / "outside.yaml")

        point = only_curve(load(root)).points[0]

        assert point.problem.message == (
            f"{root / relative} is a symbolic link to"
            f" {str(tmp_path / 'outside.yaml')!r}, outside the submission;"
            " it was not read"
        )

    def test_escaping_folder_is_not_descended(self, tmp_path, monkeypatch):
        root = tmp_path / "submission"
        make_curve(root)
        move_out(root, f"{CURVE}/points", tmp_path / "points")
        listed: list[str] = []
        real_scandir = os.scandir

        def recording_scandir(path="."):
            listed.append(os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", recording_scandir)

        curve = only_curve(load(root))

        assert curve.points == ()
        assert str(root / CURVE / "points") not in listed

    def test_dangling_link_pointing_outside_escapes(self, tmp_path):
        root = tmp_path / "submission"
        curve = make_curve(root)
        summary = curve / "results" / "point_16" / SUMMARY_FILE
        summary.unlink()
        summary.symlink_to(tmp_path / "nowhere.json")

        assert escapes(result(load(root)).summary)

    def test_sibling_folder_sharing_the_root_name_prefix_is_outside(self, tmp_path):
        root = tmp_path / "sub"
        curve = make_curve(root)
        target = write(tmp_path / "sub-other" / "point.yaml", "concurrency: 16")
        point = curve / "points" / "point_16.yaml"
        point.unlink()
        point.symlink_to(target)

        assert escapes(only_curve(load(root)).points[0])

    def test_relative_link_climbing_out_through_a_followed_link_escapes(self, tmp_path):
        root = tmp_path / "submission"
        make_curve(root)
        (root / "shared").mkdir()
        (root / "pareto" / "sys-a" / "model-b").symlink_to(root / "shared")
        write(tmp_path / "outside.yaml", "concurrency: 16")
        (root / "shared" / "points").mkdir()
        (root / "shared" / "points" / "point_16.yaml").symlink_to(
            Path("..", "..", "..", "outside.yaml")
        )

        (system,) = load(root).systems

        model_b = system.curves[1]
        assert model_b.directory.state is EntryState.PRESENT
        assert escapes(model_b.points[0])

    def test_escaping_entries_of_listings_are_kept(self, tmp_path):
        root = tmp_path / "submission"
        make_curve(root)
        write(tmp_path / "other.json", "{}")
        (root / "systems" / "other.json").symlink_to(tmp_path / "other.json")
        (root / "pareto" / "sys-a" / "model-b").symlink_to(tmp_path)

        folder = load(root)

        assert [s.system_id for s in folder.systems] == ["other", "sys-a"]
        assert escapes(folder.systems[0].description)
        curves = folder.systems[1].curves
        assert [c.model for c in curves] == ["model-a", "model-b"]
        assert escapes(curves[1].directory)
        assert curves[1].points == ()


class TestLinksInsideTheRoot:
    def test_file_link_inside_the_root_is_followed(self, tmp_path):
        curve = make_curve(tmp_path)
        shared = write(tmp_path / "shared" / "point.yaml", "concurrency: 38")
        point = curve / "points" / "point_16.yaml"
        point.unlink()
        point.symlink_to(Path("..", "..", "..", "..", "shared", "point.yaml"))

        (loaded,) = only_curve(load(tmp_path)).points

        assert loaded.data == {"concurrency": 38}
        assert loaded.path == str(point)
        assert shared.exists()

    def test_folder_link_inside_the_root_is_followed_under_its_name(self, tmp_path):
        curve = make_curve(tmp_path)
        (tmp_path / "pareto" / "sys-a" / "model-b").symlink_to(curve)

        (system,) = load(tmp_path).systems

        linked = system.curves[1]
        assert linked.model == "model-b"
        assert linked.points[0].data == {"concurrency": 16}
        expected = tmp_path / "pareto" / "sys-a" / "model-b" / "points"
        assert linked.points_dir.path == str(expected)

    def test_link_to_the_root_itself_is_inside(self, tmp_path):
        (tmp_path / "src").symlink_to(tmp_path)

        assert load(tmp_path).src_dir.state is EntryState.PRESENT

    def test_dangling_link_inside_the_root_is_missing(self, tmp_path):
        curve = make_curve(tmp_path)
        detail = curve / "results" / "point_16" / DETAIL_FILE
        detail.unlink()
        detail.symlink_to(curve / "results" / "point_16" / "gone.json")

        assert result(load(tmp_path)).detail.state is EntryState.MISSING

    def test_dangling_model_link_is_not_a_curve(self, tmp_path):
        make_curve(tmp_path)
        (tmp_path / "pareto" / "sys-a" / "model-b").symlink_to(tmp_path / "gone")

        (system,) = load(tmp_path).systems

        assert [c.model for c in system.curves] == ["model-a"]


class TestLinkLoops:
    def test_file_link_loop_is_unreadable_with_the_reason(self, tmp_path):
        curve = make_curve(tmp_path)
        point = curve / "points" / "point_16.yaml"
        point.unlink()
        point.symlink_to(point)

        (loaded,) = only_curve(load(tmp_path)).points

        assert loaded.problem.kind is ProblemKind.UNREADABLE
        assert loaded.problem.message == (
            "IO error reading point_16.yaml: Too many levels of symbolic links"
        )

    def test_folder_link_loop_is_an_unreadable_curve(self, tmp_path):
        make_curve(tmp_path)
        pareto = tmp_path / "pareto" / "sys-a"
        (pareto / "model-b").symlink_to(pareto / "model-c")
        (pareto / "model-c").symlink_to(pareto / "model-b")

        (system,) = load(tmp_path).systems

        states = {c.model: c.directory.state for c in system.curves}
        assert states == {
            "model-a": EntryState.PRESENT,
            "model-b": EntryState.UNREADABLE,
            "model-c": EntryState.UNREADABLE,
        }
        assert system.curves[1].directory.reason == "Too many levels of symbolic links"

    def test_systems_folder_link_loop_is_unreadable(self, tmp_path):
        (tmp_path / "systems").symlink_to(tmp_path / "systems")

        assert load(tmp_path).systems_dir.state is EntryState.UNREADABLE

    def test_very_long_link_chain_is_unreadable(self, tmp_path):
        curve = make_curve(tmp_path)
        chain = tmp_path / "chain"
        write(chain / "target.json", "{}")
        (chain / "link-0").symlink_to("target.json")
        for number in range(1, 2000):
            (chain / f"link-{number}").symlink_to(f"link-{number - 1}")
        accuracy = curve / "accuracy" / "accuracy_result.json"
        accuracy.unlink()
        accuracy.symlink_to(chain / "link-1999")

        loaded = only_curve(load(tmp_path)).accuracy_result

        assert loaded.problem.kind is ProblemKind.UNREADABLE
