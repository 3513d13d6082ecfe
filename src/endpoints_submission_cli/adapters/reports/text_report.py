"""The terminal report of a check: findings grouped by system and model."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable

from endpoints_submission_cli.adapters.reports.table import RIGHT, render_table
from endpoints_submission_cli.domain.findings import Finding, Report, Severity
from endpoints_submission_cli.domain.ruleset import Ruleset

SUBMISSION_GROUP = "Submission"
INDENT = "  "
DETAIL_INDENT = "      "

_STYLES = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[2m",
}
_PASSED_STYLE = "\x1b[1;32m"
_RESET = "\x1b[0m"

# Every C0 and C1 control character and DEL, written as a Python escape: in a
# file name they would otherwise recolour the terminal or break the lines. The
# Unicode line separators and the marks that reorder text are escaped too, so
# that a name cannot show itself as something else.
_CONTROL_RANGES = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0x200E, 0x200F),
    (0x2028, 0x202E),
    (0x2066, 0x2069),
)
_CONTROL_ESCAPES = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for first, last in _CONTROL_RANGES
    for code in range(first, last + 1)
} | {ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"}
# Finds the first character to escape; most text has none and is kept as it is.
_CONTROL = re.compile(
    "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _CONTROL_RANGES) + "]"
)


def render_text_report(
    report: Report,
    ruleset: Ruleset,
    *,
    quiet: bool = False,
    strict: bool = False,
    color: bool = False,
) -> str:
    """Return the report as plain text lines, ending with the verdict line.

    Each finding shows its severity, rule id, clause and path (relative to the
    checked folder) on one line and its message below; errors and warnings add
    the rule's fix hint. `quiet` leaves out INFO findings; `strict` makes
    warnings fail the verdict; `color` adds ANSI styles to severities and
    the verdict. Control characters in the report's text, which comes from
    the submission's file names and content, are shown as escapes (see
    `visible`).
    """
    root = report.submission_path
    shown = [f for f in report.results if not (quiet and f.severity is Severity.INFO)]
    lines = [
        f"Submission check — {visible(root)}",
        f"Rules: {visible(report.rules)}",
        "",
    ]
    groups = group_findings(shown, root)
    for title, findings in groups.items():
        lines.append(visible(title))
        for finding in findings:
            lines.extend(_finding_lines(finding, root, ruleset, color))
        lines.append("")
    if not shown:
        lines.extend(["No errors or warnings.", ""])
    overview = _overview(groups)
    if overview:
        lines.extend([overview, ""])
    lines.append(verdict_line(report, strict=strict, color=color))
    return "\n".join(lines)


def verdict_line(report: Report, *, strict: bool = False, color: bool = False) -> str:
    """Return `PASSED — E error(s), W warning(s)` or the same with FAILED."""
    errors, warnings = len(report.errors), len(report.warnings)
    failed = errors > 0 or (strict and warnings > 0)
    word = "FAILED" if failed else "PASSED"
    line = f"{word} — {errors} error(s), {warnings} warning(s)"
    if not color:
        return line
    style = _STYLES[Severity.ERROR] if failed else _PASSED_STYLE
    return f"{style}{line}{_RESET}"


def relative_path(path: str | None, root: str) -> str:
    """Return the path relative to the checked folder when it lies below it.

    Any other path (the folder itself included) is returned as it is; a
    finding without a path gives the empty string.
    """
    if path is None:
        return ""
    for prefix in _prefixes(root):
        if path.startswith(prefix) and len(path) > len(prefix):
            return path[len(prefix) :]
    return path


@functools.lru_cache(maxsize=8)
def _prefixes(root: str) -> tuple[str, ...]:
    """The beginnings of a path below `root`, with each separator."""
    separators = dict.fromkeys((os.sep, "/"))
    return tuple(root if root.endswith(s) else root + s for s in separators)


def group_key(path: str | None, root: str) -> tuple[str, str]:
    """Return the (system, model) a finding belongs to; '' where there is none.

    `systems/<id>.json` and `pareto/<id>` belong to system `<id>`;
    `pareto/<id>/<model>` and everything below it to that model of `<id>`;
    any other path to the submission as a whole, ('', '').
    """
    relative = relative_path(path, root)
    if relative == path:
        return ("", "")
    parts = relative.replace(os.sep, "/").split("/")
    if parts[0] == "systems" and len(parts) == 2 and parts[1].endswith(".json"):
        return (parts[1].removesuffix(".json"), "")
    if parts[0] == "pareto" and len(parts) == 2:
        return (parts[1], "")
    if parts[0] == "pareto" and len(parts) > 2:
        return (parts[1], parts[2])
    return ("", "")


def group_title(key: tuple[str, str]) -> str:
    system, model = key
    if not system:
        return SUBMISSION_GROUP
    return f"System {system}, model {model}" if model else f"System {system}"


def group_findings(findings: Iterable[Finding], root: str) -> dict[str, list[Finding]]:
    """Return the findings by group title, in the order a reader expects.

    The submission comes first, then each system in the order of its first
    finding, each followed by its models in the order of their first finding.
    """
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault(group_key(finding.path, root), []).append(finding)
    systems = list(dict.fromkeys(system for system, _ in groups))

    def order(key: tuple[str, str]) -> tuple[int, int, int]:
        system, model = key
        if not system:
            return (0, 0, 0)
        return (1, systems.index(system), 1 if model else 0)

    ordered = sorted(groups, key=order)
    return {group_title(key): groups[key] for key in ordered}


def visible(text: str) -> str:
    """Return the text with each control character as an escape, `\\n` or `\\x1b`.

    Everything else, non-ASCII characters and lone surrogates included, is
    left as it is.
    """
    if _CONTROL.search(text) is None:
        return text
    return text.translate(_CONTROL_ESCAPES)


def _finding_lines(
    finding: Finding, root: str, ruleset: Ruleset, color: bool
) -> list[str]:
    severity = f"{finding.severity.value:<7}"
    if color:
        severity = f"{_STYLES[finding.severity]}{severity}{_RESET}"
    head = [severity, visible(finding.rule)]
    if finding.spec_ref:
        head.append(f"[{visible(finding.spec_ref)}]")
    where = relative_path(finding.path, root)
    if where:
        head.append(visible(where))
    lines = [INDENT + " ".join(head).rstrip()]
    # The message is one line: its own line breaks are escapes by now.
    lines.append(DETAIL_INDENT + visible(finding.message))
    fix = _fix_hint(finding, ruleset)
    if fix:
        lines.append(f"{DETAIL_INDENT}fix: {fix}")
    return lines


def _fix_hint(finding: Finding, ruleset: Ruleset) -> str:
    if finding.severity is Severity.INFO:
        return ""
    try:
        return visible(ruleset.get(finding.rule).fix)
    except KeyError:
        return ""


def _overview(groups: dict[str, list[Finding]]) -> str:
    """Return a table of errors and warnings per group, or '' with fewer than two."""
    rows = []
    for title, findings in groups.items():
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = sum(f.severity is Severity.WARNING for f in findings)
        if errors or warnings:
            rows.append((visible(title), str(errors), str(warnings)))
    if len(rows) < 2:
        return ""
    return render_table(("Where", "Errors", "Warnings"), rows, ("<", RIGHT, RIGHT))
