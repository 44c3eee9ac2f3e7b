"""A measured constant-current discharge, as the fit compares the model with it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.ocp import FloatArray

MIN_POINTS = 5
CONSTANT_CURRENT_TOLERANCE = 0.02  # relative spread of the current a constant-current run may have


@dataclass(frozen=True)
class MeasuredCurve:
    """Points of one discharge, time strictly increasing. Exactly one of ``current_A`` (the current
    drawn, discharge positive) and ``c_rate`` per point is given; ``capacity_C`` where measured."""

    name: str  # the file (and experiment) it came from, for messages and source texts
    time_s: FloatArray
    voltage_V: FloatArray
    current_A: FloatArray | None = None
    c_rate: FloatArray | None = None
    capacity_C: FloatArray | None = None
    temperature_K: float | None = None

    def __post_init__(self) -> None:
        if (self.current_A is None) == (self.c_rate is None):
            raise InputError(f"{self.name}: current", None, "either a current or a C-rate per point")
        n = len(self.time_s)
        if n < MIN_POINTS:
            raise InputError(f"{self.name}: points", n, f"at least {MIN_POINTS} measured points")
        for label, column in self.columns().items():
            if len(column) != n:
                raise InputError(f"{self.name}: {label}", f"{len(column)} values", f"{n}, one per time")
            if not np.all(np.isfinite(column)):
                raise InputError(f"{self.name}: {label}", "a non-finite value", "finite numbers")
        if not np.all(np.diff(self.time_s) > 0.0):
            k = int(np.argmin(np.diff(self.time_s))) + 1
            raise InputError(f"{self.name}: time[{k}]", float(self.time_s[k]), "a time after the one before")

    def columns(self) -> dict[str, FloatArray]:
        named = {
            "time": self.time_s,
            "voltage": self.voltage_V,
            "current": self.current_A,
            "c_rate": self.c_rate,
            "capacity": self.capacity_C,
        }
        return {k: v for k, v in named.items() if v is not None}

    def constant(self) -> float:
        """The run's current (A) or C-rate, the median of its points; InputError where the points
        are not one constant-current discharge."""
        given = self.current_A if self.current_A is not None else self.c_rate
        assert given is not None  # __post_init__: exactly one of them
        values = np.abs(given)
        middle = float(np.median(values))
        spread = float(np.max(np.abs(values - middle)))
        if not middle > 0.0 or spread > CONSTANT_CURRENT_TOLERANCE * middle:
            what = "current" if self.current_A is not None else "c_rate"
            raise InputError(
                f"{self.name}: {what}",
                f"{np.min(values):.4g} to {np.max(values):.4g}",
                f"one constant-current discharge (within {CONSTANT_CURRENT_TOLERANCE:.0%} of its median)",
            )
        return middle
