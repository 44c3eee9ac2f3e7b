"""compute_cell: a cell's capacity, energy and levels from its repeat unit's metrics, computed once.

Capacity rule: a unit delivers its areal capacity (the stack's, min of cathode and anode per
area) over the area where cathode faces anode (the overlap of the two centred sheets; the
cathode's area when the anode overhangs it). Overhanging parts carry mass, not capacity.
"""

from __future__ import annotations

import math

from cellstack.core.cell.assembly import Assembly
from cellstack.core.cell.cell import Cell
from cellstack.core.cell.fixture import PressureFixture
from cellstack.core.cell.parts import ElectrolyteFill
from cellstack.core.cell.planar import Planar
from cellstack.core.cell.repeat_unit import repeat_unit
from cellstack.core.cell.results import CellLevel, CellLevelMetrics, CellMetrics, Component, Listed
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.metrics import EnergyDefinition, Level, LevelMetrics, Metrics, compute_metrics

_EMPTY_TABLE = InterfaceTable()
# Enum members read off their class cost 0.25 µs each on Python 3.11 (EnumType.__getattr__ defeats
# the attribute cache); next to the few microseconds a cell adds to its unit's metrics, that counts.
_PAIR, _CELL_STACK = Level.ELECTRODE_PAIR, Level.CELL_STACK
_CELL_PAIR, _CELL_UNIT, _CELL = CellLevel.ELECTRODE_PAIR, CellLevel.REPEAT_UNIT, CellLevel.CELL


def compute_cell(
    cell: Cell,
    interfaces: InterfaceTable = _EMPTY_TABLE,
    energy_definition: EnergyDefinition = EnergyDefinition.AUTO,
) -> CellMetrics:
    """Metrics of ``cell`` at every level. Impossible geometry raises InputError."""
    metrics = compute_metrics(cell.unit, interfaces, energy_definition)
    if isinstance(cell.format, Planar):
        return _planar(cell, metrics)
    unit = repeat_unit(cell.unit, metrics)
    assembly: Assembly = cell.format.assemble(unit)
    placement = assembly.placement
    units = placement.units
    area = units * placement.capacity_area_m2  # capacity area of all units together
    charge = metrics.cell_capacity_C_m2 * area if metrics.cell_capacity_C_m2 is not None else None
    active = cell.unit.active_area_m2
    energy = metrics.energy_J / active * area if metrics.energy_J is not None else None
    voltage = metrics.voltage.average_V if metrics.voltage is not None else None
    pair, stack = metrics.level(_PAIR), metrics.level(_CELL_STACK)
    pair_mass, pair_t = pair.mass_kg / active, pair.thickness_m  # per m² of active area
    stack_mass, stack_t = stack.mass_kg / active, stack.thickness_m
    share = placement.foil_share
    unit_mass = pair_mass + share * (stack_mass - pair_mass)
    unit_t = pair_t + share * (stack_t - pair_t)
    extra_mass = cell.unit.extra_mass_kg
    fill = _fill(cell.fill, charge) if cell.fill is not None else None
    added: tuple[Component, ...] = ()
    if extra_mass > 0 or fill is not None:
        # The stack's lump (tabs, terminals, ...) belongs to the cell, not to each unit: once.
        extra = (Component("extra mass", extra_mass, None),) if extra_mass > 0 else ()
        added = (*extra, *((fill,) if fill is not None else ()))
    known = assembly.layers_known
    cell_mass = assembly.layers_mass_kg
    for group in (assembly.parts, added):
        for component in group:
            if component.mass_kg is None:
                known = False
            else:
                cell_mass += component.mass_kg
    levels: tuple[CellLevelMetrics, ...] = (
        _level(_CELL_PAIR, pair_mass * area, pair_t * area, pair_t * units, energy, known),
        _level(_CELL_UNIT, unit_mass * area, unit_t * area, unit_t * units, energy, known),
        _level(_CELL, cell_mass, assembly.volume_m3, assembly.thickness_m, energy, known),
    )
    if cell.fixture is not None:
        face_w, face_h = assembly.face_width_m, assembly.face_height_m
        levels = (*levels, _fixture_level(cell.fixture, levels[-1], face_w, face_h, energy, known))
    series = placement.series
    return CellMetrics(
        cell.format.kind,
        units,
        charge / series if charge is not None else None,
        voltage * series if voltage is not None else None,
        energy,
        levels,
        assembly,
        added,
        metrics,
        cell.fixture.stack_pressure_Pa if cell.fixture is not None else None,
    )


