"""Published accounting cases as cells (field.md section (d)), without the footprint trick.

BatPaC's cell is what it is: a stacked pouch of 66 electrode pairs (33 double-sided positives, 34
negatives whose two outer ones are coated on one side), overhanging negatives and separators, foils
with tabs, a laminate pouch and two terminals. BattMo's 1 cm² sample stays a planar cell.

field.md gives BatPaC's areas, thicknesses, densities, mass breakdown and outer dimensions, but not
the outline of each sheet. The outlines here are the ones those masses imply, rounded to 0.1 mm:

* positive 67.6 x 189.4 mm: 66 sides x 128.03 cm² = 8450 cm², the source's positive area 8449.31 cm²;
* negative 69.6 x 191.4 mm (1 mm overhang on every edge): 220.94 g of coating at 1.646 g/cm³ x
  152.69 µm is 8791.5 cm² = 66 sides x 133.2 cm²;
* separator 70.1 x 191.9 mm: 6.30 g at 0.473 g/cm³ x 15 µm is 8879.5 cm² = 66 sheets x 134.5 cm²;
* tabs 40 x 38.7 mm: 19.18 g of Al foil is 33 foils x 143.5 cm², i.e. 15.5 cm² beyond each positive;
  the Cu foils (45.29 g = 34 x 148.7 cm²) give the same 15.5 cm² beyond each negative;
* laminate seal 10.9 mm: the width at which the pouch model's laminate (faces, walls and flange)
  weighs the source's 16.40 g at 150 µm and 2.202 g/cm³;
* terminals: the source's 18.47 g (itself by difference), as two terminals of half that each;
* the outer box 273.31 x 70.35 mm is the source's; its thickness follows from the 66 units.

So the per-component check tests the counting (sides, foils, sheets, single-sided outer electrodes,
tabs, laminate) and the box thickness the model predicts; the Wh/L tests that predicted volume.
"""

from __future__ import annotations

import pytest

from cellstack.core import units as u
from cellstack.core.cell import (
    Cell,
    CellLevel,
    CellMetrics,
    ElectrolyteFill,
    Laminate,
    Rectangle,
    StackedPouch,
    Tab,
    Terminal,
    compute_cell,
)
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics import EnergyDefinition, Level, compute_metrics
from cellstack.core.stack import Stack
from tests.core.test_reference_cases import (
    AL_G_CM3,
    BATPAC,
    BATPAC_AL_UM,
    BATPAC_CELL_MASS_G,
    BATPAC_CELL_VOLUME_L,
    BATPAC_CU_UM,
    BATPAC_ELECTROLYTE_G_CM3,
    BATPAC_MASS_G,
    BATPAC_POROSITY,
    BATPAC_SEPARATOR_POROSITY,
    CU_G_CM3,
    batpac_stack,
    battmo_stack,
    material,
)

MM = u.MM
UNITS = 66
POSITIVE = Rectangle(67.6 * MM, 189.4 * MM)
NEGATIVE = Rectangle(69.6 * MM, 191.4 * MM)
SEPARATOR = Rectangle(70.1 * MM, 191.9 * MM)
TAB = Tab(40.0 * MM, 38.7 * MM)
LAMINATE = Laminate(150 * u.UM, 2.202 * u.G_PER_CM3, 10.9 * MM)  # PET/Al/PP 30/100/20 µm
BOX_W_M, BOX_H_M, BOX_T_M = 70.35 * MM, 273.31 * MM, 20.11 * MM
BATPAC_ELECTROLYTE_L = 0.0709
BATPAC_CAPACITY_AH = 68.179


def batpac_repeat_unit() -> Stack:
    """One electrode pair with whole foils: the half foils of the planar case become shared foils.

    The layers are those of test_reference_cases.batpac_stack (its liquid-filled composites and
    separator), with the full 15 µm Al and 10 µm Cu foils.
    """
    planar, _ = batpac_stack()
    al = material("al_foil", AL_G_CM3 * u.G_PER_CM3, Role.CURRENT_COLLECTOR, BATPAC)
    cu = material("cu_foil", CU_G_CM3 * u.G_PER_CM3, Role.CURRENT_COLLECTOR, BATPAC)
    inner = planar.layers[1:4]
    layers = (
        Layer(al, BATPAC_AL_UM * u.UM, Role.CURRENT_COLLECTOR, label="Al foil"),
        *inner,
        Layer(cu, BATPAC_CU_UM * u.UM, Role.CURRENT_COLLECTOR, label="Cu foil"),
    )
    return Stack(layers, name="BatPaC 5.0 EV NMC811-G repeat unit")


def _pore_liquid_cm3() -> dict[str, float]:
    """Liquid in the pores of each sheet kind, by hand from the outlines above (cm³)."""
    cm2 = 1e4
    return {
        "positive coating": BATPAC_POROSITY * 120e-4 * UNITS * POSITIVE.area_m2 * cm2,
        "negative coating": BATPAC_POROSITY * 152.69e-4 * UNITS * NEGATIVE.area_m2 * cm2,
        "separator + electrolyte": BATPAC_SEPARATOR_POROSITY * 15e-4 * UNITS * SEPARATOR.area_m2 * cm2,
    }


