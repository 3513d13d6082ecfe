"""The filesystem source: a submission folder on disk read into the rules' tree."""

# Paths stay strings joined as the user gave them, and the walk stays cheap, so
# this module uses os and os.path rather than pathlib.
# ruff: noqa: PTH116, PTH118, PTH119

from __future__ import annotations

import enum
import errno
import json
import logging
import os
import stat
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import yaml

from endpoints_submission_cli.adapters.filesystem.summary_decoder import decode_summary
from endpoints_submission_cli.domain.submission import (
    CurveFolder,
    DataFile,
    Entry,
    EntryState,
    FileProblem,
    ProblemKind,
    ResultFolder,
    SubmissionFolder,
    SystemFolder,
)

logger = logging.getLogger(__name__)

# Files the rules parse are read whole into memory; larger ones are reported.
MAX_PARSED_FILE_BYTES = 64 * 1024 * 1024

SUMMARY_FILE = "mlperf_endpoints_log_summary.json"
DETAIL_FILE = "mlperf_endpoints_log_detail.json"
ACCURACY_TEXT_FILE = "accuracy.txt"
ACCURACY_RESULT_FILE = "accuracy_result.json"

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Non-blocking, so that a FIFO put in place of a checked file cannot hang the open.
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_MISSING_ERRORS = (FileNotFoundError, NotADirectoryError)

Parser = Callable[[str, str], DataFile]


class FilesystemSubmissionSource:
    """Reads a submission folder from disk, never raising for what it finds there.

    Links are followed only while they stay inside the submission root; a link
    that leaves it is reported as escaping and neither read nor descended.
    Detail logs and `accuracy.txt` are checked for presence, never opened.
    """

    def load(self, root: str) -> SubmissionFolder:
        exists, reason = _exists(root)
        if not exists:
            logger.debug("Submission root %r does not exist: %s", root, reason)
            return _absent_submission(root, reason)
        folder = _Walk(root).submission()
        logger.debug("Loaded %d systems from %r", len(folder.systems), root)
        return folder


class _Kind(enum.Enum):
    FOLDER = "folder"
    FILE = "file"
    # A FIFO, a device or a socket: never opened.
    SPECIAL = "special"
    MISSING = "missing"
    ESCAPES = "escapes"
    UNREADABLE = "unreadable"


class _Found(NamedTuple):
    """What a path of the layout holds, links inside the root followed."""

    kind: _Kind
    reason: str = ""


_FOLDER = _Found(_Kind.FOLDER)
_FILE = _Found(_Kind.FILE)
_MISSING = _Found(_Kind.MISSING)

_FOLDER_STATES = {
    _Kind.FOLDER: EntryState.PRESENT,
    _Kind.FILE: EntryState.WRONG_KIND,
    _Kind.SPECIAL: EntryState.WRONG_KIND,
    _Kind.MISSING: EntryState.MISSING,
    _Kind.ESCAPES: EntryState.ESCAPES,
    _Kind.UNREADABLE: EntryState.UNREADABLE,
}
_PRESENCE_STATES = {
    **_FOLDER_STATES,
    _Kind.FOLDER: EntryState.WRONG_KIND,
    _Kind.FILE: EntryState.PRESENT,
    _Kind.SPECIAL: EntryState.PRESENT,
}


