"""`cellstack report A B C -o cmp.pdf`: a comparison of designs, with differences against the first;
one file is still the single report; a bad file or an output that is an input writes nothing."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from cellstack.cli.parser import COMPARED_DESIGNS
from cellstack.cli.report import design_names
from cellstack.io.library import Library
from cellstack.io.project import load_project
from cellstack.report.comparison_content import build_comparison, difference_text, value_at
from cellstack.report.comparison_figures import MAX_DESIGNS
from cellstack.report.comparison_pdf import comparison_inputs, render_comparison
from cellstack.report.inputs import ReportOptions, checked_options
from cellstack.report.style import PageSize
from tests.report.conftest import EXAMPLES, pypdf, run_cli, squeeze
from tests.report.test_layout import check_layout, record_text

BASE = next(p for p in EXAMPLES if p.stem == "ssb_nmc811_argyrodite_li")
POUCH = next(p for p in EXAMPLES if p.stem == "pouch_nmc811_llzo_li")
FILM = next(p for p in EXAMPLES if p.stem == "thin_film_licoo2_lipon_li")


def _compute(path: Path) -> dict[str, Any]:
    code, out, err = run_cli("compute", str(path), "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("cmp") / "cmp.pdf"
    code, stdout, stderr = run_cli("report", str(BASE), str(POUCH), str(FILM), "-o", str(out))
    assert code == 0 and stdout == "" and stderr == "", stderr
    return out, [page.extract_text() for page in pypdf.PdfReader(out).pages]


def test_the_comparison_names_the_designs_and_has_every_part(compared: tuple[Path, list[str]]) -> None:
    _, pages = compared
    assert 4 <= len(pages) <= 8
    first = squeeze(pages[0])
    assert "Comparisonof3designs" in first
    for path in (BASE, POUCH, FILM):
        assert squeeze(path.name) in first
    assert "Metricsanddifferences" in first and "Δ" in first
    text = squeeze("\n".join(pages))
    for part in ("Dischargeat0.1C", "Ratecapability", "Ragoneplot", "Cross-sections", "References"):
        assert part in text, part
    assert "Layersandthesourcesoftheirproperties" in text


def test_the_differences_are_those_of_compute_json(compared: tuple[Path, list[str]]) -> None:
    _, pages = compared
    first = squeeze(pages[0])
    base, pouch = _compute(BASE), _compute(POUCH)
    for key in ("energy_mWh", "asr_ohm_cm2", "levels.full_stack.mass_g"):
        a, b = value_at(base, key), value_at(pouch, key)
        assert a is not None and b is not None
        text = difference_text(a, b)
        assert text and text != "=" and squeeze(text) in first, (key, text)


def test_difference_text() -> None:
    assert difference_text(2.0, 3.0) == "+1 (+50.0%)"
    assert difference_text(2.0, 1.5) == "-0.5 (-25.0%)"
    assert difference_text(2.0, 2.0) == "="
    assert difference_text(0.0, 1.0) == "+1"
    assert difference_text(None, 1.0) == "" and difference_text(1.0, None) == ""


def test_curves_and_table_share_the_designs_and_their_colours(library: Library) -> None:
    named = [(p.stem, load_project(p, library)) for p in (BASE, FILM)]
    designs = comparison_inputs(named, library, ReportOptions(c_rates=(1.0,)))
    content = build_comparison(designs, library, (1.0,), [p.name for p in (BASE, FILM)])
    (discharge,) = content.discharge[0].figures
    rate, ragone = content.rate_and_ragone.figures
    for figure in (discharge, rate, ragone):
        assert [s.label for s in figure.series] == [BASE.stem, FILM.stem]
        assert figure.series[0].colour != figure.series[1].colour
    assert [s.colour for s in rate.series] == [s.colour for s in ragone.series]
    assert [name for name, _ in content.cross_sections] == [BASE.stem, FILM.stem]
    (table,) = content.metrics
    assert table.headers[3:] == (BASE.stem, FILM.stem, f"Δ {FILM.stem}")
    # Per cm²: the 1C curve of each design ends at its own delivered areal capacity.
    for series, design in zip(discharge.series, designs, strict=True):
        curve = design.inputs.discharge.curves[0]
        areal = curve.delivered_capacity_C / design.inputs.stack.active_area_m2 / 3.6e4  # mAh/cm²
        assert series.x[-1] == pytest.approx(areal)


def test_more_designs_than_colours_are_refused_in_one_line(tmp_path: Path) -> None:
    assert MAX_DESIGNS == COMPARED_DESIGNS
    out = tmp_path / "cmp.pdf"
    code, _, stderr = run_cli("report", *[str(BASE)] * (COMPARED_DESIGNS + 1), "-o", str(out))
    assert code == 2 and stderr.count("\n") == 1 and "FILE" in stderr
    assert not out.exists()


def test_a_file_that_does_not_load_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.cellstack"
    broken.write_text("{not json", encoding="utf-8")
    out = tmp_path / "cmp.pdf"
    for bad in (broken, tmp_path / "missing.cellstack"):
        code, stdout, stderr = run_cli("report", str(BASE), str(bad), "-o", str(out))
        assert code == 2 and stdout == "" and stderr.count("\n") == 1, stderr
        assert stderr.startswith("cellstack: ") and "Traceback" not in stderr
        assert not out.exists()


def test_the_output_may_not_be_one_of_the_inputs(tmp_path: Path) -> None:
    copy = tmp_path / "copy.cellstack"
    copy.write_bytes(POUCH.read_bytes())
    code, _, stderr = run_cli("report", str(BASE), str(copy), "-o", str(copy))
    assert code == 2 and "--output" in stderr and stderr.count("\n") == 1
    assert copy.read_bytes() == POUCH.read_bytes()


def test_one_file_is_still_the_single_report(tmp_path: Path) -> None:
    out = tmp_path / "one.pdf"
    assert run_cli("report", str(BASE), "-o", str(out))[0] == 0
    text = squeeze(pypdf.PdfReader(out).pages[0].extract_text())
    assert "Keymetrics" in text and "Comparisonof" not in text


def test_designs_of_the_same_name_are_told_apart() -> None:
    names = design_names([Path("a/cell.cellstack"), Path("b/cell.cellstack"), Path("c/other.cellstack")])
    assert names == ["a/cell", "b/cell", "other"]
    twice = design_names([Path("a/cell.cellstack"), Path("a/cell.cellstack")])
    assert len(set(twice)) == 2


def test_a_design_without_curves_is_named_where_its_curves_would_be(tmp_path: Path) -> None:
    data = json.loads(BASE.read_text(encoding="utf-8"))
    del data["stack"]["layers"][1]  # the cathode: nothing to discharge
    broken = tmp_path / "no_cathode.cellstack"
    broken.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "cmp.pdf"
    code, _, stderr = run_cli("report", str(BASE), str(broken), "-o", str(out))
    assert code == 0, stderr
    text = squeeze("".join(page.extract_text() for page in pypdf.PdfReader(out).pages))
    assert "Nocurveforno_cathode:" in text and "layer.." not in text
    assert "n/a" in text  # its energy is no number, and no difference is printed for it


@pytest.mark.parametrize("size", [PageSize.A4, PageSize.LETTER])
def test_a_comparison_of_eight_designs_has_no_clipped_or_overlapping_text(
    library: Library, monkeypatch: pytest.MonkeyPatch, size: PageSize
) -> None:
    """Every example, the longest names the table gets, three groups of metric columns."""
    boxes = record_text(monkeypatch)
    named = [(f"{p.stem} with a long design name", load_project(p, library)) for p in EXAMPLES[:MAX_DESIGNS]]
    options = ReportOptions(page_size=size, date=datetime.date(2024, 1, 2))
    designs = comparison_inputs(named, library, checked_options(options, named[0][1]))
    content = build_comparison(designs, library, (0.1, 1.0, 2.0), [p.name for p in EXAMPLES[:MAX_DESIGNS]])
    assert len(content.metrics) == 3  # seven designs against the first, three per table
    data = render_comparison(content, options)
    check_layout(boxes, size)
    assert data.startswith(b"%PDF-")
