"""What the discharge remembers between edits gives what a fresh computation gives."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cellstack.core.discharge.memo import structure
from cellstack.core.discharge.parameters import build_cell
from cellstack.core.metrics import compute_metrics
from cellstack.core.metrics.resistance import asr_ledger
from cellstack.core.metrics.structure import analyse
from cellstack.core.stack import Stack
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
EXAMPLES = [load_project(p, LIBRARY).stack for p in sorted(examples_dir().glob("*.cellstack"))]
# By name, not by position: a new example would shift the sorted list under the test.
FIXTURE_EXAMPLE = load_project(examples_dir() / "fixture_nmc811_argyrodite_li.cellstack", LIBRARY).stack


def _edited(stack: Stack, factors: list[float], temperature_K: float) -> Stack:
    layers = tuple(
        replace(layer, thickness_m=layer.thickness_m * f)
        for layer, f in zip(stack.layers, factors, strict=False)
    )
    return replace(stack, layers=layers + stack.layers[len(layers) :], temperature_K=temperature_K)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(range(len(EXAMPLES))),
    st.lists(st.floats(0.05, 20.0), min_size=8, max_size=8),
    st.sampled_from([253.15, 298.15, 333.15]),
)
def test_a_remembered_structure_is_the_fresh_one(
    index: int, factors: list[float], temperature_K: float
) -> None:
    base = EXAMPLES[index]
    structure(base, LIBRARY.interfaces)  # remember the unedited stack first
    stack = _edited(base, factors, temperature_K)
    remembered = structure(stack, LIBRARY.interfaces)
    sides, _ = analyse(stack)
    fresh, _ = asr_ledger(stack, sides, LIBRARY.interfaces)
    assert remembered.sides == sides
    assert [e.name for e in remembered.ledger] == [e.name for e in fresh]
    assert [e.ohm_m2 for e in remembered.ledger] == pytest.approx([e.ohm_m2 for e in fresh], rel=1e-12)
    cell = build_cell(stack, LIBRARY.interfaces)
    metrics = compute_metrics(stack, LIBRARY.interfaces)
    assert metrics.capacity_C is not None
    assert cell.capacity_C_m2 * cell.area_m2 == pytest.approx(metrics.capacity_C, rel=1e-12)


def test_a_new_material_is_not_mistaken_for_the_old_one() -> None:
    stack = FIXTURE_EXAMPLE
    cathode = stack.indices_with_role(stack.layers[3].role)[0]
    before = structure(stack, LIBRARY.interfaces)
    other = LIBRARY.materials["lco_film_pld_104_epitaxial"]
    changed = stack.replacing(cathode, replace(stack.layers[cathode], material=other))
    after = structure(changed, LIBRARY.interfaces)
    sides, _ = analyse(changed)
    fresh, _ = asr_ledger(changed, sides, LIBRARY.interfaces)
    assert [e.name for e in after.ledger] == [e.name for e in fresh]
    assert [e.name for e in after.ledger] != [e.name for e in before.ledger]
