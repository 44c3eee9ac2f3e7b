"""The command line contract: output, JSON keys, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cellstack import __version__
from cellstack.io.resources import examples_dir

THIN_FILM = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"
REQUIRED_KEYS = {
    "area_cm2",
    "temperature_C",
    "capacity_mAh",
    "areal_capacity_mAh_cm2",
    "np_ratio",
    "average_voltage_V",
    "energy_mWh",
    "specific_energy_Wh_kg",
    "energy_density_Wh_L",
    "mass_g",
    "thickness_um",
    "asr_ohm_cm2",
    "asr_breakdown",
    "layers",
    "warnings",
}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cellstack", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_compute_text_shows_units_levels_and_references() -> None:
    result = run("compute", str(THIN_FILM))
    assert result.returncode == 0, result.stderr
    for text in ("mAh", "Wh/kg", "Wh/L", "Ω·cm²", "full stack", "LiPON", "References:", "yu1997"):
        assert text in result.stdout


def test_compute_json_contract() -> None:
    result = run("compute", str(THIN_FILM), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= REQUIRED_KEYS
    assert {"name", "ohm_cm2"} <= set(data["asr_breakdown"][0])
    assert {"name", "role", "thickness_um", "mass_mg_cm2"} <= set(data["layers"][0])
    assert all({"code", "message", "source"} <= set(w) for w in data["warnings"])
    assert data["np_ratio"] > 1
    assert sum(e["ohm_cm2"] for e in data["asr_breakdown"]) == pytest.approx(data["asr_ohm_cm2"], rel=1e-5)


def test_temperature_option_lowers_the_asr() -> None:
    cold = json.loads(run("compute", str(THIN_FILM), "--json").stdout)
    warm = json.loads(run("compute", str(THIN_FILM), "--json", "--temperature", "60").stdout)
    assert warm["temperature_C"] == 60
    assert warm["asr_ohm_cm2"] < cold["asr_ohm_cm2"]


def test_materials_listing_by_role() -> None:
    result = run("materials", "--role", "electrolyte", "--json")
    assert result.returncode == 0
    records = json.loads(result.stdout)
    assert len(records) >= 30
    assert all("electrolyte" in r["roles"] for r in records)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["compute", "missing.cellstack"], "missing.cellstack"),
        (["compute", str(THIN_FILM), "--temperature", "nan"], "--temperature"),
        (["compute", str(THIN_FILM), "--temperature", "900"], "--temperature"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_corrupt_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cellstack"
    document = json.loads(THIN_FILM.read_text(encoding="utf-8"))
    document["stack"]["layers"][4]["thickness_um"] = -1
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = run("compute", str(bad))
    assert result.returncode == 2
    assert "stack.layers[4].thickness_um" in result.stderr and "bad.cellstack" in result.stderr
