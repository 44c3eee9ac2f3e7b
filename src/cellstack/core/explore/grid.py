"""Points along one input (linear or logarithmic) and the full grid of one or two such axes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.sweep import FloatArray

MAX_POINTS_PER_AXIS = 100_000
MAX_DESIGNS = 1_000_000


def axis(start: float, stop: float, count: int, log: bool = False, name: str = "axis") -> FloatArray:
    """``count`` values from ``start`` to ``stop`` inclusive, evenly spaced (in log with ``log``)."""
    if not 2 <= count <= MAX_POINTS_PER_AXIS:
        raise InputError(name, count, f"a number of points from 2 to {MAX_POINTS_PER_AXIS}")
    if not (np.isfinite(start) and np.isfinite(stop)) or start == stop:
        raise InputError(name, f"{start:g}:{stop:g}", "two different finite values")
    if log:
        if start <= 0.0 or stop <= 0.0:
            raise InputError(name, f"{start:g}:{stop:g}", "values above 0 for a logarithmic axis")
        return np.geomspace(start, stop, count)
    return np.linspace(start, stop, count)


def whole_axis(values: FloatArray, name: str = "axis") -> FloatArray:
    """An axis of a count (units, cells): its values rounded, each whole number once. A pouch
    of 10.83 units does not exist; 11 is what a sweep from 1 to 60 in 7 points means."""
    whole = np.unique(np.round(values))
    if len(whole) < 2:
        raise InputError(name, f"{values[0]:g}:{values[-1]:g}", "a range holding two whole numbers")
    return whole


def grid(axes: Sequence[FloatArray]) -> FloatArray:
    """Every combination of the axes' values, one design per row, the last axis varying fastest."""
    size = int(np.prod([len(a) for a in axes]))
    if size > MAX_DESIGNS:
        raise InputError("designs", size, f"at most {MAX_DESIGNS} designs in one sweep")
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.column_stack([m.ravel() for m in mesh])
