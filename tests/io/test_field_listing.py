"""numeric_paths: every numeric input a project has, each one a study can read and set."""

from __future__ import annotations

import pytest

from cellstack.io.field_listing import numeric_paths
from cellstack.io.field_paths import ProjectEditor
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()


@pytest.mark.parametrize("name", sorted(p.name for p in examples_dir().glob("*.cellstack")))
def test_every_listed_path_reads_and_takes_back_its_own_value(name: str) -> None:
    project = load_project(examples_dir() / name, LIBRARY)
    paths = numeric_paths(project)
    texts = [p.text for p in paths]
    assert len(set(texts)) == len(texts)
    for index in range(len(project.stack.layers)):
        assert f"stack.layers[{index}].thickness_um" in texts
    assert "stack.temperature_C" in texts and "series_resistance_ohm" in texts  # defaults count too
    editor = ProjectEditor(project)
    for path in paths:
        value = editor.read(path)
        assert editor.with_values({path: value}).stack == project.stack, path.text


def test_a_pouch_lists_its_cell_fields() -> None:
    pouch = load_project(examples_dir() / "pouch_nmc811_llzo_li.cellstack", LIBRARY)
    texts = {p.text for p in numeric_paths(pouch)}
    assert {"cell.units", "cell.cathode_width_mm", "cell.terminals[0].mass_mg"} <= texts