class _Walk:
    """One load of one submission root."""

    def __init__(self, root: str) -> None:
        self.root = root
        real_root = os.path.realpath(root)
        self.real_root = real_root
        self.real_prefix = real_root.rstrip(os.sep) + os.sep

    def submission(self) -> SubmissionFolder:
        join = os.path.join
        systems_dir, listing = self.listing(join(self.root, "systems"))
        pareto_dir = self.folder(join(self.root, "pareto"))
        systems = tuple(
            self.system(item.path, item, pareto_dir)
            for item in listing
            if item.name.endswith(".json")
        )
        return SubmissionFolder(
            root=self.root,
            root_exists=True,
            systems_dir=systems_dir,
            pareto_dir=pareto_dir,
            src_dir=self.folder(join(self.root, "src")),
            systems=systems,
        )

    def system(
        self, path: str, item: os.DirEntry[str], pareto_dir: Entry
    ) -> SystemFolder:
        system_id = _stem(item.name)
        description = self.data_file(path, _parse_json, self.find(path, item))
        pareto_path = os.path.join(pareto_dir.path, system_id)
        if not pareto_dir.present:
            missing = Entry(pareto_path, EntryState.MISSING)
            return SystemFolder(system_id, description, missing)
        system_pareto, listing = self.listing(pareto_path)
        curves = []
        for model in listing:
            found = self.find(model.path, model)
            if found.kind in (_Kind.FOLDER, _Kind.ESCAPES, _Kind.UNREADABLE):
                curves.append(self.curve(model.path, model.name, found))
        return SystemFolder(system_id, description, system_pareto, tuple(curves))

    def curve(self, path: str, model: str, found: _Found) -> CurveFolder:
        join = os.path.join
        directory = _entry(path, found, _FOLDER_STATES)
        if not directory.present:
            return _absent_curve(path, model, directory)
        points_dir, points = self.listing(join(path, "points"))
        results_dir, results = self.listing(join(path, "results"))
        accuracy_dir = self.folder(join(path, "accuracy"))
        text_path = join(accuracy_dir.path, ACCURACY_TEXT_FILE)
        result_path = join(accuracy_dir.path, ACCURACY_RESULT_FILE)
        if accuracy_dir.present:
            accuracy_txt = self.presence(text_path)
            accuracy_result = self.data_file(
                result_path, _parse_json, self.find(result_path)
            )
        else:
            accuracy_txt = Entry(text_path, EntryState.MISSING)
            accuracy_result = _data_problem(result_path, _MISSING)
        return CurveFolder(
            model=model,
            directory=directory,
            points_dir=points_dir,
            results_dir=results_dir,
            accuracy_dir=accuracy_dir,
            accuracy_txt=accuracy_txt,
            accuracy_result=accuracy_result,
            points=tuple(self.points(points)),
            results=dict(self.results(results)),
        )

    def points(self, listing: Iterable[os.DirEntry[str]]) -> Iterable[DataFile]:
        for item in listing:
            name = item.name
            if name.startswith("point_") and name.endswith(".yaml"):
                yield self.data_file(item.path, _parse_yaml, self.find(item.path, item))

    def results(
        self, listing: Iterable[os.DirEntry[str]]
    ) -> Iterable[tuple[str, ResultFolder]]:
        join = os.path.join
        for item in listing:
            if not item.name.startswith("point_"):
                continue
            directory = _entry(item.path, self.find(item.path, item), _FOLDER_STATES)
            summary_path = join(item.path, SUMMARY_FILE)
            detail_path = join(item.path, DETAIL_FILE)
            if directory.present:
                found = self.find(summary_path)
                summary = self.data_file(summary_path, _parse_summary, found)
                detail = self.presence(detail_path)
            else:
                summary = _data_problem(summary_path, _MISSING)
                detail = Entry(detail_path, EntryState.MISSING)
            yield item.name, ResultFolder(directory, summary, detail)

    def find(self, path: str, item: os.DirEntry[str] | None = None) -> _Found:
        """What `path` holds; a listed `item` saves the system calls it answers."""
        try:
            if item is None:
                status = os.lstat(path)
                if not stat.S_ISLNK(status.st_mode):
                    return _kind_of(status)
            elif not item.is_symlink():
                if item.is_dir(follow_symlinks=False):
                    return _FOLDER
                if item.is_file(follow_symlinks=False):
                    return _FILE
                return _kind_of(item.stat(follow_symlinks=False))
            return self.follow(path)
        except _MISSING_ERRORS:
            return _MISSING
        except OSError as err:
            return _Found(_Kind.UNREADABLE, _reason(err))

    def follow(self, link: str) -> _Found:
        """What a symbolic link leads to, unless it leads out of the root."""
        try:
            target = os.path.realpath(link)
        except RecursionError:
            return _Found(_Kind.UNREADABLE, "too many levels of symbolic links")
        if target != self.real_root and not target.startswith(self.real_prefix):
            reason = f"a symbolic link to {target!r}, outside the submission"
            return _Found(_Kind.ESCAPES, reason)
        return _kind_of(os.stat(link))

    def folder(self, path: str) -> Entry:
        return _entry(path, self.find(path), _FOLDER_STATES)

    def presence(self, path: str) -> Entry:
        return _entry(path, self.find(path), _PRESENCE_STATES)

    def listing(self, path: str) -> tuple[Entry, list[os.DirEntry[str]]]:
        """The folder at `path` and its entries sorted by name, if it can be listed."""
        folder = self.folder(path)
        if not folder.present:
            return folder, []
        try:
            with os.scandir(path) as items:
                listing = list(items)
        except OSError as err:
            return Entry(path, EntryState.UNREADABLE, _reason(err)), []
        listing.sort(key=_name)
        return folder, listing

    def data_file(self, path: str, parse: Parser, found: _Found) -> DataFile:
        if found.kind is _Kind.FILE:
            return _read(path, parse)
        return _data_problem(path, found)


