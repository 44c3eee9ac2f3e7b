"""A layer keeps its effective material once worked out; no copy or edit may see a stale one."""

from __future__ import annotations

import pickle
from dataclasses import replace

from cellstack.core.layer import Layer
from cellstack.core.material import Material, Properties, Role
from cellstack.core.sourced import Sourced

_LLZO = Material(
    "llzo",
    "LLZO",
    "Li7La3Zr2O12",
    (Role.ELECTROLYTE,),
    Properties(density_kg_m3=Sourced(5100.0, "lib"), ionic_conductivity_S_m=Sourced(0.05, "lib")),
)


def _conductivity(layer: Layer) -> float | None:
    sigma = layer.effective_material.properties.ionic_conductivity_S_m
    return sigma.value if sigma is not None else None


def test_an_edit_after_a_read_gives_the_edited_material() -> None:
    layer = Layer(_LLZO, 100e-6, Role.ELECTROLYTE).with_override(
        "ionic_conductivity_S_m", Sourced(0.5, "mine")
    )
    assert _conductivity(layer) == 0.5
    assert layer.effective_material is layer.effective_material  # worked out once
    edited = layer.with_override("ionic_conductivity_S_m", Sourced(0.2, "mine"), 320.0)
    assert _conductivity(edited) == 0.2
    assert edited.effective_material.properties.conductivity_temperature_K == 320.0
    assert _conductivity(edited.with_override("ionic_conductivity_S_m", None)) == 0.05
    assert _conductivity(replace(layer, material=replace(_LLZO, id="other"))) == 0.5
    assert replace(layer, material=replace(_LLZO, id="other")).effective_material.id == "other"


def test_a_read_changes_neither_equality_hash_nor_repr() -> None:
    read = Layer(_LLZO, 100e-6, Role.ELECTROLYTE).with_override("density_kg_m3", Sourced(5000.0, "mine"))
    fresh = Layer(_LLZO, 100e-6, Role.ELECTROLYTE).with_override("density_kg_m3", Sourced(5000.0, "mine"))
    before = repr(read)
    _ = read.effective_material
    assert read == fresh and hash(read) == hash(fresh) and repr(read) == before
    copy = pickle.loads(pickle.dumps(read))
    assert copy == read and copy.effective_material == read.effective_material
