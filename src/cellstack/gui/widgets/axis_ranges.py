"""Axis limits of the plots: round numbers that hold still while a spin box drags a value."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def rate_axis_range(rates: Sequence[float]) -> tuple[float, float]:
    """The log10 x range of a rate plot: the rates computed, a twentieth of a decade beyond them,
    and at least one decade so the axis carries a labelled tick."""
    low, high = np.log10(min(rates)), np.log10(max(rates))
    middle, half = (low + high) / 2, max((high - low) / 2, 0.5) + 0.05
    return float(middle - half), float(middle + half)


def nice_ceiling(value: float) -> float:
    """The next of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 x 10^k at or above ``value``.

    Axis ranges rounded this way stay put while a spin box drags a thickness by a few percent,
    so pyqtgraph keeps its cached axes instead of laying them out again on every edit.
    """
    if not value > 0 or not np.isfinite(value):
        return 1.0
    exponent = np.floor(np.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        candidate = step * 10.0**exponent
        if candidate >= value * (1 - 1e-12):
            return float(candidate)
    return float(10.0 ** (exponent + 1))


def sticky_ceiling(value: float, current: float) -> float:
    """The axis limit to show ``value``: the current limit while it still holds the value and
    leaves less than a third of the axis empty, else nice_ceiling(value). A thickness dragged
    back and forth across a step of nice_ceiling then leaves the axis where it is."""
    if np.isfinite(current) and value <= current <= 1.5 * value:
        return float(current)
    return nice_ceiling(value)


def sticky_limits(
    low: float, high: float, shown: tuple[float, float] | None, step: float = 0.1
) -> tuple[float, float]:
    """Axis limits for data from ``low`` to ``high``: outward to multiples of ``step``, or the
    ``shown`` limits while they still hold the data and are at most two steps wider. A curve end
    that wanders across a step while a spin box drags then leaves the axis where it is."""
    wanted = (
        round(float(np.floor(low / step + 1e-6)) * step, 10),
        round(float(np.ceil(high / step - 1e-6)) * step, 10),
    )
    holds = shown is not None and shown[0] <= low and high <= shown[1]
    if shown is not None and holds and shown[1] - shown[0] <= wanted[1] - wanted[0] + 2 * step + 1e-9:
        return shown
    return wanted
