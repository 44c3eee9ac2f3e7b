"""`cellstack import-curve`: a record or a project copy carrying the curve; bad input changes nothing."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import numpy as np
import pytest

from cellstack.cli import main
from cellstack.io.library import default_library
from cellstack.io.material_records import read_material
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

THIN_FILM = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"


def _curve(path: Path) -> Path:
    theta = np.linspace(0.45, 0.95, 60)
    rows = [f"{x!r},{4.3 - x!r}" for x in theta.tolist()]
    path.write_text("stoichiometry,voltage_V\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _cathode_id() -> str:
    stack = load_project(THIN_FILM, default_library()).stack
    return next(layer.material.id for layer in stack.layers if layer.role.value == "cathode")


def test_writes_a_material_record_that_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "my_lco.toml"
    status = main(
        [
            "import-curve",
            str(_curve(tmp_path / "c.csv")),
            "--material",
            "lco",
            "--id",
            "my_lco",
            "-o",
            str(out),
        ]
    )
    assert status == 0, capsys.readouterr().err
    assert "isotonic regression" in capsys.readouterr().out
    material = read_material(tomllib.loads(out.read_text(encoding="utf-8")), "", str(out))
    assert material.id == "my_lco" and material.ocp == "" and material.ocp_table is not None
    assert material.ocp_table.chemistry == "lco_dualfoil"


def test_writes_a_project_copy_whose_cathode_carries_the_curve(tmp_path: Path) -> None:
    out = tmp_path / "out.cellstack"
    material_id = _cathode_id()
    args = ["import-curve", str(_curve(tmp_path / "c.csv")), "--material", material_id]
    assert main([*args, "--project", str(THIN_FILM), "-o", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert "ocp_table" in document["materials"][material_id]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "out.cellstack"], "a .toml file name"),
        (["-o", "out.toml", "--lithiated-limit", "1.5"], "--lithiated-limit"),
        (["-o", "out.toml", "--material", "nobody"], "nobody"),
    ],
)
def test_bad_command_lines_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    curve = _curve(tmp_path / "c.csv")
    args = ["import-curve", str(curve), "--material", "lco", *extra]
    args = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_refuses_to_write_over_the_curve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    curve = _curve(tmp_path / "c.toml")
    before = curve.read_bytes()
    assert main(["import-curve", str(curve), "--material", "lco", "-o", str(curve)]) == 2
    assert curve.read_bytes() == before
    assert "-o" in capsys.readouterr().err
