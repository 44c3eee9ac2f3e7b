"""The PDF's "Uncertainty" section: present exactly when the project carries uncertainties, with
the inputs and their sources, the metrics as value ± σ and 95 % interval, and tornado bars."""

from __future__ import annotations

from pathlib import Path

import pytest

from cellstack.io.library import Library
from cellstack.io.project import load_project
from cellstack.io.uncertainty_study import uncertainty_study
from cellstack.report.citations import number
from cellstack.report.content import build_content
from cellstack.report.elements import BarFigure, FigureRow, Section, Table
from cellstack.report.inputs import ReportOptions, prepare
from cellstack.report.style import PageSize
from cellstack.report.uncertainty_section import REPORT_SAMPLES_LOADED, REPORT_SEED, short_path
from tests.report.conftest import EXAMPLES, pypdf, run_cli, squeeze
from tests.report.test_layout import render_checked

V3 = Path(__file__).resolve().parents[1] / "io" / "golden" / "v3.cellstack"


def _section(library: Library, path: Path) -> Section | None:
    project = load_project(path, library)
    content = build_content(prepare(project, library, ReportOptions()), library)
    return next((s for s in content.sections if s.title == "Uncertainty"), None)


def test_the_section_holds_the_studys_numbers(library: Library) -> None:
    section = _section(library, V3)
    assert section is not None
    inputs, metrics = (b for b in section.blocks if isinstance(b, Table))
    assert [row[0] for row in inputs.rows] == [u.path for u in load_project(V3).uncertainties]
    assert ("stack.layers[1].thickness_um", "80 µm", "± 4", "micrometer, 5 positions") in inputs.rows
    assert ("materials.nmc811.properties.density", "4.78 g/cm3", "4.6 to 5", "supplier data sheet range") in (
        inputs.rows
    )
    project = load_project(V3, library)
    study = uncertainty_study(project, library, project.uncertainties)
    assert not study.vectorised  # a material density: every sample is loaded
    spread = study.monte_carlo(REPORT_SAMPLES_LOADED, REPORT_SEED).spreads["specific_energy_Wh_kg"]
    value = study.nominal()["specific_energy_Wh_kg"]
    row = next(r for r in metrics.rows if r[0].startswith("Specific energy"))
    assert row[1:4] == (
        number(value),
        f"± {number(spread.std, 2)}",
        f"{number(spread.p2_5)} to {number(spread.p97_5)}",
    )
    assert spread.p2_5 < value < spread.p97_5
    figures = next(b for b in section.blocks if isinstance(b, FigureRow)).figures
    tornado = figures[0]
    assert isinstance(tornado, BarFigure) and tornado.title == "Tornado: Specific energy (full stack)"
    sizes = [bar.value for bar in tornado.bars]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 0
    assert tornado.bars[0].label == short_path("stack.layers[1].thickness_um") == "layers[1].thickness_um"


@pytest.mark.parametrize("path", EXAMPLES[:2], ids=lambda p: p.stem)
def test_a_project_without_uncertainties_has_no_section(library: Library, path: Path) -> None:
    assert _section(library, path) is None


def test_the_pdf_prints_the_section(tmp_path: Path) -> None:
    pdf = tmp_path / "v3.pdf"
    code, _, err = run_cli("report", str(V3), "-o", str(pdf))
    assert code == 0, err
    text = squeeze("\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))
    for expected in (
        "Uncertainty",
        "stack.layers[1].thickness_um",
        "micrometer,5positions",
        "supplierdatasheetrange",
        "95%interval",
        "Tornado:Specificenergy(fullstack)",
        "Tornado:ASR",
        "seed0",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("size", [PageSize.A4, PageSize.LETTER], ids=lambda s: s.name)
def test_the_section_has_no_clipped_or_overlapping_text(
    library: Library, monkeypatch: pytest.MonkeyPatch, size: PageSize
) -> None:
    render_checked(load_project(V3, library), library, monkeypatch, size)
