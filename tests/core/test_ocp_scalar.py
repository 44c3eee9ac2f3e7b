"""The float paths of an OCP curve give the numbers of its numpy paths, to the last bit.

The live metrics average a curve over one window at a time in float arithmetic; sweeps and the
discharge use the vectorised forms. A design must read the same in both.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from cellstack.core.ocp import CURVES, OcpCurve


def _same(got: float, expected: float) -> bool:
    return got == expected or (math.isnan(got) and math.isnan(expected))


@pytest.mark.parametrize("curve", list(CURVES.values()), ids=list(CURVES))
def test_mean_below_one_is_mean_below(curve: OcpCurve) -> None:
    rng = np.random.default_rng(7)
    lo, hi = curve.theta_min, curve.lithiated_limit
    grid = np.linspace(lo, hi, 4001)
    ends = [hi, lo, *rng.uniform(lo, hi, 40), *(float(grid[k]) for k in (1, 2000, 3999))]
    spans = [0.0, 1e-12, hi - lo, 2.0 * (hi - lo), *rng.uniform(0.0, hi - lo, 40)]
    for end in ends:
        for span in spans:
            with np.errstate(invalid="ignore"):  # a window ending at the fit's start: 0/0
                expected = float(curve.mean_below(end, span))
            assert _same(curve.mean_below_one(end, span), expected), (end, span)


@pytest.mark.parametrize("curve", list(CURVES.values()), ids=list(CURVES))
def test_value_at_is_a_call(curve: OcpCurve) -> None:
    for theta in np.linspace(curve.theta_min - 0.1, curve.theta_max + 0.1, 97):
        assert curve.value_at(float(theta)) == float(curve(float(theta)))
