"""The cells every window test runs: each shipped example, and a half cell of each cathode record
with a published OCP curve."""

from __future__ import annotations

from functools import cache

from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.ocp import get_curve
from cellstack.core.stack import Stack
from cellstack.io.library import Library, default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from tests.core.materials import CU, LI, LIPON, PT

FILM_M = 0.3e-6


@cache
def library() -> Library:
    return default_library()


def example_stacks() -> list[tuple[str, Stack]]:
    shipped = library()
    return [(p.name, load_project(p, shipped).stack) for p in sorted(examples_dir().glob("*.cellstack"))]


def cathodes_with_curves() -> list[Material]:
    materials = library().materials.values()
    return sorted(
        (m for m in materials if Role.CATHODE in m.roles and get_curve(m.ocp) is not None),
        key=lambda m: m.id,
    )


def half_cell(cathode: Material) -> Stack:
    """A 0.3 µm film of ``cathode`` against lithium, without interfaces: nothing but the window and
    a little solid diffusion (below 0.2 % even in LiFePO4's 5.9e-18 m²/s) stands between a slow
    run and its rated capacity."""
    return Stack(
        layers=(
            Layer(PT, 0.3e-6, Role.CURRENT_COLLECTOR),
            Layer(cathode, FILM_M, Role.CATHODE),
            Layer(LIPON, 1e-6, Role.ELECTROLYTE),
            Layer(LI, 20e-6, Role.ANODE),
            Layer(CU, 0.5e-6, Role.CURRENT_COLLECTOR),
        )
    )


def every_cell() -> list[tuple[str, Stack, InterfaceTable]]:
    """(id, stack, interfaces): the examples with the library's interfaces, the half cells without."""
    examples = [(name, stack, library().interfaces) for name, stack in example_stacks()]
    halves = [(m.id, half_cell(m), InterfaceTable()) for m in cathodes_with_curves()]
    return examples + halves
