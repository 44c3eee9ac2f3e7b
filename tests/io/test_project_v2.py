"""Project format v2: the migration from v1, the v2 golden file, the examples and compute --json's cell."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cellstack.cli import main
from cellstack.core.cell import CoinCell, Planar, StackedPouch, ThinFilmChip
from cellstack.core.errors import InputError
from cellstack.core.metrics import compute_metrics
from cellstack.core.simulation import Simulation
from cellstack.io.field_paths import (
    CELL_FIELDS,
    FieldPath,
    NumericField,
    ProjectEditor,
    parse_path,
    read_value,
    with_value,
)
from cellstack.io.library import Library, default_library
from cellstack.io.metrics_export import metrics_to_json
from cellstack.io.migrations import FORMAT_VERSION, migrate
from cellstack.io.project import Project, dumps_project, load_project, loads_project
from cellstack.io.project_compute import project_cell_metrics, project_metrics
from cellstack.io.resources import examples_dir

GOLDEN = Path(__file__).resolve().parent / "golden"
V1_GOLDEN = sorted(GOLDEN.glob("v1*.cellstack"))
EXAMPLES = sorted(examples_dir().glob("*.cellstack"))
# The examples that existed as version 1 files: re-saved as v2 with nothing but the v2 sections added.
V1_EXAMPLES = [
    examples_dir() / f"{n}.cellstack"
    for n in ("ssb_lco_garnet_li", "ssb_nmc811_argyrodite_li", "thin_film_licoo2_lipon_li")
]
V2_KEYS = ("cell", "fixture", "fill", "simulation", "interfaces", "series_resistance_ohm")


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


def _as_v1(path: Path) -> bytes:
    document = json.loads(path.read_text(encoding="utf-8"))
    for key in V2_KEYS:
        document.pop(key, None)
    document["version"] = 1
    return json.dumps(document).encode()


def test_the_migration_is_pure_and_adds_a_planar_cell_with_default_settings() -> None:
    document = json.loads(V1_GOLDEN[0].read_text(encoding="utf-8"))
    before = json.dumps(document, sort_keys=True)
    migrated, version = migrate(document)
    assert version == 1 and migrated["version"] == FORMAT_VERSION
    assert migrated["cell"] == {"format": "planar"}
    assert migrated["simulation"] == {"c_rates": [0.1, 1.0, 2.0], "energy_definition": "auto"}
    assert json.dumps(document, sort_keys=True) == before  # the caller's document is untouched


@pytest.mark.parametrize("path", V1_GOLDEN + V1_EXAMPLES, ids=lambda p: p.stem)
def test_a_v1_file_computes_exactly_as_before(path: Path, library: Library) -> None:
    project = loads_project(_as_v1(path), path.name, library)
    assert project.format_version == 1
    assert project.cell_format == Planar() and project.simulation == Simulation()
    assert project.interfaces == () and project.series_resistance_ohm == 0.0
    assert project.fixture is None and project.fill is None
    before = metrics_to_json(compute_metrics(project.stack, library.interfaces), library)  # what v1 computed
    assert metrics_to_json(project_metrics(project, library), library) == before
    cell = project_cell_metrics(project, library)
    full = before["levels"]["full_stack"]
    level = cell.levels[2]
    assert level.mass_kg * 1e3 == pytest.approx(full["mass_g"], rel=1e-5)
    if level.specific_energy_J_kg is not None:
        assert level.specific_energy_J_kg / 3600 == pytest.approx(full["specific_energy_Wh_kg"], rel=1e-5)


@pytest.mark.parametrize("path", V1_EXAMPLES, ids=lambda p: p.stem)
def test_the_v1_examples_were_resaved_with_nothing_else_changed(path: Path) -> None:
    assert loads_project(_as_v1(path)) == load_project(path)


def test_the_v2_golden_file_loads_saves_unchanged_and_computes_to_its_stored_numbers(
    library: Library,
) -> None:
    path = GOLDEN / "v2.cellstack"
    project = load_project(path)  # no library: it carries its materials
    assert isinstance(project.cell_format, StackedPouch)
    # Saving upgrades the file to the current version and changes nothing else.
    current = f'"version": {FORMAT_VERSION},'.encode()
    assert dumps_project(project) == path.read_bytes().replace(b'"version": 2,', current, 1)
    cell = project_cell_metrics(project, library)
    # 10 units x the 50 x 40 mm cathode (inside the 52 x 42 mm anode) x 4.0901 mAh/cm² = 818.02 mAh:
    # NMC811's OCP curve holds 178.3 of its 200 mAh/g between the 3.0 and 4.3 V cut-offs, so the
    # 4.5888 mAh/cm² the practical capacity alone would give is scaled by 0.8913. The liquid fill
    # counts per capacity, so the cell's mass follows it.
    assert cell.units == 10
    assert cell.capacity_C is not None and cell.capacity_C / 3.6 == pytest.approx(818.023, rel=1e-5)
    assert cell.energy_J is not None and cell.energy_J / 3600 == pytest.approx(3.17477, rel=1e-5)
    stored = {
        "electrode_pair": (7.10929, 2.8, 446.567, 1133.85),
        "repeat_unit": (8.32929, 3.02, 381.158, 1051.25),
        "cell": (11.8225, 6.28992, 268.537, 504.740),
        "cell_with_fixture": (956.622, 122.192, 3.31873, 25.9819),
    }
    for level in cell.levels:
        mass, volume, specific, density = stored[level.level.value]
        assert level.mass_kg * 1e3 == pytest.approx(mass, rel=1e-5)
        assert level.volume_m3 * 1e6 == pytest.approx(volume, rel=1e-5)
        assert level.specific_energy_J_kg is not None and level.energy_density_J_m3 is not None
        assert level.specific_energy_J_kg / 3600 == pytest.approx(specific, rel=1e-5)
        assert level.energy_density_J_m3 / 3.6e6 == pytest.approx(density, rel=1e-5)


def test_project_interfaces_win_and_are_marked_as_the_projects_own(library: Library) -> None:
    project = load_project(GOLDEN / "v2.cellstack")
    ledger = {e.name: e for e in project_metrics(project, library).asr}
    own = [e for e in ledger.values() if e.source.startswith("project's own: golden test value")]
    assert sorted(round(e.ohm_m2 * 1e4, 9) for e in own) == [4.0, 12.5]
    installed = {e.name: e for e in compute_metrics(project.stack, library.interfaces).asr}
    assert any(installed[name].ohm_m2 != ledger[name].ohm_m2 for name in (e.name for e in own))


def test_the_series_resistance_is_its_own_ledger_line_and_slows_the_discharge(library: Library) -> None:
    from dataclasses import replace

    from cellstack.core.discharge import simulate_discharge
    from cellstack.io.project_compute import interface_table, series_asr_ohm_m2

    project = load_project(GOLDEN / "v2.cellstack")
    series = [e for e in project_metrics(project, library).asr if e.kind == "series"]
    # 0.005 Ω for the cell x 10 units x 20 cm² in parallel = 1 Ω·cm² for the repeat unit.
    assert len(series) == 1 and series[0].ohm_m2 * 1e4 == pytest.approx(1.0, rel=1e-12)
    table = interface_table(project, library)
    with_r = simulate_discharge(project.stack, table, 2.0, series_asr_ohm_m2=series_asr_ohm_m2(project))
    without = simulate_discharge(project.stack, table, 2.0)
    assert with_r.average_voltage_V < without.average_voltage_V
    no_series = replace(project, series_resistance_ohm=0.0)
    assert not [e for e in project_metrics(no_series, library).asr if e.kind == "series"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_computes_a_valid_cell_with_sane_numbers(path: Path, library: Library) -> None:
    project = load_project(path)
    metrics = project_metrics(project, library)
    assert metrics.valid, [f.message for f in metrics.findings]
    cell = project_cell_metrics(project, library, metrics=metrics)
    assert cell.energy_J is not None and cell.energy_J > 0
    densities = [lv.specific_energy_J_kg for lv in cell.levels]
    assert all(d is not None and d > 0 for d in densities)
    # From the electrode pair out to the fixture, each level carries more and never gains energy per kg.
    assert densities == sorted(densities, reverse=True)  # type: ignore[type-var]
    assert densities[0] / 3600 < 1500  # no solid-state electrode pair beats 1500 Wh/kg


def test_the_named_examples_are_the_formats_they_say(library: Library) -> None:
    kinds = {p.stem: type(load_project(p).cell_format) for p in EXAMPLES}
    assert kinds["pouch_nmc811_llzo_li"] is StackedPouch
    assert kinds["coin_cr2032_nmc811_li6ps5cl_li"] is CoinCell
    assert kinds["chip_licoo2_lipon_li"] is ThinFilmChip
    assert load_project(examples_dir() / "fixture_nmc811_argyrodite_li.cellstack").fixture is not None
    chip = project_cell_metrics(load_project(examples_dir() / "chip_licoo2_lipon_li.cellstack"), library)
    # Sized to the 0.1 mAh and 0.1 mm of the part it follows (Front Edge NanoEnergy, 20 x 25 mm).
    assert chip.capacity_C is not None and chip.capacity_C / 3.6 == pytest.approx(0.1, rel=0.03)
    assert chip.levels[2].thickness_m == pytest.approx(1e-4, rel=0.05)


def _compute_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["compute", str(path), "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_compute_json_gains_the_cell_object(capsys: pytest.CaptureFixture[str]) -> None:
    data = _compute_json(GOLDEN / "v2.cellstack", capsys)
    cell = data["cell"]
    assert {"format", "units", "capacity_Ah", "energy_Wh", "levels", "breakdown"} <= set(cell)
    assert cell["format"] == "stacked_pouch" and cell["units"] == 10
    assert list(cell["levels"]) == ["electrode_pair", "repeat_unit", "cell", "cell_with_fixture"]
    for level in cell["levels"].values():
        assert {
            "mass_g",
            "volume_cm3",
            "specific_energy_Wh_kg",
            "energy_density_Wh_L",
            "thickness_mm",
        } <= set(level)
    assert all(set(row) == {"component", "mass_g", "volume_cm3"} for row in cell["breakdown"])
    parts = sum(row["mass_g"] for row in cell["breakdown"])
    assert parts == pytest.approx(cell["levels"]["cell"]["mass_g"], rel=1e-4)
    # The top-level densities are the cell level's.
    assert data["specific_energy_Wh_kg"] == cell["levels"]["cell"]["specific_energy_Wh_kg"]
    assert data["energy_density_Wh_L"] == cell["levels"]["cell"]["energy_density_Wh_L"]
    # The rate table includes the design's own C-rates (0.05, 0.5 and 1 C).
    assert {0.05, 0.5, 1} <= {row["c_rate"] for row in data["rate_capability"]}


def test_compute_json_of_a_planar_file_keeps_its_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    data = _compute_json(V1_GOLDEN[0], capsys)
    assert data["cell"]["format"] == "planar" and "cell_with_fixture" not in data["cell"]["levels"]
    assert data["specific_energy_Wh_kg"] == data["levels"]["full_stack"]["specific_energy_Wh_kg"]
    assert data["energy_density_Wh_L"] == data["levels"]["full_stack"]["energy_density_Wh_L"]
    assert [row["c_rate"] for row in data["rate_capability"]] == [0.1, 0.5, 1, 2, 5]


def test_compute_text_shows_the_cell_levels_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(GOLDEN / "v2.cellstack")]) == 0
    out = capsys.readouterr().out
    assert "Cell: stacked pouch, 10 unit(s)" in out and "with fixture" in out
    assert "Cell breakdown (at the cell level):" in out and "laminate" in out
    assert "Specific energy    268.5 Wh/kg  (cell)" in out


def test_discharge_defaults_to_the_designs_settings_and_the_options_win(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = GOLDEN / "v2.cellstack"  # first C-rate 0.05, discharge cut-off 2.8 V
    assert main(["discharge", str(path)]) == 0
    assert "at 0.05C" in capsys.readouterr().out
    # At 8C: with the design's own (low) interface resistances, a 5C run ends with the cathode full.
    assert main(["discharge", str(path), "--c-rate", "8"]) == 0
    assert "cut-off voltage (2.8 V)" in capsys.readouterr().out  # the design's cut-off
    assert main(["discharge", str(path), "--c-rate", "5", "--cutoff", "3.5"]) == 0
    out = capsys.readouterr().out
    assert "at 5C" in out and "cut-off voltage (3.5 V)" in out  # the options win


def _probe_projects() -> list[Project]:
    golden = json.loads((GOLDEN / "v2.cellstack").read_text(encoding="utf-8"))
    framed = copy.deepcopy(golden)
    del framed["cell"]["laminate"]
    framed["cell"]["frame"] = {
        "density_g_cm3": 1.4,
        "side_border_mm": 3,
        "end_border_mm": 4,
        "lid_thickness_mm": 0.5,
    }
    laminate = copy.deepcopy(golden)
    laminate["cell"]["laminate"] = {"thickness_um": 113, "density_g_cm3": 1.6, "seal_width_mm": 4}
    laminate["cell"]["box_width_mm"] = 70
    laminate["cell"]["box_height_mm"] = 60
    laminate["cell"]["box_thickness_mm"] = 3
    documents = [golden, framed, laminate]
    projects = [loads_project(json.dumps(d).encode()) for d in documents]
    return projects + [
        load_project(examples_dir() / f"{n}.cellstack")
        for n in ("coin_cr2032_nmc811_li6ps5cl_li", "chip_licoo2_lipon_li")
    ]


PROBES = _probe_projects()


@pytest.mark.parametrize("field", CELL_FIELDS, ids=lambda f: f.pattern)
def test_every_cell_field_can_be_addressed_and_its_range_is_the_loaders(field: NumericField) -> None:
    path = parse_path(field.pattern.replace("[*]", "[0]"))
    editors = [ProjectEditor(p) for p in PROBES]
    editor = None
    for candidate in editors:
        try:
            candidate.read(path)
        except InputError:
            continue
        if field.default is None or path.steps[-1] in _container_keys(candidate, path):
            editor = candidate
            break
    assert editor is not None, f"no probe project holds {field.pattern}"
    step = max(abs(field.high), 1.0) * 1e-6
    with pytest.raises(InputError):
        editor.with_values({path: field.high + (1 if field.integer else step)})
    below = field.low if not field.low_inclusive else field.low - (1 if field.integer else step)
    with pytest.raises(InputError):
        editor.with_values({path: below})


def _container_keys(editor: ProjectEditor, path: FieldPath) -> set[str]:
    node: Any = editor._document
    for step in path.steps[:-1]:
        node = node[step]
    return set(node)


def test_a_cell_field_set_by_path_reaches_the_cell_and_keeps_the_rest(library: Library) -> None:
    project = load_project(GOLDEN / "v2.cellstack")
    doubled = with_value(project, "cell.units", 20)
    assert isinstance(doubled.cell_format, StackedPouch) and doubled.cell_format.units == 20
    assert doubled.fixture == project.fixture and doubled.interfaces == project.interfaces
    one, two = project_cell_metrics(project, library), project_cell_metrics(doubled, library)
    assert one.capacity_C is not None and two.capacity_C == pytest.approx(2 * one.capacity_C, rel=1e-12)
    with pytest.raises(InputError, match=r"cell\.units = 2\.5 is not allowed; expected a whole number"):
        with_value(project, "cell.units", 2.5)
    assert read_value(project, "series_resistance_ohm") == 0.005


@pytest.mark.parametrize("path", [*V1_GOLDEN, GOLDEN / "v2.cellstack"], ids=lambda p: p.stem)
def test_each_golden_file_validates_against_the_schema_of_its_version(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from cellstack.io.resources import resources_dir

    document = json.loads(path.read_text(encoding="utf-8"))
    name = f"cellstack-project-v{document['version']}.schema.json"
    jsonschema.validate(document, json.loads((resources_dir() / "schema" / name).read_text(encoding="utf-8")))


def test_a_design_cut_off_the_start_already_reaches_is_refused_naming_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((GOLDEN / "v2.cellstack").read_text(encoding="utf-8"))
    document["simulation"].update(discharge_cutoff_V=4.7, charge_cutoff_V=4.8)
    path = tmp_path / "high.cellstack"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["discharge", str(path)]) != 0
    err = capsys.readouterr().err
    assert "simulation.discharge_cutoff_V = 4.7 is not allowed" in err and err.count("\n") == 1
    assert main(["discharge", str(path), "--cutoff", "3"]) == 0  # the option wins


def test_an_interface_on_a_buffer_with_a_free_text_family_saves_and_loads_again() -> None:
    # The writer stores a record's buffer as the material's family; a user material may name its
    # family in free text, which must read back as that material's family, not be refused.
    data = json.loads((GOLDEN / "v2.cellstack").read_text(encoding="utf-8"))
    data["materials"]["linbo3"]["family"] = "LiNbO3: sputtered"
    project = loads_project(json.dumps(data).encode())
    assert project.interfaces[0].buffer == "LiNbO3: sputtered"
    again = loads_project(dumps_project(project))
    assert again.interfaces == project.interfaces
