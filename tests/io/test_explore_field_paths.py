"""Field paths: every numeric input of a project read and set by the path the loader's messages use."""

from __future__ import annotations

import json

import pytest

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.io.field_paths import NUMERIC_FIELDS, ProjectEditor, parse_path, read_value, with_value
from cellstack.io.library import default_library
from cellstack.io.project import Project, dumps_project, load_project, loads_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
NMC = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", LIBRARY)
THIN_FILM = load_project(examples_dir() / "thin_film_licoo2_lipon_li.cellstack", LIBRARY)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("stack.layers[1].thickness_um", 80.0),
        ("stack.layers[1].composite.active_fraction", 0.6),
        ("stack.layers[1].composite.electrolyte_fraction", 0.33),
        ("stack.layers[1].composite.coating_thickness_nm", 10.0),
        ("stack.temperature_C", 25.0),
        ("stack.extra_mass_mg", 0.0),  # absent from the file: the loader's default
        ("stack.layers[2].porosity", 0.0),
        ("materials.li6ps5cl.properties.ionic_conductivity", 0.001),
    ],
)
def test_read_gives_the_file_value_in_the_file_unit(path: str, value: float) -> None:
    assert read_value(NMC, path) == pytest.approx(value)


@pytest.mark.parametrize(
    ("path", "value", "check"),
    [
        ("stack.layers[1].thickness_um", 95.0, lambda p: p.stack.layers[1].thickness_m / u.UM),
        (
            "stack.layers[1].composite.active_fraction",
            0.55,
            lambda p: p.stack.layers[1].composite.active_fraction,
        ),
        ("stack.temperature_C", 60.0, lambda p: u.kelvin_to_celsius(p.stack.temperature_K)),
        ("stack.extra_mass_mg", 12.5, lambda p: p.stack.extra_mass_kg * 1e6),
        (
            "materials.li6ps5cl.properties.density",
            1.7,
            lambda p: p.stack.layers[2].material.properties.density_kg_m3.value / 1000.0,
        ),
    ],
)
def test_set_then_read_round_trips_and_reaches_the_stack(path: str, value: float, check) -> None:  # type: ignore[no-untyped-def]
    changed = with_value(NMC, path, value)
    assert read_value(changed, path) == pytest.approx(value)
    assert check(changed) == pytest.approx(value)
    assert read_value(NMC, path) != pytest.approx(value)  # the original is untouched
    # The changed project is an ordinary project: it saves and loads back to itself.
    assert loads_project(dumps_project(changed), "", LIBRARY) == changed


