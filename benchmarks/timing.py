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
