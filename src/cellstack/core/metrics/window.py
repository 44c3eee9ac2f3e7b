"""The usable window of a positive electrode: the part of its OCP curve between its cut-off voltages.

A cathode's half-cell limits vs Li/Li+ come from its record (voltage_cutoff_low/high), else from the
usual limits of its chemistry (``CUTOFF_DEFAULTS``, keyed by OCP curve id). Between them lies the
stoichiometry range the cell may use: from the discharged end, where the curve falls to the lower
limit (or its lithiated limit, if it stays above), up to the charged end, where it rises to the upper
limit (or the end of the fit). What that range holds bounds the rated capacity, the open-circuit
energy, and the charge and discharge runs alike (docs/physics.md, "Usable window").

Without a stated limit the window is the curve's own, as before: the cell capacity alone sets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cellstack.core.layer import Layer
from cellstack.core.material import Material
from cellstack.core.metrics.layer_quantities import ChargeDensity, charge_density
from cellstack.core.metrics.results import Finding, Severity
from cellstack.core.ocp import FloatArray, OcpCurve
from cellstack.core.units import MAH_PER_G

_GRID_POINTS = 4001  # a linear crossing on this grid is within µV of the curve's own


@dataclass(frozen=True, slots=True)
class CutoffDefault:
    low_V: float  # end of discharge, positive electrode vs Li/Li+
    high_V: float  # end of charge
    source: str


# Usual half-cell limits of each positive-electrode chemistry, where a record states none
# (docs/discharge.md lists them with their sources). LiCoO2 and LiMn2O4 follow the thin-film cells
# of Jang et al. 2002 and of Bates et al. (3.0-4.4 V; 3.5-4.3 V on the 4 V plateau).
CUTOFF_DEFAULTS: dict[str, CutoffDefault] = {
    "lco_dualfoil": CutoffDefault(3.0, 4.4, "jang2002"),
    "nmc811_chen2020": CutoffDefault(2.8, 4.3, "cellstack_typical_value"),
    "nmc532_mohtat2020": CutoffDefault(2.8, 4.3, "cellstack_typical_value"),
    "nmc111_bpx": CutoffDefault(2.8, 4.3, "cellstack_typical_value"),
    "nca_dualfoil": CutoffDefault(2.8, 4.3, "cellstack_typical_value"),
    "lfp_afshar2017": CutoffDefault(2.5, 3.8, "cellstack_typical_value"),
    "lmo_doyle1996": CutoffDefault(3.5, 4.3, "cellstack_typical_value"),
    "lnmo_pron2019": CutoffDefault(3.5, 4.95, "cellstack_typical_value"),
    "v2o5_dualfoil": CutoffDefault(1.5, 3.7, "cellstack_typical_value"),
}


@dataclass(frozen=True, slots=True)
class VoltageLimits:
    """A cathode's cut-off voltages vs Li/Li+, each None where neither record nor chemistry gives one."""

    low_V: float | None
    high_V: float | None
    source: str  # of the lower limit where known, else of the upper

    def describe(self) -> str:
        low = f"{self.low_V:.2f}" if self.low_V is not None else "–"
        high = f"{self.high_V:.2f}" if self.high_V is not None else "–"
        return f"{low}–{high} V vs Li"


def voltage_limits(material: Material, curve_id: str) -> VoltageLimits:
    """The record's limits, else the chemistry's."""
    props = material.properties
    chemistry = CUTOFF_DEFAULTS.get(curve_id)
    low, high = props.voltage_cutoff_low_V, props.voltage_cutoff_high_V
    low_V = low.value if low is not None else (chemistry.low_V if chemistry else None)
    high_V = high.value if high is not None else (chemistry.high_V if chemistry else None)
    if low is not None:
        source = low.source
    elif high is not None:
        source = high.source
    else:
        source = chemistry.source if chemistry else "cellstack_assumption"
    return VoltageLimits(low_V, high_V, source)


@dataclass(frozen=True, slots=True)
class CathodeWindow:
    """The stoichiometry range of a cathode's curve inside its limits."""

    discharged_theta: float  # where the window ends on discharge (the lithiated end)
    charged_theta: float | None  # the furthest a charge may go; None without an upper limit
    limits: VoltageLimits

    @property
    def span(self) -> float | None:
        """The share of the host the window holds; None where no upper limit bounds it."""
        if self.charged_theta is None:
            return None
        return self.discharged_theta - self.charged_theta