def batpac_cell() -> Cell:
    # BatPaC's 0.0709 L of electrolyte fills the pores and more; what the pores do not hold is
    # the fill, given per Ah as the source's volume over its capacity.
    beyond_pores_cm3 = BATPAC_ELECTROLYTE_L * 1e3 - sum(_pore_liquid_cm3().values())
    fill = ElectrolyteFill(
        beyond_pores_cm3 * 1e-6 / (BATPAC_CAPACITY_AH * 1000 * u.MAH), 1200.0, "electrolyte"
    )
    half = BATPAC_MASS_G["terminals_misc"] / 2 * 1e-3
    pouch = StackedPouch(
        units=UNITS,
        cathode=POSITIVE,
        anode=NEGATIVE,
        separator=SEPARATOR,
        housing=LAMINATE,
        cathode_tab=TAB,
        anode_tab=TAB,
        terminals=(Terminal(half, name="positive terminal"), Terminal(half, name="negative terminal")),
        double_sided=True,
        outer_electrode=Role.ANODE,
        outer_single_sided=True,
        box_width_m=BOX_W_M,
        box_height_m=BOX_H_M,
    )
    return Cell(batpac_repeat_unit(), pouch, fill)


def _row_g(metrics: CellMetrics, name: str) -> float:
    row = next(c for c in metrics.breakdown if c.name == name)
    assert row.mass_kg is not None
    return row.mass_kg * 1e3


def test_batpac_as_a_stacked_pouch() -> None:
    """BatPaC 5.0 Battery 1: 744.12 g, 0.38666 L, 335.97 Wh/kg, 646.57 Wh/L (field.md d-1)."""
    metrics = compute_cell(batpac_cell(), energy_definition=EnergyDefinition.AVERAGE_VOLTAGE)
    assert metrics.valid
    assert metrics.units == UNITS
    assert metrics.capacity_C is not None and metrics.energy_J is not None
    assert metrics.capacity_C / (1000 * u.MAH) == pytest.approx(BATPAC_CAPACITY_AH, rel=1e-3)
    assert metrics.energy_J / u.WH == pytest.approx(250.0, rel=1e-3)
    cell = metrics.level(CellLevel.CELL)
    # The box thickness is the model's: 66 units with shared foils plus two laminate walls.
    assert cell.thickness_m == pytest.approx(BOX_T_M, rel=1e-3)
    assert cell.mass_kg * 1e3 == pytest.approx(BATPAC_CELL_MASS_G, rel=0.01)
    assert cell.volume_m3 * 1e3 == pytest.approx(BATPAC_CELL_VOLUME_L, rel=0.01)
    assert cell.specific_energy_J_kg is not None and cell.energy_density_J_m3 is not None
    assert cell.specific_energy_J_kg / u.WH_PER_KG == pytest.approx(335.97, rel=0.01)
    assert cell.energy_density_J_m3 / u.WH_PER_L == pytest.approx(646.57, rel=0.01)


def test_batpac_mass_breakdown_per_component() -> None:
    """Each of BatPaC's components within 2 %.

    The model keeps the liquid in a layer's pores with that layer (as the stack model does); BatPaC
    lists all the electrolyte apart. The pore liquid of each row (its volume from the model x its
    porosity x 1.2 g/cm³) is therefore moved to the electrolyte row before comparing.
    """
    metrics = compute_cell(batpac_cell(), energy_definition=EnergyDefinition.AVERAGE_VOLTAGE)
    rows = {c.name: c for c in metrics.breakdown}
    porosity = {
        "positive coating": BATPAC_POROSITY,
        "negative coating": BATPAC_POROSITY,
        "separator + electrolyte": BATPAC_SEPARATOR_POROSITY,
    }
    pore_g = {}
    for name, eps in porosity.items():
        volume = rows[name].volume_m3
        assert volume is not None
        pore_g[name] = eps * volume * 1e6 * BATPAC_ELECTROLYTE_G_CM3
    model = {
        "pe_coating": _row_g(metrics, "positive coating") - pore_g["positive coating"],
        "ne_coating": _row_g(metrics, "negative coating") - pore_g["negative coating"],
        "separator": _row_g(metrics, "separator + electrolyte") - pore_g["separator + electrolyte"],
        "electrolyte": _row_g(metrics, "electrolyte") + sum(pore_g.values()),
        "al_foil": _row_g(metrics, "Al foil"),
        "cu_foil": _row_g(metrics, "Cu foil"),
        "pouch": _row_g(metrics, "laminate"),
        "terminals_misc": _row_g(metrics, "positive terminal") + _row_g(metrics, "negative terminal"),
    }
    for name, source_g in BATPAC_MASS_G.items():
        assert model[name] == pytest.approx(source_g, rel=0.02), name
    # The model's pore volumes match the hand count, so the move above is the source's split.
    for name, by_hand_cm3 in _pore_liquid_cm3().items():
        assert pore_g[name] == pytest.approx(by_hand_cm3 * BATPAC_ELECTROLYTE_G_CM3, rel=1e-9), name


def test_battmo_sample_as_a_planar_cell() -> None:
    """BattMo sample_input.json (field.md d-2): 321.958 Wh/kg and 851.122 Wh/L at the electrode pair."""
    metrics = compute_cell(Cell(battmo_stack()), energy_definition=EnergyDefinition.AVERAGE_VOLTAGE)
    pair = metrics.level(CellLevel.ELECTRODE_PAIR)
    assert pair.specific_energy_J_kg is not None and pair.energy_density_J_m3 is not None
    assert pair.specific_energy_J_kg / u.WH_PER_KG == pytest.approx(321.958, rel=0.01)
    assert pair.energy_density_J_m3 / u.WH_PER_L == pytest.approx(851.122, rel=0.01)
    assert pair.mass_kg == pytest.approx(3.59526e-5, rel=1e-4)
    stack_pair = compute_metrics(battmo_stack(), energy_definition=EnergyDefinition.AVERAGE_VOLTAGE)
    assert pair.mass_kg == stack_pair.level(Level.ELECTRODE_PAIR).mass_kg
