"""Butler–Volmer charge transfer and its exchange currents (physics-and-data §3.4)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.core.discharge.kinetics import (
    Kinetics,
    exchange_current_from_asr,
    overpotential,
    overpotential_at,
)
from cellstack.core.errors import InputError


def test_inverts_butler_volmer() -> None:
    j0, t = 3.0, 298.15
    eta = np.linspace(-0.3, 0.3, 61)
    current = 2 * j0 * np.sinh(u.FARADAY * eta / (2 * u.GAS_CONSTANT * t))
    assert overpotential(1.0, j0, t) == pytest.approx(overpotential_at(1.0, j0, t))
    assert np.array([overpotential_at(float(i), j0, t) for i in current]) == pytest.approx(eta, abs=1e-12)


def test_ten_ohm_cm2_is_an_exchange_current_of_2_57_mA_cm2() -> None:
    j0 = exchange_current_from_asr(10 * u.OHM_CM2, 298.15)
    assert j0 / 10.0 == pytest.approx(2.57, abs=0.01)  # A/m² to mA/cm²
    # For small currents the overpotential is i·R_ct.
    assert overpotential_at(1e-3, j0, 298.15) == pytest.approx(1e-3 * 10 * u.OHM_CM2, rel=1e-6)
    with pytest.raises(InputError):
        exchange_current_from_asr(0.0, 298.15)


def test_arrhenius_exchange_current() -> None:
    kinetics = Kinetics(2.0, 35000.0)
    assert kinetics.at(298.15) == 2.0
    expected = 2.0 * math.exp(-(35000.0 / u.GAS_CONSTANT) * (1 / 333.15 - 1 / 298.15))
    assert kinetics.at(333.15) == pytest.approx(expected)
    with pytest.raises(InputError):
        Kinetics(-1.0)
