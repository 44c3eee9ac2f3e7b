"""`cellstack discharge` and the rate table of `compute --json`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.io.resources import examples_dir

THIN_FILM = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cellstack", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_summary_names_capacity_energy_voltage_and_end_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discharge", str(THIN_FILM), "--c-rate", "1"]) == 0
    out = capsys.readouterr().out
    for text in ("delivered capacity", "mAh", "energy", "mWh", "average voltage", "end reason", "1C"):
        assert text in out
    assert "cut-off voltage" in out or "fully lithiated" in out or "depleted" in out


def test_csv_has_the_contract_header_and_consistent_rows(tmp_path: Path) -> None:
    out = tmp_path / "curve.csv"
    assert main(["discharge", str(THIN_FILM), "--c-rate", "2", "--temperature", "40", "--csv", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["time_s", "capacity_mAh", "voltage_V"]
    values = [[float(x) for x in row] for row in rows[1:]]
    assert len(values) >= 200
    assert values[0][0] == 0.0 and values[0][1] == 0.0
    times, capacities = [v[0] for v in values], [v[1] for v in values]
    assert times == sorted(times) and capacities == sorted(capacities)
    # capacity = current x time: the ratio is the 2C current in mA (mAh per hour).
    assert capacities[-1] / (times[-1] / 3600.0) == pytest.approx(
        capacities[1] / (times[1] / 3600.0), rel=1e-6
    )


def test_cutoff_option_stops_earlier(tmp_path: Path) -> None:
    default, high = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["discharge", str(THIN_FILM), "--c-rate", "1", "--csv", str(default)]) == 0
    assert main(["discharge", str(THIN_FILM), "--c-rate", "1", "--cutoff", "3.8", "--csv", str(high)]) == 0
    last = [list(csv.reader(p.open(encoding="utf-8")))[-1] for p in (default, high)]
    assert float(last[1][1]) < float(last[0][1])
    assert float(last[1][2]) == pytest.approx(3.8, abs=1e-3)


def test_compute_json_gains_the_rate_capability_table() -> None:
    result = run("compute", str(THIN_FILM), "--json")
    assert result.returncode == 0, result.stderr
    table = json.loads(result.stdout)["rate_capability"]
    assert [row["c_rate"] for row in table] == [0.1, 0.5, 1, 2, 5]
    assert all(set(row) == {"c_rate", "capacity_mAh", "energy_mWh", "end_reason"} for row in table)
    capacities = [row["capacity_mAh"] for row in table]
    assert capacities == sorted(capacities, reverse=True) and capacities[0] > 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["discharge", str(THIN_FILM), "--c-rate", "-1"], "--c-rate"),
        (["discharge", str(THIN_FILM), "--c-rate", "nan"], "--c-rate"),
        (["discharge", str(THIN_FILM), "--c-rate", "1e6"], "--c-rate"),
        (["discharge", str(THIN_FILM), "--c-rate", "1", "--cutoff", "-3"], "--cutoff"),
        (["discharge", str(THIN_FILM), "--c-rate", "1", "--temperature", "900"], "--temperature"),
        (["discharge", "missing.cellstack", "--c-rate", "1"], "missing.cellstack"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_stack_that_cannot_be_discharged_is_bad_input(tmp_path: Path) -> None:
    document = json.loads(THIN_FILM.read_text(encoding="utf-8"))
    document["stack"]["layers"] = [
        layer for layer in document["stack"]["layers"] if layer["role"] != "electrolyte"
    ]
    broken = tmp_path / "short.cellstack"
    broken.write_text(json.dumps(document), encoding="utf-8")
    result = run("discharge", str(broken), "--c-rate", "1")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    computed = run("compute", str(broken), "--json")
    assert computed.returncode == 0
    assert json.loads(computed.stdout)["rate_capability"] is None


def test_an_approximate_ocp_is_said_wherever_it_is_used(tmp_path: Path) -> None:
    document = json.loads(THIN_FILM.read_text(encoding="utf-8"))
    for layer in document["stack"]["layers"]:
        if layer["role"] == "anode":  # TiNb2O7 has no published OCP fit
            layer["material"], layer["thickness_um"] = "tno", 5.0
    path = tmp_path / "tno.cellstack"
    path.write_text(json.dumps(document), encoding="utf-8")
    computed = json.loads(run("compute", str(path), "--json").stdout)
    assert computed["rate_capability"] is not None
    assert "approximate_ocp" in {w["code"] for w in computed["warnings"]}
    summary = run("discharge", str(path), "--c-rate", "1")
    assert summary.returncode == 0 and "approximate OCP" in summary.stdout
