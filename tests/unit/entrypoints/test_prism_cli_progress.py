"""The transfer progress bar of `endpoints-submission-cli`."""

from __future__ import annotations

import io

import pytest

from endpoints_submission_cli.entrypoints.progress import (
    NoProgress,
    ProgressBar,
    human_bytes,
    progress_for,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KiB"), (5 * 1024**3, "5.0 GiB")],
)
def test_human_bytes_uses_binary_units(count: int, text: str) -> None:
    assert human_bytes(count) == text


def test_redraws_one_line_with_percent_bytes_and_rate() -> None:
    stream, clock = io.StringIO(), Clock()
    bar = ProgressBar(stream, "Uploading", clock)

    bar(0, 4 * 1024 * 1024)
    clock.now += 2
    bar(1024 * 1024, 4 * 1024 * 1024)
    clock.now += 2
    bar(4 * 1024 * 1024, 4 * 1024 * 1024)
    bar.close()

    drawn = [line.rstrip() for line in stream.getvalue().split("\r")[1:]]
    assert drawn == [
        "Uploading [------------------------]   0% 0 B / 4.0 MiB",
        "Uploading [######------------------]  25% 1.0 MiB / 4.0 MiB  512.0 KiB/s",
        "Uploading [########################] 100% 4.0 MiB / 4.0 MiB  1.0 MiB/s",
    ]
    assert stream.getvalue().count("\n") == 1


def test_the_rate_counts_from_the_first_report() -> None:
    stream, clock = io.StringIO(), Clock()
    bar = ProgressBar(stream, "Uploading", clock)
    clock.now += 60

    bar(0, None)
    clock.now += 1
    bar(1024, None)

    assert stream.getvalue().endswith("Uploading 1.0 KiB  1.0 KiB/s")


def test_skips_redraws_closer_than_a_tenth_of_a_second() -> None:
    stream, clock = io.StringIO(), Clock()
    bar = ProgressBar(stream, "Uploading", clock)

    bar(1, 100)
    bar(2, 100)
    clock.now += 0.2
    bar(3, 100)

    assert stream.getvalue().count("\r") == 2


def test_a_bar_that_never_drew_ends_no_line() -> None:
    stream = io.StringIO()

    ProgressBar(stream, "Uploading").close()

    assert stream.getvalue() == ""


def test_draws_only_on_a_terminal() -> None:
    assert isinstance(progress_for(Terminal(), "Uploading"), ProgressBar)
    assert isinstance(progress_for(io.StringIO(), "Uploading"), NoProgress)
