"""The documents of a submission and the quantities derived from a summary."""

from __future__ import annotations

import pytest

from endpoints_submission_cli.domain.documents import (
    ABSENT,
    PercentileBlock,
    PointConfig,
    ResultSummary,
    RuntimeSettings,
)


def summary(**fields: object) -> ResultSummary:
    values: dict = {"n_samples_completed": 1000, "duration_ns": 1_200_000_000_000}
    values.update(fields)
    return ResultSummary(**values)


class TestPointConfig:
    def test_defaults_follow_the_schema(self) -> None:
        config = PointConfig(64)

        assert config.region is None
        assert config.dataset == ""
        assert config.runtime_settings == RuntimeSettings(
            load_pattern="concurrency",
            min_duration_ms=600_000,
            min_sample_count=None,
            stream_all_chunks=True,
        )


class TestResultSummary:
    def test_defaults_follow_the_schema(self) -> None:
        result = summary()

        assert (result.n_samples_issued, result.n_samples_failed) == (0, 0)
        assert result.ttft == PercentileBlock(0.0, {})
        assert result.system_tps is ABSENT
        assert result.tps_per_user is ABSENT

    def test_durations_are_derived_from_nanoseconds(self) -> None:
        result = summary()

        assert result.duration_ms == 1_200_000
        assert result.elapsed_s == 1200
        assert result.sample_count == 1000

    def test_output_tokens_are_the_total_truncated_toward_zero(self) -> None:
        assert summary(
            output_sequence_lengths=PercentileBlock(499.9)
        ).total_output_tokens == (499)
        assert summary(
            output_sequence_lengths=PercentileBlock(-0.9)
        ).total_output_tokens == (0)

    def test_system_tps_is_tokens_over_elapsed_seconds(self) -> None:
        result = summary(output_sequence_lengths=PercentileBlock(500_000))

        assert result.derived_system_tps == pytest.approx(416.6667, abs=1e-4)

    @pytest.mark.parametrize("duration_ns", [0, -1])
    def test_system_tps_is_zero_without_elapsed_time(self, duration_ns: int) -> None:
        result = summary(
            duration_ns=duration_ns, output_sequence_lengths=PercentileBlock(5)
        )

        assert result.derived_system_tps == 0.0

    def test_ttft_percentiles_are_read_in_milliseconds(self) -> None:
        result = summary(ttft=PercentileBlock(0, {"50": 9e7, "95": 1.8e8}))

        assert (result.ttft_p50_ms, result.ttft_p95_ms) == (90.0, 180.0)

    def test_missing_ttft_percentiles_are_zero(self) -> None:
        result = summary(ttft=PercentileBlock(0, {"50.0": 9e7}))

        assert (result.ttft_p50_ms, result.ttft_p95_ms) == (0, 0)
