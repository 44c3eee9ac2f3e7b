"""The cell page in the PDF: read back with pypdf, its text laid out without clipping or overlap."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from cellstack.core import units as u
from cellstack.core.cell import (
    CellMetrics,
    ChipLayout,
    CoinCell,
    Connection,
    Frame,
    StackedPouch,
    ThinFilmChip,
    compute_cell,
)
from cellstack.io.cell_formats import load_coin_sizes
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.report import pdf
from cellstack.report.cell_content import CELL_LEVEL_NAMES
from cellstack.report.citations import json_number
from cellstack.report.content import build_content
from cellstack.report.inputs import ReportOptions, prepare
from cellstack.report.style import MARGIN_PT, PageSize
from tests.report.cells import chip_project, coin_project, pouch_project
from tests.report.conftest import pypdf, squeeze
from tests.report.test_layout import Box, check_layout, record_text

MAKERS: dict[str, Callable[[Library], Project]] = {
    "pouch": pouch_project,
    "coin": coin_project,
    "chip": chip_project,
}


@dataclass
class CellReport:
    cell: CellMetrics
    pages: list[str]
    boxes: list[Box]
    data: bytes


@pytest.fixture(scope="module")
def reports(library: Library) -> dict[str, CellReport]:
    """Each format rendered once, its text boxes recorded as they are drawn."""
    rendered = {}
    for name, make in MAKERS.items():
        project = make(library)
        with pytest.MonkeyPatch.context() as patch:
            boxes = record_text(patch)
            options = ReportOptions(date=datetime.date(2024, 1, 2))
            data = pdf.render(build_content(prepare(project, library, options), library), PageSize.A4)
        reader = pypdf.PdfReader(io.BytesIO(data))
        cell = compute_cell(project.cell(), library.interfaces)
        rendered[name] = CellReport(cell, [page.extract_text() for page in reader.pages], boxes, data)
    return rendered


@pytest.fixture(params=list(MAKERS))
def report(request: pytest.FixtureRequest, reports: dict[str, CellReport]) -> CellReport:
    return reports[request.param]


def test_the_cell_page_follows_page_one_and_names_every_level(report: CellReport) -> None:
    page = squeeze(report.pages[1])
    assert page.startswith(squeeze("Cell:"))
    for level in report.cell.levels:
        assert squeeze(CELL_LEVEL_NAMES[level.level]) in page


def test_the_cell_page_prints_compute_cells_numbers(report: CellReport) -> None:
    page = squeeze(report.pages[1])
    grams = "Mass(g)" in page
    for level in report.cell.levels:
        assert level.specific_energy_J_kg is not None and level.energy_density_J_m3 is not None
        for value in (
            level.specific_energy_J_kg / u.WH_PER_KG,
            level.energy_density_J_m3 / u.WH_PER_L,
            level.mass_kg * (1e3 if grams else 1e6),
            level.volume_m3 * (1e6 if grams else 1e9),
        ):
            assert json_number(value) in page, value


def test_every_component_of_the_breakdown_is_printed(report: CellReport) -> None:
    text = squeeze("\n".join(report.pages[1:3]))
    for component in report.cell.breakdown:
        assert squeeze(component.name) in text, component.name


def test_the_drawing_is_labelled_with_its_dimensions(reports: dict[str, CellReport]) -> None:
    pouch = squeeze(reports["pouch"].pages[1])
    assert "72.5mm" in pouch and "…20unitsinall" in pouch and "cathode60×90mm" in pouch
    coin = squeeze(reports["coin"].pages[1])
    assert "3.2mm" in coin and "20mm" in coin and "separatorØ12mm" in coin
    chip = squeeze(reports["chip"].pages[1])
    assert "die5×5mm" in chip and "2cell(s)sidebyside" in chip


def test_no_text_is_clipped_or_overlapping(report: CellReport) -> None:
    check_layout(report.boxes, PageSize.A4)


def test_the_cell_page_leaves_no_page_nearly_empty(report: CellReport) -> None:
    """A cell page that spills over must not leave a page holding a few lines before the next."""
    _, height = PageSize.A4.points
    footer_top = height - MARGIN_PT + pdf.FOOTER_GAP
    last = max(b.page for b in report.boxes)
    for page in range(1, last):
        body = [b.bottom for b in report.boxes if b.page == page and b.top < footer_top - 1.0]
        used = (max(body) - MARGIN_PT) / (footer_top - 2 * MARGIN_PT)
        assert used > 0.5, f"page {page} is only {used:.0%} full"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_a_second_reader_renders_the_cell_page(report: CellReport, tmp_path: Path) -> None:
    source = tmp_path / "cell.pdf"
    source.write_bytes(report.data)
    result = subprocess.run(
        ["pdftoppm", "-r", "20", "-f", "2", "-l", "2", "-png", str(source), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == 1


def _frame_pouch(library: Library) -> Project:
    project = pouch_project(library, fixture=False)
    assert isinstance(project.cell_format, StackedPouch)
    frame = Frame(1400.0, 6 * u.MM, 10 * u.MM, 0.5 * u.MM)
    return replace(
        project, cell_format=replace(project.cell_format, units=3, housing=frame, tabs_in_box=True)
    )


def _stacked_series_chip(library: Library) -> Project:
    project = chip_project(library)
    assert isinstance(project.cell_format, ThinFilmChip)
    chip = replace(project.cell_format, cells=12, layout=ChipLayout.STACKED, connection=Connection.SERIES)
    return replace(project, cell_format=chip)


def _cr2016(library: Library) -> Project:
    project = coin_project(library)
    assert isinstance(project.cell_format, CoinCell)
    return replace(project, cell_format=replace(project.cell_format, case=load_coin_sizes()["CR2016"]))


@pytest.mark.parametrize("make", [_frame_pouch, _stacked_series_chip, _cr2016], ids=lambda f: f.__name__)
def test_other_designs_lay_out_cleanly_on_letter_paper(
    make: Callable[[Library], Project], library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = record_text(monkeypatch)
    options = ReportOptions(page_size=PageSize.LETTER, date=datetime.date(2024, 1, 2))
    data = pdf.render(build_content(prepare(make(library), library, options), library), PageSize.LETTER)
    assert data.startswith(b"%PDF-")
    check_layout(boxes, PageSize.LETTER)
