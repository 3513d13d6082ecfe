"""Hypothesis strategies shared by the tests of the domain."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def near(document: dict[str, Any], values: st.SearchStrategy) -> st.SearchStrategy:
    """Documents like `document` with some values replaced by draws from `values`."""
    return st.fixed_dictionaries(
        {key: st.one_of(st.just(value), values) for key, value in document.items()}
    )
