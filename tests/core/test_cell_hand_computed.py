"""A coin cell and a thin-film chip worked by hand, with the source of every number, to 0.1 %.

Materials (tests/core/materials.py): LiCoO2 5.05 g/cm³ and 140 mAh/g at 3.9 V, Li 0.534 g/cm³
(3860 mAh/g, 0 V), LiPON 2.4 g/cm³, Cu 8.96 g/cm³, Pt 21.45 g/cm³. With the average-voltage
energy, the cell voltage is 3.9 V. The cathodes are dense (porosity 0) and limit the capacity.
"""

from __future__ import annotations

import math

import pytest

from cellstack.core import units as u
from cellstack.core.cell import (
    Cell,
    CellLevel,
    ChipLayout,
    CoinCell,
    Connection,
    Rectangle,
    Slab,
    ThinFilmChip,
    compute_cell,
)
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics import EnergyDefinition
from cellstack.core.stack import Stack
from cellstack.io.cell_formats import load_coin_sizes
from tests.core.materials import CU, LCO, LI, LIPON, PT

AVERAGE = EnergyDefinition.AVERAGE_VOLTAGE


def coin_unit() -> Stack:
    # A lab pellet cell: 50 µm LiCoO2 on 10 µm Cu, a 500 µm LiPON-like pellet, 30 µm Li on 10 µm Cu.
    return Stack(
        (
            Layer(CU, 10 * u.UM, Role.CURRENT_COLLECTOR, label="cathode collector"),
            Layer(LCO, 50 * u.UM, Role.CATHODE),
            Layer(LIPON, 500 * u.UM, Role.ELECTROLYTE),
            Layer(LI, 30 * u.UM, Role.ANODE),
            Layer(CU, 10 * u.UM, Role.CURRENT_COLLECTOR, label="anode collector"),
        )
    )


def test_coin_cr2032_by_hand() -> None:
    case = load_coin_sizes()["CR2032"]
    coin = CoinCell(
        case, cathode_diameter_m=10 * u.MM, anode_diameter_m=11 * u.MM, separator_diameter_m=12 * u.MM
    )
    metrics = compute_cell(Cell(coin_unit(), coin), energy_definition=AVERAGE)
    assert metrics.valid

    # Areas of the discs (cm²): pi/4 d².
    a_cathode = math.pi / 4 * 1.0**2  # 0.785398
    a_anode = math.pi / 4 * 1.1**2  # 0.950332
    a_pellet = math.pi / 4 * 1.2**2  # 1.130973
    # Capacity: 140 mAh/g x 5.05 g/cm³ x 50e-4 cm = 3.535 mAh/cm², over the cathode disc (the anode
    # overhangs it, so the overlap is the cathode).
    capacity_mah = 140 * 5.05 * 50e-4 * a_cathode  # 2.77638 mAh
    energy_mwh = capacity_mah * 3.9  # 10.8279 mWh
    # Layer masses (mg): density x thickness x area of the disc each layer is cut to.
    layers_mg = (
        8.96 * 10e-4 * a_cathode * 1e3  # Cu under the cathode: 7.0372
        + 5.05 * 50e-4 * a_cathode * 1e3  # LiCoO2: 19.8313
        + 2.4 * 500e-4 * a_pellet * 1e3  # pellet: 135.717
        + 0.534 * 30e-4 * a_anode * 1e3  # Li: 1.52243
        + 8.96 * 10e-4 * a_anode * 1e3  # Cu under the anode: 8.51497
    )
    # CR2032 hardware (resources/cells/coin_sizes.toml, masses [A]): case 1027.9, cap 784.2,
    # gasket 45.0, one spacer 782.3, spring 171.9 mg.
    hardware_mg = 1027.9 + 784.2 + 45.0 + 782.3 + 171.9  # 2811.3
    mass_g = (layers_mg + hardware_mg) * 1e-3  # 2.98392 g
    # Volume: the outer cylinder, 20.0 mm x 3.2 mm (size designation).
    volume_cm3 = math.pi / 4 * 2.0**2 * 0.32  # 1.005310

    cell = metrics.level(CellLevel.CELL)
    assert metrics.capacity_C is not None and metrics.energy_J is not None
    assert metrics.capacity_C / u.MAH == pytest.approx(capacity_mah, rel=1e-3)
    assert metrics.energy_J / u.MWH == pytest.approx(energy_mwh, rel=1e-3)
    assert cell.mass_kg * 1e3 == pytest.approx(mass_g, rel=1e-3)
    assert cell.volume_m3 * 1e6 == pytest.approx(volume_cm3, rel=1e-3)
    assert cell.specific_energy_J_kg is not None and cell.energy_density_J_m3 is not None
    assert cell.specific_energy_J_kg / u.WH_PER_KG == pytest.approx(energy_mwh / mass_g, rel=1e-3)  # 3.629
    assert cell.energy_density_J_m3 / u.WH_PER_L == pytest.approx(energy_mwh / volume_cm3, rel=1e-3)  # 10.77


