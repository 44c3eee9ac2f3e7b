"""Monte Carlo agrees with the analytic propagation for an output linear in its input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.core.explore.engine import DesignSpace, Knob, evaluate_designs
from cellstack.core.explore.uncertainty import (
    Normal,
    UncertainInput,
    Uniform,
    monte_carlo,
    sample_inputs,
    tornado,
)
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.stack import Stack
from cellstack.core.sweep import FloatArray
from tests.core.test_sweep import composite_stack

BASE = composite_stack()
SAMPLES = 20_000


def _no_build(values: object) -> Stack:
    raise AssertionError("the vectorised path covers these inputs")


SPACE = DesignSpace(
    BASE, InterfaceTable(), _no_build, (Knob(1, "thickness_m", u.UM), Knob(2, "thickness_m", u.UM))
)


def _evaluate(points: FloatArray) -> dict[str, FloatArray]:
    return evaluate_designs(SPACE, points, ["mass_g", "capacity_mAh"])


def _slope(column: int) -> float:
    """d(mass_g)/d(thickness_um) of one layer: the output is exactly linear in it."""
    points = np.array([[40.0, 20.0], [40.0, 20.0]])
    points[1, column] += 10.0
    mass = _evaluate(points)["mass_g"]
    return float(mass[1] - mass[0]) / 10.0


def test_normal_and_uniform_inputs_propagate_as_the_linear_formula_says() -> None:
    inputs = (
        UncertainInput(40.0, Normal(2.0), 0.0, 1e5),
        UncertainInput(20.0, Uniform(15.0, 25.0), 0.0, 1e5),
    )
    spread = monte_carlo(_evaluate, inputs, SAMPLES, seed=7).spreads["mass_g"]
    nominal = float(_evaluate(np.array([[40.0, 20.0]]))["mass_g"][0])
    k1, k2 = _slope(0), _slope(1)
    std = math.hypot(k1 * 2.0, k2 * 10.0 / math.sqrt(12.0))
    # Four standard errors: the seed is fixed, the margin is what any seed would need.
    assert spread.mean == pytest.approx(nominal, abs=4 * std / math.sqrt(SAMPLES))
    assert spread.std == pytest.approx(std, rel=4 / math.sqrt(2 * SAMPLES))
    assert spread.p2_5 < nominal < spread.p97_5
    assert spread.p97_5 - spread.p2_5 == pytest.approx(2 * 1.96 * std, rel=0.05)


def test_the_same_seed_repeats_and_another_differs() -> None:
    inputs = (UncertainInput(40.0, Normal(2.0)), UncertainInput(20.0, Normal(1.0)))
    first = sample_inputs(inputs, 100, seed=1)
    assert np.array_equal(first, sample_inputs(inputs, 100, seed=1))
    assert not np.array_equal(first, sample_inputs(inputs, 100, seed=2))


def test_samples_are_clipped_to_the_allowed_range() -> None:
    values = sample_inputs((UncertainInput(1.0, Normal(5.0), 0.5, 3.0),), 1000, seed=0)
    assert values.min() == 0.5 and values.max() == 3.0


def test_tornado_ranks_the_input_with_the_larger_swing_first() -> None:
    inputs = (UncertainInput(40.0, Normal(0.5)), UncertainInput(20.0, Normal(5.0)))
    ranking = tornado(_evaluate, inputs)
    mass = ranking["mass_g"]
    assert [s.input_index for s in mass] == sorted((0, 1), key=lambda i: -abs(_slope(i)) * (0.5, 5.0)[i])
    assert mass[0].size == pytest.approx(
        2 * abs(_slope(mass[0].input_index)) * (0.5, 5.0)[mass[0].input_index]
    )
    # The separator holds no charge: its swing of the capacity is zero, ranked last.
    assert ranking["capacity_mAh"][-1].input_index == 1 and ranking["capacity_mAh"][-1].size == 0.0
