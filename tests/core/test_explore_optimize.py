"""Goal seek and optimisation find answers that can be worked out by hand for a constructed stack.

In the composite test stack, capacity grows linearly with the cathode thickness until the 20 µm
Li anode limits it, and the ASR grows linearly with it throughout: the best Wh/kg sits at the
thickness where both electrodes hold the same charge, and an ASR ceiling below that moves the
optimum to where the ASR meets the ceiling.
"""

from __future__ import annotations

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.core.explore.engine import DesignSpace, Knob, evaluate_designs
from cellstack.core.explore.optimize import (
    Constraint,
    Infeasible,
    Objective,
    optimize,
    pareto_front,
)
from cellstack.core.explore.seek import OutOfReach, seek, seek_whole
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.metrics import compute_metrics
from cellstack.core.stack import Stack
from cellstack.core.sweep import FloatArray
from tests.core.test_sweep import composite_stack

BASE = composite_stack()
CATHODE, SEPARATOR = 1, 2


def _no_build(values: object) -> Stack:
    raise AssertionError("the vectorised path covers these inputs")


def _evaluator(layers: tuple[int, ...]):  # type: ignore[no-untyped-def]
    space = DesignSpace(
        BASE, InterfaceTable(), _no_build, tuple(Knob(i, "thickness_m", u.UM) for i in layers)
    )

    def evaluate(points: FloatArray) -> dict[str, FloatArray]:
        return evaluate_designs(
            space, points, ["specific_energy_Wh_kg", "asr_ohm_cm2", "capacity_mAh", "mass_g"]
        )

    return evaluate


def _line(key: str, x1: float, x2: float) -> tuple[float, float]:
    """Intercept and slope of an output that is linear in the cathode thickness (µm)."""
    y1, y2 = (_evaluator((CATHODE,))(np.array([[x]]))[key][0] for x in (x1, x2))
    slope = (y2 - y1) / (x2 - x1)
    return y1 - slope * x1, slope


def _balanced_thickness_um() -> float:
    """Where the cathode holds what the anode holds: the anode's charge over the cathode's per µm."""
    metrics = compute_metrics(BASE)
    assert metrics.anode_capacity_C_m2 is not None and metrics.cathode_capacity_C_m2 is not None
    per_um = metrics.cathode_capacity_C_m2 / (BASE.layers[CATHODE].thickness_m / u.UM)
    return metrics.anode_capacity_C_m2 / per_um


def test_unconstrained_optimum_is_the_balanced_electrode_thickness() -> None:
    best = optimize(
        _evaluator((CATHODE,)), np.array([[10.0, 300.0]]), Objective("specific_energy_Wh_kg", maximize=True)
    )
    assert best.point[0] == pytest.approx(_balanced_thickness_um(), rel=1e-4)
    assert best.binding == () and best.at_bounds == ()


def test_an_asr_ceiling_moves_the_optimum_onto_it_and_binds() -> None:
    intercept, slope = _line("asr_ohm_cm2", 20.0, 60.0)
    ceiling = intercept + slope * 70.0  # below the balanced thickness (about 97 µm)
    asr = Constraint("asr_ohm_cm2", at_least=False, limit=ceiling)
    slack = Constraint("capacity_mAh", at_least=True, limit=0.1)
    best = optimize(
        _evaluator((CATHODE,)),
        np.array([[10.0, 300.0]]),
        Objective("specific_energy_Wh_kg", maximize=True),
        [asr, slack],
    )
    assert best.point[0] == pytest.approx(70.0, rel=1e-5)
    assert best.outputs["asr_ohm_cm2"] <= ceiling * (1 + 1e-9)
    assert best.binding == (asr,)


