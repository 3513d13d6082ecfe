"""The `endpoints-submission-cli` command line: runs on the PRISM API.

Modules that a command needs are imported inside its handler, so that `--help`
and `--version` stay fast and never load the dependency container.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endpoints_submission_cli import __version__
from endpoints_submission_cli.entrypoints.console import (
    EXIT_FAILED,
    EXIT_OK,
    Parser,
    error_line,
    parse,
    run_script,
    write_err,
    write_out,
)
from endpoints_submission_cli.errors import EndpointsSubmissionError

if TYPE_CHECKING:
    from endpoints_submission_cli.application.create_run import (
        CreatedRun,
        CreateRunRequest,
    )
    from endpoints_submission_cli.application.errors import RunCreationFailed
    from endpoints_submission_cli.entrypoints.container import Container

PROG = "endpoints-submission-cli"
TOKEN_VARIABLE = "PRISM_USER_API_TOKEN"  # noqa: S105 - a variable name
BASE_URL_VARIABLE = "MLPERF_API_BASE_URL"
DEFAULT_BASE_URL = "https://endpointsapi.mlcommons.org"
TOKEN_PREFIX = "mlc_"  # noqa: S105 - the prefix every token has
EPILOG = (
    f"environment: {TOKEN_VARIABLE} holds the PRISM API token (mlc_…);"
    f" {BASE_URL_VARIABLE} is the API base URL (default {DEFAULT_BASE_URL})."
    " Exit codes: 0 success, 1 failure, 2 usage error."
)

Handler = Callable[[argparse.Namespace, "Services"], int]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of `endpoints-submission-cli`, without side effects."""
    parser = Parser(
        prog=PROG,
        description="Register MLPerf Endpoints benchmark runs with the PRISM API.",
        epilog=EPILOG,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    groups = parser.add_subparsers(
        title="commands", dest="group", metavar="COMMAND", required=True
    )
    _add_runs(groups)
    return parser


def _add_runs(groups: argparse._SubParsersAction) -> None:
    runs = groups.add_parser(
        "runs",
        help="manage benchmark runs",
        description="Manage your benchmark runs on PRISM.",
        epilog=EPILOG,
    )
    commands = runs.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True
    )
    _add_create(commands)
    _add_delete(commands)
    _add_get(commands)
    _add_list(commands)
    _add_pin(commands)


def _add_command(
    commands: argparse._SubParsersAction,
    name: str,
    summary: str,
    description: str,
    handler: Handler,
) -> argparse.ArgumentParser:
    command = commands.add_parser(
        name, help=summary, description=description, epilog=EPILOG
    )
    command.set_defaults(handler=handler)
    return command


def _add_token(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--token",
        metavar="TOKEN",
        help=(
            f"the PRISM API token (mlc_…); prefer setting {TOKEN_VARIABLE}, since a"
            " token on the command line is kept in the shell history and shown in"
            " process lists"
        ),
    )


def _add_run_id(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--run-id", required=True, metavar="ID", help="the id of the run"
    )


def _add_json(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "-j", "--json", action="store_true", help=f"print {what} as JSON"
    )


def _add_create(commands: argparse._SubParsersAction) -> None:
    create = _add_command(
        commands,
        "create",
        "register a run from a local run folder and upload its archive",
        (
            "Read a benchmark run folder (system_info.json, config.yaml and"
            " result_summary.json, or performance/result_summary.json as the"
            " benchmark writes it), register the run, and upload a .tar.gz of the"
            " whole folder. If a step after the registration fails, the run is"
            " deleted again."
        ),
        _run_create,
    )
    create.add_argument(
        "--path", required=True, type=Path, metavar="DIR", help="the run folder"
    )
    _add_token(create)
    create.add_argument(
        "--expires-at",
        type=_date_time,
        metavar="DATETIME",
        help=(
            "when the run expires, an ISO-8601 date-time such as"
            " 2027-01-31T00:00:00+00:00 (default: the server's policy)"
        ),
    )
    create.add_argument(
        "--pinned", action="store_true", help="keep the run from expiring"
    )
    create.add_argument(
        "--dry-run",
        action="store_true",
        help="print the payload that would be sent and stop (needs no token)",
    )


def _add_delete(commands: argparse._SubParsersAction) -> None:
    delete = _add_command(
        commands,
        "delete",
        "delete a run and its stored archive",
        "Delete the run's stored archive, then the run.",
        _run_delete,
    )
    _add_run_id(delete)
    _add_token(delete)


