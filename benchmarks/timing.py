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


def paired_ratios(
    action: Callable[[], object], baseline: Callable[[], object], rounds: int = 61, inner: int = 40
) -> tuple[float, float]:
    """Two estimates of time(action) / time(baseline), the two timed back to back in every round.

    Returns (ratio of the fastest round of each, median of the per-round ratios). Load from other
    processes drifts over seconds and only ever adds time: the fastest rounds are the least
    disturbed estimate of each side's own cost (as ``timeit`` recommends), and interleaving puts
    both sides' fastest rounds in the same stretch of time. The median shows how much the load
    moved it.
    """
    firsts, seconds, ratios = [], [], []
    for _ in range(rounds):
        first = median_seconds(baseline, 1, inner)
        second = median_seconds(action, 1, inner)
        firsts.append(first)
        seconds.append(second)
        ratios.append(second / first)
    return min(seconds) / min(firsts), statistics.median(ratios)
