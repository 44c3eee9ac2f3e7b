"""`cellstack run`: protocols from the command line, as a summary or a CSV file."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.io.resources import examples_dir

THIN_FILM = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"
STEPS = [
    "--step",
    "discharge 1C to 3.0V",
    "--step",
    "rest 10 min",
    "--step",
    "charge 0.5C to 4.2V, hold until C/20",
]


def test_summary_has_a_line_per_step_with_capacity_and_energy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(THIN_FILM), *STEPS]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "[closed form]" in out[1] and "[numerical particle solver]" in out[2]
    assert [line.split(".")[0].strip() for line in out[1:]] == ["1", "2", "3"]
    for line in out[1:]:
        assert "mAh" in line and "mWh" in line and "ended:" in line
    # The hold stops at the charged end of the rated window, below 4.2 V in this LiCoO2 film.
    assert "cathode fully delithiated (rated window)" in out[3] and "rest over" in out[2]


def test_csv_has_the_contract_header_and_consistent_rows(tmp_path: Path) -> None:
    out = tmp_path / "run.csv"
    assert main(["run", str(THIN_FILM), *STEPS, "--temperature", "40", "--csv", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["time_s", "current_mA", "voltage_V", "capacity_mAh", "step"]
    values = [[float(x) for x in row] for row in rows[1:]]
    times = [v[0] for v in values]
    steps = [int(v[4]) for v in values]
    assert times == sorted(times) and steps == sorted(steps) and set(steps) == {1, 2, 3}
    assert all(v[1] > 0 for v in values if v[4] == 1)  # discharging
    assert all(v[1] == 0 for v in values if v[4] == 2)  # resting
    assert all(v[1] < 0 for v in values if v[4] == 3)  # charging
    assert all(v[3] >= 0 for v in values)
    assert max(v[2] for v in values if v[4] == 3) <= 4.2 + 1e-3


@pytest.mark.parametrize("step", ["charge fast", "discharge 1C to", "rest forever", "hold until C/20"])
def test_a_bad_step_is_refused_in_one_line_naming_it(step: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(THIN_FILM), "--step", "rest 1 min", "--step", step]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "step 2" in err and "rest <number>" in err


def test_the_csv_never_replaces_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "cell.cellstack"
    shutil.copyfile(THIN_FILM, project)
    before = project.read_bytes()
    assert main(["run", str(project), "--step", "rest 1 min", "--csv", str(project)]) == 2
    assert project.read_bytes() == before
    assert "--csv" in capsys.readouterr().err
