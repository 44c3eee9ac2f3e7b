"""Starting points for File ▸ New: empty bulk and thin-film stacks, and the shipped examples."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cellstack.core import units as u
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Role
from cellstack.core.stack import Stack, StackKind
from cellstack.io.library import Library
from cellstack.io.project import Project, load_project
from cellstack.io.resources import examples_dir

DEFAULT_EXAMPLE = "thin_film_licoo2_lipon_li.cellstack"


@dataclass(frozen=True)
class Template:
    title: str
    example: Path | None  # None for a built-in minimal stack
    kind: StackKind = StackKind.SSB


def templates() -> list[Template]:
    items = [
        Template("Bulk SSB (Al | NMC811 | Li6PS5Cl | Li | Cu)", None, StackKind.SSB),
        Template(
            "Thin-film SSTFB (alumina | Pt | LiCoO2 film | LiPON | Li | Cu | parylene)", None, StackKind.SSTFB
        ),
    ]
    for path in sorted(examples_dir().glob("*.cellstack")):
        items.append(Template(f"Example: {path.stem.replace('_', ' ')}", path))
    return items


def _minimal(library: Library, kind: StackKind) -> Stack:
    thin = kind is StackKind.SSTFB
    specs = (
        [
            # A thin-film cell is deposited on a substrate and sealed: both weigh in the full-stack
            # numbers. The cathode is the sputtered film's record, not the bulk powder's.
            ("alumina_96", Role.SUBSTRATE, 100.0),
            ("pt", Role.CURRENT_COLLECTOR, 0.3),
            ("lco_film_rf_100", Role.CATHODE, 5.0),
            ("lipon", Role.ELECTROLYTE, 1.5),
            ("li_metal", Role.ANODE, 3.0),
            ("cu", Role.CURRENT_COLLECTOR, 0.5),
            ("parylene_c", Role.ENCAPSULATION, 10.0),
        ]
        if thin
        else [
            ("al", Role.CURRENT_COLLECTOR, 12.0),
            ("nmc811", Role.CATHODE, 60.0),
            ("li6ps5cl", Role.ELECTROLYTE, 30.0),
            ("li_metal", Role.ANODE, 30.0),
            ("cu", Role.CURRENT_COLLECTOR, 10.0),
        ]
    )
    layers = [Layer(library.material(m), t * u.UM, role) for m, role, t in specs]
    if not thin:
        # A bulk cathode is a composite: particles in the solid electrolyte (typical 60/35 vol%).
        composite = Composite(library.material("li6ps5cl"), 0.60, 0.35)
        layers[1] = Layer(layers[1].material, layers[1].thickness_m, Role.CATHODE, composite=composite)
    return Stack(tuple(layers), kind)


def project_from(template: Template, library: Library) -> Project:
    if template.example is not None:
        project = load_project(template.example, library)
        return project
    return Project(_minimal(library, template.kind), name="Untitled")


def default_example() -> Path:
    return examples_dir() / DEFAULT_EXAMPLE
