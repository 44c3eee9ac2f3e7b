"""A discharge that cannot start delivers nothing and says why; it never reports a negative voltage."""

from __future__ import annotations

import numpy as np
import pytest

from cellstack.core.discharge import ragone, rate_capability, simulate_discharge
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
NMC811 = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", LIBRARY).stack


def test_the_shipped_nmc811_cell_cannot_start_at_100c_and_says_it_is_the_ohmic_drop() -> None:
    curve = simulate_discharge(NMC811, LIBRARY.interfaces, 100.0)
    assert not curve.started
    assert curve.end_reason == "cannot start: the initial ohmic drop takes the voltage below the cut-off"
    assert curve.delivered_capacity_C == 0.0 and curve.utilisation == 0.0
    assert curve.energy_J == 0.0 and curve.average_voltage_V == 0.0  # was -3.98 V
    assert np.all(curve.time_s == 0.0) and np.all(np.isfinite(curve.voltage_V))


def test_a_cutoff_above_the_open_circuit_voltage_says_so() -> None:
    curve = simulate_discharge(NMC811, LIBRARY.interfaces, 1.0, cutoff_V=5.0)
    assert not curve.started and curve.average_voltage_V == 0.0
    assert curve.end_reason == "cannot start: the open-circuit voltage is already below the cut-off"


def test_charge_transfer_counts_where_the_ohmic_drop_alone_does_not_reach_the_cutoff() -> None:
    one_c = simulate_discharge(NMC811, LIBRARY.interfaces, 1.0)
    ohmic = sum(v[0] for name, v in one_c.overpotentials.items() if name.startswith("ohmic"))
    # A cut-off between the OCV less the ohmic drop and the loaded voltage at the start.
    cutoff = float(one_c.ocv_V[0] - ohmic) - 0.01
    assert one_c.voltage_V[0] < cutoff
    curve = simulate_discharge(NMC811, LIBRARY.interfaces, 1.0, cutoff_V=cutoff)
    assert curve.end_reason == (
        "cannot start: the initial ohmic and charge-transfer drop takes the voltage below the cut-off"
    )


def test_a_charge_that_cannot_start_says_the_voltage_rises_above_the_cutoff() -> None:
    curve = simulate_discharge(NMC811, LIBRARY.interfaces, 100.0, charge=True)
    assert not curve.started and curve.energy_J == 0.0 and curve.average_voltage_V == 0.0
    assert curve.end_reason == "cannot start: the initial ohmic rise takes the voltage above the cut-off"


def test_rate_capability_and_ragone_label_the_rates_that_cannot_start() -> None:
    rates = (1.0, 100.0)
    table = rate_capability(NMC811, LIBRARY.interfaces, rates)
    assert table.started.tolist() == [True, False]
    assert table.capacity_C[1] == 0.0 and table.energy_J[1] == 0.0 and table.average_voltage_V[1] == 0.0
    assert table.end_reasons[1].startswith("cannot start:")
    assert table.average_voltage_V[0] > 3.0
    curve = ragone(NMC811, LIBRARY.interfaces, rates)
    assert curve.started.tolist() == [True, False] and curve.end_reasons == table.end_reasons
    assert curve.specific_energy_J_kg[1] == 0.0 and curve.specific_power_W_kg[1] == 0.0
    assert curve.specific_energy_J_kg[0] > 0.0 and curve.specific_power_W_kg[0] > 0.0


@pytest.mark.parametrize("c_rate", [0.0, 0.1, 1.0, 10.0])
def test_runs_that_start_say_so_and_keep_their_numbers(c_rate: float) -> None:
    curve = simulate_discharge(NMC811, LIBRARY.interfaces, c_rate)
    assert curve.started and not curve.end_reason.startswith("cannot start")
    assert curve.average_voltage_V == pytest.approx(curve.energy_J / curve.delivered_capacity_C)
    assert curve.cutoff_V < curve.average_voltage_V < 4.3
