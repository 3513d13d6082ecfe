"""A one-line transfer progress bar for a terminal's stderr."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from endpoints_submission_cli.entrypoints.console import is_terminal

BAR_WIDTH = 24
REDRAW_EVERY = 0.1


def human_bytes(count: float) -> str:
    """Return a byte count in binary units (`1.5 MiB`)."""
    if count < 1024:
        return f"{count:.0f} B"
    for unit in ("KiB", "MiB"):
        count /= 1024
        if count < 1024:
            return f"{count:.1f} {unit}"
    return f"{count / 1024:.1f} GiB"


class ProgressBar:
    """Redraws one line with `\\r`: bar, percent, bytes done and the rate."""

    def __init__(
        self,
        stream: TextIO,
        label: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._label = label
        self._clock = clock
        self._started: float | None = None
        self._drawn_at: float | None = None
        self._width = 0

    def __call__(self, done: int, total: int | None) -> None:
        now = self._clock()
        if self._started is None:
            self._started = now
        finished = total is not None and done >= total
        recent = self._drawn_at is not None and now - self._drawn_at < REDRAW_EVERY
        if recent and not finished:
            return
        self._drawn_at = now
        self._draw(self._line(done, total, now))

    def close(self) -> None:
        """End the line, if one was drawn."""
        if self._drawn_at is not None:
            self._stream.write("\n")
            self._stream.flush()

    def _line(self, done: int, total: int | None, now: float) -> str:
        amount = human_bytes(done)
        if total:
            fraction = min(done / total, 1.0)
            filled = round(fraction * BAR_WIDTH)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            amount = f"[{bar}] {fraction:4.0%} {amount} / {human_bytes(total)}"
        elapsed = now - (self._started or now)
        if elapsed < REDRAW_EVERY:
            return f"{self._label} {amount}"
        return f"{self._label} {amount}  {human_bytes(done / elapsed)}/s"

    def _draw(self, line: str) -> None:
        padding = " " * max(self._width - len(line), 0)
        self._width = len(line)
        self._stream.write(f"\r{line}{padding}")
        self._stream.flush()


class NoProgress:
    """Shows nothing: for streams that are not terminals."""

    def __call__(self, done: int, total: int | None) -> None:
        """Ignore the report."""

    def close(self) -> None:
        """Nothing to end."""


def progress_for(stream: TextIO | None, label: str) -> ProgressBar | NoProgress:
    """Return a progress bar when the stream is a terminal, else a silent one."""
    if stream is not None and is_terminal(stream):
        return ProgressBar(stream, label)
    return NoProgress()
