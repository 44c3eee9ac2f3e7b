"""Project format v2: every bad value and every impossible geometry is refused in one line naming its key."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cellstack.core.errors import InputError
from cellstack.io.library import Library, default_library
from cellstack.io.project import loads_project
from cellstack.io.project_compute import project_cell_metrics

GOLDEN_V2 = json.loads(
    (Path(__file__).resolve().parent / "golden" / "v2.cellstack").read_text(encoding="utf-8")
)
LIBRARY: Library = default_library()
COIN = {
    "format": "coin",
    "case": "CR2032",
    "cathode_diameter_mm": 10,
    "anode_diameter_mm": 9,
    "separator_diameter_mm": 10,
}
CHIP = {
    "format": "thin_film_chip",
    "die": {"width_mm": 20, "height_mm": 25, "thickness_um": 50, "density_g_cm3": 2.8},
    "cathode_width_mm": 14,
    "cathode_height_mm": 12,
    "anode_width_mm": 15,
    "anode_height_mm": 13,
    "electrolyte_width_mm": 16,
    "electrolyte_height_mm": 14,
}


def _with(changes: dict[str, Any]) -> bytes:
    """The v2 golden file with each dotted key of ``changes`` set (None deletes it)."""
    document = copy.deepcopy(GOLDEN_V2)
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        holder: Any = document
        for key in parents:
            holder = holder[int(key)] if isinstance(holder, list) else holder[key]
        if value is None:
            del holder[last]
        elif isinstance(holder, list):
            holder[int(last)] = value
        else:
            holder[last] = value
    return json.dumps(document).encode()


REFUSED_ON_LOAD = [
    # impossible geometry, named by the file's key
    ({"cell.cathode_width_mm": 60}, "cell.cathode_width_mm", "at most the separator"),
    ({"cell.anode_height_mm": 45}, "cell.anode_width_mm", "at most the separator"),
    ({"cell.cathode_tab.width_mm": 51}, "cell.cathode_tab.width_mm", "at most its foil's width (50 mm)"),
    ({"cell.units": 0}, "cell.units", "a whole number from 1 to 10000"),
    ({"cell.units": 2.5}, "cell.units", "a whole number"),
    ({"cell.box_width_mm": 40}, "cell.box_width_mm", "at least the stack (54 mm)"),
    ({"cell.format": "cylinder"}, "cell.format", "one of planar, stacked_pouch, coin, thin_film_chip"),
    ({"cell.laminate": "foil_of_dreams"}, "cell.laminate", "batpac_pet_al_pp"),
    (
        {"cell.frame": {"density_g_cm3": 1, "side_border_mm": 1, "end_border_mm": 1}},
        "cell.laminate",
        "either",
    ),
    ({"cell.laminate": None}, "cell.laminate", "either"),
    (
        {"cell.laminate": {"thickness_um": 0, "density_g_cm3": 2.2, "seal_width_mm": 5}},
        "cell.laminate.thickness_um",
        "> 0",
    ),
    ({"cell.outer_electrode": "separator"}, "cell.outer_electrode", "one of anode, cathode"),
    ({"cell.terminals.0.mass_mg": -1}, "cell.terminals[0].mass_mg", ">= 0"),
    ({"cell.wings": 2}, "cell.wings", "one of the known keys"),
    (
        {"cell": {**COIN, "cathode_diameter_mm": 12}},
        "cell.cathode_diameter_mm",
        "at most the separator's (10 mm)",
    ),
    (
        {"cell": {**COIN, "separator_diameter_mm": 21, "cathode_diameter_mm": 10}},
        "cell.separator_diameter_mm",
        "case",
    ),
    ({"cell": {**COIN, "case": "CR9999"}}, "cell.case", "CR2032"),
    ({"cell": {**COIN, "spacers": 11}}, "cell.spacers", "a whole number from 0 to 10"),
    (
        {"cell": {**COIN, "case_overrides": {"inner_height_mm": 5}}},
        "cell.case_overrides.inner_height_mm",
        "3.2 mm",
    ),
    ({"cell": {**CHIP, "cells": 2}}, "cell.cells", "at most the die"),
    ({"cell": {**CHIP, "cathode_width_mm": 17}}, "cell.cathode_width_mm", "at most the electrolyte"),
    (
        {"cell": {**CHIP, "lid": {**CHIP["die"], "width_mm": 10}}},  # type: ignore[dict-item]
        "cell.lid.width_mm",
        "at most the lid",
    ),
    ({"fixture.plates": 0}, "fixture.plates", "a whole number from 1 to 10"),
    ({"fixture.stack_pressure_MPa": 2000}, "fixture.stack_pressure_MPa", "<= 1000"),
    ({"fixture.plate_density_g_cm3": 30}, "fixture.plate_density_g_cm3", "<= 25"),
    ({"fill.volume_per_capacity_mL_Ah": 11}, "fill.volume_per_capacity_mL_Ah", "mL/Ah"),
    ({"simulation.c_rates": []}, "simulation.c_rates", "1 to 8 C-rates"),
    ({"simulation.c_rates.1": 0}, "simulation.c_rates[1]", "> 0 and <= 100"),
    ({"simulation.charge_cutoff_V": 2.0}, "simulation.charge_cutoff_V", "above the discharge cut-off"),
    ({"simulation.energy_definition": "magic"}, "simulation.energy_definition", "ocv_integral"),
    ({"interfaces.0.source": "  "}, "interfaces[0].source", "where the value comes from"),
    ({"interfaces.0.side": "middle"}, "interfaces[0].side", "cathode, anode"),
    ({"interfaces.1.asr_ohm_cm2": -4}, "interfaces[1].asr_ohm_cm2", ">= 0"),
    ({"interfaces.0.electrode": "NMC 811!"}, "interfaces[0].electrode", "a material id or a family id"),
    ({"series_resistance_ohm": -0.1}, "series_resistance_ohm", ">= 0"),
]


@pytest.mark.parametrize(("changes", "field", "allowed"), REFUSED_ON_LOAD, ids=lambda v: str(v)[:40])
def test_a_bad_v2_value_is_refused_naming_its_key(changes: dict[str, Any], field: str, allowed: str) -> None:
    with pytest.raises(InputError) as caught:
        loads_project(_with(changes), "bad.cellstack")
    error = caught.value
    assert error.field == field, str(error)
    assert allowed in error.allowed, str(error)
    assert "\n" not in str(error) and str(error).startswith("bad.cellstack: ")


def test_the_golden_file_itself_is_accepted() -> None:
    loads_project(_with({}), "good.cellstack")


@pytest.mark.parametrize(
    ("changes", "field", "allowed"),
    [
        ({"cell.box_thickness_mm": 1.0}, "cell.box_thickness_mm", "at least the stack it holds (1.82 mm)"),
        (
            {"cell": {**COIN, "case": "CR2016"}, "stack.layers.2.thickness_um": 600},
            "cell.case",
            "at least the stack",
        ),
    ],
)
def test_a_box_thinner_than_its_stack_is_refused_naming_its_key(
    changes: dict[str, Any], field: str, allowed: str
) -> None:
    project = loads_project(_with(changes), "thin.cellstack")  # each value is fine on its own
    with pytest.raises(InputError) as caught:
        project_cell_metrics(project, LIBRARY)
    assert caught.value.field == field and allowed in caught.value.allowed, str(caught.value)


def test_a_v1_file_holding_a_v2_section_is_refused_not_overwritten_by_the_migration() -> None:
    document = json.loads(_with({}))
    document["version"] = 1
    with pytest.raises(InputError) as caught:
        loads_project(json.dumps(document).encode(), "old.cellstack")
    assert caught.value.field == "cell" and "version 1" in caught.value.allowed
