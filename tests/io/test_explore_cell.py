"""Design studies of a whole cell: the `cell.` outputs and the series resistance reach every design
as `compute --json` computes them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.core.explore.engine import evaluate_designs
from cellstack.io.design_space import design_space, project_outputs
from cellstack.io.field_paths import with_value
from cellstack.io.library import default_library
from cellstack.io.project import load_project, save_project
from cellstack.io.resources import examples_dir

from ..compute_json import computed, json_number

LIBRARY = default_library()
POUCH_FILE = examples_dir() / "pouch_nmc811_llzo_li.cellstack"
POUCH = load_project(POUCH_FILE, LIBRARY)
CELL_KEYS = (
    "cell.energy_Wh",
    "cell.capacity_Ah",
    "cell.levels.cell.specific_energy_Wh_kg",
    "cell.levels.cell.energy_density_Wh_L",
    "cell.levels.cell.mass_g",
)
CATHODE = "stack.layers[1].thickness_um"


def test_a_sweep_of_units_scales_the_cell_energy_and_matches_compute(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "units.csv"
    args = ["sweep", str(POUCH_FILE), "--vary", "cell.units=1:10:10", "--csv", str(out)]
    assert main([*args, *[arg for key in CELL_KEYS for arg in ("--metric", key)]]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    one_unit = float(rows[0]["cell.energy_Wh"])
    assert one_unit > 0
    for row in rows:
        units = float(row["cell.units"])
        assert float(row["cell.energy_Wh"]) == pytest.approx(units * one_unit, rel=1e-9)
        design = tmp_path / f"units_{units:g}.cellstack"
        save_project(with_value(POUCH, "cell.units", units), design)
        data = computed(design, capsys)
        for key in CELL_KEYS:
            assert float(row[key]) == pytest.approx(json_number(data, key), rel=1e-5), key


def test_cell_outputs_follow_a_stack_input_design_by_design() -> None:
    space, _, _ = design_space(POUCH, LIBRARY, [CATHODE])
    thicknesses = [40.0, 70.0, 100.0]
    swept = evaluate_designs(space, thicknesses, ("energy_mWh", *CELL_KEYS))
    for row, thickness in enumerate(thicknesses):
        single = project_outputs(with_value(POUCH, CATHODE, thickness), LIBRARY, CELL_KEYS, 1.0)
        for key in CELL_KEYS:
            assert swept[key][row] == pytest.approx(single[key], rel=1e-12)
    assert swept["cell.energy_Wh"][2] > swept["cell.energy_Wh"][0]


def test_the_series_resistance_counts_on_both_routes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resisted = with_value(POUCH, "series_resistance_ohm", 0.05)
    design = tmp_path / "resisted.cellstack"
    save_project(resisted, design)
    expected = json_number(computed(design, capsys), "asr_ohm_cm2")
    plain = json_number(computed(POUCH_FILE, capsys), "asr_ohm_cm2")
    assert expected > plain * 1.01  # the resistance is large enough to show
    space, _, _ = design_space(resisted, LIBRARY, [CATHODE])
    vectorised = evaluate_designs(space, [70.0], ["asr_ohm_cm2"])  # the fast route
    one_by_one = evaluate_designs(space, [70.0], ["asr_ohm_cm2", "cell.energy_Wh"])
    assert vectorised["asr_ohm_cm2"][0] == pytest.approx(expected, rel=1e-5)
    assert one_by_one["asr_ohm_cm2"][0] == pytest.approx(expected, rel=1e-5)
    swept, _, _ = design_space(POUCH, LIBRARY, ["series_resistance_ohm"])
    by_path = evaluate_designs(swept, [0.05], ["asr_ohm_cm2"])
    assert by_path["asr_ohm_cm2"][0] == pytest.approx(expected, rel=1e-5)


def test_an_unknown_cell_key_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bad.csv"
    args = ["sweep", str(POUCH_FILE), "--vary", "cell.units=1:3:3", "--metric", "cell.energy_kWh"]
    assert main([*args, "--csv", str(out)]) != 0
    err = capsys.readouterr().err
    assert "cell.energy_kWh" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_delivered_outputs_use_the_design_cutoff_and_series_resistance() -> None:
    from cellstack.core import units as u
    from cellstack.core.discharge import simulate_discharge
    from cellstack.io.project_compute import interface_table, series_asr_ohm_m2

    resisted = with_value(
        with_value(POUCH, "series_resistance_ohm", 0.05), "simulation.discharge_cutoff_V", 3.2
    )
    space, _, _ = design_space(resisted, LIBRARY, [CATHODE])
    swept = evaluate_designs(space, [70.0], ["delivered_energy_mWh"], 2.0)["delivered_energy_mWh"][0]
    curve = simulate_discharge(
        resisted.stack,
        interface_table(resisted, LIBRARY),
        2.0,
        cutoff_V=3.2,
        series_asr_ohm_m2=series_asr_ohm_m2(resisted),
    )
    assert swept == pytest.approx(curve.energy_J / u.MWH, rel=1e-12)
    plain = project_outputs(POUCH, LIBRARY, ["delivered_energy_mWh"], 2.0)["delivered_energy_mWh"]
    assert swept < plain