def _planar(cell: Cell, metrics: Metrics) -> CellMetrics:
    """Today's stack metrics, level for level; a fill or a fixture only add to them."""
    stack = cell.unit
    components = [Component(row.name, row.mass_kg, row.area_m2 * row.thickness_m) for row in metrics.layers]
    if stack.extra_mass_kg > 0:
        components.append(Component("extra mass", stack.extra_mass_kg, None))
    fill = _fill(cell.fill, metrics.capacity_C)
    energy = metrics.energy_J
    known = all(row.mass_kg is not None for row in metrics.layers)
    full = _from_stack(CellLevel.CELL, metrics.level(Level.FULL_STACK))
    if fill is not None:
        components.append(fill)
        known = known and fill.mass_kg is not None
        full = _level(
            CellLevel.CELL,
            full.mass_kg + (fill.mass_kg or 0.0),
            full.volume_m3,
            full.thickness_m,
            energy,
            known,
        )
    levels = [
        _from_stack(CellLevel.ELECTRODE_PAIR, metrics.level(Level.ELECTRODE_PAIR)),
        _from_stack(CellLevel.REPEAT_UNIT, metrics.level(Level.CELL_STACK)),
        full,
    ]
    if cell.fixture is not None:
        side = math.sqrt(stack.footprint_area_m2)  # a planar cell has an area, no outline: a square
        levels.append(_fixture_level(cell.fixture, full, side, side, energy, known))
    return CellMetrics(
        format=Planar.kind,
        units=1,
        capacity_C=metrics.capacity_C,
        voltage_V=metrics.average_voltage_V,
        energy_J=energy,
        levels=tuple(levels),
        parts=Listed(tuple(components)),
        added=(),
        repeat_unit=metrics,
        stack_pressure_Pa=cell.fixture.stack_pressure_Pa if cell.fixture is not None else None,
    )


def _from_stack(level: CellLevel, row: LevelMetrics) -> CellLevelMetrics:
    return CellLevelMetrics(
        level, row.mass_kg, row.volume_m3, row.thickness_m, row.specific_energy_J_kg, row.energy_density_J_m3
    )


def _fill(fill: ElectrolyteFill | None, charge_C: float | None) -> Component | None:
    if fill is None:
        return None
    if charge_C is None:
        return Component(fill.name, None, None)
    volume = fill.volume_m3(charge_C)
    return Component(fill.name, volume * fill.density_kg_m3, volume)


def _level(
    level: CellLevel,
    mass_kg: float,
    volume_m3: float,
    thickness_m: float | None,
    energy_J: float | None,
    masses_known: bool,
) -> CellLevelMetrics:
    # Positional: this runs three or four times per compute, next to a stack's whole metrics.
    specific = energy_J / mass_kg if energy_J is not None and masses_known and mass_kg > 0 else None
    density = energy_J / volume_m3 if energy_J is not None and volume_m3 > 0 else None
    return CellLevelMetrics(level, mass_kg, volume_m3, thickness_m, specific, density)


def _fixture_level(
    fixture: PressureFixture,
    cell: CellLevelMetrics,
    face_width_m: float,
    face_height_m: float,
    energy_J: float | None,
    masses_known: bool,
) -> CellLevelMetrics:
    mass = cell.mass_kg + fixture.plates_mass_kg + fixture.hardware_mass_kg
    volume, thickness = fixture.box(face_width_m, face_height_m, cell.thickness_m or 0.0)
    return _level(
        CellLevel.CELL_WITH_FIXTURE, mass, max(volume, cell.volume_m3), thickness, energy_J, masses_known
    )
