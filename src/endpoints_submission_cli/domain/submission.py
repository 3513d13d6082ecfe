"""A submission folder as the rules see it: a tree of entries and data files.

A source (the filesystem adapter in production, plain objects in tests) builds
the tree; the rules only read it. Every path is a string joined onto the
submission root exactly as the user gave it (`os.path.join` semantics), so a
relative root stays relative in every finding.

Nothing here raises on bad content: a file that cannot be read as data carries
a `FileProblem`, a folder that cannot be used carries an `EntryState`, and the
rules decide what each means.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs


class EntryState(enum.Enum):
    """What the filesystem holds where the layout expects a file or a folder."""

    PRESENT = "present"
    MISSING = "missing"
    # A symbolic link whose resolved target lies outside the submission root.
    ESCAPES = "escapes"
    # A folder where a file belongs, or a file where a folder belongs.
    WRONG_KIND = "wrong kind"
    # The entry exists but cannot be examined or listed (permissions, loops, …).
    UNREADABLE = "unreadable"


@attrs.frozen
class Entry:
    """One path of the layout and what was found there.

    `reason` explains a state other than PRESENT in words, for messages
    (the operating system's text for UNREADABLE, for instance).
    """

    path: str
    state: EntryState
    reason: str = ""

    @property
    def present(self) -> bool:
        return self.state is EntryState.PRESENT


class ProblemKind(enum.Enum):
    """Why a file that a rule parses yielded no data."""

    MISSING = "missing"
    ESCAPES = "escapes"
    NOT_A_FILE = "not a file"
    TOO_LARGE = "too large"
    UNREADABLE = "unreadable"
    NOT_UTF8 = "not utf-8"
    MALFORMED_JSON = "malformed json"
    MALFORMED_YAML = "malformed yaml"


@attrs.frozen
class FileProblem:
    """Why a data file could not be parsed, with a message naming the file.

    The message uses the phrases of the loader rules: `File not found`,
    `JSON parse error`, `YAML parse error`, `IO error`, and for the cases this
    checker adds, says what was wrong (too large, with its size and the limit;
    not valid UTF-8; a link leaving the submission; a folder, not a file).
    """

    kind: ProblemKind
    message: str


@attrs.frozen
class DataFile:
    """A JSON or YAML file that rules parse: its data, or why there is none.

    `data` is what the parser returned (any JSON or YAML value, not yet
    validated); it is None when `problem` is set, and also when the file
    holds only null (an empty YAML file, for one). Non-finite JSON numbers
    (NaN, Infinity, numbers too large for a float) never reach `data`: they
    make the file malformed.
    """

    path: str
    data: Any = None
    problem: FileProblem | None = None

    @property
    def name(self) -> str:
        """The file name, without its folder."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@attrs.frozen
class ResultFolder:
    """`results/point_<N>/` of one curve: the summary and the detail log."""

    directory: Entry
    summary: DataFile
    # Checked for presence only; the detail log is never read.
    detail: Entry


@attrs.frozen
class CurveFolder:
    """`pareto/<system_id>/<benchmark_model>/`: the points of one curve.

    `points` are the `points/point_*.yaml` files in lexicographic file-name
    order (links that leave the submission included, as problems).
    `results` maps the names of the sub-folders of `results/`
    (`point_64`, …) to what they hold. When a folder is not PRESENT, what lies
    below it is empty, and the accuracy entries are MISSING.
    """

    model: str
    directory: Entry
    points_dir: Entry
    results_dir: Entry
    accuracy_dir: Entry
    # `accuracy/accuracy.txt`, checked for presence only.
    accuracy_txt: Entry
    accuracy_result: DataFile
    points: tuple[DataFile, ...] = ()
    results: Mapping[str, ResultFolder] = attrs.field(factory=dict)


@attrs.frozen
class SystemFolder:
    """One `systems/<system_id>.json` and its `pareto/<system_id>/` folder.

    `curves` are the sub-folders of `pareto/<system_id>/`, sorted by name,
    hidden ones included; empty when that folder is not PRESENT.
    """

    system_id: str
    description: DataFile
    pareto_dir: Entry
    curves: tuple[CurveFolder, ...] = ()


@attrs.frozen
class SubmissionFolder:
    """One organisation's submission root as found on disk.

    `root_exists` is true for any existing path, a regular file included;
    `root_reason` says why a root that may exist could not be looked at.
    `systems` follow the `*.json` files of `systems/` in file-name order.
    """

    root: str
    root_exists: bool
    systems_dir: Entry
    pareto_dir: Entry
    src_dir: Entry
    systems: tuple[SystemFolder, ...] = ()
    root_reason: str = ""
