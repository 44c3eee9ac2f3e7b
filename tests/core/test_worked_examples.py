"""Published or hand-checked numbers the metrics must reproduce."""

from __future__ import annotations

import math

import pytest

from cellstack.core import units as u
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics import EnergyDefinition, Level, compute_metrics
from cellstack.core.stack import Stack, StackKind
from tests.core.materials import CU, KAPTON, LCO, LI, LIPON, PARYLENE, PT, TI


def thin_film_stack(lipon_um: float = 1.5, temperature_K: float = 298.15) -> Stack:
    """physics-and-data §3.8: 1 cm² of Kapton/Ti/Pt/LiCoO2/LiPON/Li/Cu/Parylene."""
    layers = (
        Layer(KAPTON, 25 * u.UM, Role.SUBSTRATE),
        Layer(TI, 0.05 * u.UM, Role.CURRENT_COLLECTOR),
        Layer(PT, 0.3 * u.UM, Role.CURRENT_COLLECTOR),
        Layer(LCO, 5 * u.UM, Role.CATHODE),
        Layer(LIPON, lipon_um * u.UM, Role.ELECTROLYTE),
        Layer(LI, 3 * u.UM, Role.ANODE),
        Layer(CU, 0.5 * u.UM, Role.CURRENT_COLLECTOR),
        Layer(PARYLENE, 10 * u.UM, Role.ENCAPSULATION),
    )
    return Stack(layers, StackKind.SSTFB, 1e-4, 1e-4, temperature_K)


def test_worked_thin_film_example_matches_physics_reference() -> None:
    # §3.8: 0.3535 mAh/cm², 1.379 mWh/cm² at 3.9 V, 45.35 µm, 9.00 mg/cm², 304 Wh/L, 153 Wh/kg,
    # and 1.71 µm of the 3 µm Li is needed. Energy definition there: fixed average voltage.
    metrics = compute_metrics(thin_film_stack(), energy_definition=EnergyDefinition.AVERAGE_VOLTAGE)
    full = metrics.level(Level.FULL_STACK)
    assert metrics.cell_capacity_C_m2 / u.MAH_PER_CM2 == pytest.approx(0.3535, rel=1e-3)
    assert metrics.energy_J / u.MWH == pytest.approx(1.379, rel=1e-3)
    assert full.thickness_m / u.UM == pytest.approx(45.35, rel=1e-9)
    assert full.mass_kg / u.CM2 / u.MG_PER_CM2 == pytest.approx(9.00, rel=5e-3)
    assert full.energy_density_J_m3 / u.WH_PER_L == pytest.approx(304, rel=0.01)
    assert full.specific_energy_J_kg / u.WH_PER_KG == pytest.approx(153, rel=0.01)
    needed_li_um = 3.0 - metrics.lithium_excess_m / u.UM
    assert needed_li_um == pytest.approx(1.71, abs=0.01)


def test_lipon_one_micron_gives_43_ohm_cm2_and_follows_arrhenius() -> None:
    # physics-and-data §3.5: 1 µm at 2.3e-6 S/cm is 43 Ω·cm²; Ea = 0.55 eV gives ≈ 2.2e-5 S/cm
    # at 60 °C.
    def lipon_asr(t_K: float) -> float:
        metrics = compute_metrics(thin_film_stack(lipon_um=1.0, temperature_K=t_K))
        entry = next(e for e in metrics.asr if e.kind == "bulk")
        return entry.ohm_m2 / u.OHM_CM2

    assert lipon_asr(298.15) == pytest.approx(1e-4 / 2.3e-6, rel=1e-9)
    assert round(lipon_asr(298.15)) == 43
    for t_C in (25, 30, 40, 50, 60):
        t_K = 273.15 + t_C
        expected_sigma = 2.3e-6 * math.exp(-(0.55 / u.BOLTZMANN_EV) * (1 / t_K - 1 / 298.15))
        assert lipon_asr(t_K) == pytest.approx(1e-4 / expected_sigma, rel=1e-9)
    assert 1e-4 / lipon_asr(333.15) == pytest.approx(2.2e-5, rel=0.03)


def test_ocv_integral_is_used_when_both_electrodes_have_curves() -> None:
    metrics = compute_metrics(thin_film_stack())
    assert metrics.voltage is not None
    assert metrics.voltage.definition is EnergyDefinition.OCV_INTEGRAL
    # LiCoO2 against Li over half its lithium: between the 3.9 V plateau and 4.2 V.
    assert 3.85 < metrics.voltage.average_V < 4.2