def test_a_second_input_goes_to_the_bound_that_saves_mass() -> None:
    best = optimize(
        _evaluator((CATHODE, SEPARATOR)),
        np.array([[10.0, 300.0], [5.0, 50.0]]),
        Objective("specific_energy_Wh_kg", maximize=True),
    )
    assert best.point[0] == pytest.approx(_balanced_thickness_um(), rel=1e-3)
    assert best.point[1] == pytest.approx(5.0, abs=1e-6)
    assert best.at_bounds == ((1, "lower"),)


def test_the_same_seed_gives_the_same_optimum() -> None:
    args = (
        _evaluator((CATHODE, SEPARATOR)),
        np.array([[10.0, 300.0], [5.0, 50.0]]),
        Objective("mass_g", False),
    )
    assert optimize(*args, seed=3).point.tolist() == optimize(*args, seed=3).point.tolist()


def test_infeasible_constraints_are_reported_with_the_closest_value() -> None:
    with pytest.raises(Infeasible) as caught:
        optimize(
            _evaluator((CATHODE,)),
            np.array([[10.0, 300.0]]),
            Objective("specific_energy_Wh_kg", maximize=True),
            [Constraint("asr_ohm_cm2", at_least=False, limit=1.0)],
        )
    assert caught.value.constraint.key == "asr_ohm_cm2"
    assert caught.value.closest > 1.0


def test_an_infeasible_front_names_the_constraint_no_design_meets_and_its_closest_value() -> None:
    evaluate = _evaluator((CATHODE,))
    box = np.array([[10.0, 300.0]])
    with pytest.raises(Infeasible) as caught:
        pareto_front(
            evaluate,
            box,
            [Objective("specific_energy_Wh_kg", True), Objective("asr_ohm_cm2", False)],
            # Every design meets the first; none the second.
            [Constraint("capacity_mAh", at_least=True, limit=1e-9), Constraint("asr_ohm_cm2", False, 1e-6)],
            samples=50,
        )
    assert caught.value.constraint.key == "asr_ohm_cm2"
    lowest = float(evaluate(np.array([[10.0]]))["asr_ohm_cm2"][0])  # the ASR grows with the cathode
    assert caught.value.closest == pytest.approx(lowest)


def test_the_pareto_front_trades_energy_against_resistance() -> None:
    front = pareto_front(
        _evaluator((CATHODE,)),
        np.array([[10.0, 300.0]]),
        [Objective("specific_energy_Wh_kg", True), Objective("asr_ohm_cm2", False)],
        samples=200,
    )
    energy, asr = front.values["specific_energy_Wh_kg"], front.values["asr_ohm_cm2"]
    # Sorted by the first objective (best first): each step up in Wh/kg costs ASR.
    assert np.all(np.diff(energy) < 0) and np.all(np.diff(asr) < 0)
    # Past the balanced thickness both get worse: no such design is on the front.
    assert front.points[:, 0].max() <= _balanced_thickness_um() + 300.0 / 199


def test_seek_reaches_the_target_and_reports_the_reachable_range() -> None:
    evaluate = _evaluator((CATHODE,))

    def capacity(x: FloatArray) -> FloatArray:
        return evaluate(np.asarray(x).reshape(-1, 1))["capacity_mAh"]

    scan = np.geomspace(1.0, 1000.0, 64)
    result = seek(capacity, scan, 2.0, current=40.0)
    assert capacity(np.array([result.value]))[0] == pytest.approx(2.0, rel=1e-9)
    intercept, slope = _line("capacity_mAh", 20.0, 60.0)
    assert result.value == pytest.approx((2.0 - intercept) / slope, rel=1e-8)
    with pytest.raises(OutOfReach) as caught:
        seek(capacity, scan, 10.0, current=40.0)
    assert caught.value.lowest == pytest.approx(capacity(scan[:1])[0])
    assert caught.value.highest == pytest.approx(
        compute_metrics(BASE).anode_capacity_C_m2 * BASE.active_area_m2 / u.MAH
    )


