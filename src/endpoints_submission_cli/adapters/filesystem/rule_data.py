"""The data files of the rulesets, bundled with the package and read from it."""

from __future__ import annotations

import json
from importlib import resources

_PACKAGE = "endpoints_submission_cli.adapters.filesystem"
SEED_MIN_QUERY_COUNTS = "seed_min_query_counts.json"


def load_min_query_counts() -> dict[str, int]:
    """Return the minimum number of completed queries per dataset, seed rules."""
    resource = resources.files(_PACKAGE) / "data" / SEED_MIN_QUERY_COUNTS
    counts = json.loads(resource.read_text(encoding="utf-8"))
    return {str(dataset): int(count) for dataset, count in counts.items()}
