"""Read the documents of a benchmark run folder from the local filesystem."""

from __future__ import annotations

import json
import logging
import math
import reprlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from endpoints_submission_cli.application.errors import RunFolderError
from endpoints_submission_cli.application.ports import JsonObject, RunFolderContents

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
SYSTEM_INFO = "system_info.json"
CONFIG = "config.yaml"
SUMMARY = "result_summary.json"
# Where the benchmark itself writes its summary; read when the flat one is absent.
BENCHMARK_SUMMARY = "performance/result_summary.json"
SUMMARY_COUNTS = ("n_samples_issued", "n_samples_completed", "n_samples_failed")
# About 31 years: beyond any real run, and within what a date can be shifted by.
MAX_DURATION_NS = 10**18


class _Problem(Exception):
    """Raised inside this module when a document cannot be used."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


class _JsonSafeLoader(yaml.SafeLoader):
    """A safe YAML loader that keeps dates and times as the text written."""


_JsonSafeLoader.yaml_implicit_resolvers = {
    first: [pair for pair in resolvers if not pair[0].endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FilesystemRunFolder:
    """Reads `system_info.json`, `config.yaml` and the result summary of a run.

    Nothing else in the folder is opened. Every problem found is reported at
    once, each naming its file.
    """

    def read(self, path: Path) -> RunFolderContents:
        """Return the three documents; raises `RunFolderError` naming each problem."""
        folder = path.expanduser().resolve()
        _require_directory(folder)
        problems: list[_Problem] = []
        documents = [
            self._load(folder, name, loader, problems)
            for name, loader in (
                (SYSTEM_INFO, _load_json),
                (CONFIG, _load_yaml),
                (_summary_name(folder), _load_summary),
            )
        ]
        if problems:
            missing_first = sorted(problems, key=lambda problem: not problem.missing)
            raise RunFolderError(folder, [str(problem) for problem in missing_first])

        system_info, config, summary = documents
        logger.info("read run folder %s", folder)
        return RunFolderContents(folder, system_info, config, summary)

    def _load(
        self,
        folder: Path,
        name: str,
        loader: Callable[[str, str], JsonObject],
        problems: list[_Problem],
    ) -> JsonObject:
        try:
            return loader(name, _read_text(folder, name))
        except _Problem as problem:
            problems.append(problem)
            return {}


def _require_directory(folder: Path) -> None:
    if not folder.exists():
        raise RunFolderError(folder, ["the folder does not exist"])
    if not folder.is_dir():
        raise RunFolderError(folder, ["it is not a directory"])


def _summary_name(folder: Path) -> str:
    if (folder / SUMMARY).exists() or not (folder / BENCHMARK_SUMMARY).exists():
        return SUMMARY
    return BENCHMARK_SUMMARY


def _read_text(folder: Path, name: str) -> str:
    path = folder / name
    try:
        if not path.exists():
            raise _Problem(_missing(name), missing=True)
        if path.is_dir():
            raise _Problem(f"{name} is a directory; it must be a file")
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
            message = f"{name} is {size} bytes; documents over {limit} MiB are refused"
            raise _Problem(message)
        data = path.read_bytes()
    except OSError as err:
        raise _Problem(f"{name} cannot be read: {err.strerror or err}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        message = f"{name} is not UTF-8 text (byte {err.start}: {err.reason})"
        raise _Problem(message) from None


def _missing(name: str) -> str:
    if name == SUMMARY:
        return f"{SUMMARY} is missing (also looked for {BENCHMARK_SUMMARY})"
    return f"{name} is missing"


def _load_json(name: str, text: str) -> JsonObject:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as err:
        # ValueError covers bad syntax and integers beyond the digit limit;
        # RecursionError, nesting too deep to parse.
        raise _Problem(f"{name} is not valid JSON: {err}") from None
    return _mapping(name, document, "a JSON object")


def _load_yaml(name: str, text: str) -> JsonObject:
    try:
        document = yaml.load(text, Loader=_JsonSafeLoader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        detail = " ".join(str(err).split())
        raise _Problem(f"{name} is not valid YAML: {detail}") from None
    return _mapping(name, document, "a YAML mapping")


def _load_summary(name: str, text: str) -> JsonObject:
    summary = _load_json(name, text)
    faults = [
        f"{name} field {field!r} must be a number, found {_shown(summary[field])}"
        for field in SUMMARY_COUNTS
        if field in summary and not _is_number(summary[field])
    ]
    faults.extend(_duration_faults(name, summary.get("duration_ns")))
    if faults:
        raise _Problem("; ".join(faults))
    return summary


def _duration_faults(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not _is_number(value) or not 0 <= value < MAX_DURATION_NS:
        return [
            f"{name} field 'duration_ns' must be a non-negative number of"
            f" nanoseconds or null, found {_shown(value)}"
        ]
    return []


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer beyond the range of a float
        return False


def _shown(value: Any) -> str:
    """Return the repr of a value, shortened when it is long."""
    return reprlib.repr(value)


def _mapping(name: str, document: Any, expected: str) -> JsonObject:
    if not isinstance(document, dict):
        found = "an empty document" if document is None else type(document).__name__
        raise _Problem(f"{name} must hold {expected}, found {found}")
    try:
        json.dumps(document, allow_nan=False)
    except (TypeError, ValueError) as err:
        raise _Problem(f"{name} holds a value JSON cannot carry: {err}") from None
    return document
