"""Least-squares fit of a few parameters, with confidence intervals from the Jacobian.

scipy.optimize.least_squares (trust-region reflective, bounded) minimises the sum of squared
residuals. A parameter that is positive and may span decades (a diffusivity, a conductivity) is
fitted in its logarithm, so that steps are relative and it can never go negative.

At the optimum the residual variance is s² = Σr²/(m − n) (m residuals, n parameters) and the
covariance of the fitted variables is s²(JᵀJ)⁻¹, J the Jacobian of the residuals in those
variables. The 95 % interval of each is ±1.96 σ there; for a log variable it is mapped back, so
it is asymmetric in the parameter. A Jacobian whose JᵀJ is singular (a parameter the data do not
determine) gives an unbounded interval.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from cellstack.core.ocp import FloatArray

Z_95 = 1.959963984540054  # two-sided 95 % point of the normal distribution
_MAX_EVALUATIONS = 200


class FitFailed(Exception):
    """The fit did not converge; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class FitVariable:
    name: str  # shown in messages (e.g. a field path)
    start: float
    low: float
    high: float
    log: bool  # fitted in log(value); needs low >= 0 and a start > 0


@dataclass(frozen=True)
class FitResult:
    values: tuple[float, ...]
    ci_low: tuple[float, ...]  # 95 % confidence interval
    ci_high: tuple[float, ...]
    rmse: float  # of the residuals at the optimum
    evaluations: int
    message: str


def _to_inner(variable: FitVariable, value: float) -> float:
    return math.log(value) if variable.log else value


def _to_outer(variable: FitVariable, inner: float) -> float:
    return math.exp(inner) if variable.log else inner


def _inner_bounds(variable: FitVariable) -> tuple[float, float]:
    if variable.log:
        low = math.log(variable.low) if variable.low > 0.0 else -math.inf
        return low, math.log(variable.high)
    return variable.low, variable.high


def fit_least_squares(
    residuals: Callable[[Sequence[float]], FloatArray], variables: Sequence[FitVariable]
) -> FitResult:
    """The values of ``variables`` that minimise Σ residuals(values)²; FitFailed when it does not
    converge or the residuals cannot be computed at the start."""
    for v in variables:
        if v.log and not v.start > 0.0:
            raise FitFailed(f"{v.name} starts at {v.start:g}; a fit in log needs a start above 0")
    bounds = [_inner_bounds(v) for v in variables]
    x0 = np.array([_to_inner(v, v.start) for v in variables])
    low = np.array([b[0] for b in bounds])
    high = np.array([b[1] for b in bounds])
    # Nudged inside the bounds: least_squares refuses a start on a bound.
    span = np.where(np.isfinite(high - low), high - low, 1.0)
    x0 = np.clip(x0, low + 1e-9 * span, high - 1e-9 * span)

    def inner(x: FloatArray) -> FloatArray:
        return residuals([_to_outer(v, float(xi)) for v, xi in zip(variables, x, strict=True)])

    start = inner(x0)
    if not np.all(np.isfinite(start)):
        raise FitFailed("the model cannot be computed at the starting values")
    m, n = len(start), len(variables)
    if m <= n:
        raise FitFailed(f"{m} residuals cannot determine {n} parameters")
    solution = least_squares(
        inner, x0, bounds=(low, high), x_scale="jac", max_nfev=_MAX_EVALUATIONS, method="trf"
    )
    if solution.status <= 0 or not np.all(np.isfinite(solution.fun)):
        raise FitFailed(f"the fit did not converge ({solution.message})")
    r = np.asarray(solution.fun, dtype=float)
    s2 = float(r @ r) / (m - n)
    jac = np.asarray(solution.jac, dtype=float)
    try:
        covariance = s2 * np.linalg.inv(jac.T @ jac)
        sigma = np.sqrt(np.clip(np.diag(covariance), 0.0, None))
    except np.linalg.LinAlgError:
        sigma = np.full(n, math.inf)
    values, lows, highs = [], [], []
    for v, x, sd in zip(variables, solution.x, sigma, strict=True):
        values.append(_to_outer(v, float(x)))
        lows.append(_bounded_outer(v, float(x - Z_95 * sd)))
        highs.append(_bounded_outer(v, float(x + Z_95 * sd)))
    return FitResult(
        tuple(values),
        tuple(lows),
        tuple(highs),
        math.sqrt(float(r @ r) / m),
        int(solution.nfev),
        str(solution.message),
    )


def _bounded_outer(variable: FitVariable, inner: float) -> float:
    if not math.isfinite(inner):
        return math.copysign(math.inf, inner) if not variable.log or inner > 0 else 0.0
    try:
        return _to_outer(variable, inner)
    except OverflowError:
        return math.inf
