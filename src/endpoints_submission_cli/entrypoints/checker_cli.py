"""The `submission-checker` command line.

Modules that a command needs are imported inside its handler, so that `--help`
and `--version` stay fast.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from endpoints_submission_cli import __version__
from endpoints_submission_cli.entrypoints.console import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    OutputError,
    Parser,
    error_line,
    is_terminal,
    parse,
    run_script,
    write_out,
)

if TYPE_CHECKING:
    from endpoints_submission_cli.domain.findings import Report
    from endpoints_submission_cli.domain.regions import Regions

PROG = "submission-checker"
# A bad value longer than this is shown cut short in the error line.
SHOWN_TEXT = 40
_INTEGER = re.compile(r"[+-]?[0-9]+")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of `submission-checker`, without side effects."""
    parser = Parser(
        prog=PROG,
        description=(
            "Check an MLPerf Endpoints submission against the automated compliance"
            " rules."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True
    )
    _add_check(commands)
    _add_regions(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check",
        help="check a submission folder against the seed rules",
        description=(
            "Check one organisation's submission folder (systems/ and"
            " pareto/<system>/<model>/) against the seed rules and print every"
            " finding, grouped by system and model, then the verdict. Exit code 0"
            " when the submission passes, 1 when it fails, 2 on a usage error or"
            " when the JSON report cannot be written."
        ),
    )
    check.add_argument(
        "path",
        metavar="PATH",
        help="the submission folder; a path that does not exist fails the check",
    )
    check.add_argument(
        "--strict", action="store_true", help="fail on warnings as well as errors"
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="show only errors and warnings, not the checks that passed",
    )
    check.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=(
            "also write the JSON report, with every finding, to FILE; the file is"
            " replaced as a whole or not at all"
        ),
    )
    check.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from endpoints_submission_cli.adapters.reports.text_report import (
        render_text_report,
    )
    from endpoints_submission_cli.entrypoints.container import Container

    container = Container()
    report = container.check_submission().run(args.path)
    problem = _write_output(report, args.output) if args.output is not None else ""
    text = render_text_report(
        report,
        container.seed_ruleset().metadata,
        quiet=args.quiet,
        strict=args.strict,
        color=_use_color(),
    )
    write_out(text + "\n")
    if problem:
        error_line(problem)
        return EXIT_USAGE
    passed = report.passed_strictly() if args.strict else report.passed
    return EXIT_OK if passed else EXIT_FAILED


def _write_output(report: Report, path: str) -> str:
    """Write the JSON report; return '' or a sentence saying why it failed."""
    from endpoints_submission_cli.adapters.reports.json_report import (
        write_json_report,
    )

    try:
        write_json_report(report, path)
    except OSError as err:
        reason = err.strerror or str(err)
        return f"cannot write the JSON report to {path!r}: {reason}"
    return ""


def _use_color() -> bool:
    """Colour only a terminal, and never when NO_COLOR is set."""
    return is_terminal(sys.stdout) and not os.environ.get("NO_COLOR")


def _add_regions(commands: argparse._SubParsersAction) -> None:
    regions = commands.add_parser(
        "regions",
        help="print the concurrency regions for a maximum supported concurrency",
        description=(
            "Print the four concurrency regions, their inclusive bounds and the"
            " minimum point duration of each, for a system's declared maximum"
            " supported concurrency M (an integer greater than 32)."
        ),
    )
    regions.add_argument(
        "-M",
        "--max-concurrency",
        required=True,
        type=_max_concurrency,
        metavar="M",
        help="the declared maximum supported concurrency, an integer above 32",
    )
    regions.add_argument(
        "--json", action="store_true", help="print the regions as JSON"
    )
    regions.set_defaults(handler=_run_regions)


def _max_concurrency(text: str) -> Regions:
    from endpoints_submission_cli.domain.errors import InvalidMaxConcurrency
    from endpoints_submission_cli.domain.regions import compute_regions

    # Plain digits only: int() would also take `1_024` and other scripts' digits.
    if not _INTEGER.fullmatch(text.strip()):
        shown = text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT] + "…"
        message = f"maximum supported concurrency must be an integer, got {shown!r}"
        raise argparse.ArgumentTypeError(message)
    try:
        value = int(text)
    except ValueError:
        message = f"maximum supported concurrency of {len(text)} digits is too large"
        raise argparse.ArgumentTypeError(message) from None
    try:
        return compute_regions(value)
    except InvalidMaxConcurrency as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _run_regions(args: argparse.Namespace) -> int:
    regions: Regions = args.max_concurrency
    text = _regions_json(regions) if args.json else _regions_table(regions)
    write_out(text + "\n")
    return EXIT_OK


def _regions_json(regions: Regions) -> str:
    document = {
        "max_supported_concurrency": regions.max_concurrency,
        "regions": [
            {
                "key": region.key,
                "label": region.label,
                "start": region.start,
                "end": region.end,
                "empty": region.is_empty,
                "min_duration_ms": region.min_duration_ms,
            }
            for region in regions
        ],
    }
    return json.dumps(document, indent=2)


def _regions_table(regions: Regions) -> str:
    from endpoints_submission_cli.adapters.reports.table import RIGHT, render_table

    rows = []
    for region in regions:
        label = region.label
        if region is regions.high_throughput:
            label += " (incl. 10% margin)"
        bounds = ("—", "—") if region.is_empty else (region.start, region.end)
        duration = f"{region.min_duration_ms // 1000} s"
        rows.append((label, str(bounds[0]), str(bounds[1]), duration))
    table = render_table(
        ("Region", "Start", "End", "Min. duration"), rows, ("<", RIGHT, RIGHT, RIGHT)
    )
    lines = [
        f"Regions for maximum supported concurrency M = {regions.max_concurrency}",
        "",
        table,
    ]
    lines.extend(
        f"\n{region.label} is empty for M = {regions.max_concurrency}: no concurrency"
        " falls in it, so its coverage rule cannot pass."
        for region in regions
        if region.is_empty
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `submission-checker` with argv and return its exit code."""
    args = parse(build_parser(), argv)
    if isinstance(args, int):
        return args
    try:
        return args.handler(args)
    except OutputError as err:
        error_line(str(err))
        return EXIT_USAGE


def run() -> None:
    """Console-script entry point."""
    run_script(main)
