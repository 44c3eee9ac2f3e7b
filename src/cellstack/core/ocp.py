"""Open-circuit potentials (V vs Li/Li+) as functions of the Li stoichiometry of the host.

Each curve is written from the published coefficients listed in docs/physics.md, with the window
in which the fit is valid. Outside that window the stoichiometry is clamped, so a curve never
returns NaN. Both electrodes are described the same way: the usable window of a curve ends at
``lithiated_limit`` (the discharged end of a positive electrode, the charged end of a negative
one) and extends towards lower stoichiometry by the fraction of the host's capacity in use.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

import numpy as np
from numpy.typing import NDArray

from cellstack.core.units import FARADAY, GAS_CONSTANT

FloatArray = NDArray[np.float64]
_GRID_POINTS = 4001


@dataclass(frozen=True)
class OcpCurve:
    id: str
    name: str
    source: str  # reference key
    function: Callable[[FloatArray], FloatArray] = field(repr=False)
    theta_min: float
    theta_max: float
    lithiated_limit: float  # end of the usable window (discharged cathode / charged anode)

    def __call__(self, theta: FloatArray | float) -> FloatArray:
        clamped = np.clip(np.asarray(theta, dtype=float), self.theta_min, self.theta_max)
        return self.function(clamped)

    @property
    def usable_span(self) -> float:
        """The widest window the fit covers below the lithiated limit."""
        return self.lithiated_limit - self.theta_min

    def window_mean(self, span: FloatArray | float) -> FloatArray:
        """Mean potential over [lithiated_limit - span, lithiated_limit], vectorised in span.

        A span wider than the fit covers is limited to what the fit covers.
        """
        return self.mean_below(self.lithiated_limit, span)

    def mean_below(self, end: float, span: FloatArray | float) -> FloatArray:
        """Mean potential over [end - span, end] (end at most the lithiated limit), vectorised in
        span; a span reaching below the fit is limited to what the fit covers."""
        grid, cumulative = _cumulative_integral(self)
        width = np.clip(np.asarray(span, dtype=float), 1e-9, end - self.theta_min)
        total = np.interp(end, grid, cumulative) - np.interp(end - width, grid, cumulative)
        return np.asarray(total / width, dtype=float)

    # One design at a time (the live metrics) asks for single numbers: numpy's per-call cost on a
    # scalar is most of the work there, so these give the same numbers in float arithmetic.
    def value_at(self, theta: float) -> float:
        """The potential at one stoichiometry, clamped to the fit as a call is."""
        # A numpy scalar, as clipping a 0-d array gives a call: numpy's scalar and array loops
        # may round the last bit differently, and the two paths must agree.
        clamped = np.float64(min(max(theta, self.theta_min), self.theta_max))
        return float(self.function(cast("FloatArray", clamped)))

    def mean_below_one(self, end: float, span: float) -> float:
        """``mean_below`` for one span."""
        grid, cumulative = _cumulative_lists(self)
        width = min(max(span, 1e-9), end - self.theta_min)
        total = _interp(end, grid, cumulative) - _interp(end - width, grid, cumulative)
        if width == 0.0:  # a window ending at the fit's start: what numpy's division gives
            return math.nan if total == 0.0 else math.copysign(math.inf, total)
        return total / width


# Keyed by the curve itself, not its id: a tabulated curve (ocp_table.py) is not in CURVES.
@lru_cache(maxsize=256)
def _cumulative_integral(curve: OcpCurve) -> tuple[FloatArray, FloatArray]:
    grid = np.linspace(curve.theta_min, curve.lithiated_limit, _GRID_POINTS)
    values = curve(grid)
    steps = 0.5 * (values[1:] + values[:-1]) * np.diff(grid)
    return grid, np.concatenate(([0.0], np.cumsum(steps)))


@lru_cache(maxsize=256)
def _cumulative_lists(curve: OcpCurve) -> tuple[list[float], list[float]]:
    grid, cumulative = _cumulative_integral(curve)
    return grid.tolist(), cumulative.tolist()


def _interp(x: float, xp: list[float], fp: list[float]) -> float:
    """np.interp at one point, step for step (the same rounding, so the same number)."""
    j = bisect_right(xp, x) - 1
    if j < 0:
        return fp[0]
    if j == len(xp) - 1 or xp[j] == x:  # at or beyond the last point, or on a grid point
        return fp[j]
    slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
    return slope * (x - xp[j]) + fp[j]


def _lco_dualfoil(y: FloatArray) -> FloatArray:
    s = 1.062 * y
    return np.asarray(
        2.16216
        + 0.07645 * np.tanh(30.834 - 54.4806 * s)
        + 2.1581 * np.tanh(52.294 - 50.294 * s)
        - 0.14169 * np.tanh(11.0923 - 19.8543 * s)
        + 0.2051 * np.tanh(1.4684 - 5.4888 * s)
        + 0.2531 * np.tanh((-s + 0.56478) / 0.1316)
        - 0.02167 * np.tanh((s - 0.525) / 0.006)
    )


def _nmc811_chen(y: FloatArray) -> FloatArray:
    return np.asarray(
        -0.8090 * y
        + 4.4875
        - 0.0428 * np.tanh(18.5138 * (y - 0.5542))
        - 17.7326 * np.tanh(15.7890 * (y - 0.3117))
        + 17.5842 * np.tanh(15.9308 * (y - 0.3120))
    )


def _nmc532_mohtat(y: FloatArray) -> FloatArray:
    poly = 4.3452 - 1.6518 * y + 1.6225 * y**2 - 2.0843 * y**3 + 3.5146 * y**4 - 2.2166 * y**5
    return np.asarray(poly - 5.623e-5 * np.exp(109.451 * y - 100.006))


def _nmc111_bpx(y: FloatArray) -> FloatArray:
    return np.asarray(
        -3.04420906 * y
        + 10.04892207
        - 0.65637536 * np.tanh(-4.02134095 * (y - 0.80063948))
        + 4.24678547 * np.tanh(12.17805062 * (y - 7.57659337))
        - 0.3757068 * np.tanh(59.33067782 * (y - 0.99784492))
    )


def _nca_dualfoil(y: FloatArray) -> FloatArray:
    return np.asarray(
        3.836
        - 0.128 * np.tanh((y - 0.929) / 0.123)
        - 0.177 * np.tanh((y - 0.634) / 0.123)
        - 0.076 * np.tanh((y - 0.475) / 0.0498)
    )


def _lfp_afshar(y: FloatArray) -> FloatArray:
    return np.asarray(3.4077 - 0.020269 * y + 0.5 * np.exp(-150 * y) - 0.9 * np.exp(-30 * (1 - y)))


def _lmo_doyle(y: FloatArray) -> FloatArray:
    return np.asarray(
        4.19829
        + 0.0565661 * np.tanh(-14.5546 * y + 8.60942)
        - 0.0275479 * ((0.998432 - y) ** -0.492465 - 1.90111)
        - 0.157123 * np.exp(-0.04738 * y**8)
        + 0.810239 * np.exp(-40 * (y - 0.133875))
    )


_LNMO_PRON_THETA = np.array(
    [0.02, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.85, 0.90, 0.93, 0.95, 0.97, 0.98]
)
_LNMO_PRON_U = np.array(
    [
        4.855,
        4.814,
        4.796,
        4.786,
        4.780,
        4.773,
        4.750,
        4.746,
        4.739,
        4.721,
        4.687,
        4.549,
        4.259,
        4.139,
        4.066,
        4.031,
    ]
)


def _lnmo_pron(theta: FloatArray) -> FloatArray:
    return np.asarray(np.interp(theta, _LNMO_PRON_THETA, _LNMO_PRON_U))


def _v2o5_dualfoil(y: FloatArray) -> FloatArray:
    return np.asarray(
        3.3059
        + 0.092769 * np.tanh(-14.362 * y + 6.6874)
        - 0.034252 * np.exp(100 * (y - 0.96))
        + 0.00724 * np.exp(80 * (0.01 - y))
    )


def _graphite_chen(x: FloatArray) -> FloatArray:
    return np.asarray(
        1.9793 * np.exp(-39.3631 * x)
        + 0.2482
        - 0.0909 * np.tanh(29.8538 * (x - 0.1234))
        - 0.04478 * np.tanh(14.9159 * (x - 0.2769))
        - 0.0205 * np.tanh(30.4444 * (x - 0.6103))
    )


def _si_lithiation(x: FloatArray) -> FloatArray:
    poly = (
        -96.63 * x**7
        + 372.6 * x**6
        - 587.6 * x**5
        + 489.9 * x**4
        - 232.8 * x**3
        + 62.99 * x**2
        - 9.286 * x
        + 0.8633
    )
    return np.asarray(poly + 1e-4 * (1 / x + 1 / (x - 1)))


def _si_delithiation(x: FloatArray) -> FloatArray:
    return np.asarray(
        -51.02 * x**7
        + 161.3 * x**6
        - 205.7 * x**5
        + 140.2 * x**4
        - 58.76 * x**3
        + 16.87 * x**2
        - 3.792 * x
        + 0.9937
    )


def _si_mean(x: FloatArray) -> FloatArray:
    return np.asarray(0.5 * (_si_lithiation(x) + _si_delithiation(x)))


_LTO_G0 = -155432.9219  # J/mol
_LTO_OMEGA = (14025.5664, 15593.5771, -100475.7578, -26389.4648)  # J/mol
_LTO_MU_COEXIST = -155770.73438  # J/mol
_LTO_GAP = (0.11861, 0.84824)


def _lto_yao(x: FloatArray) -> FloatArray:
    mu = _LTO_G0 + GAS_CONSTANT * 300.0 * np.log(x / (1 - x))
    for i, omega in enumerate(_LTO_OMEGA):
        term = (1 - 2 * x) ** (i + 1)
        if i > 0:  # the i = 0 term has no second part (and (1-2x)^-1 would divide by zero)
            term = term - 2 * i * x * (1 - x) * (1 - 2 * x) ** (i - 1)
        mu = mu + omega * term
    inside_gap = (x > _LTO_GAP[0]) & (x < _LTO_GAP[1])
    mu = np.where(inside_gap, _LTO_MU_COEXIST, mu)
    return np.asarray(-mu / FARADAY)


def _li_metal(x: FloatArray) -> FloatArray:
    return np.zeros_like(x)


def _curve(
    curve_id: str,
    name: str,
    source: str,
    function: Callable[[FloatArray], FloatArray],
    window: tuple[float, float],
    lithiated_limit: float,
) -> OcpCurve:
    return OcpCurve(curve_id, name, source, function, window[0], window[1], lithiated_limit)


# Windows and limits: docs/physics.md explains each (fit validity from physics-and-data §1,
# the lithiated limit from the parameter set's stoichiometry window where one is published).
CURVES: dict[str, OcpCurve] = {
    c.id: c
    for c in (
        _curve(
            "lco_dualfoil",
            "LiCoO2 (Dualfoil, Thomas 2003 refit)",
            "marquis2019",
            _lco_dualfoil,
            (0.30, 0.97),
            0.96,
        ),
        _curve("nmc811_chen2020", "NMC811 (Chen 2020)", "chen2020", _nmc811_chen, (0.10, 1.00), 0.9084),
        _curve(
            "nmc532_mohtat2020", "NMC532 (Mohtat 2020)", "mohtat2020", _nmc532_mohtat, (0.03, 0.99), 0.8909
        ),
        _curve("nmc111_bpx", "NMC111 (About:Energy BPX)", "bpx2023", _nmc111_bpx, (0.20, 0.9621), 0.9621),
        _curve(
            "nca_dualfoil",
            "LiNi0.8Co0.2O2 (Dualfoil, Bogatu 2000)",
            "dualfoil",
            _nca_dualfoil,
            (0.40, 0.99),
            0.99,
        ),
        _curve("lfp_afshar2017", "LiFePO4 (Afshar 2017)", "afshar2017", _lfp_afshar, (0.01, 0.99), 0.95),
        _curve("lmo_doyle1996", "LiMn2O4 (Doyle 1996)", "doyle1996", _lmo_doyle, (0.17, 0.99), 0.99),
        _curve(
            "lnmo_pron2019",
            "LiNi0.5Mn1.5O4 (Pron 2019, tabulated)",
            "pron2019",
            _lnmo_pron,
            (0.02, 0.98),
            0.98,
        ),
        _curve("v2o5_dualfoil", "V2O5 (Dualfoil)", "dualfoil", _v2o5_dualfoil, (0.01, 0.95), 0.95),
        _curve(
            "graphite_chen2020", "Graphite-SiOx (Chen 2020)", "chen2020", _graphite_chen, (0.01, 0.99), 0.9014
        ),
        _curve(
            "si_verbrugge2016",
            "Si, mean of lithiation and delithiation (Verbrugge 2016)",
            "verbrugge2016",
            _si_mean,
            (0.01, 0.99),
            0.95,
        ),
        _curve(
            "lto_yao2024", "Li4Ti5O12 (Yao and Viswanathan 2024)", "yao2024", _lto_yao, (0.01, 0.99), 0.95
        ),
        _curve("li_metal", "Li metal (reference electrode, 0 V)", "yang2020", _li_metal, (0.0, 1.0), 1.0),
    )
}


def get_curve(curve_id: str) -> OcpCurve | None:
    return CURVES.get(curve_id)
