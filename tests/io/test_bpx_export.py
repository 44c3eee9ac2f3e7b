"""BPX export: valid for the bpx package, the extras present, and PyBaMM's SPM on the exported file
runs the same 1C discharge as CellStack (optional: skipped without PyBaMM)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cellstack.cli import main
from cellstack.core.discharge import simulate_discharge
from cellstack.core.sourced import Quality, Sourced
from cellstack.core.stack import Stack
from cellstack.io.bpx_check import check_bpx
from cellstack.io.bpx_export import CONTACT_RESISTANCE, stack_to_bpx
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from tests.core.chen2020 import CHEN2020_KINETICS, CONTACT_RESISTANCE_OHM, NO_INTERFACES, chen2020_stack

pytest.importorskip("bpx")
LIBRARY = default_library()
EXAMPLES = sorted(examples_dir().glob("*.cellstack"))
CUTOFF_V = 2.5


def _chen2020_with_stated_kinetics() -> Stack:
    """The Chen 2020 pair with its exchange currents in the material records (as a file holds them)."""
    stack = chen2020_stack()
    layers = list(stack.layers)
    for i, layer in enumerate(layers):
        kinetics = CHEN2020_KINETICS.get(layer.role)
        if kinetics is not None:
            material = layer.material.with_properties(
                exchange_current_A_m2=Sourced(kinetics.exchange_current_A_m2, "chen2020", Quality.REPORTED),
                exchange_current_activation_energy_J_mol=Sourced(
                    kinetics.activation_energy_J_mol, "chen2020", Quality.REPORTED
                ),
            )
            layers[i] = dataclasses.replace(layer, material=material)
    return dataclasses.replace(stack, layers=tuple(layers))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_exported_examples_are_valid_bpx_with_the_solid_state_extras(example: Path) -> None:
    project = load_project(example, LIBRARY)
    document = stack_to_bpx(project.stack, LIBRARY.interfaces, project.name)
    check_bpx(document)
    extras = document["Parameterisation"]["User-defined"]
    assert extras[CONTACT_RESISTANCE] > 0.0
    assert any("ionic conductivity" in key for key in extras)
    assert any("mass per area" in key for key in extras)
    separator = document["Parameterisation"]["Separator"]
    assert 0.0 < separator["Porosity"] < 1.0  # PyBaMM's import takes its logarithm


def test_the_series_resistance_is_pybamms_contact_resistance() -> None:
    document = stack_to_bpx(_chen2020_with_stated_kinetics(), NO_INTERFACES)
    # The composite electrolytes (1e6 S/m) add a few nano-ohms.
    assert document["Parameterisation"]["User-defined"][CONTACT_RESISTANCE] == pytest.approx(
        CONTACT_RESISTANCE_OHM, rel=1e-5
    )


def test_cli_writes_the_file_and_refuses_writing_over_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cell.json"
    assert main(["export-bpx", str(EXAMPLES[0]), "-o", str(out)]) == 0
    check_bpx(json.loads(out.read_text(encoding="utf-8")))
    assert main(["export-bpx", str(EXAMPLES[0]), "-o", str(EXAMPLES[0])]) == 2
    assert "-o" in capsys.readouterr().err


def _pybamm_curve(document: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    pybamm = pytest.importorskip("pybamm")
    os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")
    pybamm.set_logging_level("ERROR")
    values = pybamm.ParameterValues.create_from_bpx_obj(json.loads(json.dumps(document)))
    capacity = document["Parameterisation"]["Cell"]["Nominal cell capacity [A.h]"]
    values["Current function [A]"] = capacity  # 1C
    values["Lower voltage cut-off [V]"] = CUTOFF_V
    simulation = pybamm.Simulation(
        pybamm.lithium_ion.SPM({"contact resistance": "true"}),
        parameter_values=values,
        var_pts={"x_n": 5, "x_s": 5, "x_p": 5, "r_n": 30, "r_p": 30},
    )
    solution = simulation.solve([0.0, 3600.0 * 1.2], t_interp=np.linspace(0.0, 3600.0 * 1.2, 300))
    return np.asarray(solution["Discharge capacity [A.h]"].entries), np.asarray(
        solution["Voltage [V]"].entries
    )


@pytest.mark.filterwarnings("ignore")
def test_pybamm_spm_on_the_exported_file_agrees_with_cellstack_at_1c() -> None:
    stack = _chen2020_with_stated_kinetics()
    document = stack_to_bpx(stack, NO_INTERFACES)
    q_ref, v_ref = _pybamm_curve(document)
    ours = simulate_discharge(stack, NO_INTERFACES, 1.0, cutoff_V=CUTOFF_V, points=400)
    q = ours.capacity_C / 3600.0
    assert q[-1] == pytest.approx(q_ref[-1], rel=0.01)
    top = min(q[-1], q_ref[-1])
    chosen = q_ref <= top
    rmse = float(np.sqrt(np.mean((np.interp(q_ref[chosen], q, ours.voltage_V) - v_ref[chosen]) ** 2)))
    assert rmse < 0.010
