"""Half-cell curves from CSV: carried by value, used like a built-in fit, bad files refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from cellstack.core.discharge import simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.material import Material, Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.ocp_resample import non_increasing
from cellstack.core.stack import Stack
from cellstack.io.curve_import import read_half_cell_curve, with_curve
from cellstack.io.library import default_library
from cellstack.io.material_records import read_material, write_material
from cellstack.io.project import dumps_project, load_project, loads_project
from cellstack.io.resources import resources_dir

LIBRARY = default_library()
EXAMPLES = sorted((resources_dir() / "examples").glob("*.cellstack"))


def _cathode(stack: Stack) -> int:
    return next(i for i, layer in enumerate(stack.layers) if layer.role is Role.CATHODE)


def _with_material(stack: Stack, index: int, material: Material) -> Stack:
    layers = list(stack.layers)
    layers[index] = dataclasses.replace(layers[index], material=material)
    return dataclasses.replace(stack, layers=tuple(layers))


def _export_built_in(material: Material, path: Path, points: int = 1001) -> None:
    curve = material.ocp_curve()
    assert curve is not None
    theta = np.linspace(curve.theta_min, curve.theta_max, points)
    rows = [f"{float(x)!r},{float(v)!r}" for x, v in zip(theta, curve(theta), strict=True)]
    path.write_text("stoichiometry,voltage_V\n" + "\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_built_in_curve_exported_and_imported_back_gives_the_same_cell(
    example: Path, tmp_path: Path
) -> None:
    stack = load_project(example, LIBRARY).stack
    index = _cathode(stack)
    material = stack.layers[index].material
    _export_built_in(material, tmp_path / "curve.csv")
    imported = read_half_cell_curve(tmp_path / "curve.csv", material)
    assert imported.smoothing_V == 0.0  # a fit is monotonic already: nothing to smooth
    tabulated = _with_material(stack, index, with_curve(material, imported.table))

    before, after = compute_metrics(stack, LIBRARY.interfaces), compute_metrics(tabulated, LIBRARY.interfaces)
    for name in ("energy_J", "cell_capacity_C_m2", "average_voltage_V"):
        assert getattr(after, name) == pytest.approx(getattr(before, name), rel=1e-3), name
    assert after.full_stack.specific_energy_J_kg == pytest.approx(
        before.full_stack.specific_energy_J_kg, rel=1e-3
    )

    run_before = simulate_discharge(stack, LIBRARY.interfaces, 1.0)
    run_after = simulate_discharge(tabulated, LIBRARY.interfaces, 1.0)
    assert run_after.capacity_C[-1] == pytest.approx(run_before.capacity_C[-1], rel=1e-3)
    q = np.linspace(0.0, min(run_before.capacity_C[-1], run_after.capacity_C[-1]), 400)
    gap = np.interp(q, run_before.capacity_C, run_before.voltage_V) - np.interp(
        q, run_after.capacity_C, run_after.voltage_V
    )
    assert np.max(np.abs(gap)) < 1e-3


def test_the_table_travels_in_the_project_file_and_the_material_record(tmp_path: Path) -> None:
    project = load_project(EXAMPLES[0], LIBRARY)
    index = _cathode(project.stack)
    material = project.stack.layers[index].material
    _export_built_in(material, tmp_path / "curve.csv", points=50)
    changed = with_curve(material, read_half_cell_curve(tmp_path / "curve.csv", material).table)
    project = dataclasses.replace(project, stack=_with_material(project.stack, index, changed))

    data = dumps_project(project)
    assert "ocp_table" in json.loads(data)["materials"][material.id]
    # Read without the library: the file alone carries the curve.
    again = loads_project(data)
    assert again.stack.layers[index].material == changed
    assert read_material(json.loads(json.dumps(write_material(changed)))) == changed


def test_an_unknown_curve_id_in_a_file_is_an_error_naming_it() -> None:
    project = load_project(EXAMPLES[0], LIBRARY)
    document = json.loads(dumps_project(project))
    material_id = project.stack.layers[_cathode(project.stack)].material.id
    document["materials"][material_id]["ocp"] = "nmc999_nobody"
    with pytest.raises(InputError, match="nmc999_nobody"):
        loads_project(json.dumps(document).encode())


def test_smoothing_is_isotonic_and_reported(tmp_path: Path) -> None:
    material = LIBRARY.material("nmc811")
    theta = np.linspace(0.3, 0.9, 61)
    volts = 4.2 - theta
    volts[30] += 0.015  # 5 mV above the point before it: breaks monotonicity
    # The columns in another order and an extra column: read by name.
    path = tmp_path / "c.csv"
    path.write_text(
        "stoichiometry,comment,voltage_V\n"
        + "\n".join(f"{x!r},,{v!r}" for x, v in zip(theta.tolist(), volts.tolist(), strict=True))
    )
    imported = read_half_cell_curve(path, material, lithiated_limit=0.9)
    # Pooling the bump with the point before it moves each by half the 5 mV rise.
    assert imported.smoothing_V == pytest.approx(0.0025)
    assert "isotonic regression" in imported.table.note
    assert np.all(np.diff(imported.table.voltage_V) <= 0.0)


def test_pool_adjacent_violators_gives_the_closest_non_increasing_sequence() -> None:
    assert non_increasing(np.array([3.0, 1.0, 2.0, 0.0])).tolist() == [3.0, 1.5, 1.5, 0.0]
    assert non_increasing(np.array([1.0, 2.0, 3.0])).tolist() == [2.0, 2.0, 2.0]


def test_capacity_axis_maps_through_the_theoretical_capacity(tmp_path: Path) -> None:
    material = LIBRARY.material("nmc811")
    theoretical = material.properties.capacity_theoretical_C_kg
    assert theoretical is not None
    q_th = theoretical.value / 3600.0  # mAh/g
    q = np.linspace(0.0, 0.5 * q_th, 40)
    volts = 4.3 - q / q_th
    path = tmp_path / "c.csv"
    path.write_text(
        "capacity_mAh_g,voltage_V\n"
        + "\n".join(f"{a!r},{b!r}" for a, b in zip(q.tolist(), volts.tolist(), strict=True))
    )
    table = read_half_cell_curve(path, material, lithiated_limit=0.9).table
    assert table.stoichiometry[-1] == pytest.approx(0.9)
    assert table.stoichiometry[0] == pytest.approx(0.4)


def test_charge_and_discharge_branches_are_averaged(tmp_path: Path) -> None:
    material = LIBRARY.material("nmc811")
    theta = np.linspace(0.3, 0.9, 31).tolist()
    lines = ["stoichiometry,voltage_V,branch"]
    lines += [f"{x!r},{4.2 - x - 0.01!r},discharge" for x in theta]
    lines += [f"{x!r},{4.2 - x + 0.01!r},charge" for x in reversed(theta)]
    path = tmp_path / "c.csv"
    path.write_text("\n".join(lines))
    imported = read_half_cell_curve(path, material, lithiated_limit=0.9)
    assert imported.hysteresis_V == pytest.approx(0.01)
    assert imported.table.potential(np.array([0.5]))[0] == pytest.approx(3.7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("voltage_mV,stoichiometry\n4000,0.5\n", 'column voltage_mV.*"voltage_V"'),
        ("volts,stoichiometry\n4,0.5\n", 'a column "voltage_V"'),
        ("voltage_V,capacity_mAh_g,stoichiometry\n4,1,0.5\n", "exactly one of"),
        ("voltage_V,stoichiometry\n4,0.3\n3.9,0.4\n3.8,0.35\n", "line 4, column stoichiometry"),
        ("voltage_V,stoichiometry\n4,0.3\nnan,0.4\n3.8,0.5\n", "line 3, column voltage_V.*finite"),
        ("voltage_V,stoichiometry\n4,0.3\n3.9,abc\n3.8,0.5\n", "line 3, column stoichiometry.*a number"),
        ("voltage_V,stoichiometry\n4,0.3\n3.9,0.4\n3.8,1.5\n", "line 4, column stoichiometry.*0 to 1"),
        ("voltage_V,stoichiometry\n4,0.3\n3.9\n", "line 3"),
        ("voltage_V,stoichiometry,branch\n4,0.3,up\n3.9,0.4,up\n3.8,0.5,up\n", "discharge or charge"),
    ],
)
def test_bad_files_are_refused_naming_the_file_line_and_column(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(InputError, match=message) as error:
        read_half_cell_curve(path, LIBRARY.material("nmc811"))
    assert str(path) in str(error.value)
