"""The data files of the rulesets, bundled with the package and read from it."""

from __future__ import annotations

import json
import os.path

# The package is installed as files, so the data sits beside this module;
# importing importlib.resources (or even pathlib) for one small file would
# cost more than the rest of the file reading of a check.
DATA = os.path.join(os.path.dirname(os.path.realpath(__file__)), "data")  # noqa: PTH118, PTH120
SEED_MIN_QUERY_COUNTS = "seed_min_query_counts.json"


def load_min_query_counts() -> dict[str, int]:
    """Return the minimum number of completed queries per dataset, seed rules."""
    path = os.path.join(DATA, SEED_MIN_QUERY_COUNTS)  # noqa: PTH118
    with open(path, encoding="utf-8") as stream:  # noqa: PTH123
        counts = json.load(stream)
    return {str(dataset): int(count) for dataset, count in counts.items()}
