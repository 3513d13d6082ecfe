"""`TarGzRunArchive` packing real folders in a temporary directory."""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import logging
import os
import subprocess
import tarfile
import zlib
from pathlib import Path

import pytest

from endpoints_submission_cli.adapters.filesystem.archives import TarGzRunArchive
from endpoints_submission_cli.application.errors import ArchiveError


def make_folder(root: Path) -> Path:
    folder = root / "llama3-8b-c64"
    (folder / "performance").mkdir(parents=True)
    (folder / "metrics").mkdir()
    (folder / "metrics" / ".ready").touch()
    (folder / "config.yaml").write_text("name: run\n")
    (folder / "performance" / "result_summary.json").write_text("{}")
    lines = [f'{{"event_type": "sample.issued", "n": {i}}}\n' for i in range(20000)]
    (folder / "events.jsonl").write_text("".join(lines))
    (folder / "latest").symlink_to("events.jsonl")
    return folder


def members(archive: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(archive, "r:gz") as tar:
        return {member.name: member for member in tar.getmembers()}


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path): (path.lstat().st_mtime_ns, path.lstat().st_size)
        for path in [folder, *folder.rglob("*")]
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_folder(tmp_path / "source")


@pytest.fixture
def destination(tmp_path: Path) -> Path:
    return tmp_path / "out" / "run.tar.gz"


@pytest.fixture(autouse=True)
def _out_dir(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()


class TestPack:
    def test_stores_the_whole_folder_under_its_name(
        self, folder: Path, destination: Path
    ) -> None:
        TarGzRunArchive().pack(folder, destination)

        assert sorted(members(destination)) == [
            "llama3-8b-c64",
            "llama3-8b-c64/config.yaml",
            "llama3-8b-c64/events.jsonl",
            "llama3-8b-c64/latest",
            "llama3-8b-c64/metrics",
            "llama3-8b-c64/metrics/.ready",
            "llama3-8b-c64/performance",
            "llama3-8b-c64/performance/result_summary.json",
        ]

    def test_keeps_the_content_byte_for_byte(
        self, folder: Path, destination: Path
    ) -> None:
        TarGzRunArchive(block_size=64 * 1024).pack(folder, destination)

        with tarfile.open(destination, "r:gz") as tar:
            stored = tar.extractfile("llama3-8b-c64/events.jsonl")
            assert stored is not None
            assert stored.read() == (folder / "events.jsonl").read_bytes()

    def test_reports_the_size_and_sha256_of_the_file(
        self, folder: Path, destination: Path
    ) -> None:
        archive = TarGzRunArchive().pack(folder, destination)

        data = destination.read_bytes()
        assert archive.path == destination
        assert archive.size == len(data)
        assert archive.sha256 == hashlib.sha256(data).hexdigest()

    def test_stores_symbolic_links_as_links(
        self, folder: Path, destination: Path, tmp_path: Path
    ) -> None:
        outside = tmp_path / "secret.txt"
        outside.write_text("not part of the run")
        (folder / "outside").symlink_to(outside)

        TarGzRunArchive().pack(folder, destination)

        stored = members(destination)
        assert stored["llama3-8b-c64/outside"].issym()
        assert stored["llama3-8b-c64/outside"].linkname == str(outside)
        assert stored["llama3-8b-c64/latest"].linkname == "events.jsonl"
        assert b"not part of the run" not in gzip.decompress(destination.read_bytes())

    def test_leaves_the_folder_unchanged(self, folder: Path, destination: Path) -> None:
        before = snapshot(folder)

        TarGzRunArchive().pack(folder, destination)

        assert snapshot(folder) == before

    def test_names_the_current_directory_by_its_real_name(
        self, folder: Path, destination: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(folder)

        TarGzRunArchive().pack(Path(), destination)

        assert "llama3-8b-c64/config.yaml" in members(destination)

    def test_packs_an_empty_folder(self, tmp_path: Path, destination: Path) -> None:
        empty = tmp_path / "empty"
        empty.mkdir()

        TarGzRunArchive().pack(empty, destination)

        assert list(members(destination)) == ["empty"]

    def test_small_blocks_make_one_valid_gzip_stream_of_many_members(
        self, folder: Path, destination: Path
    ) -> None:
        TarGzRunArchive(block_size=16 * 1024, workers=3).pack(folder, destination)

        data = destination.read_bytes()
        assert _gzip_members(data) > 5
        with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data))) as tar:
            assert "llama3-8b-c64/events.jsonl" in tar.getnames()

    def test_gnu_tar_reads_the_archive(self, folder: Path, destination: Path) -> None:
        TarGzRunArchive(block_size=16 * 1024).pack(folder, destination)

        listing = subprocess.run(
            ["tar", "tzf", str(destination)], capture_output=True, text=True, check=True
        )

        assert "llama3-8b-c64/performance/result_summary.json" in listing.stdout

    def test_skips_a_fifo_with_a_warning(
        self, folder: Path, destination: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        os.mkfifo(folder / "pipe")

        with caplog.at_level(logging.WARNING):
            TarGzRunArchive().pack(folder, destination)

        assert "llama3-8b-c64/pipe" not in members(destination)
        assert [r.getMessage() for r in caplog.records] == [
            f"skipped {folder / 'pipe'}: a FIFO cannot be archived"
        ]


class TestFailures:
    def test_a_missing_folder_is_an_archive_error_naming_it(
        self, tmp_path: Path, destination: Path
    ) -> None:
        with pytest.raises(ArchiveError) as raised:
            TarGzRunArchive().pack(tmp_path / "gone", destination)

        assert raised.value.path == tmp_path / "gone"
        assert str(tmp_path / "gone") in str(raised.value)
        assert not destination.exists()

    def test_an_unwritable_destination_is_an_archive_error_naming_it(
        self, folder: Path, tmp_path: Path
    ) -> None:
        destination = tmp_path / "no" / "such" / "dir" / "run.tar.gz"

        with pytest.raises(ArchiveError) as raised:
            TarGzRunArchive().pack(folder, destination)

        assert raised.value.path == destination

    def test_a_read_error_names_the_file_and_removes_the_partial_archive(
        self, folder: Path, destination: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        broken = folder / "events.jsonl"
        real_open = Path.open

        def open_failing(path: Path, *args: object, **kwargs: object) -> object:
            if path == broken:
                raise OSError(errno.EIO, "Input/output error")
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", open_failing)

        with pytest.raises(ArchiveError) as raised:
            TarGzRunArchive().pack(folder, destination)

        assert raised.value.path == broken
        assert "Input/output error" in str(raised.value)
        assert not destination.exists()


def _gzip_members(data: bytes) -> int:
    count = 0
    while data:
        decompressor = zlib.decompressobj(31)
        decompressor.decompress(data)
        data = decompressor.unused_data
        count += 1
    return count
