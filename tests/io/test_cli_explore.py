"""`cellstack sweep`, `seek`, `optimize` and `compute --uncertain`: results equal compute_metrics
design by design, targets are met, optima are those a dense grid finds, and bad input is one line."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.core.explore.outputs import evaluate_design
from cellstack.io.field_paths import read_value, with_value
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
NMC = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"
PROJECT = load_project(NMC, LIBRARY)
CATHODE = "stack.layers[1].thickness_um"
SEPARATOR = "stack.layers[2].thickness_um"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _design(**values: float) -> dict[str, float]:
    project = PROJECT
    for path, value in values.items():
        project = with_value(project, path, value)
    return evaluate_design(project.stack, LIBRARY.interfaces, ["specific_energy_Wh_kg", "asr_ohm_cm2"])


def _strict_json(text: str) -> dict[str, object]:
    def refuse(word: str) -> object:
        raise AssertionError(f"{word} in JSON output")

    data = json.loads(text, parse_constant=refuse)
    assert isinstance(data, dict)
    return data


def _bad_input(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cellstack: ") and "Traceback" not in err
    return err


def test_a_two_input_sweep_is_a_grid_with_compute_metrics_values(tmp_path: Path) -> None:
    out = tmp_path / "grid.csv"
    args = ["sweep", str(NMC), "--vary", f"{CATHODE}=40:120:3", "--vary", f"{SEPARATOR}=10:50:2"]
    assert (
        main([*args, "--metric", "specific_energy_Wh_kg", "--metric", "asr_ohm_cm2", "--csv", str(out)]) == 0
    )
    rows = _rows(out)
    assert list(rows[0]) == [CATHODE, SEPARATOR, "specific_energy_Wh_kg", "asr_ohm_cm2"]
    assert [(float(r[CATHODE]), float(r[SEPARATOR])) for r in rows] == [
        (c, s) for c in (40.0, 80.0, 120.0) for s in (10.0, 50.0)
    ]
    for row in rows:
        expected = _design(**{CATHODE: float(row[CATHODE]), SEPARATOR: float(row[SEPARATOR])})
        for key, value in expected.items():
            assert float(row[key]) == pytest.approx(value, rel=1e-9)


def test_a_sweep_of_an_input_outside_the_vectorised_path_rebuilds_each_design(tmp_path: Path) -> None:
    out = tmp_path / "temperature.csv"
    args = ["sweep", str(NMC), "--vary", "stack.temperature_C=0:60:3", "--metric", "asr_ohm_cm2"]
    assert main([*args, "--metric", "delivered_energy_mWh", "--c-rate", "2", "--csv", str(out)]) == 0
    rows = _rows(out)
    assert [float(r["stack.temperature_C"]) for r in rows] == [0.0, 30.0, 60.0]
    for row in rows:
        stack = with_value(PROJECT, "stack.temperature_C", float(row["stack.temperature_C"])).stack
        expected = evaluate_design(stack, LIBRARY.interfaces, ["asr_ohm_cm2", "delivered_energy_mWh"], 2.0)
        assert float(row["asr_ohm_cm2"]) == pytest.approx(expected["asr_ohm_cm2"], rel=1e-12)
        assert float(row["delivered_energy_mWh"]) == pytest.approx(
            expected["delivered_energy_mWh"], rel=1e-12
        )
    energies = [float(r["delivered_energy_mWh"]) for r in rows]
    assert energies == sorted(energies)  # warmer conducts better: more of the charge comes out at 2C


def test_log_spacing(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    assert main(["sweep", str(NMC), "--vary", f"{SEPARATOR}=1:100:3", "--log", "--csv", str(out)]) == 0
    assert [float(r[SEPARATOR]) for r in _rows(out)] == pytest.approx([1.0, 10.0, 100.0])


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            ["--vary", f"{CATHODE}=-5:100:3"],
            f"--vary = '{CATHODE}=-5' is not allowed; expected {CATHODE} as a number >= 0.0001",
        ),
        (["--vary", "stack.layers[1].thick=5:100:3"], "the path of a numeric input"),
        (["--vary", "stack.layers[7].thickness_um=5:100:3"], "an index from 0 to 4"),
        (["--vary", f"{CATHODE}=5:100"], "PATH=START:STOP:N"),
        (["--vary", f"{CATHODE}=5:100:2.5"], "a whole number of points"),
        (["--vary", f"{CATHODE}=5:100:3", "--metric", "wh_per_kg"], "--metric = 'wh_per_kg'"),
        (["--vary", f"{CATHODE}=5:100:3", "--c-rate", "0"], "--c-rate = 0"),
        (
            ["--vary", "stack.layers[1].composite.active_fraction=0.5:0.9:3"],
            "active + electrolyte + additive fractions <= 1",
        ),
        (
            [
                "--vary",
                f"{CATHODE}=5:100:3",
                "--vary",
                f"{SEPARATOR}=5:10:2",
                "--vary",
                "stack.temperature_C=0:9:2",
            ],
            "at most 2",
        ),
    ],
)
def test_sweep_refuses_bad_input_in_one_line_and_writes_nothing(
    extra: list[str], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    assert expected in _bad_input(["sweep", str(NMC), *extra, "--csv", str(out)], capsys)
    assert not out.exists()


def test_sweep_never_writes_over_the_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.cellstack"
    project.write_bytes(NMC.read_bytes())
    err = _bad_input(["sweep", str(project), "--vary", f"{CATHODE}=5:100:3", "--csv", str(project)], capsys)
    assert "a path other than the project file" in err
    assert project.read_bytes() == NMC.read_bytes()


def test_seek_reaches_the_target_and_saves_the_design(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "three.cellstack"
    assert (
        main(["seek", str(NMC), "--vary", CATHODE, "--target", "areal_capacity_mAh_cm2=3", "-o", str(out)])
        == 0
    )
    assert "areal_capacity_mAh_cm2 = 3" in capsys.readouterr().out
    saved = load_project(out, LIBRARY)
    reached = evaluate_design(saved.stack, LIBRARY.interfaces, ["areal_capacity_mAh_cm2"])
    assert reached["areal_capacity_mAh_cm2"] == pytest.approx(3.0, rel=1e-9)
    # Capacity is linear in thickness: the answer is the file's thickness scaled by 3 / its capacity.
    base = evaluate_design(PROJECT.stack, LIBRARY.interfaces, ["areal_capacity_mAh_cm2"])[
        "areal_capacity_mAh_cm2"
    ]
    assert read_value(saved, CATHODE) == pytest.approx(80.0 * 3.0 / base, rel=1e-9)


def test_seek_states_the_reachable_range_when_the_target_is_out_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "never.cellstack"
    err = _bad_input(
        ["seek", str(NMC), "--vary", CATHODE, "--target", "areal_capacity_mAh_cm2=30", "-o", str(out)], capsys
    )
    # Beyond the balanced thickness the 30 µm Li anode limits the cell, whatever the cathode.
    anode = evaluate_design(PROJECT.stack, LIBRARY.interfaces, ["anode_areal_capacity_mAh_cm2"])
    assert "--target = 'areal_capacity_mAh_cm2=30' is not allowed" in err
    assert f"to {anode['anode_areal_capacity_mAh_cm2']:.6g}" in err
    assert not out.exists()


def test_seek_on_a_count_gives_a_whole_number_and_the_one_beyond(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pouch = examples_dir() / "pouch_nmc811_llzo_li.cellstack"
    assert main(["compute", str(pouch), "--json"]) == 0
    cell = _strict_json(capsys.readouterr().out)["cell"]
    assert isinstance(cell, dict) and cell["units"] == 10
    per_unit = cell["capacity_Ah"] / 10
    out = tmp_path / "five_ah.cellstack"
    args = ["seek", str(pouch), "--vary", "cell.units", "--target", "cell.capacity_Ah=5", "-o", str(out)]
    assert main(args) == 0  # a pouch refuses fractional units: a scan of them found nothing
    said = capsys.readouterr().out
    units = read_value(load_project(out, LIBRARY), "cell.units")
    assert units == int(units) and f"cell.units = {units:g} gives" in said
    # The count nearest 5 Ah, with the count on the other side of the target named beside it.
    assert abs(units * per_unit - 5.0) <= per_unit / 2 * (1 + 1e-9)
    other = units + 1 if units * per_unit < 5.0 else units - 1
    assert f"; {other:g} gives" in said


def test_optimize_on_a_count_saves_the_best_whole_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pouch = examples_dir() / "pouch_nmc811_llzo_li.cellstack"
    key = "cell.levels.cell.specific_energy_Wh_kg"
    every = tmp_path / "every.csv"
    sweep = ["sweep", str(pouch), "--vary", "cell.units=1:60:60", "--metric", key, "--csv", str(every)]
    assert main(sweep) == 0
    rows = _rows(every)
    best = max(rows, key=lambda row: float(row[key]))  # odd counts win: one foil fewer than even
    out = tmp_path / "best.cellstack"
    assert main(["optimize", str(pouch), "--vary", "cell.units=1:60", "--maximize", key, "-o", str(out)]) == 0
    assert f"cell.units = {float(best['cell.units']):g}\n" in capsys.readouterr().out
    assert read_value(load_project(out, LIBRARY), "cell.units") == float(best["cell.units"])


def test_a_sweep_of_a_count_takes_whole_numbers(tmp_path: Path) -> None:
    pouch = examples_dir() / "pouch_nmc811_llzo_li.cellstack"
    out = tmp_path / "units.csv"
    vary = ["--vary", "cell.units=1:60:7"]
    assert main(["sweep", str(pouch), *vary, "--metric", "cell.capacity_Ah", "--csv", str(out)]) == 0
    # 10.83 units, refused before, is swept as 11.
    rows = _rows(out)
    assert [float(r["cell.units"]) for r in rows] == [1.0, 11.0, 21.0, 30.0, 40.0, 50.0, 60.0]
    per_unit = float(rows[0]["cell.capacity_Ah"])
    for row in rows:
        assert float(row["cell.capacity_Ah"]) == pytest.approx(float(row["cell.units"]) * per_unit, rel=1e-12)


def test_seek_within_a_given_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "np.cellstack"
    args = ["seek", str(NMC), "--vary", "stack.layers[3].thickness_um=5:60", "--target", "np_ratio=1.1"]
    assert main([*args, "-o", str(out)]) == 0
    saved = load_project(out, LIBRARY)
    assert evaluate_design(saved.stack, LIBRARY.interfaces, ["np_ratio"])["np_ratio"] == pytest.approx(
        1.1, rel=1e-9
    )


def test_optimize_finds_the_grid_optimum_under_an_asr_ceiling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "best.cellstack"
    args = ["optimize", str(NMC), "--vary", f"{CATHODE}=40:200", "--maximize", "specific_energy_Wh_kg"]
    assert main([*args, "--constraint", "asr_ohm_cm2<=85", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "asr_ohm_cm2<=85: asr_ohm_cm2 = 85 (binding)" in printed
    # Wh/kg rises with the cathode up to where the anode limits it (about 108 µm) and the ASR is
    # linear in it: the optimum is where the ASR meets the ceiling, found from two designs.
    low, high = (_design(**{CATHODE: t})["asr_ohm_cm2"] for t in (40.0, 80.0))
    at_ceiling = 40.0 + (85.0 - low) / (high - low) * 40.0
    assert read_value(load_project(out, LIBRARY), CATHODE) == pytest.approx(at_ceiling, rel=1e-6)


def test_two_objectives_give_a_pareto_front(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "front.csv"
    args = ["optimize", str(NMC), "--vary", f"{CATHODE}=40:200", "--maximize", "specific_energy_Wh_kg"]
    assert main([*args, "--minimize", "asr_ohm_cm2", "--csv", str(out)]) == 0
    assert "Pareto front" in capsys.readouterr().out
    rows = _rows(out)
    energy = [float(r["specific_energy_Wh_kg"]) for r in rows]
    asr = [float(r["asr_ohm_cm2"]) for r in rows]
    assert len(rows) > 10 and energy == sorted(energy, reverse=True) and asr == sorted(asr, reverse=True)


def test_infeasible_constraints_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["optimize", str(NMC), "--vary", f"{CATHODE}=40:200", "--maximize", "specific_energy_Wh_kg"]
    err = _bad_input([*args, "--constraint", "asr_ohm_cm2<=5"], capsys)
    assert "--constraint = 'asr_ohm_cm2<=5' is not allowed" in err and "best reached: asr_ohm_cm2 = 80" in err


def _compute(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    assert main(["compute", str(NMC), "--json", *extra]) == 0
    return _strict_json(capsys.readouterr().out)


def test_compute_samples_add_uncertainty_and_keep_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    plain = _compute(capsys)
    sigma = 4.0
    args = ("--samples", "4000", "--seed", "3", "--uncertain", f"{CATHODE}={sigma}")
    data = _compute(capsys, *args)
    assert {k: v for k, v in data.items() if k in plain} == plain
    spread = data["uncertainty"]["mass_g"]  # type: ignore[index]
    assert set(spread) == {"mean", "std", "p2_5", "p97_5"}
    # mass is linear in thickness: std = slope x sigma, mean = the design's mass.
    slope = (
        evaluate_design(with_value(PROJECT, CATHODE, 90.0).stack, LIBRARY.interfaces, ["mass_g"])["mass_g"]
        - evaluate_design(PROJECT.stack, LIBRARY.interfaces, ["mass_g"])["mass_g"]
    ) / 10.0
    std = slope * sigma
    assert spread["std"] == pytest.approx(std, rel=4 / math.sqrt(2 * 4000))
    assert spread["mean"] == pytest.approx(plain["mass_g"], abs=4 * std / math.sqrt(4000) + 1e-6)
    assert _compute(capsys, *args) == data  # the seed makes it repeat
    assert _compute(capsys, "--samples", "4000", "--seed", "4", "--uncertain", f"{CATHODE}={sigma}") != data


def test_tornado_ranks_the_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    data = _compute(
        capsys,
        "--samples",
        "50",
        "--uncertain",
        f"{CATHODE}=4",
        "--uncertain",
        f"{SEPARATOR}=1:2",
        "--tornado",
    )
    ranking = data["tornado"]["asr_ohm_cm2"]  # type: ignore[index]
    assert [r["input"] for r in ranking] == [CATHODE, SEPARATOR]
    assert ranking[0]["swing"] >= ranking[1]["swing"] > 0


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--samples", "100"], "--uncertain PATH=SIGMA"),
        (["--uncertain", f"{CATHODE}=-1"], "a standard deviation above 0"),
        (["--uncertain", f"{CATHODE}=9:3"], "LOW below HIGH"),
        (["--uncertain", f"{CATHODE}=4", "--samples", "1"], "--samples = 1"),
        (["--uncertain", "stack.nothing=4"], "the path of a numeric input"),
        (["--uncertain", f"{CATHODE}=4", "--seed", "-3"], "--seed = -3"),
    ],
)
def test_uncertainty_refuses_bad_input(
    extra: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert expected in _bad_input(["compute", str(NMC), "--json", *extra], capsys)


TWO_OBJECTIVES = ("--maximize", "mass_g", "--minimize", "asr_ohm_cm2")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["seek", str(NMC), "--vary", f"{CATHODE}=-1:50", "--target", "np_ratio=1.1"],
            f"{CATHODE} as a number >= 0.0001",
        ),
        (["seek", str(NMC), "--vary", CATHODE, "--target", "np_ratio"], "KEY=VALUE"),
        (["seek", str(NMC), "--vary", CATHODE, "--target", "nothing=1"], "--target = 'nothing'"),
        (
            ["seek", str(NMC), "--vary", "stack.layers[1].label", "--target", "np_ratio=1"],
            "the path of a numeric input",
        ),
        (["optimize", str(NMC), "--vary", f"{CATHODE}=40:200"], "give one objective"),
        (
            ["optimize", str(NMC), "--vary", f"{CATHODE}=40:90", "--maximize", "mass_g", "--seed", "-1"],
            "--seed = -1",
        ),
        (
            [
                "optimize",
                str(NMC),
                "--vary",
                f"{CATHODE}=40:90",
                "--maximize",
                "mass_g",
                "--constraint",
                "mass_g<=1e999",
            ],
            "with a finite VALUE",
        ),
        (["optimize", str(NMC), "--vary", f"{CATHODE}=40:40", "--maximize", "mass_g"], "LOW below HIGH"),
        (["optimize", str(NMC), "--vary", f"{CATHODE}=40", "--maximize", "mass_g"], "PATH=LOW:HIGH"),
        (
            [
                "optimize",
                str(NMC),
                "--vary",
                f"{CATHODE}=40:200",
                "--vary",
                f"{CATHODE}=50:60",
                "--maximize",
                "mass_g",
            ],
            "different paths",
        ),
        (
            [
                "optimize",
                str(NMC),
                "--vary",
                f"{CATHODE}=40:90",
                "--maximize",
                "mass_g",
                "--constraint",
                "mass_g=>1",
            ],
            '"KEY>=VALUE" or "KEY<=VALUE"',
        ),
        (
            ["optimize", str(NMC), "--vary", f"{CATHODE}=40:90", *TWO_OBJECTIVES, "-o", "x.cellstack"],
            "a Pareto front has no single optimum",
        ),
    ],
)
def test_seek_and_optimize_refuse_bad_input(
    args: list[str],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    if args[0] == "seek":
        args = [*args, "-o", "out.cellstack"]
    assert expected in _bad_input(args, capsys)
    assert list(tmp_path.iterdir()) == []
