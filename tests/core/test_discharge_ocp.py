"""The OCP library as the discharge model uses it: reference values, monotonicity, approximations."""

from __future__ import annotations

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.core.discharge.ocp_library import (
    APPROXIMATE_DEFAULT_FRACTION,
    approximate_curve,
    ocp_table,
    resolve_ocp,
)
from cellstack.core.material import Material, Properties, Role
from cellstack.core.ocp import CURVES, get_curve
from tests.core.materials import LCO, s

GRID = (0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)
# physics-and-data §1.14: the fits evaluated at GRID, to 3 decimals; None outside the fit's window.
REFERENCE: dict[str, tuple[float | None, ...]] = {
    "graphite_chen2020": (
        1.739, 0.679, 0.407, 0.217, 0.163, 0.135, 0.133, 0.119, 0.092, 0.092, 0.092, 0.092, 0.092,
    ),
    "nmc811_chen2020": (
        None, None, 4.594, 4.469, 4.205, 4.105, 3.972, 3.824, 3.730, 3.649, 3.568, 3.528, 3.495,
    ),
    "lco_dualfoil": (
        None, None, None, None, 4.462, 4.334, 4.186, 4.027, 3.939, 3.913, 3.906, 3.721, None,
    ),
    "nmc532_mohtat2020": (
        None, 4.266, 4.194, 4.068, 3.962, 3.878, 3.815, 3.771, 3.740, 3.708, 3.650, 3.598, 3.308,
    ),
    "nmc111_bpx": (
        None, None, None, 4.923, 4.631, 4.354, 4.107, 3.913, 3.795, 3.741, 3.687, 3.636, None,
    ),
    "nca_dualfoil": (
        None, None, None, None, None, 4.202, 4.070, 3.936, 3.795, 3.705, 3.617, 3.563, 3.525,
    ),
    "lfp_afshar2017": (
        3.519, 3.407, 3.406, 3.404, 3.402, 3.400, 3.398, 3.396, 3.393, 3.389, 3.345, 3.188, 2.721,
    ),
    "lmo_doyle1996": (
        None, None, None, 4.177, 4.118, 4.114, 4.104, 4.043, 3.992, 3.977, 3.954, 3.919, None,
    ),
    "v2o5_dualfoil": (
        3.406, 3.399, 3.399, 3.399, 3.397, 3.374, 3.263, 3.217, 3.213, 3.213, 3.213, 3.201, None,
    ),
    "lto_yao2024": (
        2.612, 2.138, 1.728, 1.614, 1.614, 1.614, 1.614, 1.614, 1.614, 1.614, 1.380, 1.085, 0.780,
    ),
}  # fmt: skip
# The Si curve is the mean of the lithiation (S1) and delithiation (S2) fits.
SI_S1 = (0.786, 0.532, 0.376, 0.282, 0.252, 0.220, 0.191, 0.161, 0.123, 0.082, 0.064, 0.059, 0.035)
SI_S2 = (0.957, 0.840, 0.737, 0.608, 0.530, 0.475, 0.426, 0.372, 0.316, 0.278, 0.250, 0.205, 0.123)


@pytest.mark.parametrize("curve_id", sorted(REFERENCE))
def test_fits_reproduce_the_reference_values(curve_id: str) -> None:
    curve = CURVES[curve_id]
    for theta, expected in zip(GRID, REFERENCE[curve_id], strict=True):
        if expected is None:
            continue
        assert curve.theta_min <= theta <= curve.theta_max
        assert float(curve(theta)) == pytest.approx(expected, abs=1.5e-3), theta


def test_silicon_is_the_mean_of_its_two_branches() -> None:
    curve = CURVES["si_verbrugge2016"]
    for theta, lith, delith in zip(GRID, SI_S1, SI_S2, strict=True):
        assert float(curve(theta)) == pytest.approx((lith + delith) / 2, abs=1.5e-3)


@pytest.mark.parametrize("curve_id", sorted(CURVES))
def test_every_host_loses_potential_as_it_fills(curve_id: str) -> None:
    """Monotone non-increasing in θ over the window (flat where a two-phase plateau is)."""
    curve = CURVES[curve_id]
    theta = np.linspace(curve.theta_min, curve.theta_max, 20001)
    assert np.all(np.diff(curve(theta)) <= 1e-12)


@pytest.mark.parametrize("curve_id", sorted(CURVES))
def test_clamped_outside_the_window_and_never_nan(curve_id: str) -> None:
    curve = CURVES[curve_id]
    wide = np.array([-1.0, 0.0, 1e-12, 0.5, 1.0 - 1e-12, 1.0, 2.0])
    values = curve(wide)
    assert np.all(np.isfinite(values))
    # Clamped, not extrapolated: equal to the end values up to the last bits, which numpy's
    # vectorised and scalar paths may round differently (numpy 2.4 on AVX-512 does).
    assert values[0] == values[1] == pytest.approx(float(curve(curve.theta_min)), abs=1e-12)
    assert values[-1] == values[-2] == pytest.approx(float(curve(curve.theta_max)), abs=1e-12)


@pytest.mark.parametrize("curve_id", sorted(CURVES))
def test_tabulated_curve_follows_the_fit(curve_id: str) -> None:
    curve = CURVES[curve_id]
    table = ocp_table(curve)
    theta = np.linspace(curve.theta_min - 0.01, curve.theta_max + 0.01, 100_003)
    # 0.2 mV for the curves with kinks (tables, the LTO miscibility gap); micro-volts elsewhere.
    assert np.max(np.abs(table(theta) - curve(theta))) < 2e-4
    for point in theta[::997]:
        assert table.at(float(point)) == pytest.approx(float(table(point)), abs=1e-12)


def _material(v_avg: float | None, practical: float | None, theoretical: float | None) -> Material:
    return Material(
        id="tno_like",
        name="TiNb2O7-like",
        formula="TiNb2O7",
        roles=(Role.ANODE,),
        properties=Properties(
            density_kg_m3=s(4340.0),
            voltage_average_V=s(v_avg) if v_avg is not None else None,
            capacity_practical_C_kg=s(practical * u.MAH_PER_G) if practical else None,
            capacity_theoretical_C_kg=s(theoretical * u.MAH_PER_G) if theoretical else None,
        ),
    )


def test_approximate_curve_averages_to_the_material_voltage_over_its_window() -> None:
    material = _material(1.65, 280.0, 387.7)
    curve = approximate_curve(material)
    assert curve is not None
    fraction = 280.0 / 387.7
    assert curve.lithiated_limit == pytest.approx(0.5 + fraction / 2)
    theta = np.linspace(curve.lithiated_limit - fraction, curve.lithiated_limit, 20001)
    values = curve(theta)
    assert float(np.mean(values)) == pytest.approx(1.65, abs=2e-3)
    assert np.all(np.diff(values) < 0) and np.all(np.isfinite(curve(np.array([0.0, 1.0]))))
    resolved = resolve_ocp(material)
    assert resolved is not None and resolved.approximate


def test_approximate_curve_without_two_capacities_uses_the_default_share() -> None:
    curve = approximate_curve(_material(4.8, 60.0, None))
    assert curve is not None
    assert curve.lithiated_limit == pytest.approx(0.5 + APPROXIMATE_DEFAULT_FRACTION / 2)
    assert approximate_curve(_material(None, 60.0, None)) is None


def test_a_published_fit_wins_over_an_approximation() -> None:
    resolved = resolve_ocp(LCO)
    assert resolved is not None
    assert not resolved.approximate and resolved.curve is get_curve("lco_dualfoil")
