"""D(θ) in material records: read, written back the same, carried inside project files."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from cellstack.core.diffusivity import DiffusivityForm
from cellstack.core.errors import InputError
from cellstack.io.library import default_library
from cellstack.io.material_records import read_material, write_material
from cellstack.io.project import dumps_project, load_project, loads_project
from cellstack.io.resources import examples_dir


def _record(curve: dict[str, Any]) -> dict[str, Any]:
    return {"id": "nco", "name": "NCO", "roles": ["cathode"], "diffusivity_curve": curve}


GAUSSIAN = {
    "form": "gaussian",
    "unit": "cm2/s",
    "source": "ecker2015",
    "a": 3.7e-9,
    "b": -3.4e-9,
    "c": 12,
    "d": 0.62,
}
TABLE = {
    "form": "table",
    "unit": "cm2/s",
    "source": "x",
    "theta": [0.1, 0.5, 0.9],
    "value": [1e-10, 1e-9, 1e-11],
}
EXPONENTIAL = {
    "form": "exponential",
    "unit": "cm2/s",
    "source": "ecker2015",
    "a": 8.4e-9,
    "b": -11.3,
    "c": 8.2e-11,
}


@pytest.mark.parametrize("curve", [GAUSSIAN, TABLE, EXPONENTIAL])
def test_a_diffusivity_curve_round_trips(curve: dict[str, Any]) -> None:
    material = read_material(_record(curve))
    assert material.diffusivity_curve is not None
    written = write_material(material)
    assert written["diffusivity_curve"] == {**curve, "c": float(curve["c"])} if "c" in curve else curve
    assert read_material(written) == material


def test_the_expressions_give_the_published_values() -> None:
    gaussian = read_material(_record(GAUSSIAN)).diffusivity_curve
    assert gaussian is not None and gaussian.form is DiffusivityForm.GAUSSIAN
    theta = np.array([0.2, 0.62, 0.9])
    expected = 3.7e-13 - 3.4e-13 * np.exp(-12.0 * (theta - 0.62) ** 2)  # m²/s
    assert np.allclose(gaussian(theta), expected, rtol=1e-12)
    table = read_material(_record(TABLE)).diffusivity_curve
    assert table is not None
    # Linear in log D between points: halfway from 1e-14 to 1e-13 m²/s is their geometric mean.
    assert table(np.array([0.3]))[0] == pytest.approx(np.sqrt(1e-14 * 1e-13), rel=1e-12)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"form": "polynomial"}, "form"),
        ({"unit": "m2/s"}, "unit"),
        ({"b": "exp(x)"}, "b"),
        ({"a": -1.0, "b": 0.0}, "form"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_curves_are_refused_naming_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        read_material(_record({**GAUSSIAN, **change}))
    assert field in caught.value.one_line()
    assert "\n" not in caught.value.one_line()


def test_a_table_needs_rising_theta_and_positive_values() -> None:
    with pytest.raises(InputError, match="rising"):
        read_material(_record({**TABLE, "theta": [0.5, 0.1, 0.9]}))
    with pytest.raises(InputError, match="value"):
        read_material(_record({**TABLE, "value": [1e-10, 0.0, 1e-11]}))


def test_project_files_carry_the_curve_by_value() -> None:
    library = default_library()
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library)
    stack = project.stack
    index = next(i for i, layer in enumerate(stack.layers) if layer.role.value == "cathode")
    curve = read_material(_record(GAUSSIAN)).diffusivity_curve
    layers = list(stack.layers)
    layers[index] = replace(layers[index], material=replace(layers[index].material, diffusivity_curve=curve))
    changed = replace(project, stack=replace(stack, layers=tuple(layers)))
    loaded = loads_project(dumps_project(changed), library=library)
    assert loaded.stack.layers[index].material.diffusivity_curve == curve
