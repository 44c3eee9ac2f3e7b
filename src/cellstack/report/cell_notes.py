"""What a cell's numbers rest on, in plain words: the capacity rule, the format's assumptions,
the notes compute_cell made, and the source of each hardware part (assumed ones marked [A])."""

from __future__ import annotations

from cellstack.core import units as u
from cellstack.core.cell import CellMetrics, CoinCell, Laminate, Planar, StackedPouch, ThinFilmChip
from cellstack.core.cell.chip import ChipLayout
from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.io.cell_formats import load_coin_part_sources, load_coin_sizes
from cellstack.io.project import Project
from cellstack.report.citations import Citations

ASSUMED_SOURCE = "cellstack_assumption"


def _mm(metres: float) -> str:
    return f"{metres / u.MM:.4g} mm"


def _area(square_m: float) -> str:
    return f"{square_m * 1e4:.4g} cm²"


def capacity_rule(project: Project) -> str:
    fmt = project.cell_format
    if isinstance(fmt, Planar):
        return "Capacity rule: the stack's areal capacity over its active area."
    area = fmt.placement().capacity_area_m2
    return (
        "Capacity rule: each unit delivers the stack's areal capacity over the area where its cathode "
        f"faces its anode ({_area(area)} per unit); overhanging parts carry mass and volume, never "
        "capacity. The stack's own active and footprint areas are not used; its per-area numbers are."
    )


def format_notes(project: Project) -> list[str]:
    fmt = project.cell_format
    if isinstance(fmt, StackedPouch):
        return _pouch_notes(fmt)
    if isinstance(fmt, CoinCell):
        return [
            f"{fmt.case.name} case, {_mm(fmt.case.diameter_m)} × {_mm(fmt.case.height_m)}, with "
            f"{fmt.spacers} spacer(s) and a spring; the cell's volume is the case's outer cylinder. "
            "Hardware masses and volumes marked [A] are assumptions: weigh your own parts. A lab coin "
            "cell is mostly hardware, so compare the repeat-unit level for the chemistry."
        ]
    if isinstance(fmt, ThinFilmChip):
        arrangement = "side by side" if fmt.layout is ChipLayout.SIDE_BY_SIDE else "stacked"
        lid = "lid" if fmt.lid is not None else "bare die (no lid)"
        return [
            f"{fmt.cells} cell(s) {arrangement} in {fmt.connection.value} on the die, under a {lid}. "
            "Capacity, energy and Wh/L are those of the packaged part, as microbattery datasheets "
            "state them: die, cells and lid over the part's outline times its height."
        ]
    return []


def _pouch_notes(pouch: StackedPouch) -> list[str]:
    if pouch.double_sided:
        if pouch.units % 2:
            outer = "one outer electrode of each kind"
        else:
            kind = "anodes" if pouch.outer_electrode is Role.ANODE else "cathodes"
            outer = f"both outer electrodes {kind}"
        coated = "coated on the inside only" if pouch.outer_single_sided else "coated on both sides"
        foils = (
            f"Double-sided electrodes: neighbouring units share a collector foil ({pouch.units + 1} "
            f"foils); {outer}, the outer foils {coated}."
        )
    else:
        foils = "Each unit has its own two collector foils."
    given = [pouch.box_width_m, pouch.box_height_m, pouch.box_thickness_m]
    box = (
        "The box is the outline plus the seals (or frame) and the stack plus two walls"
        if all(v is None for v in given)
        else "The box's sides given are used as given; the others follow from the outline and housing"
    )
    tabs = "with" if pouch.tabs_in_box else "without"
    housing = pouch.housing
    wall = (
        f"laminate {housing.thickness_m / u.UM:.4g} µm at {housing.density_kg_m3 / 1e3:.4g} g/cm³, "
        f"seal {_mm(housing.seal_width_m)}"
        if isinstance(housing, Laminate)
        else f"frame at {housing.density_kg_m3 / 1e3:.4g} g/cm³, borders {_mm(housing.side_border_m)} / "
        f"{_mm(housing.end_border_m)}"
    )
    return [foils, f"{box}, {tabs} the tabs' length; {wall}."]


def fixture_and_fill_notes(project: Project) -> list[str]:
    notes = []
    fixture = project.fixture
    if fixture is not None:
        notes.append(
            f"Pressure fixture: {fixture.plates} plates of {_mm(fixture.plate_width_m)} × "
            f"{_mm(fixture.plate_height_m)} × {_mm(fixture.plate_thickness_m)} at "
            f"{fixture.plate_density_kg_m3 / 1e3:.4g} g/cm³ and {fixture.hardware_mass_kg * 1e3:.4g} g of "
            f"bolts and springs, holding {fixture.stack_pressure_Pa / 1e6:.4g} MPa (recorded; no mechanics "
            "model uses it). It adds the cell-with-fixture level and changes no other."
        )
    fill = project.fill
    if fill is not None:
        ml_per_ah = fill.volume_per_charge_m3_C * 1e6 * 3600.0
        notes.append(
            f"{fill.name}: {ml_per_ah:.4g} mL/Ah at {fill.density_kg_m3 / 1e3:.4g} g/cm³; it fills pores "
            "and gaps, so it adds mass and no volume."
        )
    return notes


def assumptions(cell: CellMetrics, project: Project) -> list[str]:
    return [capacity_rule(project), *format_notes(project), *cell.notes, *fixture_and_fill_notes(project)]


def component_sources(cell: CellMetrics, project: Project, citations: Citations) -> dict[str, str]:
    """Breakdown rows of a shipped coin case with their sources: "[A]" where the number is assumed."""
    fmt = project.cell_format
    if not isinstance(fmt, CoinCell):
        return {}
    try:
        shipped = load_coin_sizes().get(fmt.case.name)
        sources = load_coin_part_sources().get(fmt.case.name, {})
    except InputError:
        return {}
    if shipped != fmt.case:  # the user's own hardware: its numbers are theirs
        return {}
    marks = {}
    for component in cell.breakdown:
        key = component.name.split(" x", maxsplit=1)[0]
        if key in sources:
            source, note = sources[key]
            assumed = source == ASSUMED_SOURCE or "[A]" in note
            mark = "[A]" if source == ASSUMED_SOURCE else f"{citations.mark(source)}; mass [A]"
            marks[component.name] = mark if assumed else citations.mark(source)
    return marks
