"""Concurrency regions derived from a system's maximum supported concurrency.

For a declared maximum supported concurrency M > 32, with n = M - 32 and
I = log2(n) / 3, the four regions are, all bounds inclusive:

- Low Latency: 1 to 32;
- Low Throughput: 33 to round(32 + 2**I);
- Medium Throughput: the next concurrency to round(32 + 2**(2*I));
- High Throughput: the next concurrency to the 10 % margin end ceil(11*M/10).

`round` is Python's round-half-to-even on the double-precision value; the
margin end is computed in integer arithmetic, so that M = 100 ends at 110.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

import attrs

from endpoints_submission_cli.domain.errors import InvalidMaxConcurrency

LOW_LATENCY_END = 32

LOW_LATENCY = "low_latency"
LOW_THROUGHPUT = "low_throughput"
MED_THROUGHPUT = "med_throughput"
HIGH_THROUGHPUT = "high_throughput"
REGION_KEYS = (LOW_LATENCY, LOW_THROUGHPUT, MED_THROUGHPUT, HIGH_THROUGHPUT)

REGION_LABELS = {
    LOW_LATENCY: "Low Latency",
    LOW_THROUGHPUT: "Low Throughput",
    MED_THROUGHPUT: "Medium Throughput",
    HIGH_THROUGHPUT: "High Throughput",
}

# Minimum point duration per region in the seed rules, pending ratification.
SEED_MIN_DURATION_MS: Mapping[str, int] = {
    LOW_LATENCY: 600_000,
    LOW_THROUGHPUT: 1_200_000,
    MED_THROUGHPUT: 1_200_000,
    HIGH_THROUGHPUT: 1_200_000,
}


@attrs.frozen
class Region:
    """One concurrency band, inclusive at both ends; empty when start > end."""

    key: str
    label: str
    start: int
    end: int
    min_duration_ms: int

    @property
    def is_empty(self) -> bool:
        return self.start > self.end

    def __contains__(self, concurrency: object) -> bool:
        return isinstance(concurrency, int) and self.start <= concurrency <= self.end


@attrs.frozen
class Regions:
    """The four regions of one maximum supported concurrency, in order."""

    max_concurrency: int
    low_latency: Region
    low_throughput: Region
    med_throughput: Region
    high_throughput: Region

    def __iter__(self) -> Iterator[Region]:
        yield self.low_latency
        yield self.low_throughput
        yield self.med_throughput
        yield self.high_throughput

    @property
    def end(self) -> int:
        """The highest concurrency in any region: the 10 % margin end."""
        return self.high_throughput.end

    def get(self, key: str) -> Region | None:
        """Return the region with this key, or None for an unknown key."""
        return next((region for region in self if region.key == key), None)

    def classify(self, concurrency: int) -> Region | None:
        """Return the first region that holds the concurrency, or None."""
        return next((region for region in self if concurrency in region), None)


def margin_end(max_concurrency: int) -> int:
    """Return ceil(11 * M / 10), the end of the high region, exactly."""
    return -(-11 * max_concurrency // 10)


def log_spaced_ends(max_concurrency: int) -> tuple[int, int]:
    """Return the ends of the low- and medium-throughput regions for M."""
    interval = math.log2(max_concurrency - LOW_LATENCY_END) / 3
    low_end = round(LOW_LATENCY_END + 2**interval)
    med_end = round(LOW_LATENCY_END + 2 ** (2 * interval))
    return low_end, med_end


def compute_regions(
    max_concurrency: int,
    min_duration_ms: Mapping[str, int] = SEED_MIN_DURATION_MS,
) -> Regions:
    """Compute the regions of a maximum supported concurrency.

    Raises:
        InvalidMaxConcurrency: M is not an integer or not greater than 32.
    """
    if (
        isinstance(max_concurrency, bool)
        or not isinstance(max_concurrency, int)
        or max_concurrency <= LOW_LATENCY_END
    ):
        raise InvalidMaxConcurrency(max_concurrency, LOW_LATENCY_END)

    low_end, med_end = log_spaced_ends(max_concurrency)
    bounds = {
        LOW_LATENCY: (1, LOW_LATENCY_END),
        LOW_THROUGHPUT: (LOW_LATENCY_END + 1, low_end),
        MED_THROUGHPUT: (low_end + 1, med_end),
        HIGH_THROUGHPUT: (med_end + 1, margin_end(max_concurrency)),
    }
    regions = {
        key: Region(key, REGION_LABELS[key], start, end, min_duration_ms[key])
        for key, (start, end) in bounds.items()
    }
    return Regions(max_concurrency, **regions)
