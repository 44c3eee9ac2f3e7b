"""The exploration engine: the vectorised path and the one-by-one path give compute_metrics' values."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.explore.engine import DesignSpace, Invalid, Knob, evaluate_designs
from cellstack.core.explore.outputs import OUTPUTS, DischargeSettings, evaluate_design
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Composite
from cellstack.core.metrics import compute_metrics
from cellstack.core.stack import Stack
from tests.core.test_sweep import composite_stack

BASE = composite_stack()
KEYS = [key for key, output in OUTPUTS.items() if output.from_sweep is not None]


def _build(values: Sequence[float]) -> Stack:
    cathode_um, active = values
    layer = BASE.layers[1].with_thickness(cathode_um * u.UM)
    assert layer.composite is not None
    c = layer.composite
    composite = Composite(c.electrolyte, active, c.electrolyte_fraction, c.additive, c.additive_fraction)
    return BASE.replacing(1, type(layer)(layer.material, layer.thickness_m, layer.role, composite=composite))


def _space(vectorised: bool) -> DesignSpace:
    knobs = (Knob(1, "thickness_m", u.UM), Knob(1, "active_fraction")) if vectorised else (None, None)
    return DesignSpace(BASE, InterfaceTable(), _build, knobs)


POINTS = np.array([[20.0, 0.5], [40.0, 0.6], [65.0, 0.55], [90.0, 0.65]])


def test_the_vectorised_and_one_by_one_paths_agree_with_compute_metrics() -> None:
    fast = evaluate_designs(_space(True), POINTS, KEYS)
    slow = evaluate_designs(_space(False), POINTS, KEYS)
    for row, point in enumerate(POINTS):
        single = evaluate_design(_build(point.tolist()), InterfaceTable(), KEYS)
        metrics = compute_metrics(_build(point.tolist()))
        assert single["mass_g"] == pytest.approx(metrics.full_stack.mass_kg * 1e3, rel=1e-12)
        for key in KEYS:
            assert fast[key][row] == pytest.approx(single[key], rel=1e-9), key
            assert slow[key][row] == single[key], key


def test_a_discharge_output_is_computed_per_design_at_the_c_rate() -> None:
    keys = ["delivered_capacity_mAh", "delivered_fraction", "capacity_mAh"]
    slow = evaluate_designs(_space(True), POINTS[:2], keys, c_rate=0.1)
    slower = evaluate_designs(_space(True), POINTS[:2], keys, c_rate=0.01)
    # The thicker electrode loses more at 0.1C; at 0.01C both deliver what they hold.
    assert slow["delivered_fraction"][1] < slow["delivered_fraction"][0] <= 1.0
    assert slower["delivered_fraction"][1] > slow["delivered_fraction"][1]
    for row in range(2):
        assert slow["delivered_capacity_mAh"][row] == pytest.approx(
            slow["delivered_fraction"][row] * slow["capacity_mAh"][row], rel=1e-9
        )


def test_an_invalid_design_raises_or_gives_nan_as_asked() -> None:
    points = np.array([[40.0, 0.6], [40.0, 0.95]])  # 0.95 + 0.3 electrolyte > 1
    with pytest.raises(InputError):
        evaluate_designs(_space(True), points, ["mass_g"])
    out = evaluate_designs(_space(True), points, ["mass_g"], invalid=Invalid.NAN)
    assert math.isfinite(out["mass_g"][0]) and math.isnan(out["mass_g"][1])


def test_an_unknown_output_key_is_refused() -> None:
    with pytest.raises(InputError, match="output key = 'Wh_per_kg'"):
        evaluate_designs(_space(True), POINTS, ["Wh_per_kg"])


def test_discharge_outputs_on_the_batched_path_match_the_one_by_one_path() -> None:
    keys = ["delivered_capacity_mAh", "delivered_energy_mWh", "delivered_fraction", "energy_mWh"]
    for c_rate in (0.2, 1.0, 5.0):
        fast = evaluate_designs(_space(True), POINTS, keys, c_rate=c_rate)
        slow = evaluate_designs(_space(False), POINTS, keys, c_rate=c_rate)
        for key in keys:
            np.testing.assert_allclose(fast[key], slow[key], rtol=1e-9, atol=0.0, err_msg=key)


def test_the_batched_path_passes_the_cut_off_and_series_resistance_on() -> None:
    keys = ["delivered_energy_mWh"]
    plain = evaluate_designs(_space(True), POINTS, keys, c_rate=0.2)
    space = DesignSpace(
        BASE, InterfaceTable(), _build, _space(True).knobs, series_asr_ohm_m2=5e-3, cutoff_V=3.4
    )
    held_back = evaluate_designs(space, POINTS, keys, c_rate=0.2)
    for row, point in enumerate(POINTS):
        single = evaluate_design(
            _build(point.tolist()),
            InterfaceTable(),
            keys,
            0.2,
            discharge=DischargeSettings(3.4, 5e-3),
        )
        assert held_back["delivered_energy_mWh"][row] == pytest.approx(
            single["delivered_energy_mWh"], rel=1e-9
        )
    # The thinnest cathode is the one this resistive stack discharges at all at 0.2C.
    assert held_back["delivered_energy_mWh"][0] < plain["delivered_energy_mWh"][0]
