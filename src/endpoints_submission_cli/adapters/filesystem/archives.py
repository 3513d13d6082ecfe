"""Pack a run folder into a gzip-compressed tar, in parallel and in constant memory."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import tarfile
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from endpoints_submission_cli.application.errors import ArchiveError
from endpoints_submission_cli.application.ports import PackedArchive

logger = logging.getLogger(__name__)

GZIP_LEVEL = 6
BLOCK_SIZE = 4 * 1024 * 1024
_GZIP_WBITS = 31


class TarGzRunArchive:
    """Streams a gzip tar of a whole folder to a file, hashing it on the way.

    The tar stream is cut into blocks that worker threads compress as separate
    gzip members; their concatenation is one valid gzip file, which `tar xzf`
    and Python's `tarfile` read. At most two blocks per worker are held in
    memory. Symbolic links are stored as links, never followed; FIFOs,
    sockets and devices are skipped with a warning.
    """

    def __init__(
        self,
        level: int = GZIP_LEVEL,
        block_size: int = BLOCK_SIZE,
        workers: int | None = None,
    ) -> None:
        self._level = level
        self._block_size = block_size
        self._workers = workers or min(4, os.cpu_count() or 1)

    def pack(self, folder: Path, destination: Path) -> PackedArchive:
        """Pack the folder under its own name into `destination`; never changes it.

        Raises:
            ArchiveError: naming the path that could not be read or written.
        """
        source = folder.resolve()
        try:
            archive = self._write(source, destination)
        except ArchiveError:
            destination.unlink(missing_ok=True)
            raise
        except OSError as err:
            destination.unlink(missing_ok=True)
            raise _archive_error("cannot write", destination, err) from err
        except BaseException:
            destination.unlink(missing_ok=True)
            raise
        logger.info("packed %s into %s (%d bytes)", source, destination, archive.size)
        return archive

    def _write(self, source: Path, destination: Path) -> PackedArchive:
        try:
            output = destination.open("wb")
        except OSError as err:
            raise _archive_error("cannot write", destination, err) from err
        writer = _GzipBlockWriter(output, self._level, self._workers, self._block_size)
        with (
            output,
            writer as gzip,
            tarfile.open(
                fileobj=gzip,  # type: ignore[arg-type]
                mode="w",
                format=tarfile.PAX_FORMAT,
                copybufsize=self._block_size,
            ) as tar,
        ):
            for path, arcname in _walk(source, source.name or "run"):
                _add(tar, path, arcname)
        return PackedArchive(destination, gzip.size, gzip.sha256)


def _walk(path: Path, arcname: str) -> Iterator[tuple[Path, str]]:
    """Yield the path and everything below it, in name order, links unfollowed."""
    yield path, arcname
    if not path.is_dir() or path.is_symlink():
        return
    try:
        names = sorted(entry.name for entry in os.scandir(path))
    except OSError as err:
        raise _archive_error("cannot list", path, err) from err
    for name in names:
        yield from _walk(path / name, f"{arcname}/{name}")


def _add(tar: tarfile.TarFile, path: Path, arcname: str) -> None:
    try:
        info = tar.gettarinfo(str(path), arcname)
        if info is None or info.isdev():
            _warn_skipped(path)
            return
        if not info.isreg():
            tar.addfile(info)
            return
        with path.open("rb") as content:
            tar.addfile(info, content)
    except _OutputError:
        raise
    except OSError as err:
        raise _archive_error("cannot read", path, err) from err


def _warn_skipped(path: Path) -> None:
    mode = path.lstat().st_mode
    kind = (
        "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    )
    logger.warning("skipped %s: a %s cannot be archived", path, kind)


def _archive_error(action: str, path: Path, err: OSError) -> ArchiveError:
    reason = err.strerror or str(err)
    return ArchiveError(f"{action} {str(path)!r} while packing: {reason}", path)


class _OutputError(ArchiveError):
    """Raised when the archive file itself cannot be written."""


def _compress(block: bytearray, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, _GZIP_WBITS)
    return compressor.compress(block) + compressor.flush()


class _GzipBlockWriter:
    """A write-only file that gzips blocks in worker threads, in order."""

    def __init__(
        self, output: BinaryIO, level: int, workers: int, block_size: int
    ) -> None:
        self.size = 0
        self._block_size = block_size
        self._output = output
        self._level = level
        self._digest = hashlib.sha256()
        self._buffer = bytearray()
        self._position = 0
        self._pending: deque[Future[bytes]] = deque()
        self._max_pending = 2 * workers
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="gzip")
        self._wrote_member = False

    @property
    def sha256(self) -> str:
        """Return the hex SHA-256 of the compressed bytes written so far."""
        return self._digest.hexdigest()

    def write(self, data: bytes) -> int:
        self._buffer += data
        self._position += len(data)
        if len(self._buffer) >= self._block_size:
            self._submit()
        return len(data)

    def tell(self) -> int:
        return self._position

    def __enter__(self) -> _GzipBlockWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self._finish()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self) -> None:
        block, self._buffer = self._buffer, bytearray()
        self._pending.append(self._pool.submit(_compress, block, self._level))
        while len(self._pending) > self._max_pending:
            self._emit(self._pending.popleft().result())

    def _finish(self) -> None:
        if self._buffer or not (self._pending or self._wrote_member):
            self._submit()
        while self._pending:
            self._emit(self._pending.popleft().result())

    def _emit(self, member: bytes) -> None:
        try:
            self._output.write(member)
        except OSError as err:
            name = Path(getattr(self._output, "name", "archive"))
            raise _OutputError(
                f"cannot write {str(name)!r}: {err.strerror or err}", name
            ) from err
        self._digest.update(member)
        self.size += len(member)
        self._wrote_member = True
