"""The OCP a discharge uses for a material: its published fit, or an approximate curve.

Materials without a published fit (TiNb2O7, LiNiVO4, TiO2, Li-rich NMC, doped variants whose
record names no curve) still have an average voltage and a capacity. From those an approximate
curve is built, documented as an assumption and flagged wherever it is used:

    U(θ) = V_avg + k · ln((1 − θ)/θ),   k = 2·RT/F at 25 °C (≈ 51 mV)

a Nernst-like slope (twice the ideal-solution one) centred on θ = ½. The material's usable window
is centred there too: of width f = practical/theoretical capacity (0.8 when the record gives only
one capacity), so the curve's mean over that window is V_avg exactly, and it rises or falls
steeply at the window's ends like a real host's. Every host loses potential as it fills, so the
same form serves positive and negative electrodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cellstack.core.material import Material
from cellstack.core.ocp import FloatArray, OcpCurve, get_curve
from cellstack.core.units import FARADAY, GAS_CONSTANT, ROOM_TEMPERATURE

APPROXIMATE_SLOPE_V = 2.0 * GAS_CONSTANT * ROOM_TEMPERATURE / FARADAY
APPROXIMATE_DEFAULT_FRACTION = 0.8  # usable share of the host when only one capacity is known
_APPROXIMATE_WINDOW = (0.005, 0.995)
# A curve is sampled once at this many stoichiometries and interpolated linearly: within 0.2 mV of
# every shipped fit (5 µV for most; a test checks), and many times faster than the tanh sums.
TABLE_POINTS = 8001
_FRACTION_RANGE = (0.05, 0.98)


@dataclass(frozen=True, slots=True)
class ResolvedOcp:
    curve: OcpCurve
    approximate: bool
    usable_fraction: float  # share of the host's capacity the material's practical capacity uses


def usable_fraction(material: Material, curve: OcpCurve | None = None) -> float:
    """Practical over theoretical capacity, or the curve's window when one of them is missing."""
    props = material.properties
    practical, theoretical = props.capacity_practical_C_kg, props.capacity_theoretical_C_kg
    if practical is not None and theoretical is not None and theoretical.value > 0:
        return min(max(practical.value / theoretical.value, _FRACTION_RANGE[0]), _FRACTION_RANGE[1])
    if curve is not None:
        return curve.usable_span
    return APPROXIMATE_DEFAULT_FRACTION


def _logistic(v_avg: float, theta: FloatArray) -> FloatArray:
    return np.asarray(
        np.maximum(v_avg + APPROXIMATE_SLOPE_V * np.log((1.0 - theta) / theta), 0.0), dtype=float
    )


@lru_cache(maxsize=256)
def _approximate(material_id: str, name: str, v_avg: float, source: str, fraction: float) -> OcpCurve:
    def function(theta: FloatArray) -> FloatArray:
        return _logistic(v_avg, theta)

    return OcpCurve(
        id=f"approximate:{material_id}",
        name=f"{name} (approximate: {v_avg:.2f} V average, Nernst-like slope)",
        source=source,
        function=function,
        theta_min=_APPROXIMATE_WINDOW[0],
        theta_max=_APPROXIMATE_WINDOW[1],
        lithiated_limit=0.5 + fraction / 2.0,
    )


def approximate_curve(material: Material) -> OcpCurve | None:
    """A curve from the material's average voltage and capacities; None without an average voltage."""
    v_avg = material.properties.voltage_average_V
    if v_avg is None:
        return None
    fraction = usable_fraction(material)
    return _approximate(material.id, material.name, float(v_avg.value), v_avg.source, fraction)


def resolve_ocp(material: Material) -> ResolvedOcp | None:
    """The published fit the record names, else an approximate curve, else None."""
    curve = get_curve(material.ocp) if material.ocp else None
    if curve is not None:
        return ResolvedOcp(curve, False, usable_fraction(material, curve))
    approximate = approximate_curve(material)
    if approximate is None:
        return None
    return ResolvedOcp(approximate, True, usable_fraction(material))


@dataclass(frozen=True, slots=True)
class OcpTable:
    """A curve sampled at evenly spaced stoichiometries over its window."""

    grid: FloatArray
    values: FloatArray
    start: float
    step: float
    samples: tuple[float, ...]  # the values as Python floats, for one-number look-ups

    def __call__(self, theta: FloatArray) -> FloatArray:
        """Linear interpolation; clamped outside the window, as the curve is."""
        return np.asarray(np.interp(theta, self.grid, self.values), dtype=float)

    def at(self, theta: float) -> float:
        """The same for one number, in plain float arithmetic (no numpy call)."""
        last = len(self.samples) - 1
        position = min(max((theta - self.start) / self.step, 0.0), float(last))
        k = min(int(position), last - 1)
        low, high = self.samples[k], self.samples[k + 1]
        return low + (position - k) * (high - low)


@lru_cache(maxsize=128)
def ocp_table(curve: OcpCurve) -> OcpTable:
    grid = np.linspace(curve.theta_min, curve.theta_max, TABLE_POINTS)
    values = np.asarray(curve(grid), dtype=float)
    grid.flags.writeable = False
    values.flags.writeable = False
    step = (curve.theta_max - curve.theta_min) / (TABLE_POINTS - 1)
    return OcpTable(grid, values, curve.theta_min, step, tuple(float(v) for v in values))
