"""The JSON report of a check, written atomically to a file the user names."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from endpoints_submission_cli.domain.findings import Report

logger = logging.getLogger(__name__)


def encode_report(report: Report) -> bytes:
    """Return the JSON report as UTF-8 bytes.

    A file name that is not valid UTF-8 reaches the findings as lone
    surrogates; they are written as JSON escapes (`\\udcff`), so the file stays
    valid UTF-8 and valid JSON.
    """
    return report.to_json().encode("utf-8", errors="backslashreplace")


def write_json_report(report: Report, path: str) -> None:
    """Write the report to `path`: the complete file or, on failure, nothing.

    The content goes to a new temporary file in the same folder, is flushed to
    disk and then renamed over `path`; a failure removes the temporary file
    and leaves whatever was at `path` untouched.

    Raises:
        OSError: the file cannot be written.
    """
    data = encode_report(report)
    target = Path(path)
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
    logger.info("Wrote the JSON report to %s (%d bytes)", path, len(data))
