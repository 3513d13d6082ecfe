"""Regions of a maximum supported concurrency, with the exact arithmetic."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from endpoints_submission_cli.domain.errors import InvalidMaxConcurrency
from endpoints_submission_cli.domain.regions import (
    HIGH_THROUGHPUT,
    LOW_LATENCY,
    LOW_THROUGHPUT,
    MED_THROUGHPUT,
    compute_regions,
    margin_end,
)

# M: (low-throughput end, medium-throughput end, high-throughput end)
PINNED = {
    33: (33, 33, 37),
    34: (33, 34, 38),
    64: (35, 42, 71),
    100: (36, 49, 110),
    128: (37, 53, 141),
    256: (38, 69, 282),
    512: (40, 93, 564),
    1000: (42, 130, 1100),
    1024: (42, 131, 1127),
    2048: (45, 192, 2253),
    4096: (48, 287, 4506),
    8192: (52, 437, 9012),
    16384: (57, 676, 18023),
}


def bounds(max_concurrency: int) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in compute_regions(max_concurrency)]


def nearest_root(n: int, power: int) -> int:
    """The integer nearest to n**(power/3), computed without floating point."""
    target = n**power
    k = round(target ** (1 / 3))
    while (2 * k - 1) ** 3 > 8 * target:
        k -= 1
    while (2 * k + 1) ** 3 <= 8 * target:
        k += 1
    return k


class TestPinnedRegions:
    @pytest.mark.parametrize(("m", "ends"), PINNED.items())
    def test_matches_the_reference_table(self, m: int, ends: tuple) -> None:
        low_end, med_end, high_end = ends

        assert bounds(m) == [
            (1, 32),
            (33, low_end),
            (low_end + 1, med_end),
            (med_end + 1, high_end),
        ]

    def test_m_100_ends_at_110_not_the_floating_point_111(self) -> None:
        assert compute_regions(100).end == 110
        assert math.ceil(100 * 1.10) == 111

    def test_m_1024_gives_the_worked_example(self) -> None:
        assert bounds(1024)[1:] == [(33, 42), (43, 131), (132, 1127)]

    def test_m_33_has_an_empty_medium_region(self) -> None:
        regions = compute_regions(33)

        assert regions.med_throughput.is_empty
        assert (regions.med_throughput.start, regions.med_throughput.end) == (34, 33)
        assert regions.classify(34) is regions.high_throughput


class TestRegionProperties:
    @pytest.mark.parametrize("chunk", range(20))
    def test_regions_are_contiguous_and_end_at_the_margin(self, chunk: int) -> None:
        """For every M from 33 to 20000 the regions tile 1..ceil(11M/10)."""
        for m in range(max(33, chunk * 1000), (chunk + 1) * 1000 + 1):
            regions = list(compute_regions(m))
            assert regions[0].start == 1
            assert regions[0].end == 32
            for before, after in itertools.pairwise(regions):
                assert after.start == before.end + 1
                assert after.start <= after.end + 1
            assert regions[-1].end == math.ceil(Fraction(11 * m, 10))
            assert regions[-1].end >= regions[-1].start

    @pytest.mark.parametrize("chunk", range(20))
    def test_log_spaced_ends_equal_the_exact_nearest_integers(self, chunk: int) -> None:
        for m in range(max(33, chunk * 1000), (chunk + 1) * 1000 + 1):
            n = m - 32
            low = compute_regions(m).low_throughput
            med = compute_regions(m).med_throughput
            assert low.end == 32 + nearest_root(n, 1)
            assert med.end == 32 + nearest_root(n, 2)

    def test_margin_end_is_exact_for_multiples_of_ten(self) -> None:
        assert [margin_end(m) for m in (50, 90, 100, 200, 700, 3000)] == [
            55,
            99,
            110,
            220,
            770,
            3300,
        ]


class TestClassify:
    @pytest.mark.parametrize(
        ("concurrency", "key"),
        [
            (1, LOW_LATENCY),
            (32, LOW_LATENCY),
            (33, LOW_THROUGHPUT),
            (42, LOW_THROUGHPUT),
            (43, MED_THROUGHPUT),
            (131, MED_THROUGHPUT),
            (132, HIGH_THROUGHPUT),
            (1024, HIGH_THROUGHPUT),
            (1025, HIGH_THROUGHPUT),
            (1127, HIGH_THROUGHPUT),
        ],
    )
    def test_places_a_concurrency_in_its_region(self, concurrency, key) -> None:
        assert compute_regions(1024).classify(concurrency).key == key

    @pytest.mark.parametrize("concurrency", [0, -1, 1128, 9999])
    def test_places_out_of_range_concurrencies_nowhere(self, concurrency) -> None:
        assert compute_regions(1024).classify(concurrency) is None

    def test_looks_regions_up_by_key(self) -> None:
        regions = compute_regions(1024)

        assert regions.get(MED_THROUGHPUT) is regions.med_throughput
        assert regions.get("submitters_choice") is None


class TestMinimumDurations:
    def test_low_latency_needs_ten_minutes_and_the_others_twenty(self) -> None:
        durations = [r.min_duration_ms for r in compute_regions(1024)]

        assert durations == [600_000, 1_200_000, 1_200_000, 1_200_000]

    def test_takes_the_durations_of_another_ruleset(self) -> None:
        durations = dict.fromkeys(
            (LOW_LATENCY, LOW_THROUGHPUT, MED_THROUGHPUT, HIGH_THROUGHPUT), 600_000
        )

        regions = compute_regions(1024, durations)

        assert {r.min_duration_ms for r in regions} == {600_000}


class TestInvalidMaxConcurrency:
    @pytest.mark.parametrize("value", [32, 0, -5, 33.0, "64", True, None])
    def test_rejects_values_that_are_not_integers_above_32(self, value) -> None:
        with pytest.raises(InvalidMaxConcurrency) as caught:
            compute_regions(value)

        assert caught.value.value == value
        assert "32" in str(caught.value)
        assert repr(value) in str(caught.value)

    def test_is_a_value_error(self) -> None:
        with pytest.raises(ValueError, match="greater than 32"):
            compute_regions(10)
