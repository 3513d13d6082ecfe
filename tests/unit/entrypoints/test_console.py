"""Writing on the standard streams: escapes, a reader gone, a stream that fails."""

from __future__ import annotations

import errno
import io

import pytest

from endpoints_submission_cli.entrypoints import console
from endpoints_submission_cli.entrypoints.console import OutputError


class FailingStream(io.StringIO):
    """A text stream whose writes raise the error it was given."""

    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


class AsciiStream(io.StringIO):
    """A text stream that, like an ASCII terminal, refuses other characters."""

    encoding = "ascii"

    def write(self, text: str) -> int:
        text.encode("ascii")
        return super().write(text)


class TestWriteOut:
    def test_escapes_what_the_encoding_cannot_show(self, monkeypatch) -> None:
        stream = AsciiStream()
        monkeypatch.setattr("sys.stdout", stream)

        console.write_out("PASSED — 0 ≥ 0\n")

        assert stream.getvalue() == "PASSED \\u2014 0 \\u2265 0\n"

    def test_a_reader_that_went_away_is_not_an_error(self, monkeypatch) -> None:
        monkeypatch.setattr("sys.stdout", FailingStream(BrokenPipeError()))

        console.write_out("text\n")

    def test_a_failing_stdout_raises_with_the_reason(self, monkeypatch) -> None:
        full = OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr("sys.stdout", FailingStream(full))

        with pytest.raises(OutputError) as raised:
            console.write_out("text\n")

        assert str(raised.value) == (
            "cannot write to standard output: No space left on device"
        )

    def test_a_closed_stdout_raises(self, monkeypatch) -> None:
        monkeypatch.setattr("sys.stdout", None)

        with pytest.raises(OutputError, match="it is closed"):
            console.write_out("text\n")


class TestErrorLine:
    def test_writes_one_line_on_stderr(self, capsys) -> None:
        console.error_line("it broke")

        assert capsys.readouterr().err == "error: it broke\n"

    @pytest.mark.parametrize(
        "stream", [None, FailingStream(OSError(errno.EIO, "I/O error"))]
    )
    def test_says_nothing_without_a_usable_stderr(self, monkeypatch, stream) -> None:
        monkeypatch.setattr("sys.stderr", stream)

        console.error_line("it broke")


class TestIsTerminal:
    def test_a_missing_or_closed_stream_is_no_terminal(self) -> None:
        closed = io.StringIO()
        closed.close()

        assert not console.is_terminal(None)
        assert not console.is_terminal(closed)
