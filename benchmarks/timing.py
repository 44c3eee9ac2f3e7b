"""Shared timing helper for the benchmark scripts (run them as `python benchmarks/NAME.py`)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeats: int, inner: int = 1) -> float:
    """Median over ``repeats`` samples of the mean time of ``inner`` calls of ``action``."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(inner):
            action()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def paired_ratio(
    action: Callable[[], object], baseline: Callable[[], object], rounds: int = 31, inner: int = 40
) -> float:
    """Median over ``rounds`` of time(action) / time(baseline), the two timed back to back each round.

    Load from other processes drifts over seconds; a ratio of two neighbouring samples cancels it
    where a ratio of two separately taken medians does not.
    """
    ratios = []
    for _ in range(rounds):
        first = median_seconds(baseline, 1, inner)
        second = median_seconds(action, 1, inner)
        ratios.append(second / first)
    return statistics.median(ratios)
