"""What a rule function returns, and the phrases several rules share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from endpoints_submission_cli.domain.findings import Severity
from endpoints_submission_cli.domain.submission import Entry, EntryState

PATH_ESCAPE = "path-escape"


class Outcome(NamedTuple):
    """One verdict of a rule function; the ruleset turns it into a finding.

    `rule` replaces the id of the rule that ran (a link that leaves the
    submission is reported as `path-escape` wherever it is met); `clause`
    replaces the rule's clause (loader findings carry an empty one).
    """

    severity: Severity
    message: str
    path: str | None
    rule: str | None = None
    clause: str | None = None


Outcomes = Sequence[Outcome]


def info(message: str, path: str | None) -> Outcome:
    return Outcome(Severity.INFO, message, path)


def warning(message: str, path: str | None) -> Outcome:
    return Outcome(Severity.WARNING, message, path)


def error(message: str, path: str | None) -> Outcome:
    return Outcome(Severity.ERROR, message, path)


def loader_error(message: str, path: str) -> Outcome:
    """An error of a file's loader rule: reading or validation, no clause."""
    return Outcome(Severity.ERROR, message, path, clause="")


def escaped(path: str) -> Outcome:
    """The `path-escape` error of a link whose target lies outside the root."""
    message = (
        f"{path} is a symbolic link whose target lies outside the submission;"
        " it was not followed."
    )
    return Outcome(Severity.ERROR, message, path, rule=PATH_ESCAPE)


def absence(entry: Entry, kind: str = "directory") -> str:
    """Say why an entry that is not PRESENT cannot be used, as a predicate."""
    if entry.state is EntryState.WRONG_KIND:
        return f"is not a {kind}"
    if entry.state is EntryState.UNREADABLE:
        reason = f" ({entry.reason})" if entry.reason else ""
        return f"cannot be read{reason}"
    return "does not exist"


def number_text(value: float) -> str:
    """Write a number without a spurious fraction: 1200000, 0.5."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
