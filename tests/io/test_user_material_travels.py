"""A design using one of the user's own materials opens on another profile, where that material is
not installed, and computes the same numbers: the project file carries every material by value."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cellstack.core.metrics import compute_metrics
from cellstack.core.sourced import Quality, Sourced
from cellstack.io.library import load_library, with_user_materials
from cellstack.io.project import dumps_project, load_project, loads_project
from cellstack.io.resources import examples_dir
from cellstack.io.user_library import save_user_material


def test_a_design_with_a_user_material_computes_the_same_on_a_profile_without_it(tmp_path: Path) -> None:
    installed = load_library()
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library=installed)
    electrolyte = project.stack.layers[2].material
    properties = replace(
        electrolyte.properties,
        density_kg_m3=Sourced(1720.0, "our pellet, Archimedes", Quality.MEASURED),
        ionic_conductivity_S_m=Sourced(0.31, "our pellet, EIS at 25 °C", Quality.MEASURED),
    )
    ours = replace(electrolyte, id="our_argyrodite", name="Our Li6PS5Cl pellet", properties=properties)
    save_user_material(ours, installed.materials, tmp_path / "mine")

    at_home = with_user_materials(installed, tmp_path / "mine")
    layer = replace(project.stack.layers[2], material=at_home.materials["our_argyrodite"])
    design = replace(project, stack=replace(project.stack, layers=(*project.stack.layers[:2], layer,
                                                                   *project.stack.layers[3:])))  # fmt: skip
    saved = dumps_project(design)

    elsewhere = load_library()  # another profile: no user folder
    assert "our_argyrodite" not in elsewhere.materials
    reopened = loads_project(saved, library=elsewhere)
    here = compute_metrics(design.stack, at_home.interfaces)
    there = compute_metrics(reopened.stack, elsewhere.interfaces)
    assert there.energy_J == pytest.approx(here.energy_J, rel=1e-12)
    assert repr(there.levels) == repr(here.levels)
    assert [e.ohm_m2 for e in there.asr] == [e.ohm_m2 for e in here.asr]
    assert here.levels != compute_metrics(project.stack, installed.interfaces).levels  # it mattered
