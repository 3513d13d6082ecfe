"""What the files of a submission say, as validated records."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs


class Stored(enum.Enum):
    """Marks a top-level value that the file does not hold at all."""

    ABSENT = "absent"


ABSENT = Stored.ABSENT


@attrs.frozen
class SystemDescription:
    """`systems/<system_id>.json`: the system under test and its limits.

    `max_supported_concurrency` is M, the bound the concurrency regions derive
    from. `extras` keeps the keys the schema does not know, unchanged.
    """

    division: str
    publication_status: str
    benchmark_model: str
    max_supported_concurrency: int
    endpoint_url: str
    serving_framework: str
    submitter: str
    system_name: str
    system_type: str
    system_type_detail: str
    number_of_nodes: int
    host_processors_per_node: int
    host_processor_model_name: str
    host_memory_capacity: str
    host_storage_type: str
    host_storage_capacity: str
    host_networking: str
    host_networking_topology: str
    accelerators_per_node: int
    accelerator_model_name: str
    accelerator_memory_capacity: str
    operating_system: str
    host_processor_core_count: int | None = None
    host_processor_vcpu_count: int | None = None
    host_processor_frequency: str = ""
    host_processor_caches: str = ""
    host_processor_interconnect: str = ""
    accelerator_frequency: str = ""
    accelerator_on_chip_memories: str = ""
    accelerator_host_interconnect: str = ""
    accelerator_memory_configuration: str = ""
    accelerator_interconnect: str = ""
    accelerator_interconnect_topology: str = ""
    host_memory_configuration: str = ""
    host_network_card_count: str = ""
    cooling: str = ""
    other_software_stack: str = ""
    hw_notes: str = ""
    sw_notes: str = ""
    extras: Mapping[Any, Any] = attrs.field(factory=dict)


@attrs.frozen
class RuntimeSettings:
    """The `runtime_settings` of a point: how the benchmark drove the load."""

    load_pattern: str = "concurrency"
    min_duration_ms: int = 600_000
    min_sample_count: int | None = None
    stream_all_chunks: bool = True


@attrs.frozen
class PointConfig:
    """`points/point_<N>.yaml`: one measurement point of a curve."""

    concurrency: int
    region: str | None = None
    dataset: str = ""
    runtime_settings: RuntimeSettings = attrs.field(factory=RuntimeSettings)


@attrs.frozen
class PercentileBlock:
    """A distribution of the result summary: its total and its percentiles."""

    total: float = 0.0
    percentiles: Mapping[str, float] = attrs.field(factory=dict)


@attrs.frozen
class ResultSummary:
    """`mlperf_endpoints_log_summary.json`: the measured outcome of one point.

    Times are in nanoseconds, lengths in tokens. `system_tps` and
    `tps_per_user` are the top-level values as the file holds them (any JSON
    value), or `ABSENT`; the rules that compare them decide what they mean.
    """

    n_samples_completed: int
    duration_ns: float
    n_samples_issued: int = 0
    n_samples_failed: int = 0
    ttft: PercentileBlock = attrs.field(factory=PercentileBlock)
    output_sequence_lengths: PercentileBlock = attrs.field(factory=PercentileBlock)
    system_tps: Any = ABSENT
    tps_per_user: Any = ABSENT

    @property
    def duration_ms(self) -> float:
        return self.duration_ns / 1e6

    @property
    def elapsed_s(self) -> float:
        return self.duration_ns / 1e9

    @property
    def sample_count(self) -> int:
        return self.n_samples_completed

    @property
    def total_output_tokens(self) -> int:
        """The output total truncated toward zero; the stored key is ignored."""
        return int(self.output_sequence_lengths.total)

    @property
    def derived_system_tps(self) -> float:
        """Output tokens per elapsed second, or 0.0 when no time elapsed."""
        elapsed = self.elapsed_s
        if elapsed <= 0:
            return 0.0
        return float(self.total_output_tokens) / elapsed

    @property
    def ttft_p50_ms(self) -> float:
        return self.ttft.percentiles.get("50", 0) / 1e6

    @property
    def ttft_p95_ms(self) -> float:
        return self.ttft.percentiles.get("95", 0) / 1e6


@attrs.frozen
class AccuracyResult:
    """`accuracy/accuracy_result.json`: the accuracy of one curve's model."""

    metric: str
    score: float
    quality_target: float
    passed: bool
