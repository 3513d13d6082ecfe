"""Plain-text tables: aligned columns, no markup, no wrapping."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

LEFT = "<"
RIGHT = ">"


def display_width(text: str) -> int:
    """Return the number of terminal columns the text occupies."""
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in "WF"
        else 1
        for char in text
    )


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    align: Sequence[str] | None = None,
) -> str:
    """Render rows under headers as aligned columns separated by two spaces.

    `align` holds `LEFT` or `RIGHT` per column (left by default). Cells that
    span several lines are not supported: a newline in a cell is shown as a
    space. Trailing spaces are never written.
    """
    align = align or [LEFT] * len(headers)
    cells = [[_one_line(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        padded = [
            _pad(cell, width, side)
            for cell, width, side in zip(row, widths, align, strict=True)
        ]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def _one_line(cell: str) -> str:
    return " ".join(str(cell).splitlines())


def _pad(cell: str, width: int, side: str) -> str:
    fill = " " * (width - display_width(cell))
    return fill + cell if side == RIGHT else cell + fill
