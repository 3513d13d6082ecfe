"""Validation of parsed data into documents: lax, total, one error per fault."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endpoints_submission_cli.domain.documents import ABSENT
from endpoints_submission_cli.domain.schemas import (
    SUMMARY_READS,
    shown,
    validate_accuracy_result,
    validate_point_config,
    validate_result_summary,
    validate_system_description,
)
from tests.unit.domain.rules.builder import (
    accuracy_data,
    point_data,
    summary_data,
    system_data,
)
from tests.unit.domain.strategies import near

PATH = "sub/points/point_64.yaml"


def point_errors(data: Any) -> list[tuple[tuple, str]]:
    validation = validate_point_config(data, PATH)
    return [(error.location, error.message) for error in validation.errors]


def concurrency_of(value: Any) -> Any:
    validation = validate_point_config({"concurrency": value}, PATH)
    return validation.document.concurrency if validation.document else None


class TestCoercion:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (64, 64),
            ("64", 64),
            (64.0, 64),
            (" 64 ", 64),
            ("6.4e1", 64),
            (10**30, 10**30),
        ],
    )
    def test_integers_accept_numeric_strings_and_integral_floats(
        self, value: Any, expected: int
    ) -> None:
        assert concurrency_of(value) == expected

    @pytest.mark.parametrize(
        "value",
        [
            64.5,
            "64.5",
            True,
            False,
            None,
            "sixty-four",
            "",
            "1_000",
            "٦٤",
            [64],
            {"c": 64},
            float("nan"),
            float("inf"),
            "inf",
            "nan",
            10**400,
            "9" * 5000,
            datetime.date(2025, 1, 1),
        ],
    )
    def test_integers_reject_everything_else(self, value: Any) -> None:
        assert concurrency_of(value) is None

    def test_an_integer_is_not_a_string(self) -> None:
        [(location, message)] = point_errors({"concurrency": 64, "dataset": 7})

        assert location == ("dataset",)
        assert "must be a string" in message

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (True, True),
            ("true", True),
            ("yes", True),
            ("On", True),
            (1, True),
            (False, False),
            ("false", False),
            ("no", False),
            (0, False),
        ],
    )
    def test_booleans_accept_the_usual_spellings(
        self, value: Any, expected: bool
    ) -> None:
        data = {"concurrency": 64, "runtime_settings": {"stream_all_chunks": value}}

        document = validate_point_config(data, PATH).document

        assert document.runtime_settings.stream_all_chunks is expected

    @pytest.mark.parametrize("value", [2, "maybe", None, [], 0.5])
    def test_booleans_reject_other_values(self, value: Any) -> None:
        data = {"concurrency": 64, "runtime_settings": {"stream_all_chunks": value}}

        [(location, _)] = point_errors(data)

        assert location == ("runtime_settings", "stream_all_chunks")

    def test_numbers_accept_integers_and_numeric_strings(self) -> None:
        data = summary_data(duration_ns="1200000000000")

        document = validate_result_summary(data, "s.json").document

        assert document.duration_ns == 1_200_000_000_000

    @pytest.mark.parametrize("value", [True, "fast", float("inf"), 10**400, None])
    def test_numbers_reject_booleans_non_finite_and_huge_values(
        self, value: Any
    ) -> None:
        validation = validate_result_summary(summary_data(duration_ns=value), "s.json")

        assert [e.location for e in validation.errors] == [("duration_ns",)]


class TestMessages:
    def test_a_message_names_file_location_problem_and_value(self) -> None:
        [(_, message)] = point_errors({"concurrency": "lots"})

        assert message.startswith("Validation error")
        assert PATH in message
        assert "('concurrency',)" in message
        assert "must be an integer" in message
        assert "'lots'" in message

    def test_a_missing_field_is_named(self) -> None:
        [(location, message)] = point_errors({"dataset": "x"})

        assert location == ("concurrency",)
        assert "required" in message

    def test_long_values_are_shortened(self) -> None:
        [(_, message)] = point_errors({"concurrency": "x" * 10_000})

        assert len(message) < 300
        assert "…" in message or "..." in message

    def test_huge_integers_are_described_not_printed(self) -> None:
        assert "digits" in shown(10**5000)

    def test_recursive_values_are_shown_without_recursing_forever(self) -> None:
        value: list = []
        value.append(value)

        assert shown(value).startswith("[")

    def test_all_faults_are_reported(self) -> None:
        data = {
            "concurrency": "x",
            "dataset": 1,
            "runtime_settings": {"load_pattern": 2},
        }

        locations = [location for location, _ in point_errors(data)]

        assert locations == [
            ("concurrency",),
            ("dataset",),
            ("runtime_settings", "load_pattern"),
        ]


class TestPointConfigSchema:
    def test_a_valid_point_validates(self) -> None:
        document = validate_point_config(point_data(64, region="low_latency"), PATH)

        assert document.document.concurrency == 64
        assert document.document.region == "low_latency"
        assert document.document.runtime_settings.min_duration_ms == 1_200_000

    def test_null_runtime_settings_is_an_error(self) -> None:
        [(location, _)] = point_errors({"concurrency": 64, "runtime_settings": None})

        assert location == ("runtime_settings",)

    def test_absent_runtime_settings_take_defaults(self) -> None:
        document = validate_point_config({"concurrency": 64}, PATH).document

        assert document.runtime_settings.load_pattern == "concurrency"

    @pytest.mark.parametrize("data", [None, [], "text", 3, 2.5, True])
    def test_anything_but_a_mapping_is_one_error(self, data: Any) -> None:
        [(location, message)] = point_errors(data)

        assert location == ()
        assert message.startswith("Expected a YAML mapping")

    def test_extra_keys_are_accepted(self) -> None:
        data = point_data(64, benchmark_model="x")
        data["runtime_settings"]["runtime"] = {"scheduler_random_seed": 42}

        assert validate_point_config(data, PATH).valid


class TestSystemDescriptionSchema:
    def test_a_valid_description_keeps_unknown_keys(self) -> None:
        document = validate_system_description(system_data(rack="A7"), "s.json")

        assert document.document.max_supported_concurrency == 1024
        assert document.document.extras == {"rack": "A7"}
        assert document.document.cooling == ""

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("division", "standardized"),
            ("publication_status", "Later"),
            ("system_type", "cloud"),
            ("max_supported_concurrency", 32),
            ("number_of_nodes", 0),
            ("host_processors_per_node", 0),
            ("accelerators_per_node", -1),
            ("host_network_card_count", 2),
            ("benchmark_model", 7),
        ],
    )
    def test_a_bad_field_is_one_error_at_its_location(
        self, field: str, value: Any
    ) -> None:
        validation = validate_system_description(
            system_data(**{field: value}), "s.json"
        )

        assert [error.location for error in validation.errors] == [(field,)]

    def test_max_concurrency_names_the_bound(self) -> None:
        validation = validate_system_description(
            system_data(max_supported_concurrency=16), "s.json"
        )

        assert "greater than 32" in validation.errors[0].message

    def test_zero_accelerators_are_allowed(self) -> None:
        assert validate_system_description(
            system_data(accelerators_per_node=0), "s.json"
        ).valid

    def test_without_core_or_vcpu_count_a_model_error_names_both(self) -> None:
        data = system_data(host_processor_core_count=None)

        [error] = validate_system_description(data, "s.json").errors

        assert error.location == ()
        assert "host_processor_core_count" in error.message
        assert "host_processor_vcpu_count" in error.message

    def test_the_model_check_waits_for_the_field_checks(self) -> None:
        data = system_data(host_processor_core_count=None, division="X")

        errors = validate_system_description(data, "s.json").errors

        assert [error.location for error in errors] == [("division",)]

    def test_a_vcpu_count_alone_is_enough(self) -> None:
        data = system_data(host_processor_core_count=None, host_processor_vcpu_count=8)

        assert validate_system_description(data, "s.json").valid

    def test_only_division_gives_an_error_per_missing_field(self) -> None:
        errors = validate_system_description({"division": "RDI"}, "s.json").errors

        assert len(errors) == 21
        assert all("is required but missing" in error.message for error in errors)

    @pytest.mark.parametrize("data", [[], "text", None, 1])
    def test_a_non_object_is_a_validation_error(self, data: Any) -> None:
        [error] = validate_system_description(data, "s.json").errors

        assert error.message.startswith("Validation error")
        assert error.location == ()


class TestResultSummarySchema:
    def test_stored_tps_values_are_kept_as_they_are(self) -> None:
        document = validate_result_summary(
            summary_data(system_tps="fast", tps_per_user=None), "s.json"
        ).document

        assert document.system_tps == "fast"
        assert document.tps_per_user is None

    def test_absent_stored_values_are_marked_absent(self) -> None:
        document = validate_result_summary(summary_data(), "s.json").document

        assert document.system_tps is ABSENT

    def test_percentile_faults_are_located_in_their_block(self) -> None:
        data = summary_data(ttft={"total": "x", "percentiles": {"50": "slow"}})

        errors = validate_result_summary(data, "s.json").errors

        assert [error.location for error in errors] == [
            ("ttft", "total"),
            ("ttft", "percentiles", "50"),
        ]

    def test_required_fields(self) -> None:
        errors = validate_result_summary({}, "s.json").errors

        assert [error.location for error in errors] == [
            ("n_samples_completed",),
            ("duration_ns",),
        ]


class TestAccuracyResultSchema:
    def test_a_valid_result(self) -> None:
        document = validate_accuracy_result(
            accuracy_data(num_samples=13368), "a.json"
        ).document

        assert (document.score, document.quality_target) == (0.45, 0.43)
        assert document.passed is True

    def test_only_metric_gives_three_errors(self) -> None:
        errors = validate_accuracy_result({"metric": "rouge1"}, "a.json").errors

        assert len(errors) == 3


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats()
    | st.text(max_size=8)
    | st.dates(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)


VALIDATORS = [
    (validate_point_config, point_data(64)),
    (validate_system_description, system_data()),
    (validate_result_summary, summary_data()),
    (validate_accuracy_result, accuracy_data()),
]


@pytest.mark.parametrize(("validate", "document"), VALIDATORS)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_validation_never_raises(validate: Any, document: Any, data: Any) -> None:
    value = data.draw(st.one_of(json_values, near(document, json_values)))

    validation = validate(value, "f")

    assert validation.valid != bool(validation.errors)
    for error in validation.errors:
        assert isinstance(error.location, tuple)


def test_a_recursive_structure_validates_without_recursing() -> None:
    data: dict[str, Any] = {"concurrency": 64}
    data["dataset"] = data

    [error] = validate_point_config(data, PATH).errors

    assert error.location == ("dataset",)
    assert "{'concurrency': 64" in error.message


def test_validated_numbers_are_finite() -> None:
    document = validate_result_summary(summary_data(duration_ns="1e308"), "s").document

    assert math.isfinite(document.elapsed_s)


class _ReadRecorder(dict):
    """A mapping that records, in `reads`, each key looked up and each listing."""

    def __init__(self, data: dict[str, Any], reads: set[Any]) -> None:
        super().__init__(data)
        self.reads = reads

    def get(self, key: Any, default: Any = None) -> Any:
        self.reads.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.reads.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.reads.add(key)
        return super().__contains__(key)

    def __iter__(self) -> Any:
        self.reads.add(iter)
        return super().__iter__()

    def keys(self) -> Any:
        self.reads.add(iter)
        return super().keys()

    def values(self) -> Any:
        self.reads.add(iter)
        return super().values()

    def items(self) -> Any:
        self.reads.add(iter)
        return super().items()


@pytest.mark.parametrize(
    "data",
    [
        summary_data(system_tps=416.67, tps_per_user=13.0, qps=1.5),
        summary_data(ttft={"total": "x"}, n_samples_completed=None),
        {"ttft": [], "output_sequence_lengths": 3},
    ],
    ids=["valid", "faulty", "blocks-not-mappings"],
)
def test_summary_validation_reads_only_the_declared_parts(data: Any) -> None:
    top: set[Any] = set()
    blocks: dict[str, set[Any]] = {}
    recorded = dict(data)
    for key, value in data.items():
        if isinstance(value, dict):
            blocks[key] = set()
            recorded[key] = _ReadRecorder(value, blocks[key])

    validate_result_summary(_ReadRecorder(recorded, top), "s.json")

    assert top <= set(SUMMARY_READS)
    for key, reads in blocks.items():
        declared = SUMMARY_READS.get(key)
        if declared is not None:
            assert reads <= set(declared), key
