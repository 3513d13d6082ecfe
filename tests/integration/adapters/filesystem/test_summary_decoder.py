"""The summary decoder against the full parse: the rules must see the same."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from endpoints_submission_cli.adapters.filesystem.submission_source import (
    _parse_json,
    _parse_summary,
)
from endpoints_submission_cli.adapters.filesystem.summary_decoder import (
    decode_summary,
)
from endpoints_submission_cli.domain.schemas import validate_result_summary
from tests.support.submissions import dump_json, result_summary
from tests.unit.domain.rules.builder import summary_data
from tests.unit.domain.strategies import near

PATH = "pareto/s/m/results/point_64/mlperf_endpoints_log_summary.json"
REALISTIC = dump_json(result_summary(64, histograms=True))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=10,
)
block_keys = st.sampled_from(["total", "percentiles", "histogram", "min"])
blocks = st.dictionaries(block_keys, json_values, max_size=4)
summaries = near(
    summary_data(system_tps=416.67, qps=1.5, run_config={"seed": 42}),
    st.one_of(json_values, blocks),
)
# Characters that make or break JSON, for edits of a real summary's text.
EDIT_CHARACTERS = '{}[]":,.-+eE0123456789 \ntruefalsnulNaI\\/u'
edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=len(REALISTIC) - 1),
        st.integers(min_value=0, max_value=3),
        st.text(alphabet=EDIT_CHARACTERS, max_size=3),
    ),
    min_size=1,
    max_size=3,
)


def edited(text: str, changes: list[tuple[int, int, str]]) -> str:
    """`text` with, at each position, a few characters replaced by others."""
    for position, removed, inserted in changes:
        text = text[:position] + inserted + text[position + removed :]
    return text


def assert_reads_as_the_full_parse(text: str) -> None:
    full = _parse_json(PATH, text)
    fast = _parse_summary(PATH, text)

    if full.problem is not None:
        assert (fast.data, fast.problem) == (None, full.problem)
    else:
        assert fast.problem is None
        expected = validate_result_summary(full.data, PATH)
        assert validate_result_summary(fast.data, PATH) == expected


def test_realistic_summary_keeps_the_parts_the_rules_read() -> None:
    full = json.loads(REALISTIC)

    data = decode_summary(REALISTIC)

    assert data == {
        "n_samples_issued": full["n_samples_issued"],
        "n_samples_completed": full["n_samples_completed"],
        "n_samples_failed": 0,
        "duration_ns": full["duration_ns"],
        "ttft": {
            "total": full["ttft"]["total"],
            "percentiles": full["ttft"]["percentiles"],
        },
        "output_sequence_lengths": {
            "total": full["output_sequence_lengths"]["total"],
            "percentiles": full["output_sequence_lengths"]["percentiles"],
        },
    }


def test_what_the_decoder_refuses_is_left_to_the_full_parse() -> None:
    assert decode_summary('{"ttft": null}') is None
    assert decode_summary("[1, 2]") is None
    assert decode_summary('{"duration_ns": 1e999}') is None
    assert decode_summary('{"qps": [' * 2000 + "]" * 2000 + "}") is None


@settings(max_examples=400, deadline=None)
@given(document=summaries)
def test_documents_near_a_summary_read_as_the_full_parse(document: Any) -> None:
    assert_reads_as_the_full_parse(json.dumps(document))


@settings(max_examples=400, deadline=None)
@given(changes=edits)
def test_edits_of_a_real_summary_read_as_the_full_parse(changes: Any) -> None:
    assert_reads_as_the_full_parse(edited(REALISTIC, changes))
