"""What every command line of the package shares: parsing, exit codes, errors."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

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


def error_line(message: str) -> None:
    """Write one `error:` line on stderr."""
    sys.stderr.write(f"error: {message}\n")


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
        # The reader of stdout went away (`| head`); that is not our failure.
        # Point stdout at /dev/null so that the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_OK
    # The process ends here. Interpreter shutdown would have the cyclic
    # collector walk every object still alive, which takes longer than a small
    # command's own work; frozen objects are left to the operating system. Our
    # files are closed before this point and the standard streams are flushed
    # by the interpreter as usual.
    gc.freeze()
    sys.exit(code)
