"""No content of any file makes the evaluation raise."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.domain.rules.builder import (
    Builder,
    accuracy_data,
    point_data,
    summary_data,
    system_data,
)
from tests.unit.domain.strategies import near

odd_values = st.recursive(
    st.none()
    | st.booleans()
    | st.sampled_from([0, -1, 1, 10**30, 10**400, 2**1023, 1e308, -0.0, 0.5])
    | st.integers()
    | st.floats()
    | st.text(max_size=6)
    | st.dates(),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=120, deadline=None)
@given(
    system=near(system_data(), odd_values),
    point=st.one_of(near(point_data(64), odd_values), odd_values),
    summary=st.one_of(near(summary_data(system_tps=416.67), odd_values), odd_values),
    accuracy=st.one_of(near(accuracy_data(), odd_values), odd_values),
)
def test_odd_values_anywhere_give_findings_not_exceptions(
    system: Any, point: Any, summary: Any, accuracy: Any
) -> None:
    builder = Builder(system=system)
    builder.points["point_64.yaml"] = point
    concurrency = point.get("concurrency") if isinstance(point, dict) else None
    builder.summaries[f"point_{concurrency}"] = summary
    builder.summaries["point_64"] = summary
    builder.accuracy = accuracy

    findings = builder.findings()

    assert findings[0].rule == "path-exists"
    assert all(finding.message for finding in findings)