@lru_cache(maxsize=128)
def cathode_window(curve: OcpCurve, limits: VoltageLimits) -> CathodeWindow:
    """Where ``curve`` crosses its limits, walking from its lithiated limit towards θ_min.

    Every shipped cathode curve falls as it fills, so the first crossing of each limit is the one.
    A curve that lies wholly outside a limit keeps its own end there (a record error the window
    cannot mend; the cut-off voltage then ends the run).
    """
    grid = np.linspace(curve.theta_min, curve.lithiated_limit, _GRID_POINTS)
    u = curve(grid)
    end = _GRID_POINTS - 1
    if limits.low_V is not None and u[end] < limits.low_V:
        above = np.nonzero(u >= limits.low_V)[0]
        if above.size:
            end = int(above[-1])
    discharged = float(grid[end])
    if end < _GRID_POINTS - 1:
        discharged = _crossing(grid, u, end, limits.low_V)
    if limits.high_V is None:
        return CathodeWindow(discharged, None, limits)
    over = np.nonzero(u[: end + 1] > limits.high_V)[0]
    if over.size == 0 or over[-1] == end:
        return CathodeWindow(discharged, float(grid[0]), limits)
    return CathodeWindow(discharged, _crossing(grid, u, int(over[-1]), limits.high_V), limits)


def _crossing(grid: FloatArray, u: FloatArray, k: int, level: float | None) -> float:
    """θ where the straight line from grid point k to k + 1 meets ``level``."""
    assert level is not None
    a, b = float(u[k]), float(u[k + 1])
    fraction = (a - level) / (a - b) if a != b else 0.0
    return float(grid[k] + min(max(fraction, 0.0), 1.0) * (grid[k + 1] - grid[k]))


def window_capacity_finding(
    material: Material,
    window: CathodeWindow,
    practical_C_m3: float,
    window_C_m3: float,
    layer_index: int | None,
) -> Finding:
    """Why a cathode's rated capacity is below its practical one: both numbers, per gram."""
    practical = material.properties.capacity_practical_C_kg
    per_gram = practical.value / MAH_PER_G if practical is not None else None
    if per_gram is not None:
        held = per_gram * window_C_m3 / practical_C_m3
        numbers = f"{per_gram:.0f} mAh/g is rated at the {held:.0f} mAh/g"
    else:
        numbers = f"capacity is rated at the {window_C_m3 / practical_C_m3:.0%} of its practical value"
    return Finding(
        "window_limits_capacity",
        Severity.WARNING,
        f"{material.name}: its practical {numbers} that its OCP curve holds between "
        f"{window.limits.describe()} (θ = {window.charged_theta:.3f}–{window.discharged_theta:.3f}); "
        "capacity, energy and runs use that window.",
        window.limits.source,
        layer_index,
    )


@dataclass(frozen=True, slots=True)
class CathodeRating:
    """A cathode layer's window and the capacity per layer volume it is rated at."""

    window: CathodeWindow
    rated_C_m3: float  # min(practical, theoretical × window span)
    finding: Finding | None  # window_capacity_finding, where the window is the smaller


def rate_cathode(layer: Layer, curve: OcpCurve, layer_index: int | None) -> CathodeRating | None:
    """The window of a cathode layer with a published curve, and its rated capacity; None without
    a charge density. Without a theoretical capacity the window's share of the host is unknown and
    the practical capacity stands."""
    charge = charge_density(layer)
    if charge is None:
        return None
    return rate_charge(layer.effective_material, charge, curve, layer_index)


def rate_charge(
    material: Material, charge: ChargeDensity, curve: OcpCurve, layer_index: int | None
) -> CathodeRating:
    """``rate_cathode`` for a layer whose charge density is already known."""
    window = cathode_window(curve, voltage_limits(material, curve.id))
    practical, theoretical, span = charge.practical_C_m3, charge.theoretical_C_m3, window.span
    if theoretical is None or span is None or not theoretical * span < practical:
        return CathodeRating(window, practical, None)
    held = theoretical * span
    finding = window_capacity_finding(material, window, practical, held, layer_index)
    return CathodeRating(window, held, finding)
