"""Plain-text tables of run records for `runs list` and `runs get`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from endpoints_submission_cli.adapters.reports.table import RIGHT, render_table

MISSING = "—"
LIST_HEADERS = ("ID", "Model", "Concurrency", "Started At", "Finished At")
# Words shown in capitals in field names.
ACRONYMS = {"id": "ID", "api": "API", "cli": "CLI", "uri": "URI", "url": "URL"}


def date_cell(value: Any) -> str:
    """Show a date-time without its fractional seconds (`2026-12-03 18:37:44`)."""
    if value in (None, ""):
        return ""
    return str(value).replace("T", " ", 1).split(".", 1)[0]


def runs_table(runs: Sequence[dict[str, Any]]) -> str:
    """Return the table of `runs list`: one row per run."""
    rows = [
        (
            str(run.get("id", "")),
            _model(run),
            _concurrency(run),
            date_cell(run.get("started_at")),
            date_cell(run.get("finished_at")),
        )
        for run in runs
    ]
    return render_table(LIST_HEADERS, rows, ("<", "<", RIGHT, "<", "<"))


def run_table(record: dict[str, Any]) -> str:
    """Return the Field/Value table of `runs get`, fields in server order."""
    rows = [(_label(key), _value(key, value)) for key, value in record.items()]
    return render_table(("Field", "Value"), rows)


def _model(run: dict[str, Any]) -> str:
    model = run.get("model") or _nested(run, "config", "model_params", "name")
    return str(model) if model not in (None, "") else MISSING


def _concurrency(run: dict[str, Any]) -> str:
    concurrency = run.get("concurrency") or _nested(
        run, "config", "settings", "load_pattern", "target_concurrency"
    )
    return str(concurrency) if concurrency not in (None, "", 0) else MISSING


def _nested(record: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(record, dict):
            return None
        record = record.get(key)
    return record


def _label(key: str) -> str:
    return " ".join(
        ACRONYMS.get(word, word.capitalize()) for word in str(key).split("_")
    )


def _value(key: str, value: Any) -> str:
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return f"{len(value)} fields (see --json)"
    if isinstance(value, list):
        if all(isinstance(item, (str, int, float)) for item in value):
            return ", ".join(str(item) for item in value) or MISSING
        return f"{len(value)} items (see --json)"
    if str(key).endswith("_at"):
        return date_cell(value)
    return str(value)
