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

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from cellstack.core.material import Material
from cellstack.core.ocp import FloatArray, OcpCurve
from cellstack.core.units import FARADAY, GAS_CONSTANT, ROOM_TEMPERATURE

APPROXIMATE_SLOPE_V = 2.0 * GAS_CONSTANT * ROOM_TEMPERATURE / FARADAY
APPROXIMATE_DEFAULT_FRACTION = 0.8  # usable share of the host when only one capacity is known
_APPROXIMATE_WINDOW = (0.005, 0.995)
# A curve is sampled once at this many stoichiometries and interpolated linearly: within 0.2 mV of
# every shipped fit (5 µV for most; a test checks), and many times faster than the tanh sums.
TABLE_POINTS = 8001
_FRACTION_RANGE = (0.05, 0.98)
_SPREAD_SHAPES = 16  # shapes a JointTable keeps its columns spread to


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
    curve = material.ocp_curve()
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


@dataclass(frozen=True, slots=True, eq=False)
class JointTable:
    """The tables of one cell's electrodes, one after the other, looked up together.

    Their grids are evenly spaced, so where a stoichiometry falls is arithmetic, not np.interp's
    binary search: that search (and the copy np.interp makes of a read-only table) is most of
    what a few hundred look-ups in an 8001-point table cost. Each sample k keeps the line through
    it and the next, U = intercept_k + rise_k·position (positions counted along all the tables),
    so a look-up is nine numpy calls for both electrodes, at the surface and on average at once.
    """

    intercepts: FloatArray  # of each sample's line: its value less rise·(its index)
    rises: FloatArray  # to the next sample; 0 after each table's last, so a clamped end is exact
    scale: FloatArray  # (tables, 1) columns: samples per unit of θ
    shift: FloatArray  # index of θ = 0 (outside the table, as a real number)
    first: FloatArray  # index of each table's first sample
    last: FloatArray  # and of its last
    spread: dict[tuple[int, ...], tuple[FloatArray, ...]] = field(
        default_factory=dict, repr=False
    )  # _columns

    def __call__(self, theta: FloatArray) -> FloatArray:
        """Linear interpolation of ``theta`` shaped (..., tables, n), each row in its table."""
        scale, shift, first, last = self._columns(theta.shape)
        position = theta * scale
        position += shift
        # Clamped to each table's window, as np.interp (and the curve) clamp.
        np.maximum(position, first, out=position)
        np.minimum(position, last, out=position)
        index = position.astype(np.intp)
        # mode="clip" cannot fail; a NaN θ still gives NaN, through ``position``.
        position *= self.rises.take(index, mode="clip")
        position += self.intercepts.take(index, mode="clip")
        return position

    def lookup(self, theta: FloatArray) -> FloatArray:
        """``self(theta)`` for any number of leading axes (a batch of designs), with the columns
        broadcast rather than spread and kept: the same numbers, without caching arrays the
        size of a whole batch."""
        position = theta * self.scale
        position += self.shift
        np.maximum(position, self.first, out=position)
        np.minimum(position, self.last, out=position)
        index = position.astype(np.intp)
        position *= self.rises.take(index, mode="clip")
        position += self.intercepts.take(index, mode="clip")
        return position

    def _columns(self, shape: tuple[int, ...]) -> tuple[FloatArray, ...]:
        """scale, shift, first and last spread to ``shape``: numpy broadcasts a column at about
        twice the cost of an operand of the same shape, and a discharge asks for a few shapes."""
        columns = self.spread.get(shape)
        if columns is None:
            columns = tuple(
                np.ascontiguousarray(np.broadcast_to(c, shape))
                for c in (self.scale, self.shift, self.first, self.last)
            )
            for array in columns:
                array.flags.writeable = False
            if len(self.spread) >= _SPREAD_SHAPES:
                self.spread.clear()
            self.spread[shape] = columns
        return columns


@lru_cache(maxsize=128)
def joint_table(curves: tuple[OcpCurve, ...]) -> JointTable:
    """The JointTable of ``curves`` (each sampled as ocp_table samples it)."""
    tables = [ocp_table(curve) for curve in curves]
    rows, offset = [], 0
    for table in tables:
        count = len(table.values)
        rows.append((1.0 / table.step, offset - table.start / table.step, offset, offset + count - 1))
        offset += count
    values = np.concatenate([table.values for table in tables])
    rises = np.concatenate([np.append(np.diff(table.values), 0.0) for table in tables])
    intercepts = values - rises * np.arange(len(values), dtype=float)
    scale, shift, first, last = (
        np.array(column, dtype=float)[:, np.newaxis] for column in zip(*rows, strict=True)
    )
    for array in (intercepts, rises, scale, shift, first, last):
        array.flags.writeable = False
    return JointTable(intercepts, rises, scale, shift, first, last)
