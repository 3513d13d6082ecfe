"""Regenerate the man pages in this folder from the command-line parsers.

Run `python docs/man/build.py` after changing a parser; a test fails while a
committed page differs from what this script writes.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from argparse_manpage.manpage import Manpage

from endpoints_submission_cli import __version__

HERE = Path(__file__).resolve().parent
# Command, the module whose build_parser() describes it, and its one-line summary.
PAGES = {
    "submission-checker": (
        "endpoints_submission_cli.entrypoints.checker_cli",
        "check MLPerf Endpoints submissions against the compliance rules",
    ),
    "endpoints-submission-cli": (
        "endpoints_submission_cli.entrypoints.prism_cli",
        "register MLPerf Endpoints benchmark runs with the PRISM API",
    ),
}


def render(module_name: str, summary: str) -> str:
    """Return the man page of the command whose parser `module_name` builds."""
    # argparse wraps help to the terminal's width; fix it so that the page does
    # not depend on the terminal the script runs in.
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        parser = importlib.import_module(module_name).build_parser()
        page = Manpage(parser)
        page.description = summary
        page.source = f"endpoints-submission-cli {__version__}"
        page.manual = "User Commands"
        # No date, so that the page only changes when the command line does.
        page.date = ""
        return str(page)
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns


def main() -> None:
    for prog, (module_name, summary) in PAGES.items():
        page = render(module_name, summary)
        (HERE / f"{prog}.1").write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
