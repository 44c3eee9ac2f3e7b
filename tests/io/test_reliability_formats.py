"""Format versions: golden files of every released version load and compute, forever.

Also: migrations run in order and are pure, newer files are refused with the release that wrote
them, save -> load -> save is byte-identical, every number in a project file is range-checked and
every object refuses unknown keys, each with the JSON path in the error.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cellstack.core.errors import InputError
from cellstack.core.metrics import compute_metrics
from cellstack.io.library import default_library
from cellstack.io.material_records import SPEC_BY_KEY
from cellstack.io.migrations import (
    FORMAT_VERSION,
    MIGRATIONS,
    Migration,
    NewerFormatError,
    migrate,
    release_named_in,
)
from cellstack.io.project import dumps_project, load_project, loads_project, save_project
from cellstack.io.resources import examples_dir

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_FILES = sorted(GOLDEN.glob("*.cellstack"))
EXAMPLES = sorted(examples_dir().glob("*.cellstack"))


def test_one_golden_file_per_released_version() -> None:
    versions = {json.loads(p.read_text(encoding="utf-8"))["version"] for p in GOLDEN_FILES}
    assert versions == set(range(1, FORMAT_VERSION + 1))
    assert {p.name for p in GOLDEN_FILES} >= {f"v{v}.cellstack" for v in versions}


def test_the_migration_registry_covers_every_old_version() -> None:
    assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_file_loads_and_computes(path: Path) -> None:
    project = load_project(path)  # no library: golden files carry every material they use
    metrics = compute_metrics(project.stack, default_library().interfaces)
    assert metrics.valid, [f.message for f in metrics.findings]
    assert metrics.energy_J is not None and metrics.energy_J > 0
    assert project.format_version == json.loads(path.read_text(encoding="utf-8"))["version"]


def test_minimal_golden_file_computes_the_hand_checked_numbers() -> None:
    """10 µm x 1 cm² x 5 g/cm³ = 5 mg of cathode at 140 mAh/g and 3.9 V: 0.7 mAh, 2.73 mWh."""
    project = load_project(GOLDEN / "v1_minimal.cellstack")
    metrics = compute_metrics(project.stack, default_library().interfaces)
    assert metrics.capacity_C == pytest.approx(0.7 * 3.6, rel=1e-9)
    assert metrics.energy_J == pytest.approx(2.73 * 3.6, rel=1e-9)
    # 2 x 1 µm foil at 8.96 + 5 mg cathode + 2 µm at 2.5 + 5 µm lithium at 0.534 (mg per cm²)
    assert metrics.full_stack.mass_kg == pytest.approx((1.792 + 5 + 0.5 + 0.267) * 1e-6, rel=1e-9)


@pytest.mark.parametrize("path", EXAMPLES + GOLDEN_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_save_load_save_is_byte_identical(path: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.cellstack", tmp_path / "second.cellstack"
    project = load_project(path)
    save_project(project, first)
    reloaded = load_project(first)
    assert reloaded == project
    save_project(reloaded, second)
    assert second.read_bytes() == first.read_bytes() == dumps_project(project)


def test_loading_never_rewrites_the_file(tmp_path: Path) -> None:
    copy_path = tmp_path / "v1.cellstack"
    copy_path.write_bytes((GOLDEN / "v1_minimal.cellstack").read_bytes())
    before = copy_path.stat()
    load_project(copy_path)
    after = copy_path.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1.cellstack"]


# ---- migrations --------------------------------------------------------------------------------


def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """What a real step looks like: rename a key, set the version, return a new dict."""
    result = {key: value for key, value in document.items() if key != "description"}
    result["summary"] = document.get("description", "")
    result["version"] = 2
    return result


def _v2_to_v3(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "version": 3, "steps": [*document.get("steps", []), "2->3"]}


STEPS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def test_migrations_run_in_order_from_any_old_version() -> None:
    v1 = {"format": "cellstack", "version": 1, "description": "d"}
    result, original = migrate(v1, current=3, steps=STEPS)
    assert original == 1
    assert result == {"format": "cellstack", "version": 3, "summary": "d", "steps": ["2->3"]}
    v2 = _v1_to_v2(v1)
    assert migrate(v2, current=3, steps=STEPS) == (result, 2)
    assert migrate(result, current=3, steps=STEPS) == (result, 3)  # current: untouched


def test_migrations_never_modify_the_callers_document() -> None:
    def careless(document: dict[str, Any]) -> dict[str, Any]:
        document["version"] = 2
        document["stack"]["layers"].clear()
        return document

    v1 = json.loads((GOLDEN / "v1.cellstack").read_text(encoding="utf-8"))
    kept = copy.deepcopy(v1)
    migrate(v1, current=2, steps={1: careless})
    assert v1 == kept


@pytest.mark.parametrize("step", [_v1_to_v2], ids=["v1->v2 example"])
def test_each_step_is_pure_and_deterministic(step: Migration) -> None:
    for path in GOLDEN_FILES:
        document = json.loads(path.read_text(encoding="utf-8"))
        kept = copy.deepcopy(document)
        assert step(document) == step(copy.deepcopy(document))
        assert document == kept


def test_a_missing_or_broken_step_is_an_input_error() -> None:
    v1 = {"format": "cellstack", "version": 1}
    with pytest.raises(InputError, match="migration to 2"):
        migrate(v1, "f.cellstack", current=2, steps={})

    def fragile(document: dict[str, Any]) -> dict[str, Any]:
        return {**document, "version": 2, "area": document["stack"]["area"]}

    with pytest.raises(InputError) as caught:
        migrate(v1, "f.cellstack", current=2, steps={1: fragile})
    assert caught.value.field == "(migration from version 1)" and caught.value.source == "f.cellstack"


@pytest.mark.parametrize(
    "generator, expected",
    [
        ("CellStack 0.3.0", "0.3.0"),
        ("CellStack 2.0.0rc1", "2.0.0rc1"),
        ("1.4", "1.4"),
        ("CellStack; rm -rf /", ""),
        ("CellStack " + "9" * 100, ""),
        (None, ""),
        (12, ""),
    ],
)
def test_release_named_in_generator(generator: object, expected: str) -> None:
    assert release_named_in(generator) == expected


def test_newer_file_is_refused_naming_the_release_that_wrote_it() -> None:
    document = json.loads((GOLDEN / "v1.cellstack").read_text(encoding="utf-8"))
    document.update(version=FORMAT_VERSION + 1, generator="CellStack 0.3.0", stack="a shape we do not know")
    with pytest.raises(NewerFormatError) as caught:
        loads_project(json.dumps(document).encode(), "future.cellstack")
    error = caught.value
    assert isinstance(error, InputError) and error.field == "version" and error.required == "0.3.0"
    assert "this file was written by CellStack 0.3.0 or later" in str(error)
    assert str(error).startswith("future.cellstack: ")
    document["generator"] = "garbage <script>"
    with pytest.raises(
        NewerFormatError, match=f"a CellStack writing format version {FORMAT_VERSION + 1} or later"
    ):
        loads_project(json.dumps(document).encode())


@pytest.mark.parametrize("version", [0, -1, 1.0, "1", True, None])
def test_bad_versions(version: object) -> None:
    document = json.loads((GOLDEN / "v1_minimal.cellstack").read_text(encoding="utf-8"))
    document["version"] = version
    with pytest.raises(InputError) as caught:
        loads_project(json.dumps(document).encode())
    assert caught.value.field == "version"


# ---- every number has a range, every object refuses unknown keys ------------------------------


def _leaves(value: object, path: str) -> Iterator[tuple[str, list[Any], object]]:
    """(JSON path, key path, value) of every leaf of a parsed document."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from ((p, [key, *k], v) for p, k, v in _leaves(inner, f"{path}.{key}" if path else key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from ((p, [i, *k], v) for p, k, v in _leaves(inner, f"{path}[{i}]"))
    else:
        yield path, [], value