def chip_unit() -> Stack:
    # A thin-film cell: 0.3 µm Pt, 5 µm LiCoO2, 2 µm LiPON, 3 µm Li, 0.5 µm Cu.
    return Stack(
        (
            Layer(PT, 0.3 * u.UM, Role.CURRENT_COLLECTOR),
            Layer(LCO, 5 * u.UM, Role.CATHODE),
            Layer(LIPON, 2 * u.UM, Role.ELECTROLYTE),
            Layer(LI, 3 * u.UM, Role.ANODE),
            Layer(CU, 0.5 * u.UM, Role.CURRENT_COLLECTOR),
        )
    )


# A 5 x 5 x 0.2 mm silicon die (2.329 g/cm³, CRC handbook) under a 0.1 mm glass lid (2.5 g/cm³ [A]).
DIE = Slab(5 * u.MM, 5 * u.MM, 0.2 * u.MM, 2329.0)
LID = Slab(5 * u.MM, 5 * u.MM, 0.1 * u.MM, 2500.0)


def chip(connection: Connection) -> ThinFilmChip:
    # Two cells side by side: cathode and anode 2.0 x 4.0 mm, LiPON 2.4 x 4.4 mm (2 x 2.4 <= 5 mm).
    return ThinFilmChip(
        die=DIE,
        cathode=Rectangle(2.0 * u.MM, 4.0 * u.MM),
        anode=Rectangle(2.0 * u.MM, 4.0 * u.MM),
        electrolyte=Rectangle(2.4 * u.MM, 4.4 * u.MM),
        cells=2,
        layout=ChipLayout.SIDE_BY_SIDE,
        connection=connection,
        lid=LID,
    )


def test_thin_film_chip_by_hand() -> None:
    metrics = compute_cell(Cell(chip_unit(), chip(Connection.PARALLEL)), energy_definition=AVERAGE)
    assert metrics.valid
    # Per cell: 140 mAh/g x 5.05 g/cm³ x 5e-4 cm = 353.5 µAh/cm² over 0.2 x 0.4 = 0.08 cm².
    capacity_uah = 2 * 353.5 * 0.08  # 56.56 µAh in parallel
    energy_uwh = capacity_uah * 3.9  # 220.58 µWh
    a_electrode, a_lipon = 0.08, 0.24 * 0.44  # cm²
    per_cell_mg = 1e3 * (
        21.45 * 0.3e-4 * a_electrode  # Pt 0.05148
        + 5.05 * 5e-4 * a_electrode  # LiCoO2 0.202
        + 2.4 * 2e-4 * a_lipon  # LiPON 0.050688
        + 0.534 * 3e-4 * a_electrode  # Li 0.012816
        + 8.96 * 0.5e-4 * a_electrode  # Cu 0.03584
    )
    die_mg = 2.329 * 0.5 * 0.5 * 0.02 * 1e3  # 11.645
    lid_mg = 2.5 * 0.5 * 0.5 * 0.01 * 1e3  # 6.25
    mass_mg = die_mg + lid_mg + 2 * per_cell_mg  # 18.6006
    # The packaged part: die outline x (die + one cell's 10.8 µm + lid) = 0.5 x 0.5 x 0.03108 cm.
    volume_cm3 = 0.5 * 0.5 * (0.02 + 10.8e-4 + 0.01)

    cell = metrics.level(CellLevel.CELL)
    assert metrics.capacity_C is not None and metrics.energy_J is not None
    assert metrics.capacity_C / (1e-3 * u.MAH) == pytest.approx(capacity_uah, rel=1e-3)
    assert metrics.energy_J / (1e-3 * u.MWH) == pytest.approx(energy_uwh, rel=1e-3)
    assert cell.mass_kg * 1e6 == pytest.approx(mass_mg, rel=1e-3)
    assert cell.volume_m3 * 1e6 == pytest.approx(volume_cm3, rel=1e-3)
    assert cell.specific_energy_J_kg is not None and cell.energy_density_J_m3 is not None
    # 220.58 µWh / 18.60 mg = 11.86 Wh/kg; / 7.77e-3 cm³ = 28.39 Wh/L.
    assert cell.specific_energy_J_kg / u.WH_PER_KG == pytest.approx(energy_uwh / mass_mg, rel=1e-3)
    assert cell.energy_density_J_m3 / u.WH_PER_L == pytest.approx(energy_uwh * 1e-3 / volume_cm3, rel=1e-3)

    # In series the voltages add and the capacity is one cell's; energy, mass and volume are the same.
    series = compute_cell(Cell(chip_unit(), chip(Connection.SERIES)), energy_definition=AVERAGE)
    assert series.capacity_C is not None and series.voltage_V is not None
    assert series.capacity_C / (1e-3 * u.MAH) == pytest.approx(capacity_uah / 2, rel=1e-3)
    assert series.voltage_V == pytest.approx(7.8, rel=1e-9)
    assert series.energy_J == pytest.approx(metrics.energy_J, rel=1e-12)
