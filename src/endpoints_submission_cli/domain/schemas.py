"""Validation of parsed file data into documents, one error per fault.

Every function here is total: it takes any JSON or YAML value and returns a
`Validation`, never raising. Coercion is lax in the ways the rules allow: a
numeric string is a number, an integral float is an integer, the usual
spellings are booleans; an integer is never a string and a boolean is never a
number. Numbers must be finite and fit a double, so that no rule meets an
overflow later.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Callable, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

import attrs

from endpoints_submission_cli.domain.documents import (
    ABSENT,
    AccuracyResult,
    PercentileBlock,
    PointConfig,
    ResultSummary,
    RuntimeSettings,
    SystemDescription,
)
from endpoints_submission_cli.domain.regions import LOW_LATENCY_END

T = TypeVar("T")
Location = tuple[Any, ...]

SHOWN_LENGTH = 80
# Every integer of fewer bits than this converts to a finite double.
DOUBLE_BITS = 1024
TRUE_SPELLINGS = frozenset({"true", "t", "yes", "y", "on", "1"})
FALSE_SPELLINGS = frozenset({"false", "f", "no", "n", "off", "0"})


@attrs.frozen
class FieldError:
    """One fault of a file: where it is and a sentence naming file and field."""

    location: Location
    message: str


@attrs.frozen
class Validation(Generic[T]):
    """The document a file's data makes, or the faults that prevent it."""

    document: T | None
    errors: tuple[FieldError, ...] = ()

    @property
    def valid(self) -> bool:
        return self.document is not None


class _Invalid(ValueError):
    """Raised by a coercer when a value does not fit its field."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _ShortRepr(reprlib.Repr):
    """A bounded repr that also copes with integers too long to print."""

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 256:
            digits = int(x.bit_length() * math.log10(2)) + 1
            return f"<an integer of about {digits} digits>"
        return super().repr_int(x, level)


_REPR = _ShortRepr()
_REPR.maxstring = 60
_REPR.maxother = 60


def shown(value: object) -> str:
    """Return a short repr of any parsed value, for messages."""
    try:
        text = _REPR.repr(value)
    except Exception:  # a message must never fail, whatever the value
        text = f"<{type(value).__name__}>"
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 1] + "…"
    return text


# Coercers: return the value the field holds, or raise _Invalid.


def _string(value: object) -> str:
    if isinstance(value, str):
        return value
    raise _Invalid("must be a string")


def _one_of(*choices: str) -> Callable[[object], str]:
    def coerce(value: object) -> str:
        if isinstance(value, str) and value in choices:
            return value
        raise _Invalid(f"must be one of {', '.join(map(repr, choices))}")

    return coerce


def _number_from_text(text: str, kind: str) -> int | float:
    text = text.strip()
    if not text.isascii() or "_" in text:
        raise _Invalid(f"must be {kind}")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise _Invalid(f"must be {kind}") from None


def _checked_number(value: object, kind: str) -> int | float:
    # The common cases first, by exact type: a bool is never one of them.
    if type(value) is float and value - value == 0:
        return value
    if type(value) is int and value.bit_length() < DOUBLE_BITS:
        return value
    if isinstance(value, bool):
        raise _Invalid(f"must be {kind}, not a boolean")
    if isinstance(value, str):
        value = _number_from_text(value, kind)
    if isinstance(value, int):
        try:
            float(value)
        except OverflowError:
            raise _Invalid(f"must be {kind} that fits a double") from None
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Invalid("must be a finite number")
        return value
    raise _Invalid(f"must be {kind}")


def _number(value: object) -> int | float:
    return _checked_number(value, "a number")


def _integer(value: object) -> int:
    number = _checked_number(value, "an integer")
    if isinstance(number, int):
        return number
    if number.is_integer():
        return int(number)
    raise _Invalid("must be an integer, not a number with a fractional part")


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_SPELLINGS:
            return True
        if word in FALSE_SPELLINGS:
            return False
    raise _Invalid("must be a boolean")


def _optional(coerce: Callable[[object], T]) -> Callable[[object], T | None]:
    def optional(value: object) -> T | None:
        return None if value is None else coerce(value)

    return optional


def _integer_above(bound: int) -> Callable[[object], int]:
    def coerce(value: object) -> int:
        number = _integer(value)
        if number <= bound:
            raise _Invalid(f"must be greater than {bound}")
        return number

    return coerce


def _integer_at_least(bound: int) -> Callable[[object], int]:
    def coerce(value: object) -> int:
        number = _integer(value)
        if number < bound:
            raise _Invalid(f"must be greater than or equal to {bound}")
        return number

    return coerce


# Fields and records.


class _Field(NamedTuple):
    """One key of a record: how its value is coerced, and whether it must be there.

    An optional key that is absent takes the default of the document's field.
    """

    name: str
    coerce: Callable[..., Any]
    required: bool = True
    # A nested record reports its own errors: coerce(value, location, report).
    nested: bool = False


_ABSENT = object()


class _Report:
    """Collects the faults of one file into messages that name it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[FieldError] = []

    def fault(self, location: Location, problem: str, value: object) -> None:
        message = (
            f"Validation error in {self.path}: field {location!r} {problem};"
            f" got {shown(value)}."
        )
        self.errors.append(FieldError(location, message))

    def missing(self, location: Location) -> None:
        message = (
            f"Validation error in {self.path}: field {location!r} is required"
            " but missing."
        )
        self.errors.append(FieldError(location, message))

    def model(self, problem: str) -> None:
        message = f"Validation error in {self.path}: {problem}."
        self.errors.append(FieldError((), message))