def test_an_override_is_addressed_by_its_record() -> None:
    document = json.loads(dumps_project(THIN_FILM))
    layer = document["stack"]["layers"][4]
    layer["overrides"] = {
        "ionic_conductivity": {"value": 2e-6, "unit": "S/cm", "source": "own measurement", "quality": "user"}
    }
    project = loads_project(json.dumps(document).encode(), "", LIBRARY)
    path = "stack.layers[4].overrides.ionic_conductivity"
    assert read_value(project, path) == pytest.approx(2e-6)
    changed = with_value(project, path, 3e-6)
    assert read_value(changed, path) == pytest.approx(3e-6)
    assert changed.stack.layers[
        4
    ].effective_material.properties.ionic_conductivity_S_m.value == pytest.approx(3e-6 * u.S_PER_CM)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("stack.layers[1].thickness", "field path = 'stack.layers[1].thickness'"),
        ("stack..temperature_C", "field path"),
        ("stack.layers[x].thickness_um", "field path"),
        ("stack.layers[9].thickness_um", "an index from 0 to 4"),
        ("stack.layers[0].composite.active_fraction", "stack.layers[0] has no composite"),
        ("stack.layers[2].overrides.ionic_conductivity", "has no overrides"),
        ("materials.nothing.properties.density", "materials has no nothing"),
        ("stack.anode_free.first_cycle_loss", "stack has no anode_free"),
    ],
)
def test_a_path_that_names_no_input_of_the_project_is_refused(path: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        read_value(NMC, parse_path(path))
    assert expected in caught.value.one_line()
    assert "\n" not in caught.value.one_line()


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            "stack.layers[1].thickness_um",
            -5.0,
            "stack.layers[1].thickness_um = -5 is not allowed; expected a number >= 0.0001",
        ),
        ("stack.layers[1].thickness_um", float("nan"), "stack.layers[1].thickness_um = nan"),
        (
            "stack.temperature_C",
            500.0,
            "stack.temperature_C = 500 is not allowed; expected a number >= -100 and <= 400",
        ),
        ("stack.layers[1].composite.active_fraction", 0.9, "active + electrolyte + additive fractions <= 1"),
    ],
)
def test_an_out_of_range_value_gets_the_loaders_message(path: str, value: float, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        with_value(NMC, path, value, "nmc.cellstack")
    assert expected in caught.value.one_line()


def _probe_path(pattern: str) -> str:
    return pattern.replace("[*]", "[1]").replace("materials.*", "materials.nmc811")


@pytest.mark.parametrize(
    "field", [f for f in NUMERIC_FIELDS if "overrides" not in f.pattern], ids=lambda f: f.pattern
)
def test_the_tables_ranges_are_the_loaders(field) -> None:  # type: ignore[no-untyped-def]
    """The table states the range (for scans and sampling); the loader enforces it: both agree."""
    project = NMC
    path = parse_path(_probe_path(field.pattern))
    if "anode_free" in field.pattern or "active_area" in field.pattern:
        pytest.skip("checked against another field (footprint, anode-free stacks) by the loader")
    editor = ProjectEditor(project)
    try:
        editor.read(path)
    except InputError:
        pytest.skip("this example has no such record")
    step = max(abs(field.high), 1.0) * 1e-6
    if field.high < 1e5 and "fraction" not in field.pattern:
        editor.with_values({path: field.high * (1 - 1e-9)})  # accepted just inside the bound
    with pytest.raises(InputError):
        editor.with_values({path: field.high + step})
    below = field.low if not field.low_inclusive else field.low - step
    with pytest.raises(InputError):
        editor.with_values({path: below})


def test_variants_share_one_document_and_leave_the_project_alone() -> None:
    editor = ProjectEditor(NMC)
    path = parse_path("stack.layers[2].thickness_um")
    variants = [editor.with_values({path: t}) for t in (10.0, 20.0, 40.0)]
    assert [v.stack.layers[2].thickness_m / u.UM for v in variants] == pytest.approx([10.0, 20.0, 40.0])
    assert editor.read(path) == pytest.approx(30.0)
    # The variants share what they do not change with the editor's document: a written record
    # must not leak back into it.
    density = parse_path("materials.li6ps5cl.properties.density")
    before = editor.read(density)
    changed = editor.with_values({density: before * 1.1, path: 12.0})
    assert read_value(changed, density) == pytest.approx(before * 1.1)
    assert editor.read(density) == before and editor.read(path) == pytest.approx(30.0)
    assert editor.with_values({}) == NMC
    assert isinstance(variants[0], Project) and variants[0].name == NMC.name


def test_every_vectorised_field_names_a_quantity_the_sweep_varies() -> None:
    from cellstack.core.explore.engine import VECTOR_QUANTITIES

    vectorised = [f for f in NUMERIC_FIELDS if f.vector is not None]
    assert {f.vector for f in vectorised} == set(VECTOR_QUANTITIES)
    assert all(f.pattern.startswith("stack.layers[*].") for f in vectorised)  # per-layer knobs


def test_the_footprint_follows_a_varied_active_area_and_keeps_its_ratio() -> None:
    library = default_library()
    planar = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library)
    assert read_value(planar, "stack.footprint_area_cm2") == read_value(planar, "stack.active_area_cm2")
    bigger = with_value(planar, "stack.active_area_cm2", 3.7)
    assert read_value(bigger, "stack.footprint_area_cm2") == 3.7  # was refused: footprint 1 < 3.7
    film = load_project(examples_dir() / "thin_film_licoo2_lipon_li.cellstack", library)
    ratio = read_value(film, "stack.footprint_area_cm2") / read_value(film, "stack.active_area_cm2")
    doubled = with_value(film, "stack.active_area_cm2", 2 * read_value(film, "stack.active_area_cm2"))
    assert read_value(doubled, "stack.footprint_area_cm2") / read_value(doubled, "stack.active_area_cm2") == (
        pytest.approx(ratio, rel=1e-15)
    )
    # Both set: the footprint given is kept, and checked against the area as on load.
    editor = ProjectEditor(planar)
    both = {parse_path("stack.active_area_cm2"): 2.0, parse_path("stack.footprint_area_cm2"): 1.5}
    with pytest.raises(InputError, match="footprint_area_cm2"):
        editor.with_values(both)