def test_seek_takes_the_crossing_nearest_the_current_design() -> None:
    """Wh/kg rises to the balanced thickness and falls beyond: a target below the peak is met twice."""
    evaluate = _evaluator((CATHODE,))

    def energy(x: FloatArray) -> FloatArray:
        return evaluate(np.asarray(x).reshape(-1, 1))["specific_energy_Wh_kg"]

    scan = np.linspace(5.0, 400.0, 201)
    peak = _balanced_thickness_um()
    below = seek(energy, scan, 300.0, current=40.0)
    above = seek(energy, scan, 300.0, current=300.0)
    assert below.value < peak < above.value
    assert energy(np.array([below.value, above.value])) == pytest.approx([300.0, 300.0], rel=1e-9)


def _per_unit(x: FloatArray) -> FloatArray:
    """A count's output: 0.3 per unit, NaN between whole numbers (a pouch refuses 2.5 units)."""
    x = np.asarray(x, dtype=float)
    return np.where(x == np.round(x), 0.3 * x, np.nan)


def test_a_count_is_sought_over_whole_numbers_only() -> None:
    # 5 / 0.3 = 16.7 units: 17 give 5.1 (0.1 over), 16 give 4.8 (0.2 under); 17 is nearer.
    result = seek_whole(_per_unit, 1, 10_000, 5.0, current=10.0)
    assert (result.value, result.achieved) == (17.0, pytest.approx(5.1))
    assert result.other == (16.0, pytest.approx(4.8))
    assert result.evaluations < 250  # a scan of 201 and a bisection, not 10 000 designs
    exact = seek_whole(_per_unit, 1, 10_000, 6.0, current=10.0)  # 20 units give 6 exactly
    assert (exact.value, exact.other) == (20.0, None)
    falling = seek_whole(lambda x: 10.0 - _per_unit(x), 1, 30, 5.0, current=1.0)
    assert falling.value == 17.0 and falling.other is not None and falling.other[0] == 16.0
    with pytest.raises(OutOfReach) as caught:
        seek_whole(_per_unit, 1, 20, 50.0, current=10.0)
    assert (caught.value.lowest, caught.value.highest) == (pytest.approx(0.3), pytest.approx(6.0))


def _parity(values: FloatArray) -> dict[str, FloatArray]:
    """A count's outputs with a fraction refused (NaN), as a pouch refuses 12.4 units: a value
    that rises with the count but is better at odd counts (one foil fewer), and a size."""
    n = np.asarray(values, dtype=float)[:, 0]
    whole = n == np.round(n)
    value = np.where(whole, n - 1.5 * (n % 2 == 0), np.nan)
    return {"value": value, "size": np.where(whole, n, np.nan)}


def test_a_count_is_optimised_over_whole_numbers() -> None:
    best = optimize(_parity, np.array([[1.0, 60.0]]), Objective("value", maximize=True), integer=[True])
    assert best.point[0] == 59.0 and best.objective == 59.0  # 60 is even: worth 58.5
    assert best.at_bounds == ()
    capped = optimize(
        _parity,
        np.array([[1.0, 60.0]]),
        Objective("value", maximize=True),
        [Constraint("size", at_least=False, limit=24.0)],
        integer=[True],
    )
    assert capped.point[0] == 23.0 and capped.binding == ()  # 24 is even, 23 the best odd below
    top = optimize(_parity, np.array([[1.0, 59.0]]), Objective("value", maximize=True), integer=[True])
    assert top.at_bounds == ((0, "upper"),)


def test_a_front_over_a_count_holds_each_whole_design_once() -> None:
    front = pareto_front(
        _parity,
        np.array([[1.0, 30.0]]),
        [Objective("value", maximize=True), Objective("size", maximize=False)],
        samples=500,
        integer=[True],
    )
    points = front.points[:, 0]
    assert np.all(points == np.round(points)) and len(set(points)) == len(points)
    assert set(points) == set(range(1, 30, 2))  # an even count is beaten by the odd one below it