def _fields(
    data: Mapping[Any, Any],
    fields: tuple[_Field, ...],
    location: Location,
    report: _Report,
) -> dict[str, Any] | None:
    """Return the coerced values present in data, or None after any fault."""
    values: dict[str, Any] = {}
    before = len(report.errors)
    for name, coerce, required, nested in fields:
        value = data.get(name, _ABSENT)
        if value is _ABSENT:
            if required:
                report.missing((*location, name))
        elif nested:
            values[name] = coerce(value, (*location, name), report)
        else:
            try:
                values[name] = coerce(value)
            except _Invalid as invalid:
                report.fault((*location, name), invalid.problem, value)
    return values if len(report.errors) == before else None


def _record(
    cls: type[T], fields: tuple[_Field, ...]
) -> Callable[[object, Location, _Report], T | None]:
    """Return a nested coercer that builds `cls` from a mapping."""

    def coerce(value: object, location: Location, report: _Report) -> T | None:
        if not isinstance(value, Mapping):
            report.fault(location, "must be a mapping", value)
            return None
        values = _fields(value, fields, location, report)
        return None if values is None else cls(**values)

    return coerce


def _percentiles(
    value: object, location: Location, report: _Report
) -> Mapping[str, int | float] | None:
    if not isinstance(value, Mapping):
        report.fault(location, "must be a mapping of percentile to number", value)
        return None
    if all(type(key) is str and _plain_number(number) for key, number in value.items()):
        return value
    percentiles: dict[str, int | float] = {}
    for key, number in value.items():
        where = (*location, key)
        if not isinstance(key, str):
            report.fault(where, "must be keyed by a string", key)
            continue
        try:
            percentiles[key] = _number(number)
        except _Invalid as invalid:
            report.fault(where, invalid.problem, number)
    return percentiles if len(percentiles) == len(value) else None


def _plain_number(value: object) -> bool:
    """Tell whether a value is a finite float or a double-sized int, quickly."""
    kind = type(value)
    if kind is float:
        return value - value == 0
    return kind is int and value.bit_length() < DOUBLE_BITS


_SYSTEM_STRINGS_REQUIRED = (
    "endpoint_url",
    "serving_framework",
    "submitter",
    "system_name",
)
_SYSTEM_OPTIONAL_STRINGS = (
    "host_processor_frequency",
    "host_processor_caches",
    "host_processor_interconnect",
    "accelerator_frequency",
    "accelerator_on_chip_memories",
    "accelerator_host_interconnect",
    "accelerator_memory_configuration",
    "accelerator_interconnect",
    "accelerator_interconnect_topology",
    "host_memory_configuration",
    "host_network_card_count",
    "cooling",
    "other_software_stack",
    "hw_notes",
    "sw_notes",
)

SYSTEM_FIELDS = (
    _Field("division", _one_of("Standardized", "Serviced", "RDI")),
    _Field("publication_status", _one_of("Available", "Preview", "RDI")),
    _Field("benchmark_model", _string),
    _Field("max_supported_concurrency", _integer_above(LOW_LATENCY_END)),
    *(_Field(name, _string) for name in _SYSTEM_STRINGS_REQUIRED),
    _Field("system_type", _one_of("datacenter", "edge")),
    _Field("system_type_detail", _string),
    _Field("number_of_nodes", _integer_above(0)),
    _Field("host_processors_per_node", _integer_above(0)),
    _Field("host_processor_model_name", _string),
    _Field("host_memory_capacity", _string),
    _Field("host_storage_type", _string),
    _Field("host_storage_capacity", _string),
    _Field("host_networking", _string),
    _Field("host_networking_topology", _string),
    _Field("accelerators_per_node", _integer_at_least(0)),
    _Field("accelerator_model_name", _string),
    _Field("accelerator_memory_capacity", _string),
    _Field("operating_system", _string),
    _Field("host_processor_core_count", _optional(_integer), required=False),
    _Field("host_processor_vcpu_count", _optional(_integer), required=False),
    *(_Field(name, _string, required=False) for name in _SYSTEM_OPTIONAL_STRINGS),
)
_SYSTEM_KEYS = frozenset(field.name for field in SYSTEM_FIELDS)

