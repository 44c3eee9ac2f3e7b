"""The vectorised sweep agrees with compute_metrics design by design."""

from __future__ import annotations

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.stack import Stack
from cellstack.core.sweep import sweep
from tests.core.materials import CU, LCO, LI, LIPON, PT
from tests.core.test_worked_examples import thin_film_stack


def composite_stack() -> Stack:
    cathode = Layer(
        LCO,
        40 * u.UM,
        Role.CATHODE,
        composite=Composite(LIPON, active_fraction=0.6, electrolyte_fraction=0.3),
    )
    return Stack(
        (
            Layer(PT, 1 * u.UM, Role.CURRENT_COLLECTOR),
            cathode,
            Layer(LIPON, 20 * u.UM, Role.ELECTROLYTE),
            Layer(LI, 20 * u.UM, Role.ANODE),
            Layer(CU, 5 * u.UM, Role.CURRENT_COLLECTOR),
        )
    )


def test_thickness_sweep_matches_compute_metrics() -> None:
    base = thin_film_stack()
    cathode_um = np.array([0.5, 1.0, 3.0, 5.0, 10.0, 30.0])
    lipon_um = np.array([0.2, 1.0, 1.5, 3.0, 0.5, 2.0])
    result = sweep(base, thickness_m={3: cathode_um * u.UM, 4: lipon_um * u.UM})
    for k in range(len(cathode_um)):
        design = base.replacing(3, base.layers[3].with_thickness(cathode_um[k] * u.UM))
        design = design.replacing(4, design.layers[4].with_thickness(lipon_um[k] * u.UM))
        single = compute_metrics(design)
        assert result.capacity_C[k] == pytest.approx(single.capacity_C, rel=1e-12)
        assert result.average_voltage_V[k] == pytest.approx(single.average_voltage_V, rel=1e-9)
        assert result.specific_energy_J_kg[k] == pytest.approx(
            single.full_stack.specific_energy_J_kg, rel=1e-9
        )
        assert result.energy_density_J_m3[k] == pytest.approx(single.full_stack.energy_density_J_m3, rel=1e-9)
        assert result.asr_ohm_m2[k] == pytest.approx(single.asr_total_ohm_m2, rel=1e-9)


def test_fraction_sweep_matches_compute_metrics() -> None:
    base = composite_stack()
    active = np.array([0.4, 0.5, 0.6, 0.7])
    electrolyte = np.array([0.5, 0.4, 0.3, 0.25])
    result = sweep(base, active_fraction={1: active}, electrolyte_fraction={1: electrolyte})
    for k in range(len(active)):
        layer = base.layers[1]
        assert layer.composite is not None
        changed = Layer(
            layer.material,
            layer.thickness_m,
            layer.role,
            composite=Composite(LIPON, float(active[k]), float(electrolyte[k])),
        )
        single = compute_metrics(base.replacing(1, changed))
        assert result.mass_kg[k] == pytest.approx(single.full_stack.mass_kg, rel=1e-12)
        assert result.energy_J[k] == pytest.approx(single.energy_J, rel=1e-9)
        assert result.asr_ohm_m2[k] == pytest.approx(single.asr_total_ohm_m2, rel=1e-9)


def test_sweep_rejects_bad_values_with_the_documented_error() -> None:
    with pytest.raises(InputError, match="thickness"):
        sweep(thin_film_stack(), thickness_m={3: np.array([1e-6, np.nan])})
    with pytest.raises(InputError, match="composite"):
        sweep(thin_film_stack(), active_fraction={3: np.array([0.5])})
