"""The PDF summaries of the shipped examples, read back with pypdf and rendered with pdftoppm."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cellstack.io.library import Library
from cellstack.io.project import load_project
from cellstack.report.citations import json_number
from cellstack.report.content import DEFINITIONS
from tests.report.conftest import EXAMPLES, Rendered, render_and_read, squeeze

# The numbers the page-1 metrics table must print exactly as `compute --json` gives them.
KEY_NUMBERS = (
    "capacity_mAh",
    "energy_mWh",
    "specific_energy_Wh_kg",
    "energy_density_Wh_L",
    "asr_ohm_cm2",
    "average_voltage_V",
    "mass_g",
    "thickness_um",
)
A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)
CITATION = re.compile(r"\[(\d+(?:,\s*\d+)*)\]")


@pytest.fixture(params=[p.stem for p in EXAMPLES])
def report(request: pytest.FixtureRequest, rendered_examples: dict[str, Rendered]) -> Rendered:
    return rendered_examples[request.param]


def test_page_one_prints_the_compute_json_numbers(report: Rendered) -> None:
    tokens = report.pages[0].split()
    # Page 1 states the stack's metrics; compute --json's top-level densities are the cell
    # level's, which for a planar cell are the full stack's.
    stack_level = {**report.data, **report.data["levels"]["full_stack"]}
    for key in KEY_NUMBERS:
        value = (
            stack_level[key] if key in ("specific_energy_Wh_kg", "energy_density_Wh_L") else report.data[key]
        )
        assert value is not None, key
        shown = json_number(value)
        assert shown in tokens, f"{key} = {value} not printed as {shown!r} on page 1"
        assert float(shown) == value
    for level in report.data["levels"].values():
        assert json_number(level["specific_energy_Wh_kg"]) in tokens
        assert json_number(level["energy_density_Wh_L"]) in tokens


def test_page_one_names_levels_units_definition_and_title(report: Rendered) -> None:
    first = squeeze(report.pages[0])
    for text in (
        "Keymetrics",
        "electrodepair",
        "cellstack",
        "fullstack",
        "mAh",
        "Wh/kg",
        "Wh/L",
        "Ω·cm²",
        "Cross-section",
        "CellStack0.1.0",
    ):
        assert text in first, text
    # An electrode without an OCP curve (the In-Li of the coin example) takes the material averages.
    definition = DEFINITIONS[report.data["voltage_definition"]][0]
    assert squeeze(f"Energy definition: {definition}") in first
    project = load_project(report.source)
    assert squeeze(project.name) in first


def test_every_layer_appears_in_the_cross_section_and_the_layer_table(report: Rendered) -> None:
    first, rest = squeeze(report.pages[0]), squeeze("".join(report.pages[1:]))
    for layer in report.data["layers"]:
        assert squeeze(layer["name"]) in first, layer["name"]  # cross-section label
        assert squeeze(layer["name"]) in rest, layer["name"]  # layer table and breakdowns


def test_every_cited_number_is_in_the_reference_list(report: Rendered, library: Library) -> None:
    text = report.text
    body, _, references = text.rpartition("\nReferences\n")
    assert references, "no reference list"
    project = load_project(report.source)
    for layer in project.stack.layers:  # library names may carry the review's own numbers, "[375]"
        for literal in re.findall(r"\[\d+\]", f"{layer.name} {layer.material.name}"):
            body = body.replace(literal, "")
    cited = {int(n) for group in CITATION.findall(body) for n in re.split(r",\s*", group)}
    listed = [int(n) for n in re.findall(r"^\[(\d+)\]", references, flags=re.MULTILINE)]
    assert listed == list(range(1, len(listed) + 1)), "references numbered 1..N in order"
    assert cited == set(listed), "every listed reference is cited and every citation listed"
    squeezed = squeeze(references)
    keys = {w["source"] for w in report.data["warnings"] if w["source"]}
    keys |= {e["source"] for e in report.data["asr_breakdown"]}
    for key in keys:
        assert squeeze(library.reference_text(key)) in squeezed, key
        assert f"({key})" in squeezed


def test_pages_are_a4_and_numbered(report: Rendered) -> None:
    assert len(report.pages) >= 3
    for size in report.sizes:
        assert size == pytest.approx(A4, abs=1.0)
    for number, page in enumerate(report.pages, start=1):
        assert f"Page {number} of {len(report.pages)}" in " ".join(page.split())


def test_sections_follow_page_one(report: Rendered) -> None:
    rest = squeeze("".join(report.pages[1:]))
    for heading in (
        "Discharge",
        "Ratecapability",
        "Ragoneplot",
        "Area-specificresistance",
        "Overpotentials",
        "Massperlayer",
        "Volumeperlayer",
        "Layersandthesourcesoftheirproperties",
        "References",
    ):
        assert heading in rest, heading
    for unit in ("Capacity(mAh)", "Voltage(V)", "Specificpower(W/kg)", "Specificenergy(Wh/kg)", "ASR(Ω·cm²)"):
        assert unit in rest, unit


def test_letter_and_temperature_options(tmp_path: Path) -> None:
    source = EXAMPLES[-1]
    hot = render_and_read(
        source, tmp_path / "hot.pdf", "--page-size", "Letter", "--temperature", "60", "--c-rates", "0.5,3"
    )
    for size in hot.sizes:
        assert size == pytest.approx(LETTER, abs=1.0)
    tokens = hot.pages[0].split()
    assert hot.data["temperature_C"] == 60
    assert json_number(hot.data["asr_ohm_cm2"]) in tokens  # the ASR at 60 °C, not the file's 25 °C
    rest = squeeze("".join(hot.pages[1:]))
    assert "0.5C,3C" in rest and "at60°C" in rest


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_a_second_reader_renders_every_page(rendered_examples: dict[str, Rendered], tmp_path: Path) -> None:
    for name, report in rendered_examples.items():
        prefix = tmp_path / name
        result = subprocess.run(
            ["pdftoppm", "-r", "20", "-png", str(report.pdf), str(prefix)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip() == "", result.stderr  # poppler reports any syntax problem here
        assert len(list(tmp_path.glob(f"{name}-*.png"))) == len(report.pages)


def test_fonts_are_embedded_and_nothing_is_rasterised(report: Rendered) -> None:
    from pypdf import PdfReader

    reader = PdfReader(report.pdf)
    seen = 0
    for page in reader.pages:
        resources = page["/Resources"]
        assert "/XObject" not in resources or not any(
            x.get_object().get("/Subtype") == "/Image" for x in resources["/XObject"].values()
        ), "a raster image on the page"
        for reference in resources["/Font"].values():
            font = reference.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)[
                "/FontDescriptor"
            ].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get(
                "/BaseFont"
            )
            seen += 1
    assert seen > 0
