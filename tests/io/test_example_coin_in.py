"""The In-Li coin example: its discharge agrees with its metrics, as a lab In-Li cell does.

A sulfide lab cell against In-Li reads the cathode's voltage less the flat 0.62 V of the In + InLi
two-phase region (Santhosha et al. 2019), and at a low rate delivers what the cathode holds: the
anode, in several-fold excess, never runs out. With the approximate Nernst-type curve the record
once fell back on, a 0.05 C run stopped at 13 % with the anode "depleted".
"""

from __future__ import annotations

import pytest

from cellstack.core.cell import CoinCell
from cellstack.core.discharge import simulate_discharge
from cellstack.core.metrics import compute_metrics
from cellstack.io.library import default_library
from cellstack.io.project import Project, load_project
from cellstack.io.resources import examples_dir

IN_LI_PLATEAU_V = 0.62  # In + InLi vs Li/Li+, santhosha2019


def _example(name: str) -> Project:
    return load_project(examples_dir() / f"coin_cr2032_nmc811_li6ps5cl_{name}.cellstack", default_library())


def test_it_is_the_li_coin_design_with_an_in_li_anode() -> None:
    with_li, with_in = _example("li"), _example("in")
    assert isinstance(with_in.cell_format, CoinCell)
    assert with_in.cell_format == with_li.cell_format
    anodes = [layer.material.id for layer in with_in.stack.layers if layer.role.value == "anode"]
    assert anodes == ["li_in"]
    others = [
        (layer.material.id, layer.thickness_m)
        for layer in with_in.stack.layers
        if layer.role.value != "anode"
    ]
    assert others == [
        (layer.material.id, layer.thickness_m)
        for layer in with_li.stack.layers
        if layer.role.value != "anode"
    ]


def test_the_in_li_anode_lowers_the_cell_voltage_by_its_plateau() -> None:
    # Same cathode and window on both; Li metal sits at 0 V, In-Li at its plateau throughout.
    interfaces = default_library().interfaces
    with_li = compute_metrics(_example("li").stack, interfaces).average_voltage_V
    with_in = compute_metrics(_example("in").stack, interfaces).average_voltage_V
    assert with_li is not None and with_in is not None
    assert with_li - with_in == pytest.approx(IN_LI_PLATEAU_V, abs=1e-3)


def test_a_slow_discharge_delivers_the_rated_capacity_near_the_metrics_voltage() -> None:
    library = default_library()
    stack = _example("in").stack
    metrics = compute_metrics(stack, library.interfaces)
    assert metrics.capacity_C is not None and metrics.average_voltage_V is not None

    curve = simulate_discharge(stack, library.interfaces, 0.05)
    assert "anode" not in curve.end_reason
    assert curve.utilisation >= 0.95
    # The only gap at 0.05 C is the polarisation the run itself reports (about 20 mV here).
    assert curve.average_voltage_V == pytest.approx(metrics.average_voltage_V, abs=0.03)

    nearly_open = simulate_discharge(stack, library.interfaces, 0.001)
    assert nearly_open.utilisation >= 0.99
    assert nearly_open.average_voltage_V == pytest.approx(metrics.average_voltage_V, abs=0.005)
