"""BPX import: import -> export -> import keeps what BPX holds; bad files refused by field; the
Validation curves saved for fitting; a liquid-electrolyte file says what the model ignores."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cellstack.cli import main
from cellstack.core.errors import InputError
from cellstack.core.stack import Stack
from cellstack.io.bpx_export import CONTACT_RESISTANCE, SERIES_RESISTANCE, stack_to_bpx
from cellstack.io.bpx_import import bpx_to_project
from cellstack.io.library import default_library
from cellstack.io.measured import read_measured
from cellstack.io.project import Project, load_project
from cellstack.io.project_compute import interface_table, series_asr_ohm_m2
from cellstack.io.resources import examples_dir
from tests.core.chen2020 import NO_INTERFACES
from tests.io.test_bpx_export import _chen2020_with_stated_kinetics

pytest.importorskip("bpx")
pytestmark = pytest.mark.filterwarnings("ignore")
LIBRARY = default_library()
EXAMPLES = sorted(examples_dir().glob("*.cellstack"))
# What import reads (External surface area and the User-defined extras it does not).
READ_KEYS = {
    "Cell": (
        "Electrode area [m2]",
        "Lower voltage cut-off [V]",
        "Upper voltage cut-off [V]",
        "Nominal cell capacity [A.h]",
        "Volume [m3]",
        "Density [kg.m-3]",
    ),
    "Separator": ("Thickness [m]", "Porosity", "Transport efficiency"),
    "Electrolyte": ("Conductivity [S.m-1]", "Conductivity activation energy [J.mol-1]"),
}
ELECTRODE_KEYS = (
    "Thickness [m]",
    "Porosity",
    "Transport efficiency",
    "Minimum stoichiometry",
    "Maximum stoichiometry",
    "Maximum concentration [mol.m-3]",
    "Particle radius [m]",
    "Surface area per unit volume [m-1]",
    "Diffusivity [m2.s-1]",
    "Diffusivity activation energy [J.mol-1]",
    "Reaction rate constant [mol.m-2.s-1]",
    "Reaction rate constant activation energy [J.mol-1]",
)
# The windows between cut-offs are found by a search on sampled curves: a few ppm, no more.
REL = 2e-5


def _copy(document: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(document))
    return result


def _assert_same_bpx(first: dict[str, Any], second: dict[str, Any]) -> None:
    a, b = first["Parameterisation"], second["Parameterisation"]
    for section, keys in READ_KEYS.items():
        for key in keys:
            assert b[section][key] == pytest.approx(a[section][key], rel=REL), f"{section}: {key}"
    for side in ("Positive electrode", "Negative electrode"):
        for key in ELECTRODE_KEYS:
            assert b[side][key] == pytest.approx(a[side][key], rel=REL), f"{side}: {key}"
        assert b[side]["OCP [V]"] == a[side]["OCP [V]"]


def _stacks() -> list[tuple[str, Stack, Any]]:
    # Not the Chen 2020 pair of the PyBaMM comparison: its anode cannot take the cathode's whole
    # window (BPX's window there ends at stoichiometry 0, clamped), so read back it holds less.
    return [(path.stem, load_project(path, LIBRARY).stack, LIBRARY.interfaces) for path in EXAMPLES]


@pytest.mark.parametrize(
    ("name", "stack", "interfaces"), _stacks(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_import_export_import_keeps_what_bpx_holds(name: str, stack: Stack, interfaces: Any) -> None:
    exported = stack_to_bpx(stack, interfaces, name)
    first = bpx_to_project(_copy(exported), LIBRARY)
    again = stack_to_bpx(first.project.stack, LIBRARY.interfaces, name)
    _assert_same_bpx(exported, again)
    second = bpx_to_project(_copy(again), LIBRARY)
    _assert_same_bpx(again, stack_to_bpx(second.project.stack, LIBRARY.interfaces, name))
    assert second.project.stack.extra_mass_kg == pytest.approx(first.project.stack.extra_mass_kg, rel=1e-9)


def test_a_file_the_schema_refuses_is_named_by_field() -> None:
    document = _copy(stack_to_bpx(load_project(EXAMPLES[0], LIBRARY).stack, LIBRARY.interfaces))
    del document["Parameterisation"]["Positive electrode"]["Particle radius [m]"]
    with pytest.raises(InputError, match="Particle radius") as error:
        bpx_to_project(document, LIBRARY, "cell.json")
    assert "cell.json" in str(error.value)


def test_a_liquid_electrolyte_file_gets_a_porous_separator_and_says_what_is_ignored() -> None:
    document = _copy(stack_to_bpx(_chen2020_with_stated_kinetics(), NO_INTERFACES))
    document["Parameterisation"]["Separator"].update({"Porosity": 0.47, "Transport efficiency": 0.47**1.5})
    document["Parameterisation"]["Electrolyte"]["Cation transference number"] = 0.26
    imported = bpx_to_project(document, LIBRARY)
    separator = imported.project.stack.layers[2]
    assert separator.porosity == pytest.approx(0.47)
    sigma = document["Parameterisation"]["Electrolyte"]["Conductivity [S.m-1]"]
    measured = separator.material.properties.ionic_conductivity_S_m
    assert measured is not None and measured.value == pytest.approx(sigma * 0.47**1.5)
    assert any("ignored" in note and "transference" in note for note in imported.notes)


def test_cli_import_writes_the_project_and_the_validation_curves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coin = examples_dir() / "coin_cr2032_nmc811_li6ps5cl_li.cellstack"  # by name: a Li metal anode
    document = stack_to_bpx(load_project(coin, LIBRARY).stack, LIBRARY.interfaces)
    t = [float(k) for k in range(10)]
    document["Validation"] = {
        "1C discharge": {
            "Time [s]": t,
            "Current [A]": [0.004] * 10,
            "Voltage [V]": [4.0 - 0.01 * k for k in t],
        }
    }
    source = tmp_path / "cell.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "cell.cellstack"
    assert main(["import-bpx", str(source), "-o", str(out)]) == 0, capsys.readouterr().err
    text = capsys.readouterr().out
    assert "note:" in text and "lithium metal" in text
    load_project(out, LIBRARY)
    curve = read_measured(tmp_path / "cell.1C_discharge.csv")
    assert curve.constant() == pytest.approx(0.004)

    broken = tmp_path / "broken.json"
    broken.write_text('{"Header": {"BPX": "1.1.0", "Model": "SPMe"}}', encoding="utf-8")
    refused = tmp_path / "refused.cellstack"
    assert main(["import-bpx", str(broken), "-o", str(refused)]) == 2
    assert "broken.json" in capsys.readouterr().err
    assert not refused.exists()


def test_a_foreign_contact_resistance_becomes_the_series_resistance() -> None:
    """It was only reported: the imported design ran without it."""
    document = _copy(stack_to_bpx(_chen2020_with_stated_kinetics(), NO_INTERFACES))
    extras = document["Parameterisation"]["User-defined"]
    del extras[SERIES_RESISTANCE]  # as PyBaMM's users write it: the contact resistance alone
    extras[CONTACT_RESISTANCE] = 0.025
    imported = bpx_to_project(document, LIBRARY)
    assert imported.project.series_resistance_ohm == 0.025
    assert any("0.025 Ohm: the design's series resistance" in note for note in imported.notes)


def test_the_series_resistance_survives_export_and_import() -> None:
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", LIBRARY)
    project = replace(project, series_resistance_ohm=0.5)
    exported = project_bpx(project)
    extras = exported["Parameterisation"]["User-defined"]
    assert extras[SERIES_RESISTANCE] == pytest.approx(0.5)
    layers_only = project_bpx(replace(project, series_resistance_ohm=0.0))["Parameterisation"]["User-defined"]
    assert extras[CONTACT_RESISTANCE] == pytest.approx(layers_only[CONTACT_RESISTANCE] + 0.5)
    first = bpx_to_project(_copy(exported), LIBRARY).project
    assert first.series_resistance_ohm == pytest.approx(0.5, rel=1e-12)  # not the layers' terms again
    second = bpx_to_project(_copy(project_bpx(first)), LIBRARY).project
    assert second.series_resistance_ohm == pytest.approx(0.5, rel=1e-12)


@pytest.mark.parametrize("value", [-1.0, "2*x", True, 2e6])
def test_a_contact_resistance_that_is_no_resistance_is_refused_by_name(value: object) -> None:
    document = _copy(stack_to_bpx(_chen2020_with_stated_kinetics(), NO_INTERFACES))
    extras = document["Parameterisation"]["User-defined"]
    del extras[SERIES_RESISTANCE]
    extras[CONTACT_RESISTANCE] = value
    with pytest.raises(InputError, match="Contact resistance") as error:
        bpx_to_project(document, LIBRARY, "cell.json")
    assert "cell.json" in str(error.value)


def project_bpx(project: Project) -> dict[str, Any]:
    return stack_to_bpx(
        project.stack, interface_table(project, LIBRARY), project.name, series_asr_ohm_m2(project)
    )