def _add_get(commands: argparse._SubParsersAction) -> None:
    get = _add_command(
        commands, "get", "show one run", "Show one run record.", _run_get
    )
    _add_run_id(get)
    _add_token(get)
    _add_json(get, "the whole record")


def _add_list(commands: argparse._SubParsersAction) -> None:
    list_ = _add_command(
        commands, "list", "list your runs", "List your runs.", _run_list
    )
    _add_token(list_)
    _add_json(list_, "the runs")


def _add_pin(commands: argparse._SubParsersAction) -> None:
    for name, summary, handler in (
        ("pin", "keep a run from expiring", _run_pin),
        ("unpin", "restore a run's normal expiry", _run_unpin),
    ):
        command = _add_command(
            commands, name, summary, summary[0].upper() + summary[1:] + ".", handler
        )
        _add_run_id(command)
        _add_token(command)


def _date_time(text: str) -> str:
    value = text.strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    try:
        is_date_time = len(value) > 10 and bool(datetime.fromisoformat(value))
    except ValueError:
        is_date_time = False
    if not is_date_time:
        message = (
            "must be an ISO-8601 date-time such as 2027-01-31T00:00:00+00:00,"
            f" got {text!r}"
        )
        raise argparse.ArgumentTypeError(message)
    return text


class Services:
    """Builds the container on first use, configured with the token and base URL."""

    def __init__(self, container: Container | None = None) -> None:
        self._container = container

    def container(self, token: str | None = None) -> Container:
        """Return the container, its API configured with the token."""
        if self._container is None:
            from endpoints_submission_cli.entrypoints.container import Container

            self._container = Container()
        api = {"base_url": _base_url(), "token": token or ""}
        self._container.config.from_dict({"api": api})
        return self._container


class _Failed(Exception):
    """Raised by a handler after it has printed why it failed."""


def _base_url() -> str:
    url = os.environ.get(BASE_URL_VARIABLE, "").strip() or DEFAULT_BASE_URL
    if not url.startswith(("http://", "https://")):
        error_line(f"{BASE_URL_VARIABLE} must be an http(s) URL, got {url!r}")
        raise _Failed
    return url.rstrip("/")


def _token(args: argparse.Namespace) -> str | None:
    """Return the token of --token or the environment; None when neither is set."""
    token = args.token or os.environ.get(TOKEN_VARIABLE) or None
    if token is not None and not token.startswith(TOKEN_PREFIX):
        _status(f"warning: the API token does not start with {TOKEN_PREFIX!r}")
    return token


def _require_token(args: argparse.Namespace) -> str:
    token = _token(args)
    if token is None:
        error_line(f"no API token: pass --token or set {TOKEN_VARIABLE}")
        raise _Failed
    return token


def _run_list(args: argparse.Namespace, services: Services) -> int:
    token = _require_token(args)
    runs = services.container(token).list_runs().execute()
    if args.json:
        _print_json(runs)
    elif not runs:
        _print("No runs.")
    else:
        from endpoints_submission_cli.entrypoints.run_tables import runs_table

        _print(runs_table(runs))
    return EXIT_OK


def _run_get(args: argparse.Namespace, services: Services) -> int:
    token = _require_token(args)
    record = services.container(token).get_run().execute(args.run_id)
    if args.json:
        _print_json(record)
    else:
        from endpoints_submission_cli.entrypoints.run_tables import run_table

        _print(run_table(record))
    return EXIT_OK


def _on_run(provider: str, done: str) -> Handler:
    """Return a handler that runs one use case on --run-id and says it is done."""

    def handle(args: argparse.Namespace, services: Services) -> int:
        token = _require_token(args)
        use_case = getattr(services.container(token), provider)()
        use_case.execute(args.run_id)
        _status(f"{done}: {args.run_id}")
        return EXIT_OK

    return handle


_run_delete = _on_run("delete_run", "Run deleted")
_run_pin = _on_run("pin_run", "Run pinned")
_run_unpin = _on_run("unpin_run", "Run unpinned")


def _run_create(args: argparse.Namespace, services: Services) -> int:
    from endpoints_submission_cli.application.create_run import CreateRunRequest

    request = CreateRunRequest(
        path=args.path,
        expires_at=args.expires_at,
        pinned=args.pinned,
        dry_run=args.dry_run,
    )
    token = None if args.dry_run else _token(args)
    if token is None:
        return _create_dry(args, request, services)
    return _create_online(request, services.container(token))