def _exists(root: str) -> tuple[bool, str]:
    """Tell whether anything is at `root`, or why that cannot be told.

    A root that does not exist has no reason; one that cannot be examined
    (a folder on its way that may not be entered, a name too long) has the
    system's.
    """
    try:
        os.stat(root)
    except ValueError:
        # A path with a NUL character names nothing.
        return False, ""
    except OSError as err:
        if isinstance(err, _MISSING_ERRORS) or err.errno == errno.ELOOP:
            return False, ""
        return False, _reason(err)
    return True, ""


def _absent_submission(root: str, reason: str = "") -> SubmissionFolder:
    join = os.path.join
    return SubmissionFolder(
        root=root,
        root_exists=False,
        root_reason=reason,
        systems_dir=Entry(join(root, "systems"), EntryState.MISSING),
        pareto_dir=Entry(join(root, "pareto"), EntryState.MISSING),
        src_dir=Entry(join(root, "src"), EntryState.MISSING),
    )


def _absent_curve(path: str, model: str, directory: Entry) -> CurveFolder:
    join = os.path.join
    accuracy = join(path, "accuracy")
    return CurveFolder(
        model=model,
        directory=directory,
        points_dir=Entry(join(path, "points"), EntryState.MISSING),
        results_dir=Entry(join(path, "results"), EntryState.MISSING),
        accuracy_dir=Entry(accuracy, EntryState.MISSING),
        accuracy_txt=Entry(join(accuracy, ACCURACY_TEXT_FILE), EntryState.MISSING),
        accuracy_result=_data_problem(join(accuracy, ACCURACY_RESULT_FILE), _MISSING),
    )


def _name(item: os.DirEntry[str]) -> str:
    return item.name


def _stem(name: str) -> str:
    """The system id of a `<system_id>.json` file name (`.json` alone is kept)."""
    return name[:-5] if len(name) > 5 else name


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


def _kind_of(status: os.stat_result) -> _Found:
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        return _FOLDER
    if stat.S_ISREG(mode):
        return _FILE
    return _Found(_Kind.SPECIAL, _special_name(mode))


