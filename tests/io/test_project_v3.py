"""Project format v3: inputs' uncertainties and the quality "measured", the migration from v2."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cellstack.core.errors import InputError
from cellstack.core.explore.uncertainty import Normal, Uniform
from cellstack.core.sourced import Quality
from cellstack.io.library import Library, default_library
from cellstack.io.metrics_export import metrics_to_json
from cellstack.io.migrations import MIGRATIONS, migrate
from cellstack.io.project import dumps_project, load_project, loads_project, project_document
from cellstack.io.project_compute import project_metrics
from cellstack.io.resources import examples_dir, resources_dir
from cellstack.io.uncertainties import InputUncertainty, checked_uncertainty

GOLDEN = Path(__file__).resolve().parent / "golden"
OLD_GOLDEN = sorted(GOLDEN.glob("v1*.cellstack")) + sorted(GOLDEN.glob("v2*.cellstack"))
EXAMPLES = sorted(examples_dir().glob("*.cellstack"))
V3 = GOLDEN / "v3.cellstack"


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


def _v3() -> dict[str, Any]:
    return json.loads(V3.read_text(encoding="utf-8"))


def _as_v2(path: Path) -> bytes:
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = 2
    return json.dumps(document).encode()


def _refusal(document: dict[str, Any]) -> str:
    with pytest.raises(InputError) as caught:
        loads_project(json.dumps(document).encode(), "bad.cellstack")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("bad.cellstack: ")
    return message


def test_the_step_from_v2_only_sets_the_version_and_is_pure() -> None:
    document = json.loads((GOLDEN / "v2_all_fields.cellstack").read_text(encoding="utf-8"))
    kept = copy.deepcopy(document)
    migrated = MIGRATIONS[2](document)
    assert document == kept
    assert migrated == {**kept, "version": 3}


@pytest.mark.parametrize("path", OLD_GOLDEN, ids=lambda p: p.stem)
def test_old_golden_files_load_with_no_uncertainties_and_compute_as_in_v2(
    path: Path, library: Library
) -> None:
    project = load_project(path, library)
    assert project.uncertainties == ()
    document = json.loads(path.read_text(encoding="utf-8"))
    as_v2, _ = migrate(document, current=2)  # what CellStack reading version 2 read
    v2 = loads_project(json.dumps(as_v2).encode().replace(b'"version": 2', b'"version": 3', 1), "", library)
    assert metrics_to_json(project_metrics(project, library), library) == metrics_to_json(
        project_metrics(v2, library), library
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_read_as_v2_computes_as_the_v3_example(path: Path, library: Library) -> None:
    old = loads_project(_as_v2(path), path.name, library)
    assert old.format_version == 2
    assert old == load_project(path, library)
    assert metrics_to_json(project_metrics(old, library), library) == metrics_to_json(
        project_metrics(load_project(path, library), library), library
    )


def test_the_v3_golden_file_loads_and_saves_unchanged(library: Library) -> None:
    project = load_project(V3)  # no library: it carries its materials
    assert dumps_project(project) == V3.read_bytes()
    assert project.format_version == 3
    by_path = {u.path: u for u in project.uncertainties}
    assert by_path["stack.layers[1].thickness_um"] == InputUncertainty(
        "stack.layers[1].thickness_um", Normal(4.0), "micrometer, 5 positions"
    )
    assert by_path["materials.nmc811.properties.density"].distribution == Uniform(4.6, 5.0)
    assert by_path["stack.layers[2].thickness_um"].source == ""
    assert by_path["materials.nmc811.properties.density"].sigma == pytest.approx(0.4 / math.sqrt(12))
    assert [u.path for u in project.uncertainties] == sorted(by_path)
    conductivity = dict(project.stack.layers[2].overrides)["ionic_conductivity_S_m"]
    assert conductivity.quality is Quality.MEASURED
    assert project_metrics(project, library).valid


def test_the_v3_golden_file_and_the_examples_validate_against_the_v3_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((resources_dir() / "schema" / "cellstack-project-v3.schema.json").read_text())
    jsonschema.validate(_v3(), schema)
    bad = _v3()
    bad["uncertainties"]["stack.layers[1].thickness_um"]["low"] = 1.0  # sigma and bounds at once
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_a_v2_file_holding_v3_content_is_refused_as_before() -> None:
    document = _v3()
    document["version"] = 2
    assert "uncertainties = '(present)' is not allowed; expected no such key in a version 2 file" in (
        _refusal(document)
    )
    del document["uncertainties"]
    message = _refusal(document)
    assert "stack.layers[2].overrides.ionic_conductivity.quality = 'measured' is not allowed" in message
    assert "one of reported, computed, estimate, user" in message
    document["version"] = 1
    for key in ("cell", "fixture", "fill", "simulation", "interfaces", "series_resistance_ohm"):
        document.pop(key, None)
    assert "quality = 'measured'" in _refusal(document)


def _with_entry(path: str, entry: object) -> dict[str, Any]:
    document = _v3()
    document["uncertainties"] = {path: entry}
    return document


@pytest.mark.parametrize(
    ("path", "entry", "expected"),
    [
        (
            "stack.layers[9].thickness_um",
            {"sigma": 1.0},
            "uncertainties.stack.layers[9].thickness_um = 'stack.layers[9].thickness_um'",
        ),
        ("stack.layers[1].thickness", {"sigma": 1.0}, "the path of a numeric input"),
        ("stack.layers[0].overrides.density", {"sigma": 1.0}, "stack.layers[0] has no overrides"),
        ("cell.units", {"sigma": 1.0}, "a count cannot be uncertain"),
        (
            "stack.layers[1].thickness_um",
            {"sigma": -4.0},
            "uncertainties.stack.layers[1].thickness_um.sigma = -4",
        ),
        ("stack.layers[1].thickness_um", {"sigma": 0.0}, "a number > 0 and <= 100000 (µm)"),
        (
            "stack.layers[1].thickness_um",
            {"low": 90.0, "high": 70.0},
            ".low = 90 is not allowed; expected a bound below high (70 µm)",
        ),
        (
            "stack.layers[1].thickness_um",
            {"low": 0.0, "high": 70.0},
            ".low = 0 is not allowed; expected a number >= 0.0001 and <= 100000 (µm)",
        ),
        (
            "stack.temperature_C",
            {"low": 20.0, "high": 500.0},
            ".high = 500 is not allowed; expected a number >= -100 and <= 400 (°C)",
        ),
        ("stack.layers[1].composite.active_fraction", {"low": 0.5, "high": 1.5}, ".high = 1.5"),
        (
            "stack.layers[1].thickness_um",
            {"low": 70.0},
            "a standard deviation sigma, or both bounds low and high",
        ),
        (
            "stack.layers[1].thickness_um",
            {"sigma": 1.0, "low": 70.0, "high": 90.0},
            "either sigma or low and high",
        ),
        ("stack.layers[1].thickness_um", {"sigma": "4"}, "a number (µm)"),
        (
            "stack.layers[1].thickness_um",
            {"sigma": 1.0, "spread": 2},
            "one of the known keys: high, low, sigma, source",
        ),
        (
            "stack.layers[1].thickness_um",
            {"sigma": 1.0, "source": "x" * 501},
            "text of at most 500 characters",
        ),
        ("stack.layers[1].thickness_um", [1.0], "an object/table"),
    ],
)
def test_a_bad_uncertainty_is_refused_naming_the_field_value_and_allowed_range(
    path: str, entry: object, expected: str
) -> None:
    assert expected in _refusal(_with_entry(path, entry))


def test_uncertainties_is_an_object_of_bounded_size() -> None:
    document = _v3()
    document["uncertainties"] = [1]
    assert "uncertainties = [1] is not allowed; expected an object/table" in _refusal(document)


def test_a_nan_from_the_app_is_refused_with_the_loaders_message(library: Library) -> None:
    document = project_document(load_project(V3))
    with pytest.raises(InputError, match=r"sigma = nan is not allowed; expected a number > 0"):
        checked_uncertainty(document, "stack.layers[1].thickness_um", Normal(math.nan))
    with pytest.raises(InputError, match=r"low = nan is not allowed"):
        checked_uncertainty(document, "stack.layers[1].thickness_um", Uniform(math.nan, 3.0))
    item = checked_uncertainty(document, "stack.temperature_C", Uniform(20.0, 30.0), "thermocouple")
    assert item == InputUncertainty("stack.temperature_C", Uniform(20.0, 30.0), "thermocouple")


def test_a_material_property_must_be_embedded_to_carry_an_uncertainty() -> None:
    document = _with_entry("materials.lco.properties.density", {"sigma": 0.1})
    assert "materials has no lco" in _refusal(document)


def test_an_uncertain_cell_field_that_holds_no_number_is_refused_by_its_own_reader() -> None:
    document = json.loads((GOLDEN / "v2.cellstack").read_text(encoding="utf-8"))
    document["version"] = 3
    document["cell"]["cathode_width_mm"] = "wide"
    document["uncertainties"] = {"cell.cathode_width_mm": {"sigma": 0.1}}
    assert "cell.cathode_width_mm = 'wide' is not allowed" in _refusal(document)
    document["cell"]["cathode_width_mm"] = 50.0
    loaded = loads_project(json.dumps(document).encode(), "ok.cellstack")
    assert loaded.uncertainties[0].path == "cell.cathode_width_mm"


_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_PATHS = st.sampled_from(
    [
        "stack.layers[1].thickness_um",
        "stack.layers[7].porosity",
        "stack.temperature_C",
        "materials.nmc811.properties.density",
        "stack.layers[2].overrides.ionic_conductivity",
        "cell.units",
        "interfaces[0].asr_ohm_cm2",
    ]
) | st.text(max_size=40)
_ENTRIES = (
    st.fixed_dictionaries({}, optional={"sigma": _JSON, "low": _JSON, "high": _JSON, "source": _JSON}) | _JSON
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_PATHS, _ENTRIES, max_size=3))
def test_any_uncertainties_object_loads_or_is_refused_in_one_line(entries: dict[str, Any]) -> None:
    document = _v3()
    document["uncertainties"] = entries
    try:
        loaded = loads_project(json.dumps(document).encode(), "any.cellstack")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert loads_project(dumps_project(loaded)) == loaded