def _create_dry(
    args: argparse.Namespace, request: CreateRunRequest, services: Services
) -> int:
    """Check the folder and print the payload; without a token, refuse after."""
    import attrs

    use_case = services.container().create_run(runs_api=None, transfer=None)
    created = use_case.execute(attrs.evolve(request, dry_run=True))
    if not args.dry_run:
        _require_token(args)
    _print_json(_payload_json(created))
    return EXIT_OK


def _create_online(request: CreateRunRequest, container: Container) -> int:
    from endpoints_submission_cli.entrypoints.progress import human_bytes, progress_for

    progress = progress_for(sys.stderr, "Uploading")
    try:
        created = container.create_run().execute(
            request, progress=progress, announce=lambda step: _status(f"{step}…")
        )
    finally:
        progress.close()
    _report_created(created, human_bytes)
    return EXIT_OK


def _report_created(created: CreatedRun, human_bytes: Callable[[int], str]) -> None:
    _status(f"Run created: {created.run_id}")
    if created.archive_uri:
        _status(f"Archive: {created.archive_uri}")
    if created.archive is not None:
        size = created.archive.size
        _status(f"Archive size: {human_bytes(size)} ({size} bytes)")
        _status(f"Archive SHA-256: {created.archive.sha256}")


def _payload_json(created: CreatedRun) -> dict[str, Any]:
    from endpoints_submission_cli.adapters.prism.payloads import payload_body

    return payload_body(created.payload)


def _print(text: str) -> None:
    write_out(text + "\n")


def _print_json(document: object) -> None:
    _print(json.dumps(document, indent=2, ensure_ascii=False))


def _status(text: str) -> None:
    write_err(_one_line(text) + "\n")


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


# What each command was doing, for its error line.
ACTIONS = {
    "list": "listing runs",
    "get": "getting run",
    "delete": "deleting run",
    "pin": "pinning run",
    "unpin": "unpinning run",
    "create": "creating run",
}


def _failure(args: argparse.Namespace, err: Exception) -> int:
    from endpoints_submission_cli.application.errors import (
        AuthenticationFailed,
        RemoteError,
        RunCreationFailed,
        RunFolderError,
    )

    if isinstance(err, RunFolderError):
        error_line(_one_line(f"run folder {err}"))
    elif isinstance(err, RunCreationFailed):
        _report_rollback(err)
    elif isinstance(err, RemoteError):
        action = ACTIONS[args.command]
        if getattr(args, "run_id", None):
            action += f" {args.run_id}"
        error_line(_one_line(f"{action} failed: {err}"))
        if isinstance(err, AuthenticationFailed):
            _status(f"hint: check the token in --token or {TOKEN_VARIABLE}")
    elif isinstance(err, EndpointsSubmissionError):
        error_line(_one_line(str(err)))
    else:
        error_line(_one_line(f"unexpected {type(err).__name__}: {err}"))
    return EXIT_FAILED


def _report_rollback(err: RunCreationFailed) -> None:
    error_line(_one_line(str(err)))
    if err.orphaned:
        _status(f"Orphaned run ID: {err.run_id}")
        _status(f"To delete it, run: {PROG} runs delete --run-id {err.run_id}")


class _StderrLogHandler(logging.Handler):
    """Shows the package's warnings as `warning: …` lines on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        label = record.levelname.lower()
        write_err(_one_line(f"{label}: {record.getMessage()}") + "\n")


def _configure_logging() -> None:
    package = logging.getLogger("endpoints_submission_cli")
    if not any(isinstance(h, _StderrLogHandler) for h in package.handlers):
        package.addHandler(_StderrLogHandler(logging.WARNING))


def main(argv: Sequence[str] | None = None, container: Container | None = None) -> int:
    """Run `endpoints-submission-cli` with argv and return its exit code.

    `container` replaces the dependency container, for tests that override
    its providers.
    """
    args = parse(build_parser(), argv)
    if isinstance(args, int):
        return args
    _configure_logging()
    try:
        return args.handler(args, Services(container))
    except _Failed:
        return EXIT_FAILED
    except Exception as err:  # every failure becomes one error line
        return _failure(args, err)


def run() -> None:
    """Console-script entry point."""
    run_script(main)
