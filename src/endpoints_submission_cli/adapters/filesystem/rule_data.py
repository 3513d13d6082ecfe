"""The data files of the rulesets, bundled with the package and read from it."""

from __future__ import annotations

import json
from pathlib import Path

# The package is installed as files, so the data sits beside this module;
# importing importlib.resources for one small file would cost more than the
# rest of the file reading of a check.
DATA = Path(__file__).resolve().parent / "data"
SEED_MIN_QUERY_COUNTS = "seed_min_query_counts.json"


def load_min_query_counts() -> dict[str, int]:
    """Return the minimum number of completed queries per dataset, seed rules."""
    counts = json.loads((DATA / SEED_MIN_QUERY_COUNTS).read_text(encoding="utf-8"))
    return {str(dataset): int(count) for dataset, count in counts.items()}
