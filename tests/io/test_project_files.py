"""Project files: examples load and compute, round trips are byte-identical, bad files are errors."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from cellstack.core.errors import InputError
from cellstack.core.metrics import compute_metrics
from cellstack.io.library import Library, default_library
from cellstack.io.material_records import write_material
from cellstack.io.project import dumps_project, load_project, loads_project, save_project
from cellstack.io.resources import examples_dir, resources_dir

EXAMPLES = sorted(examples_dir().glob("*.cellstack"))


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


def test_the_three_reference_examples_are_shipped() -> None:
    names = {p.name for p in EXAMPLES}
    assert {
        "thin_film_licoo2_lipon_li.cellstack",
        "ssb_nmc811_argyrodite_li.cellstack",
        "ssb_lco_garnet_li.cellstack",
    } <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_computes_and_round_trips(path: Path, library: Library) -> None:
    project = load_project(path)  # no library: everything it needs is embedded
    metrics = compute_metrics(project.stack, library.interfaces)
    assert metrics.valid, [f.message for f in metrics.findings]
    assert metrics.energy_J and metrics.energy_J > 0
    data = path.read_bytes()
    assert dumps_project(loads_project(data)) == data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_materials_match_the_library(path: Path, library: Library) -> None:
    """Embedded records drift when the library changes: run tools/refresh_examples.py."""
    document = json.loads(path.read_text(encoding="utf-8"))
    for material_id, record in document["materials"].items():
        assert record == write_material(library.material(material_id)), material_id


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates_against_the_published_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((resources_dir() / "schema" / "cellstack-project-v3.schema.json").read_text())
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_save_writes_the_same_bytes_it_reads(tmp_path: Path) -> None:
    source = EXAMPLES[0]
    target = tmp_path / "copy.cellstack"
    save_project(load_project(source), target)
    assert target.read_bytes() == source.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name != "copy.cellstack"]  # no temporary left


def _document() -> dict:  # type: ignore[type-arg]
    return json.loads(EXAMPLES[0].read_text(encoding="utf-8"))


def _load(document: object) -> None:
    loads_project(json.dumps(document).encode(), "test.cellstack")


@pytest.mark.parametrize("value", [-1.0, 0.0, "5", None, 1e300])
def test_bad_thickness_names_the_json_path(value: object) -> None:
    document = _document()
    document["stack"]["layers"][3]["thickness_um"] = value
    with pytest.raises(InputError) as caught:
        _load(document)
    assert caught.value.field == "stack.layers[3].thickness_um"
    assert caught.value.source == "test.cellstack"


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": NaN}',
        b'{"a": Infinity}',
        b'{"a": 1e999}',
        b'{"a": 1, "a": 2}',
        b"\xff\xfe",
        b"[" * 5000,
        b'{"format": "cellstack"',
        b"",
    ],
)
def test_hostile_bytes_are_input_errors(raw: bytes) -> None:
    with pytest.raises(InputError):
        loads_project(raw, "hostile.cellstack")


def test_unknown_material_id_and_unknown_key() -> None:
    document = _document()
    document["stack"]["layers"][0]["material"] = "unobtainium"
    with pytest.raises(InputError, match="unobtainium"):
        _load(document)
    document = _document()
    document["stack"]["layers"][0]["colour"] = "red"
    with pytest.raises(InputError, match="colour"):
        _load(document)


@pytest.mark.parametrize("key, value", [("density", -2.0), ("density", 0.0), ("ionic_conductivity", 0.0)])
def test_bad_embedded_material_property(key: str, value: float) -> None:
    document = _document()
    material = next(m for m in document["materials"].values() if key in m.get("properties", {}))
    material["properties"][key]["value"] = value
    with pytest.raises(InputError, match=key):
        _load(document)


def test_empty_stack_and_newer_version() -> None:
    document = _document()
    document["stack"]["layers"] = []
    with pytest.raises(InputError, match="layers"):
        _load(document)
    document = _document()
    document["version"] = 99
    with pytest.raises(InputError, match="newer CellStack"):
        _load(document)


def test_a_conductivity_override_keeps_the_temperature_it_was_measured_at(library: Library) -> None:
    document = _document()
    index = next(i for i, layer in enumerate(document["stack"]["layers"]) if layer["role"] == "electrolyte")
    entry = {"value": 2e-4, "unit": "S/cm", "source": "user", "quality": "user", "temperature_C": 60}
    document["stack"]["layers"][index]["overrides"] = {"ionic_conductivity": entry}
    project = loads_project(json.dumps(document).encode(), "test.cellstack")
    layer = project.stack.layers[index]
    assert layer.conductivity_temperature_K == pytest.approx(333.15)
    assert layer.effective_material.properties.conductivity_temperature_K == pytest.approx(333.15)
    written = json.loads(dumps_project(project))
    assert written["stack"]["layers"][index]["overrides"]["ionic_conductivity"]["temperature_C"] == 60
    again = loads_project(dumps_project(project), "again.cellstack")
    assert again.stack == project.stack
    # Measured at 60 °C, the film conducts less at the stack's 25 °C: its ASR is higher than if the
    # same number had been taken as a 25 °C value.
    at_25 = replace(layer, conductivity_temperature_K=None)
    as_room = project.stack.replacing(index, at_25)
    asr = compute_metrics(project.stack, library.interfaces).asr_total_ohm_m2
    asr_room = compute_metrics(as_room, library.interfaces).asr_total_ohm_m2
    assert asr is not None and asr_room is not None and asr > asr_room
    document["stack"]["layers"][index]["overrides"]["ionic_conductivity"]["temperature_C"] = 2000
    with pytest.raises(InputError) as caught:
        _load(document)
    assert "temperature_C" in caught.value.field
