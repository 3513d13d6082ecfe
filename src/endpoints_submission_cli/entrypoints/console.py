"""What every command line of the package shares: parsing, exit codes, errors."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, NoReturn

from endpoints_submission_cli.errors import EndpointsSubmissionError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(EndpointsSubmissionError, ValueError):
    """Raised when a command line cannot be parsed or names a bad value."""


class Parser(argparse.ArgumentParser):
    """An argument parser that raises `UsageError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        hint = f"try '{self.prog} --help'"
        raise UsageError(f"{message} ({hint})")


class OutputError(EndpointsSubmissionError, OSError):
    """Raised when standard output is closed or cannot be written."""


def write_out(text: str) -> None:
    """Write text on stdout, escaping what its encoding cannot show.

    A reader that went away (`| head`) is not the command's failure: the rest
    of the output is dropped and the command ends with its own exit code.

    Raises:
        OutputError: stdout is closed or refuses the text (a full disk).
    """
    stream = sys.stdout
    if stream is None:
        message = "cannot write to standard output: it is closed"
        raise OutputError(message)
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = stream.encoding or "ascii"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        _silence(stream)
    except OSError as err:
        _silence(stream)
        message = f"cannot write to standard output: {err.strerror or err}"
        raise OutputError(message) from None


def error_line(message: str) -> None:
    """Write one `error:` line on stderr."""
    write_err(f"error: {message}\n")


def write_err(text: str) -> None:
    """Write status text on stderr; with no usable stderr, say nothing."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text)
        stream.flush()
    except OSError:
        _silence(stream)


def is_terminal(stream: IO[str] | None) -> bool:
    """Tell whether a standard stream is open and shown on a terminal."""
    try:
        return stream is not None and stream.isatty()
    except ValueError:
        # A closed stream.
        return False


def _silence(stream: IO[str] | None) -> None:
    """Point a stream that failed at the null device.

    What is still buffered then goes nowhere at exit, instead of failing
    again and changing the exit code.
    """
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        descriptor = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, descriptor)
        finally:
            os.close(devnull)


def parse(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None
) -> int | argparse.Namespace:
    """Parse argv; return the namespace, or the exit code of help or a usage error."""
    try:
        return parser.parse_args(argv)
    except UsageError as err:
        error_line(str(err))
        return EXIT_USAGE
    except SystemExit as exit_:
        # --help and --version print their text and exit through argparse.
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE


def run_script(main: Callable[[], int]) -> NoReturn:
    """Run a console script's main and exit with its code."""
    try:
        code = main()
    except KeyboardInterrupt:
        error_line("interrupted")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (`| head`) during output that does not
        # go through write_out, such as --help; that is not our failure.
        _silence(sys.stdout)
        code = EXIT_OK
    # The process ends here. Interpreter shutdown would have the cyclic
    # collector walk every object still alive, which takes longer than a small
    # command's own work; frozen objects are left to the operating system. Our
    # files are closed before this point and the standard streams are flushed
    # by the interpreter as usual.
    gc.freeze()
    sys.exit(code)
