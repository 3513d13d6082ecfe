"""Arbitrary bytes in every parsed file: the source never raises."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endpoints_submission_cli.adapters.filesystem.submission_source import (
    SUMMARY_FILE,
)
from tests.integration.adapters.filesystem.test_submission_source import (
    load,
    make_curve,
    only_curve,
)

FRAGMENTS = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    '"',
    "NaN",
    "-Infinity",
    "1e999",
    "- ",
    "\n  ",
]

json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
contents = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(
        lambda f: "".join(f).encode()
    ),
)


def free_of_nan(value: object) -> bool:
    """Tell whether no float inside a JSON value is NaN.

    JSON has no NaN; a number too large for a float may load as an infinity,
    which the rules reading it reject by field.
    """
    if isinstance(value, float):
        return not math.isnan(value)
    if isinstance(value, dict):
        return all(free_of_nan(item) for item in value.values())
    if isinstance(value, list):
        return all(free_of_nan(item) for item in value)
    return True


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(point=contents, summary=contents)
def test_any_bytes_become_data_or_a_problem(tmp_path, point, summary):
    curve = make_curve(tmp_path)
    (curve / "points" / "point_16.yaml").write_bytes(point)
    (curve / "results" / "point_16" / SUMMARY_FILE).write_bytes(summary)

    loaded = only_curve(load(tmp_path))

    for data_file in (loaded.points[0], loaded.results["point_16"].summary):
        assert data_file.problem is None or data_file.data is None
        assert data_file.problem is None or data_file.problem.message
    assert free_of_nan(loaded.results["point_16"].summary.data)