RUNTIME_FIELDS = (
    _Field("load_pattern", _string, required=False),
    _Field("min_duration_ms", _integer, required=False),
    _Field("min_sample_count", _optional(_integer), required=False),
    _Field("stream_all_chunks", _boolean, required=False),
)

POINT_FIELDS = (
    _Field("concurrency", _integer),
    _Field("region", _optional(_string), required=False),
    _Field("dataset", _string, required=False),
    _Field(
        "runtime_settings",
        _record(RuntimeSettings, RUNTIME_FIELDS),
        required=False,
        nested=True,
    ),
)

PERCENTILE_FIELDS = (
    _Field("total", _number, required=False),
    _Field("percentiles", _percentiles, required=False, nested=True),
)

_percentile_block = _record(PercentileBlock, PERCENTILE_FIELDS)

SUMMARY_FIELDS = (
    _Field("n_samples_issued", _integer, required=False),
    _Field("n_samples_completed", _integer),
    _Field("n_samples_failed", _integer, required=False),
    _Field("duration_ns", _number),
    _Field("ttft", _percentile_block, required=False, nested=True),
    _Field("output_sequence_lengths", _percentile_block, required=False, nested=True),
)
# Top-level values kept as the file holds them, for the rules that compare them.
_STORED_SUMMARY_KEYS = ("system_tps", "tps_per_user")

# The parts of a result summary that its validation reads: a key maps to None
# when its value is read whole, or to the keys read of the block it holds.
# Nothing else of a summary (histograms, for one) can change a finding.
SUMMARY_READS: Mapping[str, tuple[str, ...] | None] = {
    **{
        field.name: (
            tuple(block.name for block in PERCENTILE_FIELDS)
            if field.coerce is _percentile_block
            else None
        )
        for field in SUMMARY_FIELDS
    },
    **dict.fromkeys(_STORED_SUMMARY_KEYS),
}

ACCURACY_FIELDS = (
    _Field("metric", _string),
    _Field("score", _number),
    _Field("quality_target", _number),
    _Field("passed", _boolean),
)


def _json_object(data: object, report: _Report) -> Mapping[Any, Any] | None:
    if isinstance(data, Mapping):
        return data
    report.fault((), "must be a JSON object", data)
    return None


def validate_system_description(
    data: object, path: str
) -> Validation[SystemDescription]:
    """Validate a system description; the processor check runs last."""
    report = _Report(path)
    mapping = _json_object(data, report)
    values = None if mapping is None else _fields(mapping, SYSTEM_FIELDS, (), report)
    if values is None:
        return Validation(None, tuple(report.errors))
    if (
        values.get("host_processor_core_count") is None
        and values.get("host_processor_vcpu_count") is None
    ):
        report.model(
            "at least one of host_processor_core_count and"
            " host_processor_vcpu_count must be set, both are null or absent"
        )
        return Validation(None, tuple(report.errors))
    extras = {key: value for key, value in mapping.items() if key not in _SYSTEM_KEYS}
    return Validation(SystemDescription(**values, extras=extras))


def validate_point_config(data: object, path: str) -> Validation[PointConfig]:
    """Validate a point YAML; anything but a mapping is rejected whole."""
    report = _Report(path)
    if not isinstance(data, Mapping):
        message = f"Expected a YAML mapping in {path}, got {shown(data)}."
        return Validation(None, (FieldError((), message),))
    values = _fields(data, POINT_FIELDS, (), report)
    if values is None:
        return Validation(None, tuple(report.errors))
    return Validation(PointConfig(**values))


def validate_result_summary(data: object, path: str) -> Validation[ResultSummary]:
    """Validate a result summary, keeping the stored TPS values as they are."""
    report = _Report(path)
    mapping = _json_object(data, report)
    values = None if mapping is None else _fields(mapping, SUMMARY_FIELDS, (), report)
    if values is None:
        return Validation(None, tuple(report.errors))
    stored = {key: mapping.get(key, ABSENT) for key in _STORED_SUMMARY_KEYS}
    summary = ResultSummary(**values, **stored)
    return Validation(summary)


def validate_accuracy_result(data: object, path: str) -> Validation[AccuracyResult]:
    """Validate an accuracy result."""
    report = _Report(path)
    mapping = _json_object(data, report)
    values = None if mapping is None else _fields(mapping, ACCURACY_FIELDS, (), report)
    if values is None:
        return Validation(None, tuple(report.errors))
    return Validation(AccuracyResult(**values))
