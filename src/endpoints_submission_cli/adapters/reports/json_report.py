"""The JSON report of a check, written atomically to a file the user names."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from pathlib import Path

from endpoints_submission_cli.domain.findings import Report

logger = logging.getLogger(__name__)

# The folders of a submission that the rules read: a report written there would
# change the submission it describes.
SUBMISSION_FOLDERS = ("systems", "pareto", "src")

_SEPARATORS = tuple(separator for separator in (os.sep, os.altsep) if separator)
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class ReportPathError(OSError):
    """Raised when the report's file is one the checker must not replace."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


def encode_report(report: Report) -> bytes:
    """Return the JSON report as UTF-8 bytes.

    A file name that is not valid UTF-8 reaches the findings as lone
    surrogates; they are written as JSON escapes (`\\udcff`), so the file stays
    valid UTF-8 and valid JSON.
    """
    return report.to_json().encode("utf-8", errors="backslashreplace")


def write_json_report(report: Report, path: str) -> None:
    """Write the report to `path`: the complete file or, on failure, nothing.

    A symbolic link is followed, so the file it points to is replaced and the
    link stays. The content goes to a new temporary file in the same folder,
    is flushed to disk and then renamed over that file; a failure removes the
    temporary file and leaves whatever was there untouched.

    Raises:
        IsADirectoryError: `path` is a folder or ends with a separator.
        ReportPathError: `path` is a FIFO, a socket or a device, or lies in
            the checked submission (see `report_target`).
        OSError: the file cannot be written.
    """
    data = encode_report(report)
    target = report_target(path, report.submission_path)
    temporary = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    # O_EXCL: never write through a file or link that is already there.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    logger.info("Wrote the JSON report to %s (%d bytes)", target, len(data))


def report_target(path: str, submission: str) -> Path:
    """Return the regular file the report may replace: `path`, links resolved.

    The file need not exist yet. It must not be the checked `submission`
    itself nor lie in its systems/, pareto/ or src/ folder, both compared
    with their links resolved; the submission's root folder is allowed.

    Raises:
        FileNotFoundError: `path` is empty.
        IsADirectoryError: `path` is a folder or ends with a separator.
        ReportPathError: `path` is not a regular file, or is in the submission.
        OSError: `path` cannot be examined, as in a loop of links.
    """
    if not path:
        raise FileNotFoundError(errno.ENOENT, "the file name is empty", path)

    # realpath, not Path.resolve: before Python 3.13 the latter raises
    # RuntimeError, not OSError, on a loop of links.
    target = Path(os.path.realpath(path))
    _refuse_what_is_not_a_regular_file(target, path)
    # realpath drops a trailing separator, which says the user meant a folder.
    if path.endswith(_SEPARATORS):
        reason = "it ends with a separator, so it names a folder, not a file"
        raise IsADirectoryError(errno.EISDIR, reason, path)
    _refuse_the_submission(target, path, submission)
    return target


def _refuse_what_is_not_a_regular_file(target: Path, path: str) -> None:
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        reason = "it is a folder, not a regular file"
        raise IsADirectoryError(errno.EISDIR, reason, path)
    kinds = (name for is_kind, name in _SPECIAL_FILES if is_kind(mode))
    kind = next(kinds, "a special file")
    raise ReportPathError(f"it is {kind}, not a regular file", path)


def _refuse_the_submission(target: Path, path: str, submission: str) -> None:
    root = Path(os.path.realpath(submission))
    if target == root:
        message = "it is the submission being checked; write the report elsewhere"
        raise ReportPathError(message, path)
    for name in SUBMISSION_FOLDERS:
        if target.is_relative_to(root / name):
            message = (
                f"it is inside the submission's {name}/ folder; write the report"
                " outside systems/, pareto/ and src/"
            )
            raise ReportPathError(message, path)