def _objects(value: object, path: str) -> Iterator[tuple[str, list[Any]]]:
    if isinstance(value, dict):
        yield path, []
        for key, inner in value.items():
            yield from ((p, [key, *k]) for p, k in _objects(inner, f"{path}.{key}" if path else key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from ((p, [i, *k]) for p, k in _objects(inner, f"{path}[{i}]"))


def _set(document: Any, keys: list[Any], value: object) -> None:
    for key in keys[:-1]:
        document = document[key]
    document[keys[-1]] = value


SOURCES = [*EXAMPLES, *GOLDEN_FILES]


def _numbers() -> Iterator[tuple[Path, str, list[Any]]]:
    for path in SOURCES:
        document = json.loads(path.read_text(encoding="utf-8"))
        for json_path, keys, value in _leaves(document, ""):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                yield path, json_path, keys


NUMBERS = list(_numbers())


def _generic(json_path: str) -> str:
    """stack.layers[2].overrides.density.rate_C -> stack.layers[].overrides.*.rate_C"""
    path = re.sub(r"\[\d+\]", "[]", json_path)
    return re.sub(r"(materials|properties|overrides)\.[^.\[]+", r"\1.*", path)


V2_NUMERIC_PLACES = {
    "cell.units",
    *(
        f"cell.{sheet}_{side}_mm"
        for sheet in ("cathode", "anode", "separator")
        for side in ("width", "height")
    ),
    *(f"cell.{tab}.{k}" for tab in ("cathode_tab", "anode_tab") for k in ("width_mm", "length_mm")),
    *(f"cell.{sheet}_diameter_mm" for sheet in ("cathode", "anode", "separator")),
    "cell.spacers",
    "cell.cells",
    *(
        f"cell.{slab}.{k}"
        for slab in ("die", "lid")
        for k in ("width_mm", "height_mm", "thickness_um", "density_g_cm3")
    ),
    *(f"cell.electrolyte_{side}_mm" for side in ("width", "height")),
    "cell.terminals[].mass_mg",
    "cell.terminals[].volume_mm3",
    *(f"fixture.plate_{k}" for k in ("width_mm", "height_mm", "thickness_mm", "density_g_cm3")),
    "fixture.plates",
    "fixture.hardware_mass_g",
    "fixture.stack_pressure_MPa",
    "fill.volume_per_capacity_mL_Ah",
    "fill.density_g_cm3",
    "simulation.c_rates[]",
    "simulation.discharge_cutoff_V",
    "simulation.charge_cutoff_V",
    "interfaces[].asr_ohm_cm2",
    "interfaces[].temperature_C",
    "series_resistance_ohm",
}


# Every place a number can sit in a file (docs/file-format.md, materials-format.md).
NUMERIC_PLACES = {
    "version",
    *(f"stack.{k}" for k in ("active_area_cm2", "footprint_area_cm2", "temperature_C", "extra_mass_mg")),
    "stack.anode_free.first_cycle_loss",
    "stack.layers[].thickness_um",
    "stack.layers[].porosity",
    *(
        f"stack.layers[].composite.{k}"
        for k in (
            "active_fraction",
            "electrolyte_fraction",
            "additive_fraction",
            "particle_radius_um",
            "bruggeman",
            "coating_thickness_nm",
        )
    ),
    *(
        f"{entry}.{k}"
        for entry in ("stack.layers[].overrides.*", "materials.*.properties.*")
        for k in ("value", "rate_C", "current_density_uA_cm2", "temperature_C")
    ),
    *(f"materials.*.ocp_table.{k}" for k in ("stoichiometry[]", "voltage[]", "lithiated_limit")),
    *(
        f"materials.*.measurements[].{k}"
        for k in ("capacity_practical", "reported_volumetric_capacity", "rate_C", "current_density_uA_cm2")
    ),
    # Version 2: the cell around the stack and the design's own settings.
    *V2_NUMERIC_PLACES,
    # Version 3: the inputs' uncertainties, keyed by the field path they name.
    "uncertainties.stack.layers[].thickness_um.sigma",
    "uncertainties.stack.layers[].thickness_um.low",
    "uncertainties.stack.layers[].thickness_um.high",
    "uncertainties.stack.layers[].composite.active_fraction.sigma",
    "uncertainties.stack.layers[].overrides.*.sigma",
    "uncertainties.materials.*.properties.*.low",
    "uncertainties.materials.*.properties.*.high",
}


def test_the_files_put_a_number_in_every_place_a_number_can_be() -> None:
    assert {_generic(p) for _, p, _ in NUMBERS} == NUMERIC_PLACES
    properties = {p.split(".")[3] for _, p, _ in NUMBERS if ".properties." in p and p.startswith("materials")}
    assert properties == set(SPEC_BY_KEY)


@pytest.mark.parametrize("bad", [-1e300, 1e300, "12", True, [1], {"value": 1}])
def test_every_number_in_every_file_is_checked(bad: object) -> None:
    """Replace each number, one at a time, by a wild value: the error names exactly its path."""
    checked = 0
    for path, json_path, keys in NUMBERS:
        document = json.loads(path.read_text(encoding="utf-8"))
        _set(document, keys, bad)
        with pytest.raises(InputError) as caught:
            loads_project(json.dumps(document).encode(), path.name)
        error = caught.value
        assert error.field == json_path, (path.name, json_path, str(error))
        assert error.allowed and error.source == path.name
        checked += 1
    assert checked == len(NUMBERS)


def test_every_object_refuses_an_unknown_key() -> None:
    checked = 0
    for path in SOURCES:
        original = json.loads(path.read_text(encoding="utf-8"))
        for json_path, keys in _objects(original, ""):
            document = copy.deepcopy(original)
            target = document
            for key in keys:
                target = target[key]
            target["zz_unknown"] = {}
            with pytest.raises(InputError) as caught:
                loads_project(json.dumps(document).encode(), path.name)
            expected = f"{json_path}.zz_unknown" if json_path else "zz_unknown"
            if json_path == "materials":  # its keys are ids: the record itself is refused
                expected = "materials.zz_unknown.id"
            assert caught.value.field == expected, str(caught.value)
            checked += 1
    assert checked > 100
