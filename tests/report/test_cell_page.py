"""The cell page: levels, breakdown and assumptions as compute_cell has them, for each format."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace

import pytest

from cellstack.core import units as u
from cellstack.core.cell import CellLevel, CellMetrics, StackedPouch, compute_cell
from cellstack.core.material import Role
from cellstack.core.simulation import DEFAULT_C_RATES, Simulation
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.report import inputs as report_inputs
from cellstack.report.cell_content import CELL_LEVEL_NAMES
from cellstack.report.citations import json_number
from cellstack.report.content import build_content
from cellstack.report.elements import CellDrawing, FigureRow, Paragraph, ReportContent, Section, Table
from cellstack.report.inputs import ReportOptions, prepare
from tests.report.cells import FIXTURE, bulk_project, chip_project, coin_project, pouch_project

MAKERS: dict[str, Callable[[Library], Project]] = {
    "pouch": pouch_project,
    "coin": coin_project,
    "chip": chip_project,
}


def content_of(project: Project, library: Library, **options: object) -> ReportContent:
    chosen = ReportOptions(date=datetime.date(2024, 5, 17), **options)  # type: ignore[arg-type]
    return build_content(prepare(project, library, chosen), library)


def cell_page(content: ReportContent) -> Section:
    (section,) = [s for s in content.sections if s.title.startswith("Cell")]
    return section


def tables(section: Section) -> list[Table]:
    return [b for b in section.blocks if isinstance(b, Table)]


def text_of(section: Section) -> str:
    return "\n".join(b.text for b in section.blocks if isinstance(b, Paragraph))


def expected(project: Project, library: Library) -> CellMetrics:
    return compute_cell(project.cell(), library.interfaces, project.simulation.energy_definition)


@pytest.mark.parametrize("name", MAKERS)
def test_levels_name_every_number_as_compute_cell_has_it(name: str, library: Library) -> None:
    project = MAKERS[name](library)
    section = cell_page(content_of(project, library))
    assert section.new_page
    levels = tables(section)[0]
    cell = expected(project, library)
    assert [row[0] for row in levels.rows] == [CELL_LEVEL_NAMES[level.level] for level in cell.levels]
    grams = levels.headers[4] == "Mass (g)"
    cm3 = levels.headers[5] == "Volume (cm³)"
    assert grams == cm3 == (name != "chip")  # a chip weighs milligrams: its levels say so
    for row, level in zip(levels.rows, cell.levels, strict=True):
        assert level.specific_energy_J_kg is not None and level.energy_density_J_m3 is not None
        assert row[2] == json_number(level.specific_energy_J_kg / u.WH_PER_KG)
        assert row[3] == json_number(level.energy_density_J_m3 / u.WH_PER_L)
        assert row[4] == json_number(level.mass_kg * (1e3 if grams else 1e6))
        assert row[5] == json_number(level.volume_m3 * (1e6 if cm3 else 1e9))
        assert level.thickness_m is not None and row[6] == json_number(level.thickness_m / u.MM)
    assert (CellLevel.CELL_WITH_FIXTURE in [lv.level for lv in cell.levels]) == (name == "pouch")


@pytest.mark.parametrize("name", MAKERS)
def test_the_breakdown_lists_every_component_with_its_mass(name: str, library: Library) -> None:
    project = MAKERS[name](library)
    section = cell_page(content_of(project, library))
    breakdown = tables(section)[1]
    cell = expected(project, library)
    assert [row[0] for row in breakdown.rows] == [c.name for c in cell.breakdown]
    scale = 1e3 if "(g)" in breakdown.headers[1] else 1e6
    for row, component in zip(breakdown.rows, cell.breakdown, strict=True):
        assert component.mass_kg is not None
        assert row[1] == json_number(component.mass_kg * scale)
    (bars,) = [b for b in section.blocks if isinstance(b, FigureRow)]
    assert {bar.label for bar in bars.figures[0].bars} == {c.name for c in cell.breakdown}
    assert next(b for b in section.blocks if isinstance(b, CellDrawing)).views


def test_page_one_leads_with_the_cell_and_names_the_stack_as_one_unit(library: Library) -> None:
    project = pouch_project(library)
    content = content_of(project, library)
    cell = expected(project, library)
    rows = {row[0]: row for row in content.key_metrics.rows}
    at_cell = cell.level(CellLevel.CELL)
    assert at_cell.specific_energy_J_kg is not None
    assert rows["Cell specific energy"][1:] == (
        json_number(at_cell.specific_energy_J_kg / u.WH_PER_KG),
        "Wh/kg",
        "cell",
    )
    assert cell.capacity_C is not None
    assert rows["Cell capacity"][1:3] == (json_number(cell.capacity_C / u.MAH / 1e3), "Ah")
    assert rows["Capacity"][3] == "stack at its own area"
    assert "own area" in content.energy_by_level_title


def test_coin_hardware_is_marked_as_assumed_and_the_spring_cites_its_size(library: Library) -> None:
    content = content_of(coin_project(library), library)
    section = cell_page(content)
    breakdown = tables(section)[1]
    sources = {row[0]: row[-1] for row in breakdown.rows}
    assert breakdown.headers[-1] == "Source"
    for part in ("case", "cap", "gasket", "spacer x1"):
        assert sources[part] == "[A]"
    assert sources["spring"].endswith("; mass [A]") and sources["spring"].startswith("[")
    assert any(c.key == "ces_coin_springs" for c in content.references)
    assert "[A]" in breakdown.note and "assumptions" in text_of(section)


@pytest.mark.parametrize("name", MAKERS)
def test_the_assumptions_are_stated(name: str, library: Library) -> None:
    project = MAKERS[name](library)
    text = text_of(cell_page(content_of(project, library)))
    assert "Capacity rule" in text
    for note in expected(project, library).notes:
        assert note in text
    if name == "pouch":
        assert "5 MPa" in text and "no mechanics model" in text and "21 foils" in text
        assert "both outer electrodes anodes" in text
    if name == "chip":
        assert "packaged part" in text


def test_a_planar_stack_keeps_todays_report(library: Library) -> None:
    project = bulk_project(library)
    content = content_of(project, library)
    assert not [s for s in content.sections if s.title.startswith("Cell")]
    assert content.sections[0].title == "Discharge" and content.sections[0].new_page
    assert content.energy_by_level_title == "Energy by level"
    assert not any(row[0].startswith("Cell") for row in content.key_metrics.rows)


def test_a_planar_stack_in_a_fixture_gets_a_short_cell_section(library: Library) -> None:
    project = replace(bulk_project(library), fixture=FIXTURE)
    section = cell_page(content_of(project, library))
    assert not section.new_page
    assert not [b for b in section.blocks if isinstance(b, CellDrawing | FigureRow)]  # layers follow
    assert [row[0] for row in tables(section)[0].rows][-1] == "cell with fixture"


def test_a_cell_that_cannot_be_built_says_why_and_the_stack_still_reports(library: Library) -> None:
    project = pouch_project(library)
    assert isinstance(project.cell_format, StackedPouch)
    fmt = replace(project.cell_format, box_thickness_m=1 * u.MM)  # 20 units need about 3.3 mm
    content = content_of(replace(project, cell_format=fmt), library)
    section = cell_page(content)
    assert "cannot be built" in text_of(section) and "cell.box_thickness_mm" in text_of(section)
    rows = {row[0]: row for row in content.key_metrics.rows}
    assert "Cell capacity" not in rows and rows["Capacity"][3] == "stack at its own area"
    assert "follow" not in content.energy_by_level_title
    assert any(s.title == "Discharge" for s in content.sections)


def test_the_c_rates_are_the_projects_unless_given(library: Library) -> None:
    assert report_inputs.DEFAULT_C_RATES == DEFAULT_C_RATES
    project = replace(bulk_project(library), simulation=Simulation(c_rates=(3.0, 0.5)))
    chosen = prepare(project, library, ReportOptions())
    assert chosen.c_rates == (0.5, 3.0)
    assert [c.c_rate for c in chosen.discharge.curves] == [0.5, 3.0]
    given = prepare(project, library, ReportOptions(c_rates=(1.0,)))
    assert given.c_rates == (1.0,)


def test_the_designs_cut_off_ends_the_curves(library: Library) -> None:
    project = bulk_project(library)
    free = prepare(project, library, ReportOptions(c_rates=(1.0,)))
    cut = replace(project, simulation=Simulation(discharge_cutoff_V=3.7))
    early = prepare(cut, library, ReportOptions(c_rates=(1.0,)))
    assert early.discharge.curves[0].delivered_capacity_C < free.discharge.curves[0].delivered_capacity_C
    content = build_content(early, library)
    discharge = next(s for s in content.sections if s.title == "Discharge")
    assert "the design's cut-off, 3.7 V" in text_of(discharge)


def test_an_invalid_repeat_unit_gives_a_cell_page_without_numbers(library: Library) -> None:
    project = pouch_project(library)
    kept = tuple(x for x in project.stack.layers if x.role is not Role.ELECTROLYTE)
    section = cell_page(content_of(replace(project, stack=project.stack.with_layers(kept)), library))
    text = text_of(section)
    assert "not valid" in text and "capacity n/a," in text and "n/a mAh" not in text
    assert all(row[2] == row[3] == "n/a" for row in tables(section)[0].rows)