def _special_name(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _entry(path: str, found: _Found, states: dict[_Kind, EntryState]) -> Entry:
    state = states[found.kind]
    reason = found.reason
    if state is EntryState.WRONG_KIND and found.kind is _Kind.FOLDER:
        reason = "a folder, not a file"
    elif state is EntryState.WRONG_KIND:
        reason = f"{reason or 'a file'}, not a folder"
    return Entry(path, state, reason)


def _data_problem(path: str, found: _Found) -> DataFile:
    name = os.path.basename(path)
    kind = found.kind
    if kind is _Kind.MISSING:
        problem = FileProblem(ProblemKind.MISSING, f"File not found: {path}")
    elif kind is _Kind.ESCAPES:
        message = f"{path} is {found.reason}; it was not read"
        problem = FileProblem(ProblemKind.ESCAPES, message)
    elif kind is _Kind.FOLDER:
        message = f"IO error reading {name}: it is a folder, not a file"
        problem = FileProblem(ProblemKind.NOT_A_FILE, message)
    elif kind is _Kind.SPECIAL:
        message = f"IO error reading {name}: it is {found.reason}, not a regular file"
        problem = FileProblem(ProblemKind.NOT_A_FILE, message)
    else:
        message = f"IO error reading {name}: {found.reason}"
        problem = FileProblem(ProblemKind.UNREADABLE, message)
    return DataFile(path, problem=problem)


def _read(path: str, parse: Parser) -> DataFile:
    """Read a regular file whole, unless it is too large, and parse it."""
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except _MISSING_ERRORS:
        return _data_problem(path, _MISSING)
    except OSError as err:
        return _data_problem(path, _Found(_Kind.UNREADABLE, _reason(err)))
    try:
        raw = _read_regular(path, descriptor)
    finally:
        os.close(descriptor)
    if isinstance(raw, DataFile):
        return raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        message = (
            f"{os.path.basename(path)} is not valid UTF-8:"
            f" byte 0x{raw[err.start]:02x} at offset {err.start}"
        )
        return DataFile(path, problem=FileProblem(ProblemKind.NOT_UTF8, message))
    return parse(path, text)


def _read_regular(path: str, descriptor: int) -> bytes | DataFile:
    """The bytes of an open regular file, or the problem that stopped the read."""
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return _data_problem(path, _kind_of(status))
        if status.st_size > MAX_PARSED_FILE_BYTES:
            return _too_large(path, status.st_size)
        chunks = []
        remaining = status.st_size
        # One read takes the file whole; more only after an interrupted read.
        while remaining > 0:
            chunk = os.read(descriptor, remaining)
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as err:
        return _data_problem(path, _Found(_Kind.UNREADABLE, _reason(err)))
    return b"".join(chunks)


def _too_large(path: str, size: int) -> DataFile:
    name = os.path.basename(path)
    message = (
        f"{name} is too large to check: {size} bytes, over the limit of"
        f" {MAX_PARSED_FILE_BYTES} bytes"
    )
    return DataFile(path, problem=FileProblem(ProblemKind.TOO_LARGE, message))


def _reject_constant(token: str) -> Any:
    message = f"{token} is not a number in JSON"
    raise ValueError(message)


# NaN and Infinity are not JSON. A number too large for a float still parses,
# as an infinity, so that the rule reading it names the field.
_JSON_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_BYTE_ORDER_MARK = "\ufeff"
_DIGITS_LIMIT_ERROR = "Exceeds the limit ("


def _parse_json(path: str, text: str) -> DataFile:
    if text.startswith(_BYTE_ORDER_MARK):
        return _malformed_json(path, "it starts with a byte-order mark (BOM)")
    try:
        return DataFile(path, _JSON_DECODER.decode(text))
    except (ValueError, RecursionError) as err:
        return _malformed_json(path, _parser_text(err))


def _malformed_json(path: str, reason: str) -> DataFile:
    message = f"JSON parse error in {os.path.basename(path)}: {reason}"
    return DataFile(path, problem=FileProblem(ProblemKind.MALFORMED_JSON, message))


def _parse_summary(path: str, text: str) -> DataFile:
    """A summary's parts that the rules read, as the full parse would give them."""
    data = decode_summary(text)
    if data is None:
        return _parse_json(path, text)
    return DataFile(path, data)


def _parse_yaml(path: str, text: str) -> DataFile:
    try:
        return DataFile(path, yaml.load(text, Loader=_YAML_LOADER))  # noqa: S506
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        name = os.path.basename(path)
        message = f"YAML parse error in {name}: {_parser_text(err)}"
        return DataFile(path, problem=FileProblem(ProblemKind.MALFORMED_YAML, message))


def _yaml_error_text(err: yaml.MarkedYAMLError) -> str:
    """A YAML syntax error on one line: the problem, then its context, or ''."""
    parts = [
        f"{text}{_at(mark)}"
        for text, mark in (
            (err.problem, err.problem_mark),
            (err.context, err.context_mark),
        )
        if text
    ]
    return ", ".join(parts)


def _at(mark: yaml.Mark | None) -> str:
    return "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"


def _parser_text(err: Exception) -> str:
    """What a parser said of a file, in the file's terms rather than Python's."""
    if isinstance(err, RecursionError):
        return "its values are nested too deeply"
    if isinstance(err, yaml.MarkedYAMLError) and (marked := _yaml_error_text(err)):
        return marked
    # A message of several lines would break the report's layout.
    text = " ".join(str(err).split())
    # Python refuses integers of very many digits and advises a call of its own.
    if text.startswith(_DIGITS_LIMIT_ERROR):
        limit = text[len(_DIGITS_LIMIT_ERROR) :].split(" ", 1)[0]
        return f"it holds an integer of more than {limit} digits"
    return text
