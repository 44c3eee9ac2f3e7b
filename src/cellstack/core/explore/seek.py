"""Goal seek: the value of one input at which one output reaches a target.

The input's range is scanned first (the output need not be monotonic); among the brackets
where the output crosses the target, the one nearest the current design is refined with
Brent's method. A target outside what the scan reaches is reported with that reachable range.
A count (units, cells) takes whole values only: its crossing is narrowed by bisection over whole
numbers, and the nearer of the two counts either side of the target is returned with the other.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from cellstack.core.sweep import FloatArray

BatchFunction = Callable[[FloatArray], FloatArray]  # input values -> output values (NaN: none)


@dataclass(frozen=True)
class SeekResult:
    value: float  # the input
    achieved: float  # the output there
    evaluations: int
    # A count: the whole number on the other side of the target and its output (None if exact).
    other: tuple[float, float] | None = None


class OutOfReach(Exception):
    """No scanned value of the input brings the output to the target."""

    def __init__(self, lowest: float, highest: float) -> None:
        super().__init__(f"reachable from {lowest:g} to {highest:g}")
        self.lowest = lowest
        self.highest = highest


def seek(
    function: BatchFunction,
    scan: FloatArray,
    target: float,
    current: float,
    *,
    rtol: float = 1e-10,
) -> SeekResult:
    """The input value in ``[scan[0], scan[-1]]`` where ``function`` equals ``target``.

    Raises OutOfReach with the lowest and highest finite output of the scan (NaN, NaN when no
    design of the scan has the output at all).
    """
    outputs = np.asarray(function(scan), dtype=float)
    start, crossing = _bracket(scan, outputs, target, current)
    if crossing is None:
        return SeekResult(start, target, len(scan))
    count = [len(scan)]

    def scalar(x: float) -> float:
        count[0] += 1
        return float(np.asarray(function(np.array([x])))[0]) - target

    low, high = float(scan[crossing]), float(scan[crossing + 1])
    root = float(brentq(scalar, low, high, xtol=1e-12 * max(abs(low), abs(high), 1e-300), rtol=rtol))
    achieved = float(np.asarray(function(np.array([root])))[0])
    return SeekResult(root, achieved, count[0] + 1)


def seek_whole(
    function: BatchFunction, low: int, high: int, target: float, current: float, points: int = 201
) -> SeekResult:
    """The whole number in ``[low, high]`` whose output is nearest ``target``, on the crossing
    nearest ``current``; ``other`` is the count on the far side of the target. Raises OutOfReach
    as ``seek`` does."""
    # Evenly in log over a wide range (1 to 10 000 units), rounded: both ends stay in the scan.
    wide = low >= 1 and high / low > 100
    scan = np.unique(np.round((np.geomspace if wide else np.linspace)(low, high, points)))
    outputs = np.asarray(function(scan), dtype=float)
    start, crossing = _bracket(scan, outputs, target, current)
    evaluations = len(scan)
    if crossing is None:
        return SeekResult(start, target, evaluations)
    below, above = int(scan[crossing]), int(scan[crossing + 1])
    at_below, at_above = float(outputs[crossing]), float(outputs[crossing + 1])
    while above - below > 1:  # the output changes sign between them: halve the gap
        middle = (below + above) // 2
        at_middle = float(np.asarray(function(np.array([float(middle)])))[0])
        evaluations += 1
        if at_middle == target:
            return SeekResult(float(middle), at_middle, evaluations)
        if (at_middle - target) * (at_below - target) < 0.0:
            above, at_above = middle, at_middle
        else:
            below, at_below = middle, at_middle
    if abs(at_below - target) <= abs(at_above - target):
        return SeekResult(float(below), at_below, evaluations, (float(above), at_above))
    return SeekResult(float(above), at_above, evaluations, (float(below), at_below))


def _bracket(
    scan: FloatArray, outputs: FloatArray, target: float, current: float
) -> tuple[float, int | None]:
    """Where the output meets the target nearest ``current``: (an exact scan value, None), or
    (the bracket's low end, the bracket's index). Raises OutOfReach when it meets it nowhere."""
    finite = np.isfinite(outputs)
    if not finite.any():
        raise OutOfReach(math.nan, math.nan)
    residual = outputs - target
    exact = np.flatnonzero(finite & (residual == 0.0))
    crossings = [
        i for i in range(len(scan) - 1) if finite[i] and finite[i + 1] and residual[i] * residual[i + 1] < 0.0
    ]
    if not crossings and not exact.size:
        raise OutOfReach(float(outputs[finite].min()), float(outputs[finite].max()))
    candidates: list[tuple[float, float, int | None]] = [
        (abs(float(scan[i]) - current), float(scan[i]), None) for i in exact
    ]
    candidates += [(_distance(scan, i, current), float(scan[i]), i) for i in crossings]
    _, start, crossing = min(candidates, key=lambda c: c[0])
    return start, crossing


def _distance(scan: FloatArray, i: int, current: float) -> float:
    low, high = float(scan[i]), float(scan[i + 1])
    return (
        0.0
        if low <= current <= high or high <= current <= low
        else min(abs(low - current), abs(high - current))
    )
