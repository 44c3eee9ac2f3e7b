"""An open-circuit potential carried by value: a table of (stoichiometry, V vs Li/Li+) points.

A material whose curve was measured (a half-cell curve imported from CSV, io/curve_import.py) or
came from a parameter file carries its curve as a ``TabulatedOcp`` instead of naming a built-in
fit. The table is interpolated linearly and clamped at its ends, as the built-in curves are, and
turns into an ``OcpCurve`` so that metrics, windows and discharge use it as they use a fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.ocp import CURVES, FloatArray, OcpCurve

MAX_TABLE_POINTS = 5001  # bounds what a file can make the core interpolate
TABLE_CURVE_ID = "table"  # the id of a tabulated curve that names no chemistry


@dataclass(frozen=True, slots=True)
class TabulatedOcp:
    """Points of a curve, stoichiometry strictly increasing and potential never rising with it.

    ``chemistry`` optionally names a built-in curve id whose documented chemistry defaults (cut-off
    voltages, diffusivity; docs/discharge.md) apply where the record gives none. ``note`` says how
    the table was made (what was smoothed, and by how much).
    """

    stoichiometry: tuple[float, ...]
    voltage_V: tuple[float, ...]  # vs Li/Li+
    lithiated_limit: float  # end of the usable window, as OcpCurve.lithiated_limit
    name: str = "tabulated curve"
    source: str = "user"
    chemistry: str = ""
    note: str = ""
    # Hashed once: curves are cached by table, and a table of a thousand points is looked up
    # every time a metric asks a material for its curve.
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __hash__(self) -> int:
        return self._hash

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "_hash",
            hash(
                (
                    self.stoichiometry,
                    self.voltage_V,
                    self.lithiated_limit,
                    self.name,
                    self.source,
                    self.chemistry,
                )
            ),
        )
        theta, volts = self.stoichiometry, self.voltage_V
        if not 2 <= len(theta) <= MAX_TABLE_POINTS:
            raise InputError("ocp_table.stoichiometry", f"{len(theta)} points", f"2 to {MAX_TABLE_POINTS}")
        if len(volts) != len(theta):
            raise InputError(
                "ocp_table.voltage", f"{len(volts)} points", f"one per stoichiometry ({len(theta)})"
            )
        for i, (x, v) in enumerate(zip(theta, volts, strict=True)):
            if not (math.isfinite(x) and 0.0 <= x <= 1.0):
                raise InputError(f"ocp_table.stoichiometry[{i}]", x, "a finite fraction 0 to 1")
            if not (math.isfinite(v) and -1.0 <= v <= 10.0):
                raise InputError(f"ocp_table.voltage[{i}]", v, "a finite potential from -1 to 10 V")
            if i and x <= theta[i - 1]:
                raise InputError(
                    f"ocp_table.stoichiometry[{i}]", x, f"a value above the previous one ({theta[i - 1]:g})"
                )
            if i and v > volts[i - 1]:
                raise InputError(
                    f"ocp_table.voltage[{i}]",
                    v,
                    f"at most the previous value ({volts[i - 1]:g} V): a host loses potential as it fills",
                )
        if not theta[0] < self.lithiated_limit <= theta[-1]:
            raise InputError(
                "ocp_table.lithiated_limit",
                self.lithiated_limit,
                f"a stoichiometry above {theta[0]:g} and at most {theta[-1]:g} (the table's range)",
            )
        if self.chemistry and self.chemistry not in CURVES:
            raise InputError("ocp_table.chemistry", self.chemistry, "one of " + ", ".join(sorted(CURVES)))

    def potential(self, theta: FloatArray) -> FloatArray:
        """Linear interpolation, clamped at the table's ends."""
        grid, values = _arrays(self)
        return np.asarray(np.interp(theta, grid, values), dtype=float)

    def curve(self) -> OcpCurve:
        return _curve(self)


@lru_cache(maxsize=64)
def _arrays(table: TabulatedOcp) -> tuple[FloatArray, FloatArray]:
    grid = np.array(table.stoichiometry, dtype=float)
    values = np.array(table.voltage_V, dtype=float)
    grid.flags.writeable = False
    values.flags.writeable = False
    return grid, values


@lru_cache(maxsize=64)
def _curve(table: TabulatedOcp) -> OcpCurve:
    # The id is the chemistry's where one is named: the defaults keyed by curve id then apply.
    # Caches key on the curve itself (equal tables give equal curves), never on the id alone.
    return OcpCurve(
        id=table.chemistry or TABLE_CURVE_ID,
        name=table.name,
        source=table.source,
        function=table.potential,
        theta_min=table.stoichiometry[0],
        theta_max=table.stoichiometry[-1],
        lithiated_limit=table.lithiated_limit,
    )
